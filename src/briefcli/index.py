"""Lookup tables over a loaded brief, so that no query scans or decodes more than it must.

A brief is indexed once, when it is first loaded, into a `StoredBrief`: every record encoded
on its own (MessagePack), with its section's ids, what points at each record (positions, not
copies), the folded names, the chronological order of events and a word index for search. The
cache writes that as it is; a later run maps the cache file and decodes only the sections,
links and records its question touches. A lookup in a brief of 100,000 events decodes a few
hundred records, not all of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import accumulate, chain, repeat
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec

from briefcli import dates
from briefcli.model import (
    Actor,
    Brief,
    Claim,
    Event,
    Meta,
    Note,
    Place,
    Relation,
    Source,
)
from briefcli.names import NameIndex, NameTables, fold_text, name_tables
from briefcli.packed import (
    CorruptStore,
    Items,
    Packed,
    decode,
    pack,
    uint64_array,
    uint64s,
)

if TYPE_CHECKING:
    from briefcli import textindex

Record = TypeVar("Record", Actor, Source, Place, Relation, Event, Claim, Note)


class Section(msgspec.Struct, frozen=True, array_like=True):
    """One section: its records each encoded alone, and its ids in brief and sorted order."""

    ids: memoryview  # a MessagePack list[str], in brief order
    records: Packed
    sorted_ids: Packed  # UTF-8 ids in byte order, for a binary search
    sorted_positions: memoryview  # an array of uint64: the position of each sorted id


# Sections that links can point at, in the order a lookup by id tries them.
LINKED_SECTIONS = ("actors", "relations", "events", "claims", "sources", "places", "notes")


# A section gets a link list per record when at least one record in this many is pointed at.
_SPARSE = 16


class LinkParts(msgspec.Struct, frozen=True, array_like=True):
    """One kind of link: a list per record for sections that are often pointed at, and a
    (small) dict for the other ids pointed at, including ids in no section (key judgments)."""

    sections: dict[str, Packed]  # item i: a MessagePack list[int] for record i of the section
    elsewhere: dict[str, list[int]]


class Links(msgspec.Struct, frozen=True, array_like=True):
    """What points at each record."""

    relations_of: LinkParts  # relations whose subject or object is the actor
    events_of: LinkParts  # events the actor took part in
    claims_about: LinkParts  # claims naming the record, or cited by it
    notes_about: LinkParts
    claims_from: LinkParts  # claims whose direct source is this source


class StoredBrief(msgspec.Struct, frozen=True, array_like=True):
    """A brief with its lookup tables, as the cache stores it."""

    format: str
    meta: memoryview
    sources: Section
    actors: Section
    places: Section
    relations: Section
    events: Section
    claims: Section
    notes: Section
    links: Links
    names: NameTables
    timeline: memoryview  # an array of uint64: event positions in timeline order
    timeline_rank: memoryview  # an array of uint64: each event's place in timeline order
    event_days: memoryview  # [firsts, lasts]: each event's possible days as ordinals (0: unknown)
    relation_ends: memoryview  # [subjects, objects]: each relation's two actor ids
    # An array of uint64, one per searched record (numbered as for `words`): its place in its
    # section ordered by label, then by position (see label_ranks).
    label_ranks: memoryview
    words: memoryview  # briefcli.textindex over the searched fields (_folded_search_texts)


class Table(Mapping[str, Record], Generic[Record]):
    """A section's records by id, in brief order, decoded on first access."""

    def __init__(
        self, section: Section, kind: type[Record], records: Sequence[Record] | None = None
    ) -> None:
        self._section = section
        self._kind: type[Record] = kind
        self._records: list[Record | None] | None = list(records) if records is not None else None
        self._found: dict[str, int | None] = {}  # ids already looked up

    @cached_property
    def ids(self) -> list[str]:
        """Every id, in brief order."""
        ids = decode(self._section.ids, list[str])
        if len(ids) != len(self._encoded):
            raise CorruptStore("ids and records do not match")
        return ids

    @cached_property
    def _encoded(self) -> Items:
        return Items(self._section.records)

    @cached_property
    def _sorted_ids(self) -> Items:
        return Items(self._section.sorted_ids)

    @cached_property
    def _sorted_positions(self) -> memoryview:
        return uint64_array(self._section.sorted_positions)

    @cached_property
    def _decoder(self) -> msgspec.msgpack.Decoder[Record]:
        return msgspec.msgpack.Decoder(self._kind)

    def at(self, position: int) -> Record:
        """The record at a position in its section."""
        if self._records is None:
            self._records = [None] * len(self._encoded)
        if not 0 <= position < len(self._records):
            raise CorruptStore(f"no record at position {position}")
        record = self._records[position]
        if record is None:
            try:
                record = self._decoder.decode(self._encoded[position])
            except msgspec.DecodeError as error:
                raise CorruptStore(str(error)) from None
            self._records[position] = record
        return record

    def position(self, record_id: str) -> int | None:
        """The position of a record, by binary search over the sorted ids (nothing decoded)."""
        if record_id in self._found:
            return self._found[record_id]
        found = self._found[record_id] = self._search(record_id)
        return found

    def _search(self, record_id: str) -> int | None:
        key = record_id.encode("utf-8", "surrogatepass")
        ids = self._sorted_ids
        low, high = 0, len(ids)
        while low < high:
            middle = (low + high) // 2
            if bytes(ids[middle]) < key:
                low = middle + 1
            else:
                high = middle
        if low == len(ids) or bytes(ids[low]) != key:
            return None
        if low >= len(self._sorted_positions):
            raise CorruptStore("sorted ids without positions")
        return int(self._sorted_positions[low])

    def __getitem__(self, record_id: str) -> Record:
        position = self.position(record_id)
        if position is None:
            raise KeyError(record_id)
        record = self.at(position)
        if record.id != record_id:
            raise CorruptStore(f"{record_id!r} leads to the record of {record.id!r}")
        return record

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self.position(record_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self._encoded)

    def all(self) -> list[Record]:
        """Every record, in brief order."""
        return [self.at(position) for position in range(len(self))]


