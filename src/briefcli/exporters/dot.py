"""The alignment network as Graphviz DOT, and its rendering through Graphviz's `dot`.

The chart is laid out to be read on a slide: names wrapped onto short lines, each edge named by
its type alone (the rest is in its tooltip, and in its line: colour for the class, dashes for
inferred, dots for former, width for confidence), unlinked actors gathered in a compact grid,
and a legend of what the chart shows.
"""

from __future__ import annotations

import math
import shutil
import subprocess
import textwrap

from briefcli.console import safe
from briefcli.exporters import ExportError
from briefcli.exporters.network import CLASS_LOOKS, KIND_LOOKS, Around, Edge, Network, Node, network
from briefcli.store.loaded import LoadedBrief

SHAPES = {
    "person": "ellipse",
    "organisation": "box",
    "state": "doubleoctagon",
    "jurisdiction": "octagon",
    "bloc": "hexagon",
}
PEN_WIDTHS = {"low": "1", "moderate": "1.75", "high": "2.75"}
RENDER_TIMEOUT = 60  # seconds
FONT = "Helvetica"
# Font sizes in points, and the characters per line (and most lines) names and captions wrap
# at: chosen so that the bundled brief's PNG, shrunk to 1280 pixels wide, keeps names at about
# 11.7 pixels (the font size; tests/exporters/test_chart.py holds it at 10 or more).
NODE_FONT_SIZE = 16
EDGE_FONT_SIZE = 11
TITLE_FONT_SIZE = 22
NAME_WRAP = 14
NAME_LINES = 4
CAPTION_WRAP = 10
TITLE_WRAP = 70
GRAPH = {
    "rankdir": "LR",
    "newrank": "true",  # rank=same holds across clusters
    "nodesep": "0.2",
    "ranksep": "0.2",
    "labelloc": "t",
    "fontname": FONT,
    "fontsize": str(TITLE_FONT_SIZE),
}
NODE = {"fontname": FONT, "fontsize": str(NODE_FONT_SIZE), "style": "filled", "margin": "0.06,0.03"}
EDGE = {"fontname": FONT, "fontsize": str(EDGE_FONT_SIZE), "arrowsize": "0.7"}
# The legend's nodes have ids no actor can have: an actor's id starts with a letter or a digit.
LEGEND_PREFIX = "_legend_"


def quote(text: str) -> str:
    """A DOT double-quoted string: control characters made visible, then backslashes and
    quotes escaped; line breaks become DOT's centred line break `\\n`."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [safe(line).replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def _attributes(pairs: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in pairs.items())


def wrapped(text: str, width: int) -> str:
    """Text on lines of about `width` characters, broken between words (a longer word keeps
    its line), so that a long name makes a taller node rather than a wider chart."""
    lines = textwrap.wrap(
        " ".join(text.split()), width, break_long_words=False, break_on_hyphens=False
    )
    return "\n".join(lines) or text


def fitted(text: str, width: int, lines: int) -> str:
    """Text wrapped at `width` characters, or on longer lines when it would take more than
    about `lines` of them: a very tall label widens its column as much as a long one."""
    return wrapped(text, max(width, math.ceil(len(text) / lines)))


def _node_line(node: Node, focus: bool) -> str:
    kind = f"{node.kind} ({node.type})" if node.type else node.kind
    about = [kind, node.status, *(["blocs: " + "; ".join(node.blocs)] if node.blocs else [])]
    attributes = {
        "label": fitted(node.name, NAME_WRAP, NAME_LINES),
        "shape": SHAPES[node.kind],
        "fillcolor": KIND_LOOKS[node.kind].colour,
        "tooltip": f"{node.name}: {', '.join(about)}",
        "kind": node.kind,
        "type": node.type,
        "status": node.status,
        "bloc": "; ".join(node.blocs),
    }
    if focus:
        attributes["penwidth"] = "3"
    return f"{quote(node.id)} [{_attributes(attributes)}];"


def _edge_style(edge: Edge) -> str | None:
    """Dotted for a former tie, dashed for an inferred one (a former tie may be inferred too:
    that it ended is what the chart shows first)."""
    if not edge.current:
        return "dotted"
    if edge.inferred:
        return "dashed"
    return None


def _edge_line(edge: Edge, names: dict[str, str]) -> str:
    colour = CLASS_LOOKS[edge.meaning].colour
    arrow = "↔" if edge.mutual else "→"
    attributes = {
        "id": edge.id,
        "label": wrapped(edge.caption, CAPTION_WRAP),
        "tooltip": f"{names[edge.source]} {arrow} {names[edge.target]}: {edge.label}",
        "color": colour,
        "fontcolor": colour,
        "penwidth": PEN_WIDTHS[edge.confidence],
        "relation": edge.type,
        "confidence": edge.confidence,
        "mutual": "true" if edge.mutual else "false",
        "inferred": "true" if edge.inferred else "false",
        "class": edge.meaning,
        "since": edge.since or "",
        "until": edge.until or "",
        "current": "true" if edge.current else "false",
    }
    if edge.mutual:
        attributes["dir"] = "both"
    style = _edge_style(edge)
    if style is not None:
        attributes["style"] = style
    return f"{quote(edge.source)} -> {quote(edge.target)} [{_attributes(attributes)}];"


def _grid(ids: list[str], indent: str) -> list[str]:
    """Nodes in a block of about the square root of their number of columns (each column one
    rank, left to right; the first row chained by invisible edges to order the columns), so
    that many unlinked actors make a compact block, not a long line."""
    columns = max(1, round(math.sqrt(len(ids))))
    lines = [
        f'{indent}{{rank="same"; {" ".join(quote(id_) + ";" for id_ in ids[column::columns])}}}'
        for column in range(min(columns, len(ids)))
    ]
    lines += [
        f'{indent}{quote(ids[column])} -> {quote(ids[column + 1])} [style="invis"];'
        for column in range(min(columns, len(ids)) - 1)
    ]
    return lines


def _isolated_cluster(nodes: list[Node], focus: str | None) -> list[str]:
    if not nodes:
        return []
    return [
        "  subgraph cluster_isolated {",
        '    graph [label="Not connected", style="rounded,dashed", color="#9e9e9e", '
        f'fontsize="{NODE_FONT_SIZE}", fontcolor="#616161"];',
        *(f"    {_node_line(node, node.id == focus)}" for node in nodes),
        *_grid([node.id for node in nodes], "    "),
        "  }",
    ]


# How the legend draws each line pattern: the sample line's attributes in an HTML-like table.
PATTERN_LINES = {
    "inferred": 'STYLE="dashed" BORDER="1"',
    "former (no longer in force)": 'STYLE="dotted" BORDER="2"',
    "low confidence": 'BORDER="1"',
}


def _line_rows(graph: Network) -> list[str]:
    """HTML-like table rows (fixed words only: no brief text goes into them): a sample line
    of each class's colour, then of each pattern, and what it means."""
    legend = graph.legend()
    rows = []
    for meaning in legend.classes:
        look = CLASS_LOOKS[meaning]
        cell = f'<TD SIDES="B" BORDER="3" COLOR="{look.colour}" WIDTH="36"></TD>'
        rows.append(f'<TR>{cell}<TD ALIGN="LEFT">{look.label}</TD></TR>')
    for name in legend.patterns:
        cell = f'<TD SIDES="B" {PATTERN_LINES[name]} COLOR="#424242" WIDTH="36"></TD>'
        rows.append(f'<TR>{cell}<TD ALIGN="LEFT">{name}</TD></TR>')
    return rows


