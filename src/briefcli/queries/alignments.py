"""`alignments`: the blocs with their leaders, members, allies, patrons and rivals, or one
actor's chain up to its patrons."""

from __future__ import annotations

from collections import deque

from briefcli.brief.model import Actor, Relation
from briefcli.queries.common import (
    chain_types,
    claim_refs,
    evidence,
    in_force,
    patron_types,
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
        relation=ref(index, relation.id),
        confidence=relation.confidence,
        since=relation.since,
        until=relation.until,
        current=in_force(index, relation),
        inferred=relation.inferred,
        claims=claim_refs(evidence(index, relation)),
        depth=depth,
    )


def alignment_tree(index: BriefIndex) -> AlignmentTree:
    """Blocs as they stand on the day answers speak for: leaders, members (membership class
    only) with their own leaders and patrons, allies, affiliates, patrons and rivals; then the
    organisations in no bloc."""

    def member(actor_id: str, relation: Relation) -> MemberNode:
        actor = index.actors[actor_id]
        leaders = [
            ref(index, r.subject)
            for r in index.relations_of.get(actor_id, [])
            if r.type in index.words.of_class("leadership")
            and r.object == actor_id
            and in_force(index, r)
        ]
        patrons = [
            _link(index, r, 1)
            for r in upward_targets(index, actor_id, patron_types(index))
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
        members: list[MemberNode] = []
        leaders: list[Link] = []
        allies: list[Link] = []
        affiliates: list[Link] = []
        rivals: list[Link] = []
        for relation in index.relations_of.get(bloc.id, []):
            towards_bloc = relation.object == bloc.id
            other = relation.subject if towards_bloc else relation.object
            if other not in index.actors or other == bloc.id or not in_force(index, relation):
                continue
            kind = index.words.relation_classes.get(relation.type, "other")
            if kind == "membership" and towards_bloc:
                members.append(member(other, relation))
            elif kind == "leadership" and towards_bloc:
                leaders.append(_link(index, relation, 1))
            elif kind == "alliance":  # read from the ally when it holds both ways
                mutual = relation.type in index.words.mutual
                allies.append(_link(index, relation, 1, reverse=mutual and not towards_bloc))
            elif kind == "patronage" and towards_bloc:
                affiliates.append(_link(index, relation, 1))
            elif kind == "hostility":
                rivals.append(_link(index, relation, 1))
            else:
                continue
            in_bloc.add(other)
        patrons = [_link(index, r, 1) for r in upward_targets(index, bloc.id, index.words.upward())]
        members.sort(key=lambda node: fold(node.actor.name))
        blocs.append(
            BlocNode(
                bloc=Ref(id=bloc.id, name=bloc.name),
                leaders=leaders,
                patrons=patrons,
                members=members,
                allies=allies,
                affiliates=affiliates,
                rivals=rivals,
            )
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
    words = index.words
    chain = chain_types(index)
    upward: list[Link] = []
    depth_of = {actor.id: 0}
    queue = deque([actor.id])
    while queue:
        current = queue.popleft()
        for relation in upward_targets(index, current, chain):
            upward.append(_link(index, relation, depth_of[current] + 1))
            if relation.object not in depth_of:
                depth_of[relation.object] = depth_of[current] + 1
                queue.append(relation.object)
    allies: list[Link] = []
    hostile: list[Link] = []
    for member_id, depth in depth_of.items():
        for relation in index.relations_of.get(member_id, []):
            if not in_force(index, relation):
                continue
            # Only a mutual relation may be turned round to start from the chain: "A hostile
            # to B" read from B is still A's hostility, never B's.
            mutual = relation.type in words.mutual
            reverse = mutual and relation.object == member_id and relation.subject != member_id
            if relation.type in words.of_class("alliance"):
                allies.append(_link(index, relation, depth, reverse=reverse))
            elif relation.type in words.of_class("hostility"):
                hostile.append(_link(index, relation, depth, reverse=reverse))
    former = [
        _link(index, relation, 0)
        for relation in index.relations_of.get(actor.id, [])
        if relation.until is not None and not in_force(index, relation)
    ]
    return AlignmentChain(
        actor=Ref(id=actor.id, name=actor.name),
        upward=upward,
        allies=_unique_links(allies),
        hostile=_unique_links(hostile),
        former=former,
    )


def _unique_links(links: list[Link]) -> list[Link]:
    return list({link.relation: link for link in links}.values())
