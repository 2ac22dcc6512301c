"""The alignment network as Graphviz DOT, and its rendering through Graphviz's `dot`."""

from __future__ import annotations

import shutil
import subprocess

from briefcli.console import safe
from briefcli.exporters import ExportError
from briefcli.exporters.network import EDGE_COLOURS, network
from briefcli.store.loaded import LoadedBrief

SHAPES = {
    "person": "ellipse",
    "organisation": "box",
    "state": "doubleoctagon",
    "jurisdiction": "octagon",
    "bloc": "hexagon",
}
PEN_WIDTHS = {"low": "1", "moderate": "1.5", "high": "2.5"}
RENDER_TIMEOUT = 60  # seconds
GRAPH = {"labelloc": "t", "rankdir": "LR", "fontname": "Helvetica"}


def _coloured(meaning: str) -> str:
    colour = EDGE_COLOURS[meaning]
    return f'color="{colour}", fontcolor="{colour}"'


# A legend of the edge styles, its node ids such as no actor can have (an actor's id starts with
# a letter or a digit).
LEGEND = [
    "  subgraph cluster_legend {",
    '    graph [label="Legend", fontsize="10", style="rounded"];',
    '    node [shape="plaintext", fontsize="9", label=""];',
    *(
        f'    "_legend_{name}_a" -> "_legend_{name}_b" [label="{name}", {style}];'
        for name, style in (
            ("alliance", _coloured("alliance")),
            ("hostility", _coloured("hostility")),
            ("role", _coloured("office")),
            ("inferred", 'style="dashed"'),
            ("former", 'style="dotted"'),
        )
    ),
    "  }",
]


def quote(text: str) -> str:
    """A DOT double-quoted string: control characters made visible, then backslashes and
    quotes escaped; line breaks become DOT's centred line break `\\n`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [safe(line).replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def _attributes(pairs: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in pairs.items())


def export(loaded: LoadedBrief) -> str:
    """A directed graph: nodes carry kind, type, status and blocs; edges their relation type,
    class, confidence and period. Mutual relations point both ways; alliances are green,
    hostility red, roles grey; inferred edges are dashed, former ones dotted; a legend says so."""
    graph = network(loaded.index)
    lines = [
        f"// {safe(' '.join(graph.title.split()))}: alignment network exported by briefcli",
        "digraph alignments {",
        f"  graph [{_attributes(GRAPH | {'label': graph.title})}];",
        '  node [fontname="Helvetica", fontsize="11"];',
        '  edge [fontname="Helvetica", fontsize="9"];',
    ]
    for node in graph.nodes:
        attributes = {
            "label": node.name,
            "shape": SHAPES[node.kind],
            "kind": node.kind,
            "type": node.type,
            "status": node.status,
            "bloc": "; ".join(node.blocs),
        }
        lines.append(f"  {quote(node.id)} [{_attributes(attributes)}];")
    for edge in graph.edges:
        attributes = {
            "id": edge.id,
            "label": edge.label,
            "relation": edge.type,
            "confidence": edge.confidence,
            "penwidth": PEN_WIDTHS[edge.confidence],
            "mutual": "true" if edge.mutual else "false",
            "inferred": "true" if edge.inferred else "false",
            "class": edge.meaning,
            "since": edge.since or "",
            "until": edge.until or "",
            "current": "true" if edge.current else "false",
        }
        if edge.mutual:
            attributes["dir"] = "both"
        if edge.meaning in EDGE_COLOURS:
            attributes["color"] = attributes["fontcolor"] = EDGE_COLOURS[edge.meaning]
        if not edge.current:
            attributes["style"] = "dotted"
        elif edge.inferred:
            attributes["style"] = "dashed"
        lines.append(f"  {quote(edge.source)} -> {quote(edge.target)} [{_attributes(attributes)}];")
    lines += LEGEND
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(dot_text: str, output_format: str) -> bytes:
    """Run Graphviz's `dot` on the text; ExportError if it is missing, fails or hangs."""
    program = shutil.which("dot")
    if program is None:
        raise ExportError(
            f"rendering {output_format} needs Graphviz's `dot` program, which is not installed "
            "(install the Debian package graphviz: apt-get install graphviz)"
        )
    try:
        completed = subprocess.run(
            [program, f"-T{output_format}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            timeout=RENDER_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExportError(f"Graphviz's dot took over {RENDER_TIMEOUT} s and was stopped") from None
    except OSError as error:
        raise ExportError(f"cannot run Graphviz's dot: {error.strerror or error}") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[0] if message else f"exit status {completed.returncode}"
        raise ExportError(f"Graphviz's dot failed: {reason}")
    return completed.stdout
