"""`trace`: the shortest paths of relations between two actors, with the evidence for each hop."""

from __future__ import annotations

from briefcli.brief.model import (
    Actor,
    Relation,
)
from briefcli.queries.common import (
    LookupProblem,
    begun,
    claim_out,
    evidence,
    in_force,
    moment,
    ref,
)
from briefcli.results import (
    Hop,
    Ref,
    TracePath,
    TraceResult,
)
from briefcli.store.tables import BriefIndex

MAX_PATHS = 10


# A step of a search: a relation's position, or (holder, role number) for a role held.
_Step = int | tuple[str, int]


def _role_steps(index: BriefIndex) -> dict[str, list[tuple[str, int]]]:
    """For each actor, the roles linking it to another: those it holds and those held in it."""
    steps = index.memo.get("role steps")
    if steps is None:
        steps = index.memo["role steps"] = {}
        for actor in index.actors.all():
            for number, role in enumerate(actor.roles):
                if role.of is not None and role.of != actor.id and role.of in index.actors:
                    steps.setdefault(actor.id, []).append((actor.id, number))
                    steps.setdefault(role.of, []).append((actor.id, number))
    return steps


def trace(index: BriefIndex, source: Actor, target: Actor, max_hops: int = 4) -> TraceResult:
    """All shortest paths (at most MAX_PATHS) between two actors over relations, either way,
    and over roles (a person holding office in an organisation)."""
    if source.id == target.id:
        raise LookupProblem(f"{source.name!r} and {target.name!r} are the same actor")
    # Breadth-first over relation positions and ends: no relation is decoded until a path uses it.
    subjects, objects = index.relation_ends
    # Ties not yet begun on the day answers speak for are not part of the brief as it stood.
    starts, today = index.relation_starts, moment(index).toordinal()
    roles = _role_steps(index)
    parents: dict[str, list[_Step]] = {source.id: []}
    frontier = [source.id]
    depth = 0
    while frontier and target.id not in parents and depth < max_hops:
        depth += 1
        reached: dict[str, list[_Step]] = {}
        for current in frontier:
            for position in index.relations_of.positions(current):
                if starts[position] > today:
                    continue
                subject, obj = subjects[position], objects[position]
                other = obj if subject == current else subject
                if other in parents or other not in index.actors:
                    continue
                reached.setdefault(other, []).append(position)
            for holder, number in roles.get(current, ()):
                role = index.actors[holder].roles[number]
                if not begun(index, role):
                    continue
                other = role.of or holder
                other = holder if other == current else other
                if other not in parents:
                    reached.setdefault(other, []).append((holder, number))
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
    index: BriefIndex, parents: dict[str, list[_Step]], source: str, target: str
) -> list[list[Hop]]:
    """Walk parent steps back from the target, at most MAX_PATHS paths."""
    finished: list[list[Hop]] = []
    stack: list[tuple[str, list[Hop]]] = [(target, [])]
    while stack and len(finished) < MAX_PATHS:
        current, suffix = stack.pop()
        if current == source:
            finished.append(suffix)
            continue
        for step in reversed(parents[current]):
            if isinstance(step, int):
                relation = index.relations.at(step)
                previous = relation.object if relation.subject == current else relation.subject
                hop = _hop(index, relation, previous, current)
            else:
                holder, number = step
                organisation = index.actors[holder].roles[number].of or holder
                previous = organisation if holder == current else holder
                hop = _role_hop(index, holder, number, previous, current)
            stack.append((previous, [hop, *suffix]))
    return sorted(
        finished,
        key=lambda hops: [(hop.relation.id if hop.relation else "", hop.type) for hop in hops],
    )


def _hop(index: BriefIndex, relation: Relation, start: str, end: str) -> Hop:
    if relation.type in index.words.mutual:
        direction = "mutual"
    else:
        direction = "forward" if relation.subject == start else "backward"
    return Hop(
        source=ref(index, start),
        target=ref(index, end),
        relation=ref(index, relation.id),
        type=relation.type,
        direction=direction,
        confidence=relation.confidence,
        since=relation.since,
        until=relation.until,
        current=in_force(index, relation),
        role=None,
        claims=[claim_out(index, claim) for claim in evidence(index, relation)],
    )


def _role_hop(index: BriefIndex, holder: str, number: int, start: str, end: str) -> Hop:
    role = index.actors[holder].roles[number]
    return Hop(
        source=ref(index, start),
        target=ref(index, end),
        relation=None,
        type="holds_role_in",
        direction="forward" if start == holder else "backward",
        confidence="high",  # the brief states the role as a fact about the actor
        since=role.since,
        until=role.until,
        current=in_force(index, role),
        role=role.title,
        claims=[],
    )
