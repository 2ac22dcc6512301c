"""`trace`: the shortest paths of relations between two actors, with the evidence for each hop."""

from __future__ import annotations

from briefcli.brief.model import (
    MUTUAL_RELATIONS,
    Actor,
    Relation,
)
from briefcli.queries.common import LookupProblem, claim_out, evidence, ref
from briefcli.results import (
    Hop,
    Ref,
    TracePath,
    TraceResult,
)
from briefcli.store.tables import BriefIndex

MAX_PATHS = 10


def trace(index: BriefIndex, source: Actor, target: Actor, max_hops: int = 4) -> TraceResult:
    """All shortest paths (at most MAX_PATHS) between two actors over relations, either way."""
    if source.id == target.id:
        raise LookupProblem(f"{source.name!r} and {target.name!r} are the same actor")
    # Breadth-first over relation positions and ends: no relation is decoded until a path uses it.
    subjects, objects = index.relation_ends
    parents: dict[str, list[int]] = {source.id: []}
    frontier = [source.id]
    depth = 0
    while frontier and target.id not in parents and depth < max_hops:
        depth += 1
        reached: dict[str, list[int]] = {}
        for current in frontier:
            for position in index.relations_of.positions(current):
                subject, obj = subjects[position], objects[position]
                other = obj if subject == current else subject
                if other in parents or other not in index.actors:
                    continue
                reached.setdefault(other, []).append(position)
        parents.update(reached)
        frontier = list(reached)
    if target.id not in parents:
        raise LookupProblem(
            f"no connection between {source.name!r} and {target.name!r} within {max_hops} "
            + ("hop" if max_hops == 1 else "hops"),
            "raise --max-hops" if frontier else None,
        )
    paths = _paths_back(index, parents, source.id, target.id)
    return TraceResult(
        source=Ref(id=source.id, name=source.name),
        target=Ref(id=target.id, name=target.name),
        length=depth,
        paths=[TracePath(hops=hops) for hops in paths],
    )


def _paths_back(
    index: BriefIndex, parents: dict[str, list[int]], source: str, target: str
) -> list[list[Hop]]:
    """Walk parent relations back from the target, at most MAX_PATHS paths."""
    finished: list[list[Hop]] = []
    stack: list[tuple[str, list[Hop]]] = [(target, [])]
    while stack and len(finished) < MAX_PATHS:
        current, suffix = stack.pop()
        if current == source:
            finished.append(suffix)
            continue
        for relation in (index.relations.at(p) for p in reversed(parents[current])):
            previous = relation.object if relation.subject == current else relation.subject
            stack.append((previous, [_hop(index, relation, previous, current), *suffix]))
    return sorted(finished, key=lambda hops: [hop.relation for hop in hops])


def _hop(index: BriefIndex, relation: Relation, start: str, end: str) -> Hop:
    if relation.type in MUTUAL_RELATIONS:
        direction = "mutual"
    else:
        direction = "forward" if relation.subject == start else "backward"
    return Hop(
        source=ref(index, start),
        target=ref(index, end),
        relation=relation.id,
        type=relation.type,
        direction=direction,
        confidence=relation.confidence,
        claims=[claim_out(index, claim) for claim in evidence(index, relation)],
    )
