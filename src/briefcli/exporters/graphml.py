"""The alignment network as GraphML (Gephi, yEd, Cytoscape, networkx)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from briefcli.console import safe
from briefcli.exporters.network import Around, network
from briefcli.store.loaded import LoadedBrief

# (key id, element it applies to, attribute name, GraphML type)
KEYS = [
    ("name", "node", "name", "string"),
    ("kind", "node", "kind", "string"),
    ("type", "node", "type", "string"),
    ("status", "node", "status", "string"),
    ("bloc", "node", "bloc", "string"),
    ("label", "edge", "label", "string"),
    ("relation", "edge", "relation", "string"),
    ("confidence", "edge", "confidence", "string"),
    ("mutual", "edge", "mutual", "boolean"),
    ("inferred", "edge", "inferred", "boolean"),
    ("class", "edge", "class", "string"),
    ("since", "edge", "since", "string"),
    ("until", "edge", "until", "string"),
    ("current", "edge", "current", "boolean"),
]


def _text(value: str) -> str:
    """XML character data: `<>&` escaped, control characters made visible (XML 1.0 cannot
    hold them); line breaks are kept."""
    return escape("\n".join(safe(line) for line in value.split("\n")))


def _data(key: str, value: str) -> str:
    return f'<data key="{key}">{_text(value)}</data>'


def _attribute(value: str) -> str:
    return quoteattr(safe(value))


def export(loaded: LoadedBrief, around: Around | None = None) -> str:
    """A directed graph (of the whole brief, or `around` one actor); `bloc` lists the actor's
    blocs joined by `; `."""
    graph = network(loaded.index, around)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    lines += [
        f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>'
        for key, domain, name, kind in KEYS
    ]
    lines.append('  <graph id="alignments" edgedefault="directed">')
    lines.append(f"    <desc>{_text(graph.title)}</desc>")
    for node in graph.nodes:
        data = [
            _data("name", node.name),
            _data("kind", node.kind),
            _data("type", node.type),
            _data("status", node.status),
            _data("bloc", "; ".join(node.blocs)),
        ]
        lines.append(f"    <node id={_attribute(node.id)}>{''.join(data)}</node>")
    for edge in graph.edges:
        data = [
            _data("label", edge.label),
            _data("relation", edge.type),
            _data("confidence", edge.confidence),
            _data("mutual", "true" if edge.mutual else "false"),
            _data("inferred", "true" if edge.inferred else "false"),
            _data("class", edge.meaning),
            _data("since", edge.since or ""),
            _data("until", edge.until or ""),
            _data("current", "true" if edge.current else "false"),
        ]
        endpoints = f"source={_attribute(edge.source)} target={_attribute(edge.target)}"
        lines.append(f"    <edge id={_attribute(edge.id)} {endpoints}>{''.join(data)}</edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"
