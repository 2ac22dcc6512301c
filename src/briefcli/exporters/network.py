"""The alignment network shared by the graph formats: actors as nodes; relations, and the roles
people hold in organisations, as edges, each with its class and period.

On the day the brief speaks for (its as_of, or --as-of), ties that had ended are kept and
marked former (charts draw them dotted: who was allied with whom is part of the picture);
ties not yet begun are left out, as every other command leaves them out."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeAlias

from briefcli import queries
from briefcli.exporters import MODULES, ExportFormat, Output
from briefcli.queries.common import begun, in_force
from briefcli.store.loaded import LoadedBrief
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
        return f"{self.caption} ({', '.join(extra)})"

    @property
    def caption(self) -> str:
        """The edge's name alone, as a chart writes it: `leads`, `rival of`, `Governor`; the
        line's colour and pattern show its class, confidence and period."""
        return self.role or self.type.replace("_", " ")


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
    "other": Look("#9e9d24", "other"),
}


@dataclass(frozen=True)
class Around:
    """One actor's neighbourhood: the actors within `depth` links of it, either way."""

    actor: str  # its id
    depth: int = 1


# The line patterns a chart draws, each with the edges drawn so: a former edge is dotted whether
# or not it was inferred (that it ended is what the chart shows first).
PATTERNS: dict[str, Callable[[Edge], bool]] = {
    "inferred": lambda edge: edge.current and edge.inferred,
    "former (no longer in force)": lambda edge: not edge.current,
    "low confidence": lambda edge: edge.confidence == "low",
}


@dataclass(frozen=True)
class Legend:
    """What a chart's legend lists: the kinds, relation classes and line patterns it shows, in
    the palette's order, and no more."""

    kinds: list[str]
    classes: list[str]
    patterns: list[str]


@dataclass(frozen=True)
class Network:
    title: str
    nodes: list[Node]
    edges: list[Edge]
    around: Around | None = None  # set when the network is one actor's neighbourhood

    def isolated(self) -> set[str]:
        """The ids of the nodes no edge touches."""
        linked = {end for edge in self.edges for end in (edge.source, edge.target)}
        return {node.id for node in self.nodes} - linked

    def legend(self) -> Legend:
        kinds = {node.kind for node in self.nodes}
        classes = {edge.meaning for edge in self.edges}
        return Legend(
            kinds=[kind for kind in KIND_LOOKS if kind in kinds],
            classes=[meaning for meaning in CLASS_LOOKS if meaning in classes],
            patterns=[name for name, drawn in PATTERNS.items() if any(map(drawn, self.edges))],
        )


# The formats that draw the network, and so can draw one actor's neighbourhood.
GRAPH_FORMATS = frozenset(
    {
        ExportFormat.graphml,
        ExportFormat.dot,
        ExportFormat.mermaid,
        ExportFormat.svg,
        ExportFormat.png,
    }
)
GraphExporter: TypeAlias = Callable[[LoadedBrief, Around | None], Output]


def graph_exporter(export_format: ExportFormat) -> GraphExporter:
    """The export function of a graph format, which takes the neighbourhood to draw."""
    if export_format not in GRAPH_FORMATS:
        raise ValueError(f"{export_format.value} does not draw the network")
    module = importlib.import_module(f"briefcli.exporters.{MODULES[export_format]}")
    function: GraphExporter = module.export
    return function


def network(index: BriefIndex, around: Around | None = None) -> Network:
    """Every actor and every relation begun by the day the brief speaks for, in the brief's
    order; or, `around` one actor, its neighbourhood."""
    whole = _whole_network(index)
    return whole if around is None else neighbourhood(whole, around)


def neighbourhood(graph: Network, around: Around) -> Network:
    """The actors within `around.depth` edges of `around.actor`, following edges either way,
    and every edge among them (the subgraph they induce), in the network's order."""
    neighbours: dict[str, set[str]] = {node.id: set() for node in graph.nodes}
    for edge in graph.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    reached = {around.actor}
    frontier = {around.actor}
    for _ in range(around.depth):
        frontier = {n for actor in frontier for n in neighbours[actor]} - reached
        reached |= frontier
    return replace(
        graph,
        nodes=[node for node in graph.nodes if node.id in reached],
        edges=[e for e in graph.edges if e.source in reached and e.target in reached],
        around=around,
    )


def _whole_network(index: BriefIndex) -> Network:
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
        if begun(index, relation)
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
        if role.of is not None and role.of != actor.id and begun(index, role)
    ]
    # A chart drawn for another day than the brief's own says so: a picture passed around
    # cannot be dated otherwise.
    day = "" if index.as_of is None else f" (as of {index.as_of.isoformat()})"
    return Network(index.brief.meta.title + day, nodes, edges)
