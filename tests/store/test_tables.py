"""Specification of the indexed, lazily decoded brief (briefcli.store.tables).

A brief is indexed once into a `StoredBrief` (what the cache writes). Decoded back, it must
answer exactly what the brief itself says: the same records by id, the same "what points at
this" lists, the same timeline order and dates. And it must be lazy: a lookup decodes the
records it shows, not the brief.
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import queries
from briefcli.brief import dates, loader, order
from briefcli.brief.model import Actor, Brief, Claim, Event, FuzzyDate, Meta, Relation, Source
from briefcli.search.fields import SEARCHED_SECTIONS, label_of, records_of
from briefcli.store.packed import CorruptStore
from briefcli.store.stored import StoredBrief, chronological_order, store
from briefcli.store.tables import BriefIndex, Table
from conftest import BUNDLED_BRIEF, ROOT, SECOND_BRIEF, generate_brief


@pytest.fixture(scope="session")
def generated_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-event brief from the benchmark's generator (dense links, relative dates)."""
    return generate_brief(tmp_path_factory.mktemp("generated") / "brief-300.yaml", 300, seed=3)


def load(path: Path) -> Brief:
    loaded, problems = loader.check_files([path])
    assert loaded is not None, problems
    return loaded.brief


def from_disk(brief: Brief) -> BriefIndex:
    """The index as a later run sees it: encoded, then decoded from bytes."""
    encoded = msgspec.msgpack.encode(store(brief))
    return BriefIndex(msgspec.msgpack.decode(encoded, type=StoredBrief))


@pytest.fixture(params=["bundled", "harbour", "generated"])
def brief(request: pytest.FixtureRequest, generated_brief: Path) -> Brief:
    paths = {"bundled": BUNDLED_BRIEF, "harbour": SECOND_BRIEF, "generated": generated_brief}
    return load(paths[request.param])


def decoded_count(table: Table[Any]) -> int:
    records = table._records  # counting what was decoded is the point here
    return 0 if records is None else sum(record is not None for record in records)


# ---------------------------------------------------------------- the same answers


def test_every_record_is_found_by_id_in_brief_order(brief: Brief) -> None:
    index = from_disk(brief)
    for section in ("sources", "actors", "places", "relations", "events", "claims", "notes"):
        records = getattr(brief, section)
        table = getattr(index, section)
        assert list(table) == [record.id for record in records]
        assert table.all() == records
        assert all(table[record.id] == record for record in records)
    assert index.brief == brief
    assert "no-such-id" not in index.actors


def test_links_list_exactly_the_records_that_point_at_each_record(brief: Brief) -> None:
    index = from_disk(brief)
    for actor in brief.actors:
        assert index.relations_of.get(actor.id, []) == [
            r for r in brief.relations if actor.id in (r.subject, r.object)
        ]
        assert index.events_of.get(actor.id, []) == [
            e for e in brief.events if any(p.actor == actor.id for p in e.participants)
        ]
        assert index.claims_about.get(actor.id, []) == [
            c for c in brief.claims if actor.id in c.actors
        ]
    for source in brief.sources:
        assert index.claims_from.get(source.id, []) == [
            c for c in brief.claims if c.source == source.id
        ]
    records: list[Relation | Event] = [*brief.relations, *brief.events]
    for record in records:
        naming = [c for c in brief.claims if record.id in (*c.events, *c.relations)]
        cited = [index.claims[c] for c in dict.fromkeys(record.claims)]
        assert index.claims_about.get(record.id, []) == naming + [
            claim for claim in cited if claim not in naming
        ]
    for note in brief.notes:
        for target in note.concerns:
            assert note in index.notes_about[target]


def test_the_keys_of_a_link_map_are_the_records_something_points_at(brief: Brief) -> None:
    index = from_disk(brief)
    pointed_at = {p.actor for event in brief.events for p in event.participants}
    assert set(index.events_of) == pointed_at
    assert len(index.events_of) == len(pointed_at)


def test_the_stored_timeline_order_and_days_match_the_dates(brief: Brief) -> None:
    index = from_disk(brief)
    ordered = [index.events.at(position) for position in index.chronological]
    assert sorted(event.id for event in ordered) == sorted(event.id for event in brief.events)
    assert list(index.chronological) == reference_chronological_order(brief.events)
    firsts, lasts = index.event_days
    for position, event in enumerate(brief.events):
        days = dates.day_range(event.date)
        expected = (days.start.toordinal(), days.end.toordinal()) if days else (0, 0)
        assert (firsts[position], lasts[position]) == expected
    subjects, objects = index.relation_ends
    assert list(zip(subjects, objects, strict=True)) == [
        (r.subject, r.object) for r in brief.relations
    ]


