"""The query layer on its own: pure functions over a loaded brief, checked against simple
reference implementations on generated graphs (cycles included)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import queries
from briefcli.brief import loader
from briefcli.brief.model import Actor, Alias, Brief, Event, FuzzyDate, Meta, Relation
from briefcli.queries.actors import _blocs_of
from briefcli.queries.search import _FIELD_WEIGHTS, _SEARCH_KINDS
from briefcli.results import Ref
from briefcli.search import textindex
from briefcli.search.fields import SearchCandidates, SectionCandidates
from briefcli.search.names import fold
from briefcli.store.loaded import LoadedBrief
from briefcli.store.packed import CorruptStore
from briefcli.store.tables import BriefIndex
from conftest import BUNDLED_BRIEF, generate_brief

KINDS = ["person", "organisation", "bloc"]
THROUGH = ("leads", "member_of", "part_of", "aide_to")
TYPES = ["leads", "member_of", "part_of", "aide_to", "backed_by", "loyal_to", "hostile_to"]


def ids(refs: list[Ref]) -> list[str]:
    return [ref.id for ref in refs]


@st.composite
def graphs(draw: st.DrawFn) -> BriefIndex:
    count = draw(st.integers(min_value=1, max_value=12))
    actors = [
        Actor(id=f"a{n}", name=f"Actor {n}", kind=draw(st.sampled_from(KINDS)))
        for n in range(count)
    ]
    edges = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.sampled_from(TYPES), st.integers(0, count - 1)),
            max_size=30,
        )
    )
    relations = [
        Relation(id=f"r{n}", subject=f"a{s}", type=t, object=f"a{o}")
        for n, (s, t, o) in enumerate(edges)
        if s != o
    ]
    brief = Brief(meta=Meta(title="T", as_of="2024"), actors=actors, relations=relations)
    return BriefIndex.of(brief)


def reference_blocs(index: BriefIndex, actor_id: str) -> set[str]:
    """The plain breadth-first definition: along upward relations, every bloc reached is one
    of the actor's blocs; the walk goes on only through leads/member_of/part_of/aide_to."""
    found: set[str] = set()
    visited = {actor_id}
    queue = deque([actor_id])
    while queue:
        current = queue.popleft()
        for relation in index.relations_of.get(current, []):
            if relation.subject != current or relation.type not in queries.chain_types(index):
                continue
            if relation.type == "nominated_to_lead":
                continue
            target = index.actors[relation.object]
            if target.kind == "bloc":
                found.add(target.id)
            elif relation.type in THROUGH and target.id not in visited:
                visited.add(target.id)
                queue.append(target.id)
    return found - {actor_id}


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_every_actors_blocs_match_the_breadth_first_definition(index: BriefIndex) -> None:
    for actor in index.brief.actors:
        fast = {bloc.id for bloc in _blocs_of(index, actor.id)}
        assert fast == reference_blocs(index, actor.id), actor.id


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_trace_and_alignments_terminate_on_any_graph(index: BriefIndex) -> None:
    actors = index.brief.actors
    queries.alignment_tree(index)
    for actor in actors:
        queries.alignment_chain(index, actor)
    if len(actors) >= 2:
        try:
            result = queries.trace(index, actors[0], actors[-1], max_hops=12)
        except queries.LookupProblem:
            return
        assert all(len(path.hops) == result.length for path in result.paths)
        for path in result.paths:
            assert path.hops[0].source.id == actors[0].id
            assert path.hops[-1].target.id == actors[-1].id


# ---------------------------------------------------------------- search