class LinkMap(Mapping[str, list[Record]], Generic[Record]):
    """For an id, the records of one table that point at it (ids nothing points at are not
    keys). Only the list asked for is decoded."""

    def __init__(
        self, parts: LinkParts, targets: dict[str, Table[Any]], pointing: Table[Record]
    ) -> None:
        self._parts = [
            (targets[name], parts.sections[name])
            for name in LINKED_SECTIONS
            if name in parts.sections
        ]
        self._elsewhere = parts.elsewhere
        self._pointing: Table[Record] = pointing
        self._items: dict[int, Items] = {}

    def _list(self, part: int, position: int) -> list[int]:
        items = self._items.get(part)
        if items is None:
            items = self._items[part] = Items(self._parts[part][1])
        positions = decode(items[position], list[int])
        if positions and not 0 <= min(positions) <= max(positions) < len(self._pointing):
            raise CorruptStore("a link to a record that is not there")
        return positions

    def positions(self, record_id: str) -> list[int]:
        """Positions (in the pointing table) of the records pointing at `record_id`."""
        for part, (table, _) in enumerate(self._parts):
            position = table.position(record_id)
            if position is not None:
                return self._list(part, position)
        return self._elsewhere.get(record_id, [])

    def __getitem__(self, record_id: str) -> list[Record]:
        records = [self._pointing.at(position) for position in self.positions(record_id)]
        if not records:
            raise KeyError(record_id)
        return records

    def __iter__(self) -> Iterator[str]:
        for part, (table, _) in enumerate(self._parts):
            for position, record_id in enumerate(table.ids):
                if self._list(part, position):
                    yield record_id
        yield from self._elsewhere

    def __len__(self) -> int:
        return sum(1 for _ in self)