def _legend(graph: Network) -> list[str]:
    """A cluster with one node per kind shown (its shape and colour, named) and a table of the
    classes' colours and the line patterns shown."""
    kinds = graph.legend().kinds
    rows = _line_rows(graph)
    if not (kinds or rows):
        return []
    lines = [
        "  subgraph cluster_legend {",
        '    graph [label="Legend", style="rounded", color="#9e9e9e", '
        f'fontsize="{NODE_FONT_SIZE}"];',
    ]
    for kind in kinds:
        look = KIND_LOOKS[kind]
        attributes = {"label": look.label, "shape": SHAPES[kind], "fillcolor": look.colour}
        lines.append(f"    {quote(LEGEND_PREFIX + kind)} [{_attributes(attributes)}];")
    if rows:
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4">' + "".join(rows) + "</TABLE>"
        lines.append(
            f'    "{LEGEND_PREFIX}lines" [shape="plaintext", style="", '
            f'fontsize="{EDGE_FONT_SIZE + 1}", label=<{table}>];'
        )
    if kinds and rows:  # the table to the right of the kinds
        first, table = quote(LEGEND_PREFIX + kinds[0]), quote(LEGEND_PREFIX + "lines")
        lines.append(f'    {first} -> {table} [style="invis"];')
    lines.append("  }")
    return lines


def _title(graph: Network) -> list[str]:
    """The brief's title; for a neighbourhood, a second line saying whose."""
    if graph.around is None:
        return [graph.title]
    focus = next(node.name for node in graph.nodes if node.id == graph.around.actor)
    links = "link" if graph.around.depth == 1 else "links"
    return [graph.title, f"{focus} and the actors within {graph.around.depth} {links} of it"]


def export(loaded: LoadedBrief, around: Around | None = None) -> str:
    """A directed graph: nodes carry kind, type, status and blocs; edges their relation type,
    class, confidence and period. Mutual relations point both ways. Colours come from the
    one palette (network.KIND_LOOKS, network.CLASS_LOOKS); a legend lists those shown."""
    graph = network(loaded.index, around)
    focus = around.actor if around is not None else None
    isolated = graph.isolated()
    names = {node.id: node.name for node in graph.nodes}
    title = _title(graph)
    label = "\n".join(wrapped(line, TITLE_WRAP) for line in title)
    name = " — ".join(" ".join(line.split()) for line in title)
    lines = [
        f"// {safe(' '.join(graph.title.split()))}: alignment network exported by briefcli",
        # Named by its title, which Graphviz makes the SVG's <title>.
        f"digraph {quote(name)} {{",
        f"  graph [{_attributes(GRAPH | {'label': label})}];",
        f"  node [{_attributes(NODE)}];",
        f"  edge [{_attributes(EDGE)}];",
        *(
            f"  {_node_line(node, node.id == focus)}"
            for node in graph.nodes
            if node.id not in isolated
        ),
        *_isolated_cluster([node for node in graph.nodes if node.id in isolated], focus),
        *(f"  {_edge_line(edge, names)}" for edge in graph.edges),
        *_legend(graph),
        "}",
    ]
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