def test_label_ranks_order_each_section_by_its_first_searched_field(brief: Brief) -> None:
    index = BriefIndex(store(brief))
    for section in SEARCHED_SECTIONS:
        records = records_of(brief, section)
        names = {actor.id: actor.name for actor in brief.actors}
        labels = [label_of(section, record, names.__getitem__) for record in records]
        by_label = sorted(range(len(records)), key=lambda position: (labels[position], position))
        ranks = index.label_ranks(section)
        assert sorted(range(len(records)), key=ranks.__getitem__) == by_label, section


def test_an_event_comes_after_the_events_it_follows_on_the_same_day() -> None:
    index = from_disk(load(BUNDLED_BRIEF))
    order = [index.events.at(position).id for position in index.chronological]
    assert order.index("ev-trip-to-qom") < order.index("ev-qom-meeting")


def test_ids_pointed_at_in_a_sparse_section_keep_the_order_they_were_first_pointed_at() -> None:
    relations = [
        Relation(id=f"r{number:02}", subject="a", type="allied_with", object="b")
        for number in range(40)
    ]
    brief = Brief(
        meta=Meta(title="t", as_of="2020"),
        sources=[Source(id="s", name="S", kind="analyst", reliability="A")],
        actors=[Actor(id="a", name="A", kind="person"), Actor(id="b", name="B", kind="person")],
        relations=relations,
        claims=[
            Claim(
                id="c1",
                statement="x",
                source="s",
                credibility=2,
                excerpt="x",
                relations=["r30", "r05"],  # 2 of 40 relations: kept apart from the per-record lists
            )
        ],
    )
    assert list(from_disk(brief).claims_about) == ["r30", "r05"]  # STIX notes list them so


def test_a_record_naming_a_target_twice_is_listed_once_for_it() -> None:
    brief = Brief(
        meta=Meta(title="t", as_of="2020"),
        sources=[Source(id="s", name="S", kind="analyst", reliability="A")],
        actors=[Actor(id="a", name="A", kind="person"), Actor(id="b", name="B", kind="person")],
        relations=[Relation(id="r", subject="a", type="allied_with", object="a")],
        claims=[
            Claim(id="c1", statement="x", source="s", credibility=2, excerpt="x", actors=["a"]),
            Claim(
                id="c2",
                statement="y",
                source="s",
                credibility=2,
                excerpt="y",
                actors=["b", "a", "b", "a"],
            ),
        ],
    )
    index = from_disk(brief)
    assert [claim.id for claim in index.claims_about["a"]] == ["c1", "c2"]
    assert [claim.id for claim in index.claims_about["b"]] == ["c2"]
    assert [relation.id for relation in index.relations_of["a"]] == ["r"]


# Sort parts of an unknown date or time: below every known one where links compare keys,
# above every known one (9999-12-31 included) where the timeline sorts them.
_LOW, _HIGH = -math.inf, math.inf


def _key(event: Event) -> tuple[float, float, float]:
    """(first day, last day, time in seconds), unknown parts _LOW."""
    days = dates.day_range(event.date)
    if days is None:
        return (_LOW, _LOW, _LOW)
    seconds = dates.time_seconds(event.time)
    return (days.start.toordinal(), days.end.toordinal(), _LOW if seconds is None else seconds)


def _sorted_as(key: tuple[float, float, float]) -> tuple[float, float, float]:
    if key[0] == _LOW:
        return (_HIGH, _HIGH, _HIGH)
    return (key[0], key[1], _HIGH if key[2] == _LOW else key[2])


def _declared(events: list[Event]) -> dict[int, list[int]]:
    """The events each one comes after: its `after`, then those naming it in `before`."""
    by_id = {event.id: position for position, event in enumerate(events)}
    follows: dict[int, list[int]] = {}
    for position, event in enumerate(events):
        follows[position] = [by_id[ref] for ref in event.after if ref in by_id]
    for position, event in enumerate(events):
        for ref in event.before:
            if ref in by_id:
                follows[by_id[ref]].append(position)
    return {position: list(dict.fromkeys(earlier)) for position, earlier in follows.items()}


