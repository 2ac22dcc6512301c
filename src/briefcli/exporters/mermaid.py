"""The alignment network as a Mermaid flowchart (renders in GitHub and GitLab Markdown)."""

from __future__ import annotations

from briefcli.console import safe
from briefcli.exporters.network import network
from briefcli.store.loaded import LoadedBrief

# Node shapes by actor kind: (opening, closing) around the quoted label.
SHAPES = {
    "person": ("([", "])"),
    "organisation": ("[", "]"),
    "state": ("[[", "]]"),
    "bloc": ("{{", "}}"),
}
# Arrows: (mutual, inferred) -> Mermaid link.
ARROWS = {
    (False, False): "-->",
    (True, False): "<-->",
    (False, True): "-.->",
    (True, True): "<-.->",
}
CLASSES = {
    "person": "fill:#eef5ff,stroke:#4a78b5",
    "organisation": "fill:#f4f4f4,stroke:#555",
    "state": "fill:#fff4e0,stroke:#b5832e",
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
    """`flowchart LR` with one node per actor (classed by kind) and one link per relation;
    mutual relations point both ways, inferred ones are dotted."""
    graph = network(loaded.index)
    node_ids = {node.id: f"a{position}" for position, node in enumerate(graph.nodes)}
    lines = [
        f"%% {safe(' '.join(graph.title.split()))}: alignment network exported by briefcli",
        "flowchart LR",
    ]
    for node in graph.nodes:
        opening, closing = SHAPES[node.kind]
        lines.append(f"  {node_ids[node.id]}{opening}{label(node.name)}{closing}:::{node.kind}")
    for edge in graph.edges:
        arrow = ARROWS[edge.mutual, edge.inferred]
        source, target = node_ids[edge.source], node_ids[edge.target]
        lines.append(f"  {source} {arrow}|{label(edge.label)}| {target}")
    lines += [f"  classDef {kind} {style}" for kind, style in CLASSES.items()]
    return "\n".join(lines) + "\n"
