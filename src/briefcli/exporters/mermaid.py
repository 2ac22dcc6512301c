"""The alignment network as a Mermaid flowchart (renders in GitHub and GitLab Markdown)."""

from __future__ import annotations

from briefcli.console import safe
from briefcli.exporters.network import EDGE_COLOURS, network
from briefcli.store.loaded import LoadedBrief

# Node shapes by actor kind: (opening, closing) around the quoted label.
SHAPES = {
    "person": ("([", "])"),
    "organisation": ("[", "]"),
    "state": ("[[", "]]"),
    "jurisdiction": ("[/", "/]"),
    "bloc": ("{{", "}}"),
}
# Arrows: (mutual, inferred) -> Mermaid link.
ARROWS = {
    (False, False): "-->",
    (True, False): "<-->",
    (False, True): "-.->",
    (True, True): "<-.->",
}
# The legend's entries: what it calls each kind of link, and its arrow.
LEGEND = [
    ("alliance", "-->"),
    ("hostility", "-->"),
    ("role", "-->"),
    ("inferred or former", "-.->"),
]
CLASSES = {
    "person": "fill:#eef5ff,stroke:#4a78b5",
    "organisation": "fill:#f4f4f4,stroke:#555",
    "state": "fill:#fff4e0,stroke:#b5832e",
    "jurisdiction": "fill:#fdf0f6,stroke:#a3577f",
    "bloc": "fill:#eaf7ea,stroke:#3f8f3f",
}


def label(text: str) -> str:
    """A double-quoted Mermaid label: quotes, `#`, `<`, `>` and `&` as entity codes (so no
    text can close the label or become HTML), line breaks as `<br>`."""
    escaped = "".join(
        {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}.get(c, c) for c in text
    )
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return '"' + "<br>".join(safe(line) for line in lines) + '"'


def export(loaded: LoadedBrief) -> str:
    """`flowchart LR` with one node per actor (classed by kind) and one link per relation or
    role; mutual relations point both ways, inferred and former ones are dotted; alliances are
    green, hostility red, roles grey; a legend says so."""
    graph = network(loaded.index)
    node_ids = {node.id: f"a{position}" for position, node in enumerate(graph.nodes)}
    lines = [
        f"%% {safe(' '.join(graph.title.split()))}: alignment network exported by briefcli",
        "flowchart LR",
    ]
    for node in graph.nodes:
        opening, closing = SHAPES[node.kind]
        lines.append(f"  {node_ids[node.id]}{opening}{label(node.name)}{closing}:::{node.kind}")
    styles: list[str] = []
    for number, edge in enumerate(graph.edges):
        arrow = ARROWS[edge.mutual, edge.inferred or not edge.current]
        source, target = node_ids[edge.source], node_ids[edge.target]
        lines.append(f"  {source} {arrow}|{label(edge.label)}| {target}")
        if edge.meaning in EDGE_COLOURS:
            styles.append(f"  linkStyle {number} stroke:{EDGE_COLOURS[edge.meaning]}")
    lines += ['  subgraph legend ["Legend"]', "    direction LR"]
    legend = [
        ("alliance", "-->"),
        ("hostility", "-->"),
        ("role", "-->"),
        ("inferred or former", "-.->"),
    ]
    for position, (name, arrow) in enumerate(legend):
        lines.append(f'    legend{position}a[" "] {arrow}|"{name}"| legend{position}b[" "]')
        colour = EDGE_COLOURS.get("office" if name == "role" else name)
        if colour:
            styles.append(f"  linkStyle {len(graph.edges) + position} stroke:{colour}")
    lines.append("  end")
    lines += styles
    lines += [f"  classDef {kind} {style}" for kind, style in CLASSES.items()]
    return "\n".join(lines) + "\n"