def reference_chronological_order(events: list[Event]) -> list[int]:
    """The timeline order's definition, the slow, obvious way:
    1. `a` comes before `b` when b lists a in `after` or a lists b in `before`;
    2. a link on a loop (b also comes before a, through links) is left out; so is one the dates
       rule out: b is over before the earliest moment of a, or of an event a follows through
       the links kept;
    3. an event's key is its (first day, last day, time), or the key of an event it follows
       when that is greater (an unknown date or time counting as less than any);
    4. events by key (now an unknown date or time counting as more than any), then id; then,
       depth first, each after the events it follows."""
    follows = _declared(events)

    def reaches(start: int, goal: int) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            for earlier in follows[current]:
                if earlier == goal:
                    return True
                if earlier not in seen:
                    seen.add(earlier)
                    todo.append(earlier)
        return False

    def earliest(position: int) -> tuple[float, float]:
        first, _, time = _key(events[position])
        own = (first, time)
        return max([own, *(earliest(p) for p in kept(position))])

    def kept(position: int) -> list[int]:
        first, last, time = _key(events[position])
        latest = (_HIGH, _HIGH) if first == _LOW else (last, _HIGH if time == _LOW else time)
        return [
            earlier
            for earlier in follows[position]
            if not reaches(earlier, position) and earliest(earlier) <= latest
        ]

    def key(position: int) -> tuple[float, float, float]:
        return max([_key(events[position]), *(key(p) for p in kept(position))])

    ordered = sorted(
        range(len(events)), key=lambda position: (_sorted_as(key(position)), events[position].id)
    )
    result: list[int] = []

    def place(position: int) -> None:
        if position in result:
            return
        for earlier in kept(position):
            place(earlier)
        result.append(position)

    for position in ordered:
        place(position)
    return result


_VALUES = [None, "2020-01-03", "2020-01", "2020-01-02/2020-01-04", "2019", "9999-12-31"]
_TIMES = [None, None, "09:00", "17:00:30", "16:00-08:00", "23:30+05:30"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_VALUES),
            st.sampled_from(_TIMES),
            st.lists(st.integers(0, 7), max_size=3),
            st.lists(st.integers(0, 7), max_size=2),
        ),
        max_size=8,
    )
)
def test_the_timeline_order_is_its_definition(
    specs: list[tuple[str | None, str | None, list[int], list[int]]],
) -> None:
    events = [
        _event(
            f"e-{number}",
            value,
            time,
            after=[f"e-{other}" for other in after],  # loops, contradictions and unknown ids
            before=[f"e-{other}" for other in before],
        )
        for number, (value, time, after, before) in enumerate(specs)
    ]
    assert chronological_order(events) == reference_chronological_order(events)


def _event(
    event_id: str,
    value: str | None = None,
    time: str | None = None,
    after: Sequence[str] = (),
    before: Sequence[str] = (),
) -> Event:
    return Event(
        id=event_id,
        kind="meeting",
        title=event_id,
        date=FuzzyDate(value=value, method="stated" if value else "unknown"),
        time=time,
        after=list(after),
        before=list(before),
    )


def _ids(*events: Event) -> list[str]:
    return [events[position].id for position in chronological_order(list(events))]


def test_events_of_a_day_go_by_time_in_utc_then_those_without_a_time() -> None:
    assert _ids(
        _event("a-no-time", "2024-06-03"),
        _event("b-five-pm", "2024-06-03", "17:00"),
        _event("c-morning", "2024-06-03", "09:30:15"),
        _event("d-day-before", "2024-06-02", "23:00"),
        _event("e-four-pm-pacific", "2024-06-03", "16:00-08:00"),  # midnight UTC
        _event("f-nine-pm-india", "2024-06-03", "21:00+05:30"),  # 15:30 UTC
    ) == [
        "d-day-before",
        "c-morning",
        "f-nine-pm-india",
        "b-five-pm",
        "e-four-pm-pacific",
        "a-no-time",
    ]


def test_an_event_on_the_last_day_of_the_calendar_comes_before_an_undated_one() -> None:
    # The undated one's id sorts first: they tied when an unknown date sorted as 9999-12-31.
    assert _ids(_event("z-last-day", "9999-12-31"), _event("a-undated")) == [
        "z-last-day",
        "a-undated",
    ]


def test_an_undated_event_comes_just_after_the_event_it_follows() -> None:
    assert _ids(
        _event("a", "2024-06-01"),
        _event("b", "2024-06-03"),
        _event("c", "2024-06-05"),
        _event("u-undated", after=["b"]),
        _event("w-undated"),
    ) == ["a", "b", "u-undated", "c", "w-undated"]


