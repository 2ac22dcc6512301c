"""The query layer on its own: pure functions over a loaded brief, checked against simple
reference implementations on generated graphs (cycles included)."""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli import queries
from briefcli.index import BriefIndex
from briefcli.model import Actor, Brief, Meta, Relation

KINDS = ["person", "organisation", "bloc"]
THROUGH = ("leads", "member_of", "part_of", "aide_to")
TYPES = ["leads", "member_of", "part_of", "aide_to", "backed_by", "loyal_to", "hostile_to"]


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
        Relation(id=f"r{n}", subject=f"a{s}", type=t, object=f"a{o}")  # type: ignore[arg-type]
        for n, (s, t, o) in enumerate(edges)
        if s != o
    ]
    brief = Brief(meta=Meta(title="T", as_of="2024"), actors=actors, relations=relations)
    return BriefIndex(brief)


def reference_blocs(index: BriefIndex, actor_id: str) -> set[str]:
    """The plain breadth-first definition: along upward relations, every bloc reached is one
    of the actor's blocs; the walk goes on only through leads/member_of/part_of/aide_to."""
    found: set[str] = set()
    visited = {actor_id}
    queue = deque([actor_id])
    while queue:
        current = queue.popleft()
        for relation in index.relations_of.get(current, []):
            if relation.subject != current or relation.type not in queries.CHAIN_RELATIONS:
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
        fast = {bloc.id for bloc in queries._blocs_of(index, actor.id)}
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