class BriefIndex:
    """Records by id, what points at each record, names, and the timeline order."""

    def __init__(self, stored: StoredBrief, brief: Brief | None = None) -> None:
        self.stored = stored
        self._brief = brief
        # Answers the query layer derives from the whole brief once, e.g. every actor's blocs.
        self.memo: dict[str, Any] = {}
        self._chains: dict[str, tuple[Source, ...]] = {}

        def given(section: str) -> Any:
            """The section's records, when the brief is in memory."""
            return getattr(brief, section) if brief else None

        self.sources: Table[Source] = Table(stored.sources, Source, given("sources"))
        self.actors: Table[Actor] = Table(stored.actors, Actor, given("actors"))
        self.places: Table[Place] = Table(stored.places, Place, given("places"))
        self.relations: Table[Relation] = Table(stored.relations, Relation, given("relations"))
        self.events: Table[Event] = Table(stored.events, Event, given("events"))
        self.claims: Table[Claim] = Table(stored.claims, Claim, given("claims"))
        self.notes: Table[Note] = Table(stored.notes, Note, given("notes"))
        links = stored.links
        targets: dict[str, Table[Any]] = {name: getattr(self, name) for name in LINKED_SECTIONS}
        self.relations_of = LinkMap(links.relations_of, targets, self.relations)
        self.events_of = LinkMap(links.events_of, targets, self.events)
        self.claims_about = LinkMap(links.claims_about, targets, self.claims)
        self.notes_about = LinkMap(links.notes_about, targets, self.notes)
        self.claims_from = LinkMap(links.claims_from, targets, self.claims)

    @classmethod
    def of(cls, brief: Brief) -> BriefIndex:
        """Index a brief that is already in memory (its records are used, not decoded)."""
        return cls(store(brief), brief)

    @cached_property
    def meta(self) -> Meta:
        if self._brief is not None:
            return self._brief.meta
        return decode(self.stored.meta, Meta)

    @property
    def brief(self) -> Brief:
        """The whole brief, for commands that use all of it (exports, briefing, diff)."""
        if self._brief is None:
            self._brief = Brief(
                meta=self.meta,
                format=self.stored.format,
                sources=self.sources.all(),
                actors=self.actors.all(),
                places=self.places.all(),
                relations=self.relations.all(),
                events=self.events.all(),
                claims=self.claims.all(),
                notes=self.notes.all(),
            )
        return self._brief

    @cached_property
    def names(self) -> NameIndex:
        """Folded names and aliases, for resolving what the user typed."""
        return NameIndex(self.stored.names, self.actors)

    @cached_property
    def chronological(self) -> Sequence[int]:
        """Positions of the events in timeline order."""
        return self._one_per_event(self.stored.timeline)

    @cached_property
    def timeline_rank(self) -> Sequence[int]:
        """For each event position, its place in timeline order."""
        return self._one_per_event(self.stored.timeline_rank)

    def _one_per_event(self, data: memoryview) -> Sequence[int]:
        """An array of event positions or places, checked against the events it describes."""
        values = uint64_array(data)
        if len(values) != len(self.events) or (len(values) and max(values) >= len(values)):
            raise CorruptStore("an array of event positions does not match the events")
        return values

    @cached_property
    def event_days(self) -> tuple[list[int], list[int]]:
        """Each event's first and last possible day (date ordinals; 0 when unknown)."""
        firsts, lasts = decode(self.stored.event_days, tuple[list[int], list[int]])
        if not len(firsts) == len(lasts) == len(self.events):
            raise CorruptStore("event days do not match the events")
        return firsts, lasts

    @cached_property
    def relation_ends(self) -> tuple[list[str], list[str]]:
        """Each relation's subject and object, without decoding the relations."""
        subjects, objects = decode(self.stored.relation_ends, tuple[list[str], list[str]])
        if not len(subjects) == len(objects) == len(self.relations):
            raise CorruptStore("relation ends do not match the relations")
        return subjects, objects

    def search_candidates(self, folded_query: str) -> SearchCandidates:
        """The searched fields the word index says may match the query."""
        from briefcli import textindex

        return SearchCandidates(
            textindex.candidates(self.stored.words, folded_query), self._searched_ends
        )

    @cached_property
    def _searched_ends(self) -> list[int]:
        """The number after the last searched record of each of SEARCHED_SECTIONS."""
        return list(accumulate(len(getattr(self, section)) for section in SEARCHED_SECTIONS))

    @cached_property
    def _label_ranks(self) -> memoryview:
        ranks = uint64_array(self.stored.label_ranks)
        if len(ranks) != self._searched_ends[-1]:
            raise CorruptStore("label ranks do not match the searched records")
        return ranks

    def label_ranks(self, section: str) -> memoryview:
        """For each record of a searched section, its place in the section ordered by label
        (then by position): the order of search hits with equal scores."""
        first, end = searched_span(self._searched_ends, section)
        return self._label_ranks[first:end]

    def searched_fields(
        self, section: str, position: int, place: int
    ) -> tuple[Any, str, list[tuple[str, str]]]:
        """The record at a position of a searched section, its label (name, title, statement
        or text) and its (field, text) at a place; the last place stands for itself and every
        later field."""
        record = getattr(self, section).at(position)
        fields = search_fields(section, record)
        if place >= len(fields):
            raise CorruptStore(f"no field {place} in {record.id!r}")
        last = len(fields) if place == LAST_SEARCHED_FIELD else place + 1
        return record, fields[0][1], fields[place:last]

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def source_chain(self, source_id: str) -> tuple[Source, ...]:
        """The source, then each source it came through, outermost last (stops on loops)."""
        known = self._chains.get(source_id)
        if known is not None:
            return known
        chain: list[Source] = []
        seen: set[str] = set()
        current: str | None = source_id
        while current is not None and current in self.sources and current not in seen:
            seen.add(current)
            chain.append(self.sources[current])
            current = self.sources[current].via
        known = self._chains[source_id] = tuple(chain)
        return known

    def name_of(self, record_id: str) -> str:
        """A human label for any id in the brief."""
        named: tuple[Mapping[str, Actor | Place | Source], ...] = (
            self.actors,
            self.places,
            self.sources,
        )
        for table in named:
            record = table.get(record_id)
            if record is not None:
                return record.name
        event = self.events.get(record_id)
        if event is not None:
            return event.title
        claim = self.claims.get(record_id)
        if claim is not None:
            return claim.statement
        relation = self.relations.get(record_id)
        if relation is not None:
            subject, obj = self.actor_name(relation.subject), self.actor_name(relation.object)
            return f"{subject} {relation.type.replace('_', ' ')} {obj}"
        return record_id