def test_an_undated_event_comes_just_before_the_first_event_it_precedes() -> None:
    assert _ids(
        _event("a", "2024-06-01"),
        _event("b", "2024-06-03", after=["u-undated"]),
        _event("c", "2024-06-05"),
        _event("u-undated", before=["c"]),  # before b (b's after) and c: placed before b
        _event("w-undated"),
    ) == ["a", "u-undated", "b", "c", "w-undated"]


def test_an_event_without_a_time_comes_before_a_timed_one_it_precedes_that_day() -> None:
    assert _ids(
        _event("a", "2024-06-03", "09:00"),
        _event("b", "2024-06-03", "17:00"),
        _event("c-no-time", "2024-06-03", before=["b"]),
    ) == ["a", "c-no-time", "b"]


def test_a_less_precise_event_declared_after_another_comes_after_it() -> None:
    # The month starts before the 10th; declared after the 10th, it goes just after it.
    assert _ids(
        _event("a-june", "2024-06", after=["c-tenth"]),
        _event("b-fifth", "2024-06-05"),
        _event("c-tenth", "2024-06-10"),
        _event("d-twelfth", "2024-06-12"),
    ) == ["b-fifth", "c-tenth", "a-june", "d-twelfth"]


def test_before_orders_as_the_same_link_written_as_after() -> None:
    written_as_after = _ids(
        _event("a", "2024-06-10/2024-06-20"),
        _event("b", "2024-06-10", after=["a"]),
        _event("c", "2024-06-10/2024-06-15"),
        _event("u", after=["b"]),
    )
    written_as_before = _ids(
        _event("a", "2024-06-10/2024-06-20", before=["b"]),
        _event("b", "2024-06-10", before=["u"]),
        _event("c", "2024-06-10/2024-06-15"),
        _event("u"),
    )
    assert written_as_after == written_as_before == ["c", "a", "b", "u"]


def test_links_the_dates_rule_out_or_that_loop_are_left_out_of_the_order() -> None:
    assert _ids(
        _event("a", "2024-06-01", after=["b"]),  # but a is over before b begins: dates win
        _event("b", "2024-06-10"),
        _event("c", after=["d"]),
        _event("d", after=["c"]),  # a loop: c and d stay where their (unknown) dates put them
    ) == ["a", "b", "c", "d"]


@st.composite
def satisfiable_timelines(draw: st.DrawFn) -> list[Event]:
    """Events that each happened at a moment (a day and a minute, UTC) the test knows, dated
    by a day, a day and a time (with or without an offset), a month, a year, a range around
    that moment, or not at all; links between random pairs, from the one that happened first
    (ties: the first in the list): a set of links the dates always allow."""
    count = draw(st.integers(1, 14))
    moments = [(draw(st.integers(0, 90)), draw(st.integers(0, 1439))) for _ in range(count)]
    pairs = draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))))
    after: list[list[str]] = [[] for _ in range(count)]
    before: list[list[str]] = [[] for _ in range(count)]
    for one, other in pairs:
        if one == other:
            continue
        earlier, later = sorted((one, other), key=lambda p: (moments[p], p))
        if draw(st.booleans()):
            after[later].append(f"e-{earlier:02}")
        else:
            before[earlier].append(f"e-{later:02}")
    events = []
    for number, (offset, minute) in enumerate(moments):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        form = draw(st.sampled_from(["day", "time", "month", "year", "range", "unknown"]))
        value: str | None = {
            "day": day.isoformat(),
            "time": day.isoformat(),
            "month": f"{day:%Y-%m}",
            "year": f"{day:%Y}",
            "range": f"{day - dt.timedelta(days=draw(st.integers(0, 5)))}/"
            f"{day + dt.timedelta(days=draw(st.integers(1, 5)))}",
            "unknown": None,
        }[form]
        time = None
        if form == "time":
            shift = draw(st.sampled_from([0, -8 * 60, 330, 14 * 60]))  # the offset, in minutes
            local = minute + shift
            if 0 <= local < 1440:
                sign = "-" if shift < 0 else "+"
                zone = "" if shift == 0 else f"{sign}{abs(shift) // 60:02}:{abs(shift) % 60:02}"
                time = f"{local // 60:02}:{local % 60:02}{zone}"
        events.append(_event(f"e-{number:02}", value, time, after[number], before[number]))
    return draw(st.permutations(events))


