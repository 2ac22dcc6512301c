"""The alignment network shared by the graph formats: actors as nodes; relations, and the roles
people hold in organisations, as edges, each with its class and period."""

from __future__ import annotations

from dataclasses import dataclass

from briefcli import queries
from briefcli.queries.common import in_force
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
    type: str  # the relation type, or holds_role_in for a role
    meaning: str  # the type's class: alliance, hostility, membership, office...
    confidence: str
    mutual: bool
    inferred: bool
    since: str | None
    until: str | None
    current: bool  # in force on the day the brief speaks for (its as_of, or --as-of)
    role: str | None = None  # a role's title

    @property
    def label(self) -> str:
        """`leads (high)`, `rival of (high, inferred)`, `Governor (role, since 2018)`,
        `allied with (high, former, until 2013)`."""
        extra = [self.confidence] if self.role is None else ["role"]
        extra += ["inferred"] if self.inferred else []
        extra += [] if self.current or not self.until else ["former"]
        extra += [f"since {self.since}"] if self.since else []
        extra += [f"until {self.until}"] if self.until else []
        name = self.role or self.type.replace("_", " ")
        return f"{name} ({', '.join(extra)})"


# How the graph formats draw each class of edge: alliance and hostility stand out.
EDGE_COLOURS = {"alliance": "#2e7d32", "hostility": "#c0392b", "office": "#7a7a7a"}


@dataclass(frozen=True)
class Look:
    """How a chart draws one actor kind or one relation class: its colour and legend label."""

    colour: str
    label: str


# One palette for every chart (DOT, SVG/PNG, Mermaid, the HTML page), so a colour means the same
# thing everywhere. Actor kinds take the Okabe-Ito colours, which stay distinct to colour-blind
# readers; edge classes use darker tones so that lines read against the nodes' fills.
KIND_LOOKS: dict[str, Look] = {
    "person": Look("#56b4e9", "person"),
    "organisation": Look("#e69f00", "organisation"),
    "state": Look("#009e73", "state"),
    "jurisdiction": Look("#f0e442", "jurisdiction"),
    "bloc": Look("#cc79a7", "bloc"),
}
CLASS_LOOKS: dict[str, Look] = {
    "membership": Look("#1f4e79", "membership"),
    "leadership": Look("#6a1b9a", "leadership"),
    "patronage": Look("#b26a00", "patronage"),
    "alliance": Look("#2e7d32", "alliance"),
    "hostility": Look("#c0392b", "hostility"),
    "office": Look("#7a7a7a", "office (role)"),
    "kinship": Look("#00838f", "kinship"),
    "succession": Look("#5d4037", "succession"),
    "other": Look("#455a64", "other"),
}


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
    words = index.words
    edges = [
        Edge(
            id=relation.id,
            source=relation.subject,
            target=relation.object,
            type=relation.type,
            meaning=words.relation_classes.get(relation.type, "other"),
            confidence=relation.confidence,
            mutual=relation.type in words.mutual,
            inferred=relation.inferred,
            since=relation.since,
            until=relation.until,
            current=in_force(index, relation),
        )
        for relation in index.brief.relations
    ]
    edges += [
        Edge(
            id=f"{actor.id}#role-{number + 1}",
            source=actor.id,
            target=role.of,
            type="holds_role_in",
            meaning="office",
            confidence="high",
            mutual=False,
            inferred=False,
            since=role.since,
            until=role.until,
            current=in_force(index, role),
            role=role.title,
        )
        for actor in index.brief.actors
        for number, role in enumerate(actor.roles)
        if role.of is not None and role.of != actor.id
    ]
    return Network(index.brief.meta.title, nodes, edges)