class SearchCandidates:
    """The searched fields that may match a query (see search_fields), a section at a time:
    a field's text is decoded only when its section is asked for."""

    def __init__(self, found: textindex.Candidates, searched_ends: list[int]) -> None:
        # A group per searched section, and one for keys beyond them, which has no text.
        if found.group_count != len(searched_ends) + 1 or found.in_group(len(searched_ends))[0]:
            raise CorruptStore("the word index does not match the searched sections")
        self._found = found
        self._searched_ends = searched_ends
        # Whether any field can have the query as a whole word (or words): each word is in one.
        self.every_word = found.every_word

    def in_section(self, section: str) -> SectionCandidates:
        """The section's candidate fields, shortest first."""
        first, end = searched_span(self._searched_ends, section)
        keys, texts = self._found.in_group(SEARCHED_SECTIONS.index(section))
        return SectionCandidates(texts, keys, first, end)


class SectionCandidates:
    """A section's candidate fields: their folded texts, and where each is."""

    def __init__(self, texts: list[str], keys: list[int], first: int, end: int) -> None:
        self.texts = texts
        self._keys = keys
        self._first = first
        self._end = end

    def standing_for_many(self) -> list[int]:
        """The numbers of the candidates that stand for many fields of one record (those
        beyond LAST_SEARCHED_FIELD), whose score says little about each field's."""
        return [
            number
            for number, key in enumerate(self._keys)
            if key & LAST_SEARCHED_FIELD == LAST_SEARCHED_FIELD
        ]

    def place(self, number: int) -> tuple[int, int]:
        """The record position in the section and the field place of candidate `number`."""
        key = self._keys[number]
        record = key >> _FIELD_BITS
        if not self._first <= record < self._end:
            raise CorruptStore(f"the word index puts record {record} in the wrong section")
        return record - self._first, key & LAST_SEARCHED_FIELD


# ---------------------------------------------------------------- building the tables


def store(brief: Brief) -> StoredBrief:
    """Encode a brief and compute its lookup tables (once, when the brief is first loaded)."""
    parts: list[Any] = list(stored_parts(brief))
    return StoredBrief(*parts)