@settings(max_examples=400, deadline=None)
@given(satisfiable_timelines())
def test_the_timeline_keeps_every_link_the_dates_allow(events: list[Event]) -> None:
    found = order.links(events)
    assert found.loops == [] and found.contradictions == []
    positions = chronological_order(events)
    assert sorted(positions) == list(range(len(events)))
    rank = {events[position].id: place for place, position in enumerate(positions)}
    for event in events:
        for earlier in event.after:
            assert rank[earlier] < rank[event.id], (earlier, event.id)
        for later in event.before:
            assert rank[event.id] < rank[later], (event.id, later)
    # Events without links keep the order of their dates and times.
    free = [events[p] for p in positions if not _linked(events, events[p])]
    keys = [(_sorted_as(_key(event)), event.id) for event in free]
    assert keys == sorted(keys)


def _linked(events: list[Event], event: Event) -> bool:
    return bool(event.after or event.before) or any(
        event.id in (*other.after, *other.before) for other in events
    )


def test_the_real_briefs_place_their_undated_events_by_their_links() -> None:
    def timeline(path: Path) -> list[str]:
        brief = load(path)
        return [brief.events[position].id for position in chronological_order(brief.events)]

    bundled = timeline(BUNDLED_BRIEF)  # "after the American raids on their sites"
    assert bundled.index("ev-us-raids-on-faction-sites") + 1 == bundled.index("ev-beirut-meeting")
    meghalaya = timeline(ROOT / "tests" / "briefs" / "meghalaya-2018.yaml")
    assert meghalaya.index("e-pdf-floated") + 1 == meghalaya.index("e-results")
    openai = timeline(ROOT / "tests" / "briefs" / "openai-board-2023.yaml")
    agreement = openai.index("e-agreement-in-principle")
    assert openai[agreement + 1] == "e-nadella-welcomes"


# ---------------------------------------------------------------- lazy


def test_a_profile_decodes_only_the_records_it_shows(generated_brief: Path) -> None:
    index = from_disk(load(generated_brief))
    actor = index.actors.at(0)
    queries.actor_profile(index, actor)

    assert decoded_count(index.events) == len(index.events_of.positions(actor.id))
    assert decoded_count(index.relations) == len(index.relations_of.positions(actor.id))
    assert decoded_count(index.claims) < len(index.claims) / 4


def test_a_trace_decodes_only_relations_it_walks_back_along(generated_brief: Path) -> None:
    brief = load(generated_brief)
    index = from_disk(brief)
    source = index.actors[brief.relations[0].subject]
    target = next(
        index.actors[r.object] for r in reversed(brief.relations) if r.object != source.id
    )
    result = queries.trace(index, source, target, max_hops=12)

    # The search itself reads only relation ends; walking back from the target decodes the
    # relations of the shortest paths (and of partial paths beyond the MAX_PATHS shown).
    on_paths = {hop.relation for path in result.paths for hop in path.hops}
    assert len(on_paths) <= decoded_count(index.relations) < len(index.relations) / 4


def test_a_date_window_decodes_only_the_events_in_it(generated_brief: Path) -> None:
    brief = load(generated_brief)
    index = from_disk(brief)
    day = dates.day_range(index.events.at(index.chronological[0]).date)
    assert day is not None
    entries = queries.timeline(index, start=day.start, end=day.start)

    assert entries
    assert decoded_count(index.events) == len(entries)


# ---------------------------------------------------------------- damaged stores


def damaged(brief: Brief, section: str) -> BriefIndex:
    """An index whose records of one section are garbage (a cache file tampered with)."""
    stored = store(brief)
    part = getattr(stored, section)
    garbage = memoryview(b"\xc1" * len(part.records.data))
    records = msgspec.structs.replace(part.records, data=garbage)
    stored = msgspec.structs.replace(
        stored, **{section: msgspec.structs.replace(part, records=records)}
    )
    return from_stored(stored)


def from_stored(stored: StoredBrief) -> BriefIndex:
    return BriefIndex(msgspec.msgpack.decode(msgspec.msgpack.encode(stored), type=StoredBrief))


def test_a_record_that_does_not_decode_raises_corrupt_store() -> None:
    index = damaged(load(SECOND_BRIEF), "actors")
    with pytest.raises(CorruptStore):
        index.actors.at(0)


