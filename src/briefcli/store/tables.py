"""Runtime lookup tables over a stored brief: records by id, decoded on first access, and what
points at each record, so that no query scans or decodes more than it must.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec

from briefcli.brief.model import (
    Actor,
    Brief,
    Claim,
    Event,
    Meta,
    Note,
    Place,
    Relation,
    Source,
    Vocabulary,
)
from briefcli.brief.vocabulary import Words
from briefcli.search.fields import (
    LAST_SEARCHED_FIELD,
    META_SECTIONS,
    SEARCHED_SECTIONS,
    SearchCandidates,
    relation_label,
    search_fields,
    searched_records,
    searched_span,
)
from briefcli.search.names import NameIndex
from briefcli.store.packed import CorruptStore, Items, decode, uint64_array
from briefcli.store.stored import LINKED_SECTIONS, LinkParts, Section, StoredBrief, store

if TYPE_CHECKING:
    from briefcli.brief.order import Links


# The most routes from one source that are listed (a brief whose sources each came through two
# others has 2**depth of them); origins and upstream sources are found without listing them.
MAX_ROUTES = 16


Record = TypeVar("Record", Actor, Source, Place, Relation, Event, Claim, Note)


# Binary searches a table answers before it maps every id to its position instead.
SEARCHES_BEFORE_MAP = 256


class Table(Mapping[str, Record], Generic[Record]):
    """A section's records by id, in brief order, decoded on first access."""

    def __init__(
        self, section: Section, kind: type[Record], records: Sequence[Record] | None = None
    ) -> None:
        self._section = section
        self._kind: type[Record] = kind
        self._records: list[Record | None] | None = list(records) if records is not None else None
        self._found: dict[str, int | None] = {}  # ids already looked up
        self._by_id: dict[str, int] | None = None  # every id, once many were looked up

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
        """The position of a record: by binary search over the sorted ids (nothing decoded)
        for the first lookups, which is all a lookup of one record needs; past
        SEARCHES_BEFORE_MAP of them (a listing naming every record's references), from a map
        of every id, which costs one pass over the ids and answers each in constant time."""
        if self._by_id is not None:
            return self._by_id.get(record_id)
        if record_id in self._found:
            return self._found[record_id]
        if len(self._found) >= SEARCHES_BEFORE_MAP:
            self._by_id = {known: number for number, known in enumerate(self.ids)}
            return self._by_id.get(record_id)
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
        # The day answers speak for when it is not the brief's own as_of (--as-of).
        self.as_of: dt.date | None = None
        self._upstream: dict[str, tuple[Source, ...]] = {}
        self._origins: dict[str, tuple[Source, ...]] = {}
        self._routes: dict[str, list[tuple[Source, ...]]] = {}

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
    def of(cls, brief: Brief, event_links: Links | None = None) -> BriefIndex:
        """Index a brief that is already in memory (its records are used, not decoded).
        `event_links`: the events' links, if the checker found them."""
        return cls(store(brief, event_links), brief)

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
                vocabulary=decode(self.stored.vocabulary, Vocabulary),
            )
        return self._brief

    @cached_property
    def words(self) -> Words:
        """The brief's vocabulary: core and declared relation types (with their classes),
        event kinds and participant roles."""
        if self._brief is not None:
            return Words(self._brief.vocabulary)
        return Words(decode(self.stored.vocabulary, Vocabulary))

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

    @cached_property
    def relation_starts(self) -> list[int]:
        """Each relation's first possible day (a date ordinal; 0 when it has no `since`)."""
        starts = decode(self.stored.relation_starts, list[int])
        if len(starts) != len(self.relations):
            raise CorruptStore("relation starts do not match the relations")
        return starts

    def search_candidates(self, folded_query: str) -> SearchCandidates:
        """The searched fields the word index says may match the query."""
        from briefcli.search import textindex

        return SearchCandidates(
            textindex.candidates(self.stored.words, folded_query), self._searched_ends
        )

    @cached_property
    def _searched_ends(self) -> list[int]:
        """The number after the last searched record of each of SEARCHED_SECTIONS."""
        return list(accumulate(len(self._searched(section)) for section in SEARCHED_SECTIONS))

    def _searched(self, section: str) -> Table[Any] | list[Any]:
        """A searched section: a table, or the key judgments or gaps of meta."""
        if section in META_SECTIONS:
            return searched_records(self.meta, section)
        table: Table[Any] = getattr(self, section)
        return table

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
        searched = self._searched(section)
        record = searched.at(position) if isinstance(searched, Table) else searched[position]
        fields = search_fields(section, record)
        if place >= len(fields):
            raise CorruptStore(f"no field {place} in {record.id!r}")
        last = len(fields) if place == LAST_SEARCHED_FIELD else place + 1
        return record, fields[0][1], fields[place:last]

    def actor_name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def source_chain(self, source_id: str) -> tuple[Source, ...]:
        """The source, then each source it came through, outermost last, following the first
        id of each `via` (the first route; stops on loops)."""
        known = self._chains.get(source_id)
        if known is not None:
            return known
        chain: list[Source] = []
        seen: set[str] = set()
        current: str | None = source_id
        while current is not None and current in self.sources and current not in seen:
            seen.add(current)
            source = self.sources[current]
            chain.append(source)
            current = source.via_ids[0] if source.via_ids else None
        known = self._chains[source_id] = tuple(chain)
        return known

    def upstream(self, source_id: str) -> tuple[Source, ...]:
        """The source and every source it came through on any route, nearest first, each
        once (a loop is walked once)."""
        known = self._upstream.get(source_id)
        if known is not None:
            return known
        found: dict[str, Source] = {}
        waiting = [source_id]
        for current in waiting:  # breadth first: the list grows as it is walked
            if current in found or current not in self.sources:
                continue
            source = found[current] = self.sources[current]
            waiting.extend(source.via_ids)
        known = self._upstream[source_id] = tuple(found.values())
        return known

    def origins(self, source_id: str) -> tuple[Source, ...]:
        """The root sources a source rests on: those it came through (or itself) that came
        through nothing else. Corroboration counts these, not chains. A chain that only loops
        (an invalid brief) ends at the last source of its first route."""
        known = self._origins.get(source_id)
        if known is not None:
            return known
        roots = tuple(
            source
            for source in self.upstream(source_id)
            if not any(via in self.sources for via in source.via_ids)
        )
        if not roots:
            roots = self.source_chain(source_id)[-1:]
        self._origins[source_id] = roots
        return roots

    def source_routes(self, source_id: str, limit: int = MAX_ROUTES) -> list[tuple[Source, ...]]:
        """Each route from the source out to where it ends (an origin, or a loop cut short),
        the first route (source_chain) first; at most `limit` of them."""
        if limit == MAX_ROUTES and source_id in self._routes:
            return self._routes[source_id]
        routes: list[tuple[Source, ...]] = []
        if source_id not in self.sources:
            return routes
        path: list[Source] = []
        on_path: set[str] = set()

        def onward(source: Source) -> list[Source]:
            """The sources a route goes on to, last first (taken from the end)."""
            ids = reversed(source.via_ids)
            return [self.sources[i] for i in ids if i in self.sources and i not in on_path]

        todo = [[self.sources[source_id]]]  # todo[k]: the sources left to try as path[k]
        while todo and len(routes) < limit:
            if not todo[-1]:
                todo.pop()
                if path:
                    on_path.discard(path.pop().id)
                continue
            source = todo[-1].pop()
            path.append(source)
            on_path.add(source.id)
            after = onward(source)
            if after:
                todo.append(after)
            else:
                routes.append(tuple(path))
                on_path.discard(path.pop().id)
        if limit == MAX_ROUTES:
            self._routes[source_id] = routes
        return routes

    def documents(self, source_id: str) -> tuple[Source, ...]:
        """The sources whose stored text may hold a claim of this source's excerpt: on each
        route, the first source with a text (nearest first, each once)."""
        found: dict[str, Source] = {}
        walked: set[str] = set()
        waiting = [source_id]
        for current in waiting:
            if current in walked or current not in self.sources:
                continue
            walked.add(current)
            source = self.sources[current]
            if source.text is not None:
                found[current] = source
            else:
                waiting.extend(source.via_ids)
        return tuple(found.values())

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
            return relation_label(relation, self.actor_name)
        note = self.notes.get(record_id)
        if note is not None:
            return note.text
        return record_id