def stored_parts(brief: Brief) -> Iterator[object]:
    """The fields of the brief's StoredBrief, in order, each computed only when asked for: the
    cache writes each and lets it go before the next is made (see cache.py)."""
    from briefcli import textindex

    encoder = msgspec.msgpack.Encoder()

    def packed(value: object) -> memoryview:
        return memoryview(encoder.encode(value))

    ids_of = {name: [record.id for record in getattr(brief, name)] for name in LINKED_SECTIONS}
    id_sets = {name: set(ids) for name, ids in ids_of.items()}

    def linked(pointing: dict[str, list[int]]) -> LinkParts:
        """A list per record for the sections whose records are often pointed at; the few ids
        pointed at in other sections (or in none) go in the small `elsewhere` dict."""
        parts = {}
        elsewhere = set(pointing)
        for name, ids in ids_of.items():
            # Counted in C over the smaller side (100k events: 0.25 -> 0.07 s for all links).
            if len(pointing) < len(ids):
                hits = len(id_sets[name].intersection(pointing))
            else:
                hits = sum(map(pointing.__contains__, ids))
            if hits and hits * _SPARSE >= len(ids):
                parts[name] = pack(map(encoder.encode, map(pointing.get, ids, repeat(()))))
                elsewhere -= id_sets[name]
        if not elsewhere:
            return LinkParts(parts, {})
        # The rest in the order first pointed at (a STIX note lists its objects in that order).
        return LinkParts(parts, {key: pointing[key] for key in pointing if key in elsewhere})

    yield brief.format
    yield packed(brief.meta)
    for section in ("sources", "actors", "places", "relations", "events", "claims", "notes"):
        yield _section(encoder, getattr(brief, section))
    yield Links(
        relations_of=linked(_pointing_at((r.subject, r.object) for r in brief.relations)),
        events_of=linked(
            _pointing_at((p.actor for p in event.participants) for event in brief.events)
        ),
        claims_about=linked(_claims_about(brief)),
        notes_about=linked(_pointing_at(note.concerns for note in brief.notes)),
        claims_from=linked(_pointing_at((claim.source,) for claim in brief.claims)),
    )
    yield name_tables(brief.actors)
    days = _event_days(brief.events)
    order = chronological_order(brief.events, days)
    yield uint64s(order)
    yield uint64s(_places_in(order))
    yield packed(days)
    yield packed([[r.subject for r in brief.relations], [r.object for r in brief.relations]])
    yield uint64s(_label_ranks(brief))
    # A group of the word index per section, so that a search reads one section at a time.
    section_ends = accumulate(len(getattr(brief, section)) for section in SEARCHED_SECTIONS)
    yield memoryview(
        textindex.build(_folded_search_texts(brief), [end << _FIELD_BITS for end in section_ends])
    )


def _section(encoder: msgspec.msgpack.Encoder, records: Sequence[Any]) -> Section:
    ids = [record.id for record in records]
    keys = [record_id.encode("utf-8", "surrogatepass") for record_id in ids]
    by_key = sorted(range(len(ids)), key=keys.__getitem__)
    return Section(
        ids=memoryview(encoder.encode(ids)),
        records=pack(encoder.encode(record) for record in records),
        sorted_ids=pack(keys[p] for p in by_key),
        sorted_positions=uint64s(by_key),
    )


def _pointing_at(targets_per_record: Iterable[Iterable[str]]) -> dict[str, list[int]]:
    """For each target, the positions of the records (in the order given) that name it."""
    links: defaultdict[str, list[int]] = defaultdict(list)
    for position, targets in enumerate(targets_per_record):
        for target in targets:
            pointing = links[target]
            if not pointing or pointing[-1] != position:  # a record naming a target twice
                pointing.append(position)
    return links


def _claims_about(brief: Brief) -> dict[str, list[int]]:
    """Claims about a record: those naming it, then those it cites itself."""
    about = _pointing_at(
        chain(claim.actors, claim.events, claim.relations) for claim in brief.claims
    )
    position_of = {claim.id: position for position, claim in enumerate(brief.claims)}.get
    citing: Iterable[Relation | Event] = chain(brief.relations, brief.events)
    for record in citing:
        if not record.claims:
            continue
        cited = [position for position in map(position_of, record.claims) if position is not None]
        if cited:
            naming = about.get(record.id)
            about[record.id] = list(dict.fromkeys(naming + cited if naming else cited))
    return about


def _event_days(events: Sequence[Event]) -> list[list[int]]:
    """[firsts, lasts]: each event's first and last possible day as a date ordinal (0: unknown)."""
    spans = [dates.day_range(event.date) for event in events]
    return [
        [span.start.toordinal() if span else 0 for span in spans],
        [span.end.toordinal() if span else 0 for span in spans],
    ]