def test_links_out_of_range_raise_corrupt_store() -> None:
    brief = load(SECOND_BRIEF)
    stored = store(brief)
    encoded = msgspec.msgpack.encode([10**6])
    out_of_range = array("Q", [len(encoded)] * len(brief.actors)).tobytes()
    parts = stored.links.events_of
    broken = msgspec.structs.replace(
        parts.sections["actors"], ends=memoryview(out_of_range), data=memoryview(encoded)
    )
    events_of = msgspec.structs.replace(parts, sections={"actors": broken})
    links = msgspec.structs.replace(stored.links, events_of=events_of)
    index = from_stored(msgspec.structs.replace(stored, links=links))
    with pytest.raises(CorruptStore):
        index.events_of.get(brief.actors[0].id)


def test_a_timeline_of_the_wrong_length_raises_corrupt_store() -> None:
    stored = store(load(SECOND_BRIEF))
    index = from_stored(msgspec.structs.replace(stored, timeline=memoryview(bytes(8))))
    with pytest.raises(CorruptStore):
        queries.timeline(index)


def test_label_ranks_of_the_wrong_length_raise_corrupt_store() -> None:
    stored = store(load(SECOND_BRIEF))
    index = from_stored(msgspec.structs.replace(stored, label_ranks=memoryview(bytes(8))))
    with pytest.raises(CorruptStore):
        queries.search(index, "harbour")


def test_an_id_that_leads_to_another_record_raises_corrupt_store() -> None:
    brief = load(SECOND_BRIEF)
    stored = store(brief)
    count = len(brief.actors)
    shifted = array("Q", [(position + 1) % count for position in range(count)]).tobytes()
    actors = msgspec.structs.replace(stored.actors, sorted_positions=memoryview(shifted))
    index = from_stored(msgspec.structs.replace(stored, actors=actors))
    with pytest.raises(CorruptStore):
        queries.resolve_actor(index, brief.actors[0].id)


# ---------------------------------------------------------------- routes of sources


def _sources_index(vias: dict[str, list[str]], texts: frozenset[str] = frozenset()) -> BriefIndex:
    sources = [
        Source(
            id=source_id,
            name=source_id.upper(),
            kind="outlet",
            reliability="B",
            via=via or None,
            text=f"{source_id}.txt" if source_id in texts else None,
        )
        for source_id, via in vias.items()
    ]
    return BriefIndex.of(Brief(meta=Meta(title="T", as_of="2024"), sources=sources))


def test_routes_origins_and_upstream_follow_every_via_and_stop_on_loops() -> None:
    """An invalid brief (validate reports its loops) must still not hang a query."""
    index = _sources_index(
        {"a": ["b", "c"], "b": ["a"], "c": ["d"], "d": [], "e": ["e"], "f": ["g"], "g": ["f"]},
        texts=frozenset({"c", "d"}),
    )

    def names(sources: Any) -> list[str]:
        return [source.id for source in sources]

    assert names(index.source_chain("a")) == ["a", "b"]  # the first route
    assert [names(route) for route in index.source_routes("a")] == [["a", "b"], ["a", "c", "d"]]
    assert names(index.upstream("a")) == ["a", "b", "c", "d"]
    assert names(index.origins("a")) == ["d"]
    assert names(index.origins("b")) == ["d"]  # b -> a -> c -> d
    assert names(index.documents("a")) == ["c"]  # the first text on each route
    # A loop with no way out ends at the last source of the first route.
    assert names(index.origins("e")) == ["e"]
    assert names(index.origins("f")) == ["g"]
    assert [names(route) for route in index.source_routes("f")] == [["f", "g"]]


def test_a_long_chain_of_vias_is_walked_without_recursion() -> None:
    count = 5000
    index = _sources_index({f"s{n}": [f"s{n + 1}"] if n + 1 < count else [] for n in range(count)})
    (route,) = index.source_routes("s0")
    assert len(route) == count
    assert [source.id for source in index.origins("s0")] == [f"s{count - 1}"]


def test_routes_are_listed_up_to_a_limit_however_many_there_are() -> None:
    # Each of 30 layers came through both sources of the next: 2**30 routes.
    vias = {f"{side}{n}": [f"l{n + 1}", f"r{n + 1}"] for n in range(30) for side in "lr"}
    vias |= {"l30": [], "r30": []}
    index = _sources_index(vias)
    assert len(index.source_routes("l0")) == 16
    assert sorted(source.id for source in index.origins("l0")) == ["l30", "r30"]