def reference_score(wanted: str, folded: str) -> float:
    """A field's score, the slow and obvious way: the partial ratio of the query; for a query of
    several words also the mean of each word's score (100 where the field has a word of the
    same English stem, else the word's partial ratio; 0 below 70), if the words scoring 70 or
    more make up half the query (each word and a space); whichever is higher. 0 for a text of
    four characters or fewer that is not a whole word of the query."""
    import Stemmer
    from rapidfuzz import fuzz

    if len(folded) <= 4 and f" {folded} " not in f" {wanted} ":
        return 0.0
    score = fuzz.partial_ratio(wanted, folded)
    words = wanted.split()
    if len(words) > 1:
        stem = Stemmer.Stemmer("english").stemWord
        stems = {stem(word) for word in folded.split()}
        each = [100.0 if stem(w) in stems else fuzz.partial_ratio(w, folded) for w in words]
        each = [ratio if ratio >= 70 else 0.0 for ratio in each]
        covered = sum(len(w) + 1 for w, ratio in zip(words, each, strict=True) if ratio)
        if 2 * covered >= len(wanted):
            score = max(score, sum(each) / len(words))
    return score if score >= 70 else 0.0


def full_scan_search(index: BriefIndex, text: str) -> list[tuple[tuple[str, str], float]]:
    """The definition search must agree with: score every field of every record."""
    from briefcli.search.fields import SEARCHED_SECTIONS, label_of, records_of, search_fields

    wanted = fold(text)
    phrases = [f" {fold(phrase)} " for phrase in re.findall(r'"([^"]+)"', text)]
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for section in SEARCHED_SECTIONS:
        for record in records_of(index.brief, section):
            fields = search_fields(section, record)
            for field, shown in fields:
                if not all(phrase in f" {fold(shown)} " for phrase in phrases):
                    continue  # words in quotes are a phrase the field must have
                score = reference_score(wanted, fold(shown))
                if not score:
                    continue
                exact = f" {wanted} " in f" {fold(shown)} "
                final = round(score * _FIELD_WEIGHTS[section, field] + 10 * exact, 1)
                key = (_SEARCH_KINDS[section], record.id)
                if key not in best or final > best[key][0]:
                    best[key] = (final, label_of(section, record, index.actor_name))
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0][0], item[1][1]))
    return [(key, score) for key, (score, _) in ranked]


# The word index may miss matches of partial_ratio 70-76 that only exist across words (see
# textindex), and so a weak match may be found on a weaker field of its record than the best;
# every stronger match is found as a full scan finds it, and nothing a full scan does not.
STRONG = 77.0


def test_search_through_the_word_index_finds_what_a_full_scan_finds() -> None:
    loaded, problems = loader.check_files([BUNDLED_BRIEF])
    assert loaded is not None, problems
    index = BriefIndex.of(loaded.brief)
    typed = [actor.name for actor in index.actors.all()]
    typed += [alias.name for actor in index.actors.all() for alias in actor.aliases]
    typed += ["Amiri", "Muhandis", "Soleimani", "Qom meeting", "Beirut", "Hezbolah", "Reuters"]
    for text in typed:
        if not fold(text):
            continue
        found = [((hit.kind, hit.id), hit.score) for hit in queries.search(index, text, 10**6)]
        expected = full_scan_search(index, text)
        best = dict(expected)
        assert all(key in best and score <= best[key] for key, score in found), text
        strong = [hit for hit in expected if hit[1] >= STRONG]
        assert [hit for hit in found if hit[1] >= STRONG] == strong, text


@pytest.fixture(scope="module")
def generated_index(tmp_path_factory: pytest.TempPathFactory) -> BriefIndex:
    """A 400-event brief from the benchmark's generator: names shared by many people."""
    out = generate_brief(tmp_path_factory.mktemp("generated") / "brief-400.yaml", 400, seed=5)
    loaded, problems = loader.check_files([out])
    assert loaded is not None, problems
    return BriefIndex.of(loaded.brief)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), limit=st.sampled_from([1, 2, 3, 5, 20]))
def test_search_stops_early_with_the_same_first_hits(
    generated_index: BriefIndex, data: st.DataObject, limit: int
) -> None:
    # Words of the brief (first names shared by many people, common words), cut or misspelt.
    actor = data.draw(st.sampled_from(generated_index.actors.all()))
    word = data.draw(st.sampled_from(actor.name.split()))
    cut = data.draw(st.integers(min_value=3, max_value=max(3, len(word))))
    query = data.draw(st.sampled_from([word, word[:cut], word[1:], f"{word} meets", "in"]))
    if not fold(query):
        return
    everything = queries.search(generated_index, query, 10**6)  # no record left undecoded
    assert queries.search(generated_index, query, limit) == everything[:limit]


