"""The alignment network as a Mermaid flowchart (renders in GitHub and GitLab Markdown).

Colours come from the one palette (network.KIND_LOOKS, network.CLASS_LOOKS), as in the DOT
chart. Mermaid has no tooltips on links, so each link keeps its whole label (type, confidence,
period): in Mermaid the text is the only place for them.
"""

from __future__ import annotations

from briefcli.console import safe
from briefcli.exporters.network import (
    CLASS_LOOKS,
    KIND_LOOKS,
    Around,
    Edge,
    Network,
    Node,
    network,
)
from briefcli.store.loaded import LoadedBrief

# Node shapes by actor kind: (opening, closing) around the quoted label.
SHAPES = {
    "person": ("([", "])"),
    "organisation": ("[", "]"),
    "state": ("[[", "]]"),
    "jurisdiction": ("[/", "/]"),
    "bloc": ("{{", "}}"),
}
# Arrows: (mutual, not solid) -> Mermaid link; inferred and former links are not solid.
ARROWS = {
    (False, False): "-->",
    (True, False): "<-->",
    (False, True): "-.->",
    (True, True): "<-.->",
}
STROKE_WIDTHS = {"low": "1px", "moderate": "2px", "high": "3px"}
# Mermaid draws every `-.->` link dashed; a former link's dots are finer, as in the DOT chart.
FORMER_DASHES = "stroke-dasharray:2 4"
# How the legend draws each line pattern (network.PATTERNS): its arrow and link style.
PATTERNS = {
    "inferred": ("-.->", "stroke:#424242,stroke-width:2px"),
    "former (no longer in force)": ("-.->", f"stroke:#424242,stroke-width:2px,{FORMER_DASHES}"),
    "low confidence": ("-->", f"stroke:#424242,stroke-width:{STROKE_WIDTHS['low']}"),
}


def label(text: str) -> str:
    """A double-quoted Mermaid label: quotes, `#`, `<`, `>` and `&` as entity codes (so no
    text can close the label or become HTML), line breaks as `<br>`."""
    escaped = "".join(
        {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}.get(c, c) for c in text
    )
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return '"' + "<br>".join(safe(line) for line in lines) + '"'


def link_style(edge: Edge) -> str:
    """The class's colour, a width by confidence, finer dots for a former link."""
    colour = CLASS_LOOKS[edge.meaning].colour
    style = f"stroke:{colour},stroke-width:{STROKE_WIDTHS[edge.confidence]},color:{colour}"
    return style if edge.current else f"{style},{FORMER_DASHES}"


def _node_line(node: Node, node_id: str, indent: str) -> str:
    opening, closing = SHAPES[node.kind]
    return f"{indent}{node_id}{opening}{label(node.name)}{closing}:::{node.kind}"


def export(loaded: LoadedBrief, around: Around | None = None) -> str:
    """`flowchart LR` with one node per actor (classed by kind; unlinked actors in a "Not
    connected" subgraph) and one link per relation or role; mutual relations point both ways,
    inferred and former ones are not solid; a legend lists the kinds, classes and patterns
    shown."""
    graph = network(loaded.index, around)
    node_ids = {node.id: f"a{position}" for position, node in enumerate(graph.nodes)}
    isolated = graph.isolated()
    lines = [
        f"%% {safe(' '.join(graph.title.split()))}: alignment network exported by briefcli",
        "flowchart LR",
    ]
    lines += [_node_line(n, node_ids[n.id], "  ") for n in graph.nodes if n.id not in isolated]
    if isolated:
        lines.append('  subgraph isolated ["Not connected"]')
        lines += [_node_line(n, node_ids[n.id], "    ") for n in graph.nodes if n.id in isolated]
        lines.append("  end")
    styles: list[str] = []
    for number, edge in enumerate(graph.edges):
        arrow = ARROWS[edge.mutual, edge.inferred or not edge.current]
        source, target = node_ids[edge.source], node_ids[edge.target]
        lines.append(f"  {source} {arrow}|{label(edge.label)}| {target}")
        styles.append(f"  linkStyle {number} {link_style(edge)}")
    legend, legend_styles = _legend(graph)
    lines += [*legend, *styles, *legend_styles]
    if around is not None:
        lines.append(f"  style {node_ids[around.actor]} stroke-width:4px")
    lines += [
        f"  classDef {kind} fill:{look.colour},stroke:#333,color:#000"
        for kind, look in KIND_LOOKS.items()
    ]
    return "\n".join(lines) + "\n"


def _legend(graph: Network) -> tuple[list[str], list[str]]:
    """The legend subgraph, and the styles of its sample links (numbered after the chart's
    links): a node per kind shown, a sample link per class and per line pattern shown."""
    legend = graph.legend()
    samples = [
        (look.label, "-->", f"stroke:{look.colour},stroke-width:3px")
        for look in (CLASS_LOOKS[meaning] for meaning in legend.classes)
    ] + [(name, *PATTERNS[name]) for name in legend.patterns]
    if not (legend.kinds or samples):
        return [], []
    lines = ['  subgraph legend ["Legend"]', "    direction LR"]
    for kind in legend.kinds:
        opening, closing = SHAPES[kind]
        lines.append(f"    legend_{kind}{opening}{label(KIND_LOOKS[kind].label)}{closing}:::{kind}")
    styles = []
    for position, (name, arrow, style) in enumerate(samples):
        lines.append(f'    legend{position}a[" "] {arrow}|{label(name)}| legend{position}b[" "]')
        styles.append(f"  linkStyle {len(graph.edges) + position} {style}")
    lines.append("  end")
    return lines, styles
