"""`alignments`: the blocs with their members and patrons, or one actor's chain of patrons."""

from __future__ import annotations

from collections import deque

from briefcli.brief.model import (
    HOSTILE_RELATIONS,
    UPWARD_RELATIONS,
    Actor,
    Relation,
)
from briefcli.queries.common import (
    ALLY_RELATIONS,
    CHAIN_RELATIONS,
    MEMBERSHIP_RELATIONS,
    PATRON_RELATIONS,
    evidence,
    ref,
    upward_targets,
)
from briefcli.results import (
    AlignmentChain,
    AlignmentTree,
    BlocNode,
    Link,
    MemberNode,
    Ref,
)
from briefcli.search.names import fold
from briefcli.store.tables import BriefIndex


def _link(index: BriefIndex, relation: Relation, depth: int, reverse: bool = False) -> Link:
    source, target = (
        (relation.object, relation.subject) if reverse else (relation.subject, relation.object)
    )
    return Link(
        source=ref(index, source),
        type=relation.type,
        target=ref(index, target),
        relation=relation.id,
        confidence=relation.confidence,
        inferred=relation.inferred,
        claims=[claim.id for claim in evidence(index, relation)],
        depth=depth,
    )


def alignment_tree(index: BriefIndex) -> AlignmentTree:
    """Blocs, their members with leaders and patrons; then organisations in no bloc."""

    def member(actor_id: str, relation: Relation) -> MemberNode:
        actor = index.actors[actor_id]
        leaders = [
            ref(index, r.subject)
            for r in index.relations_of.get(actor_id, [])
            if r.type == "leads" and r.object == actor_id
        ]
        patrons = [
            _link(index, r, 1)
            for r in upward_targets(index, actor_id, PATRON_RELATIONS)
            if r.object in index.actors and index.actors[r.object].kind != "bloc"
        ]
        return MemberNode(
            actor=Ref(id=actor.id, name=actor.name),
            kind=actor.kind,
            relation=relation.type,
            confidence=relation.confidence,
            leaders=leaders,
            patrons=patrons,
        )

    blocs: list[BlocNode] = []
    in_bloc: set[str] = set()
    for bloc in sorted(
        (a for a in index.actors.all() if a.kind == "bloc"), key=lambda a: fold(a.name)
    ):
        members = []
        for relation in index.relations_of.get(bloc.id, []):
            joins = relation.object == bloc.id and relation.type in MEMBERSHIP_RELATIONS
            allied = relation.type in ALLY_RELATIONS  # mutual: written either way round
            other = relation.subject if relation.object == bloc.id else relation.object
            if (joins or allied) and other in index.actors and other != bloc.id:
                members.append(member(other, relation))
                in_bloc.add(other)
        patrons = [_link(index, r, 1) for r in upward_targets(index, bloc.id, UPWARD_RELATIONS)]
        members.sort(key=lambda node: fold(node.actor.name))
        blocs.append(
            BlocNode(bloc=Ref(id=bloc.id, name=bloc.name), patrons=patrons, members=members)
        )
    unaligned = []
    for actor in sorted(index.actors.all(), key=lambda a: fold(a.name)):
        if actor.kind != "organisation" or actor.id in in_bloc:
            continue
        node = member(actor.id, Relation(id="-", subject=actor.id, type="member_of", object="-"))
        unaligned.append(
            MemberNode(
                actor=node.actor,
                kind=node.kind,
                relation="none",
                confidence="-",
                leaders=node.leaders,
                patrons=node.patrons,
            )
        )
    return AlignmentTree(blocs=blocs, unaligned=unaligned)


def alignment_chain(index: BriefIndex, actor: Actor) -> AlignmentChain:
    """The actor's chain up to its patrons (breadth-first, each actor once), and the allies
    and hostile relations of the actor and of everyone on that chain."""
    upward: list[Link] = []
    depth_of = {actor.id: 0}
    queue = deque([actor.id])
    while queue:
        current = queue.popleft()
        for relation in upward_targets(index, current, CHAIN_RELATIONS):
            upward.append(_link(index, relation, depth_of[current] + 1))
            if relation.object not in depth_of:
                depth_of[relation.object] = depth_of[current] + 1
                queue.append(relation.object)
    allies: list[Link] = []
    hostile: list[Link] = []
    for member_id, depth in depth_of.items():
        for relation in index.relations_of.get(member_id, []):
            reverse = relation.object == member_id and relation.subject != member_id
            if relation.type in ALLY_RELATIONS:
                allies.append(_link(index, relation, depth, reverse=reverse))
            elif relation.type in HOSTILE_RELATIONS:
                hostile.append(_link(index, relation, depth, reverse=reverse))
    return AlignmentChain(
        actor=Ref(id=actor.id, name=actor.name),
        upward=upward,
        allies=_unique_links(allies),
        hostile=_unique_links(hostile),
    )


def _unique_links(links: list[Link]) -> list[Link]:
    return list({link.relation: link for link in links}.values())
