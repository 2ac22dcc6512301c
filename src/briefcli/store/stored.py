"""The stored form of a brief: every record encoded on its own, what points at each record,
the folded names, the timeline order and the word index, computed once when a brief is first
loaded. The cache writes it as it is; a later run maps the file and decodes only what a
question touches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, repeat
from typing import TYPE_CHECKING, Any

import msgspec

from briefcli.brief import dates
from briefcli.brief import order as event_order
from briefcli.brief.model import Brief, Event, Relation
from briefcli.search.fields import (
    FIELD_BITS,
    SEARCHED_SECTIONS,
    folded_search_texts,
    label_ranks_of,
    places_in,
    records_of,
)
from briefcli.search.names import NameTables, name_tables
from briefcli.store.packed import Packed, pack, uint64s

if TYPE_CHECKING:
    pass


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
    # Each relation's first possible day as an ordinal (0: no `since`), so that a path search
    # passes over ties not yet begun without decoding every relation.
    relation_starts: memoryview
    # An array of uint64, one per searched record (numbered as for `words`): its place in its
    # section ordered by label, then by position (see label_ranks).
    label_ranks: memoryview
    words: memoryview  # briefcli.textindex over the searched fields (folded_search_texts)
    vocabulary: memoryview  # the words the brief declares (model.Vocabulary)


def store(brief: Brief, event_links: event_order.Links | None = None) -> StoredBrief:
    """Encode a brief and compute its lookup tables (once, when the brief is first loaded).
    `event_links`: event_order.links(brief.events), if the checker found them."""
    parts: list[Any] = list(stored_parts(brief, event_links))
    return StoredBrief(*parts)


def stored_parts(
    brief: Brief,
    event_links: event_order.Links | None = None,
    search_texts: Iterable[tuple[int, str]] | None = None,
) -> Iterator[object]:
    """The fields of the brief's StoredBrief, in order, each computed only when asked for: the
    cache writes each and lets it go before the next is made (see cache.py). `search_texts`:
    folded_search_texts(brief), when they are known already."""
    from briefcli.search import textindex

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
            # Counted in C over the smaller side.
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
    yield name_tables(brief.actors, brief.meta.names)
    days = _event_days(brief.events)
    order = chronological_order(brief.events, days, event_links)
    yield uint64s(order)
    yield uint64s(places_in(order))
    yield packed(days)
    yield packed([[r.subject for r in brief.relations], [r.object for r in brief.relations]])
    yield packed([_first_day(relation.since) for relation in brief.relations])
    yield uint64s(label_ranks_of(brief))
    # A group of the word index per section, so that a search reads one section at a time.
    section_ends = accumulate(len(records_of(brief, section)) for section in SEARCHED_SECTIONS)
    yield memoryview(
        textindex.build(
            folded_search_texts(brief) if search_texts is None else search_texts,
            [end << FIELD_BITS for end in section_ends],
        )
    )
    yield packed(brief.vocabulary)


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


def _first_day(since: str | None) -> int:
    """The first day a `since` can mean, as a date ordinal; 0 when there is none."""
    return 0 if since is None else dates.parse_edtf(since).start.toordinal()


def _event_days(events: Sequence[Event]) -> list[list[int]]:
    """[firsts, lasts]: each event's first and last possible day as a date ordinal (0: unknown)."""
    spans = [dates.day_range(event.date) for event in events]
    return [
        [span.start.toordinal() if span else 0 for span in spans],
        [span.end.toordinal() if span else 0 for span in spans],
    ]


def chronological_order(
    events: Sequence[Event],
    days: list[list[int]] | None = None,
    links: event_order.Links | None = None,
) -> list[int]:
    """Event positions in timeline order: by date, then time of day, then the `after` and
    `before` links (see briefcli.brief.order). `days`: _event_days(events), and `links`:
    event_order.links(events), if computed."""
    firsts, lasts = days if days is not None else _event_days(events)
    return event_order.chronological_order(events, firsts, lasts, links)