def chronological_order(events: Sequence[Event], days: list[list[int]] | None = None) -> list[int]:
    """Event positions by date (unknown dates last); among events with the same dates, one
    follows those it lists in `after`. `days`: _event_days(events), if already computed."""
    firsts, lasts = days if days is not None else _event_days(events)
    unknown = dt.date.max.toordinal()  # as dates.sort_key: with 9999-12-31
    # The first and last day in one int (ordinals are below 2**22): faster to sort than tuples.
    keys = [
        (first or unknown) << 22 | (last or unknown)
        for first, last in zip(firsts, lasts, strict=True)
    ]
    ids = [event.id for event in events]
    id_order = sorted(range(len(events)), key=ids.__getitem__)
    ordered = sorted(id_order, key=keys.__getitem__)  # stable: events with the same days by id
    # The events each one follows that have its dates (the only `after` links that order).
    earlier_of: dict[int, list[int]] = {}
    by_id: dict[str, int] | None = None
    for position, event in enumerate(events):
        if event.after:
            if by_id is None:
                by_id = {events[p].id: p for p in ordered}
            same_dates = [
                earlier
                for earlier in map(by_id.get, event.after)
                if earlier is not None and keys[earlier] == keys[position]
            ]
            if same_dates:
                earlier_of[position] = same_dates
    if not earlier_of:
        return ordered
    result: list[int] = []
    placed = bytearray(len(events))
    for position in ordered:
        if placed[position]:
            continue
        # Depth-first over `after` links with an explicit stack (no recursion limit).
        stack: list[tuple[int, bool]] = [(position, False)]
        while stack:
            current, expanded = stack.pop()
            if expanded:
                result.append(current)
                continue
            if placed[current]:
                continue
            placed[current] = 1
            stack.append((current, True))
            for earlier in reversed(earlier_of.get(current, ())):
                if not placed[earlier]:
                    stack.append((earlier, False))
    return result


# ---------------------------------------------------------------- search


# Sections that search looks into, in the order their records are numbered for the word index.
SEARCHED_SECTIONS = ("actors", "events", "claims", "notes", "sources", "places")


def searched_span(searched_ends: list[int], section: str) -> tuple[int, int]:
    """The numbers of a searched section's first record and of the one after its last, given
    the number after each section's last (BriefIndex._searched_ends)."""
    at = SEARCHED_SECTIONS.index(section)
    return (searched_ends[at - 1] if at else 0), searched_ends[at]


def search_fields(section: str, record: Any) -> list[tuple[str, str]]:
    """The (field, text) pairs of a record that search matches against; the first is its
    label (LABEL_FIELDS)."""
    if section == "actors":
        description = [("description", record.description)] if record.description else []
        return [("name", record.name), *_aliases(record), *description]
    if section == "places":
        return [("name", record.name), *_aliases(record)]
    if section == "events":
        summary = [("summary", record.summary)] if record.summary else []
        return [("title", record.title), *summary]
    if section == "claims":
        return [("statement", record.statement), ("excerpt", record.excerpt)]
    if section == "notes":
        return [("text", record.text)]
    return [("name", record.name)]


# The field that labels a record of each searched section: the first of its search_fields.
LABEL_FIELDS = {
    "actors": "name",
    "events": "title",
    "claims": "statement",
    "notes": "text",
    "sources": "name",
    "places": "name",
}


def _label_ranks(brief: Brief) -> Iterator[int]:
    """Each searched record's place among its section's records ordered by label, then by
    position: search orders hits of equal score by label without decoding their records."""
    for section in SEARCHED_SECTIONS:
        labels = [getattr(record, LABEL_FIELDS[section]) for record in getattr(brief, section)]
        yield from _places_in(sorted(range(len(labels)), key=labels.__getitem__))


def _places_in(order: list[int]) -> list[int]:
    """For each position, its place in `order` (an ordering of all the positions)."""
    places = [0] * len(order)
    for place, position in enumerate(order):
        places[position] = place
    return places


def _aliases(record: Actor | Place) -> list[tuple[str, str]]:
    return [("alias", alias.name) for alias in record.aliases]


# Word-index keys: a record's number (see SEARCHED_SECTIONS) and a field's place in it.
_FIELD_BITS = 12
LAST_SEARCHED_FIELD = (1 << _FIELD_BITS) - 1


def _folded_search_texts(brief: Brief) -> Iterator[tuple[int, str]]:
    """Each searched field, folded, keyed by its record's number and its place in the record
    (fields beyond the last place share it)."""
    number = 0
    for section in SEARCHED_SECTIONS:
        for record in getattr(brief, section):
            texts = [fold_text(text) for _, text in search_fields(section, record)]
            if len(texts) > LAST_SEARCHED_FIELD:
                texts[LAST_SEARCHED_FIELD:] = [" ".join(texts[LAST_SEARCHED_FIELD:])]
            for field, text in enumerate(texts):
                yield number << _FIELD_BITS | field, text
            number += 1