def test_a_search_settled_by_names_reads_no_other_section(
    generated_index: BriefIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first name that several actors share: they score 110 (a whole word of a name), more
    # than any event (105), source or place (100), claim (95) or note (90) can.
    first_names = Counter(actor.name.split()[0] for actor in generated_index.actors.all())
    name, count = first_names.most_common(1)[0]
    assert count >= 3
    asked: list[str] = []
    in_section = SearchCandidates.in_section

    def recorded(self: SearchCandidates, section: str) -> SectionCandidates:
        asked.append(section)
        return in_section(self, section)

    monkeypatch.setattr(SearchCandidates, "in_section", recorded)
    hits = queries.search(generated_index, name, 3)
    assert [(hit.kind, hit.score) for hit in hits] == [("actor", 110.0)] * 3
    assert asked == ["actors"]


def test_a_record_with_thousands_of_fields_shows_its_best_weighted_field() -> None:
    # Fields beyond the 4,095th share one place in the word index and are scored one by one:
    # the whole-word bonus counts there too ("zorbat" 108 beats "zorbatt" 98).
    fillers = [Alias(name=f"x{number}") for number in range(4094)]
    actor = Actor(
        id="zorbat",
        name="Someone",
        kind="person",
        aliases=[*fillers, Alias(name="Zorbatt"), Alias(name="Zorbat")],
    )
    index = BriefIndex.of(Brief(meta=Meta(title="T", as_of="2024"), actors=[actor]))
    ((hit,),) = [queries.search(index, "zorbat")]
    assert (hit.field, hit.text, hit.score) == ("alias", "Zorbat", 108.0)


def test_of_a_record_s_fields_scoring_alike_the_first_in_the_record_is_shown() -> None:
    # The word index gives the shorter alias first; the hit is still the record's first.
    actor = Actor(
        id="x", name="Hadi", kind="person", aliases=[Alias(name="Zed Amiri"), Alias(name="Amiri")]
    )
    index = BriefIndex.of(Brief(meta=Meta(title="T", as_of="2024"), actors=[actor]))
    ((hit,),) = [queries.search(index, "amiri")]
    assert (hit.field, hit.text, hit.score) == ("alias", "Zed Amiri", 108.0)


def test_hits_of_equal_score_come_by_kind_then_label_then_brief_order() -> None:
    names = ["Omar", "Badr", "Zaid", "Adel", "Kamal", "Hadi", "Badr", "Nouri", "Ali", "Qais"]
    events = [
        Event(id=f"e-{number}", kind="meeting", title=f"{name} meets the council")
        for number, name in enumerate(names)
    ]
    actor = Actor(id="council", name="Town council", kind="organisation")
    brief = Brief(meta=Meta(title="T", as_of="2024"), actors=[actor], events=events)
    index = BriefIndex.of(brief)
    hits = queries.search(index, "council")
    assert [(hit.kind, hit.id) for hit in hits][:1] == [("actor", "council")]
    assert {hit.score for hit in hits[1:]} == {105.0}  # a whole word of every title
    # Adel, Ali, Badr (e-1 before e-6), Hadi, Kamal, Nouri, Omar, Qais, Zaid.
    in_order = ["e-3", "e-8", "e-1", "e-6", "e-5", "e-4", "e-7", "e-0", "e-9", "e-2"]
    assert [hit.id for hit in hits[1:]] == in_order


def test_a_search_decodes_only_the_first_of_many_equal_hits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Ordered by label without decoding the records: of 500 titles scoring alike, a search for
    # three decodes three, not 500.
    events = [
        Event(id=f"e-{number}", kind="meeting", title=f"Envoy {499 - number:03d} meets Badr")
        for number in range(500)
    ]
    index = BriefIndex.of(Brief(meta=Meta(title="T", as_of="2024"), events=events))
    decoded: list[int] = []
    searched_fields = BriefIndex.searched_fields

    def counted(self: BriefIndex, section: str, position: int, place: int) -> Any:
        decoded.append(position)
        return searched_fields(self, section, position, place)

    monkeypatch.setattr(BriefIndex, "searched_fields", counted)
    hits = queries.search(index, "badr", 3)
    assert [hit.name for hit in hits] == [f"Envoy {n:03d} meets Badr" for n in range(3)]
    assert sorted(decoded) == [497, 498, 499]


def test_a_tie_is_won_by_label_even_against_a_field_with_a_higher_bound() -> None:
    # Both score 98.0: one through an alias (whose bound, as a name, is 100), one through a
    # name. The label decides: "abcd…" before "zed", though the alias was looked at first.
    query = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwx"
    near = query[:20] + "q" + query[21:]
    actors = [
        Actor(id="zed", name="zed", kind="person", aliases=[Alias(name="x" + query)]),
        Actor(id="near", name=near, kind="person"),
    ]
    index = BriefIndex.of(Brief(meta=Meta(title="T", as_of="2024"), actors=actors))
    every = queries.search(index, query)
    assert [(hit.id, hit.score) for hit in every] == [("near", 98.0), ("zed", 98.0)]
    assert queries.search(index, query, 1) == every[:1]


def test_a_search_for_no_hits_at_all_is_empty() -> None:
    loaded, problems = loader.check_files([BUNDLED_BRIEF])
    assert loaded is not None, problems
    assert queries.search(LoadedBrief.of(loaded).index, "Amiri", 0) == []


def test_a_word_index_naming_a_record_beyond_the_brief_is_damage() -> None:
    found = textindex.candidates(textindex.build([(5 << 12, "amiri")], [3 << 12]), "amiri")
    with pytest.raises(CorruptStore):
        SearchCandidates(found, [3])


def test_a_word_index_with_a_group_per_section_too_few_is_damage() -> None:
    found = textindex.candidates(textindex.build([(1 << 12, "amiri")]), "amiri")
    with pytest.raises(CorruptStore):
        SearchCandidates(found, [3])


def test_a_word_index_putting_a_record_in_another_section_is_damage() -> None:
    found = textindex.candidates(textindex.build([(5 << 12, "amiri")], [6 << 12]), "amiri")
    fields = SearchCandidates(found, [3]).in_section("actors")
    with pytest.raises(CorruptStore):
        fields.place(0)


# ---------------------------------------------------------------- timeline


def test_timeline_entries_carry_each_event_s_time_and_links_as_written() -> None:
    events = [
        Event(
            id="e-evening",
            kind="statement",
            title="Evening",
            date=FuzzyDate(value="2024-06-03"),
            time="21:00+05:30",  # 15:30 UTC
            after=["e-undated"],
        ),
        Event(
            id="e-noon",
            kind="meeting",
            title="Noon",
            date=FuzzyDate(value="2024-06-03"),
            time="12:00:00Z",
            before=["e-undated", "e-evening"],
        ),
        Event(id="e-undated", kind="other", title="Undated"),
    ]
    index = BriefIndex.of(Brief(meta=Meta(title="T", as_of="2024"), events=events))
    entries = queries.timeline(index)
    assert [(e.id, e.time, ids(e.after), ids(e.before)) for e in entries] == [
        ("e-noon", "12:00:00Z", [], ["e-undated", "e-evening"]),
        ("e-undated", None, [], []),  # placed by the links, not last
        ("e-evening", "21:00+05:30", ["e-undated"], []),
    ]
    # A period filter leaves out the undated event, whatever its place in the order.
    within = queries.timeline(index, start=dt.date(2024, 6, 3), end=dt.date(2024, 6, 3))
    assert [e.id for e in within] == ["e-noon", "e-evening"]
