"""The alignment network shared by the graph formats: actors as nodes, relations as edges."""

from __future__ import annotations

from dataclasses import dataclass

from briefcli import queries
from briefcli.store.tables import BriefIndex


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str
    type: str
    status: str
    blocs: list[str]  # names of the blocs the actor belongs to, directly or not


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    type: str
    confidence: str
    mutual: bool
    inferred: bool

    @property
    def label(self) -> str:
        """`leads (high)`, `rival of (high, inferred)`."""
        extra = ", inferred" if self.inferred else ""
        return f"{self.type.replace('_', ' ')} ({self.confidence}{extra})"


@dataclass(frozen=True)
class Network:
    title: str
    nodes: list[Node]
    edges: list[Edge]


def network(index: BriefIndex) -> Network:
    """Every actor and every relation, in the brief's order."""
    blocs = {row.id: [bloc.name for bloc in row.blocs] for row in queries.actor_rows(index)}
    nodes = [
        Node(
            id=actor.id,
            name=actor.name,
            kind=actor.kind,
            type=actor.type or "",
            status=actor.status,
            blocs=blocs[actor.id],
        )
        for actor in index.brief.actors
    ]
    edges = [
        Edge(
            id=relation.id,
            source=relation.subject,
            target=relation.object,
            type=relation.type,
            confidence=relation.confidence,
            mutual=relation.type in index.words.mutual,
            inferred=relation.inferred,
        )
        for relation in index.brief.relations
    ]
    return Network(index.brief.meta.title, nodes, edges)
