"""A Document as plain text for a pipe or a file, without importing Rich's console.

Tables are tab-separated rows under a header row (as gh prints them when not on a terminal),
so that `| cut -f2`, `| grep`, `| sort` and spreadsheets work; a cell's line breaks and tabs
become spaces. A document that is one table (a list) is only its header and rows; in a longer
one each table has its title on the line above. Everything else is what Rich prints to a pipe
(no colour, unwrapped lines), rebuilt from cell widths.

`render` returns None for what only Rich lays out the same way (a line wider than the page): the
caller then uses `terminal.render`. Tests compare both renderers on generated documents.
"""

from __future__ import annotations

import re

# Only Rich's cell widths (cheap to import), and only for tables printed to a pipe (output.py).
from rich.cells import cell_len  # noqa: TID253

from briefcli.console import PIPE_WIDTH, safe
from briefcli.render.document import (
    Block,
    Document,
    Fields,
    Heading,
    Paragraph,
    Table,
    Tree,
    TreeNode,
)

# Whitespace at the end of a line, but for tabs.
_TRAILING_SPACE = re.compile(r"[^\S\t]+$")
# Tree guides (Rich's default, for a UTF-8 stream): space, continue, fork, end.
_SPACE, _CONTINUE, _FORK, _END = "    ", "│   ", "├── ", "└── "


class _NeedsRich(Exception):
    """A layout only Rich gives (a line it would wrap, a row not fitting its headers)."""


def _cell(text: str) -> list[str]:
    """The lines of a text, shown inert."""
    return safe(text, multiline=True).split("\n")


def _lines(text: str, width: int = PIPE_WIDTH) -> list[str]:
    """The lines of a text shown inert, each of which must fit `width` cells."""
    lines = _cell(text)
    if any(cell_len(line) > width for line in lines):
        raise _NeedsRich
    return lines


def _widths(columns: list[list[list[str]]], pads: list[tuple[int, int]], borders: int) -> list[int]:
    """Rich's column widths (padding included; at least 1) for cells given as lines; the
    columns and `borders` must fit the page."""
    widths = [
        (max((cell_len(line) for cell in column for line in cell), default=0) + left + right) or 1
        for column, (left, right) in zip(columns, pads, strict=True)
    ]
    if sum(widths) + borders > PIPE_WIDTH:
        raise _NeedsRich
    return widths


def _padded(line: str, left: int, inner: int, right: int) -> str:
    """A cell's line padded to `inner` cells between its padding. As Rich's Text.rstrip_end
    does, a line of more characters than `inner` (zero-width marks count) first loses that
    many trailing whitespace characters at most."""
    excess = len(line) - inner
    if excess > 0:
        line = line[: len(line) - min(excess, len(line) - len(line.rstrip()))]
    return " " * left + line + " " * (inner - cell_len(line) + right)


def _row(
    cells: list[list[str]],
    widths: list[int],
    pads: list[tuple[int, int]],
    divider: str,
    bottom: bool = False,
) -> list[str]:
    """One table row: each cell padded to its column, short cells filled with blank lines
    (below the text, or above it for `bottom`, as Rich aligns headers). A column with no
    room inside its padding shows nothing, as in Rich."""
    shown = [
        cell if width > left + right else []
        for cell, width, (left, right) in zip(cells, widths, pads, strict=True)
    ]
    height = max(1, *(len(cell) for cell in shown))
    blocks: list[list[str]] = []
    for cell, width, (left, right) in zip(shown, widths, pads, strict=True):
        inner = width - left - right
        lines = [_padded(line, left, inner, right) for line in cell]
        blank = [" " * width] * (height - len(lines))
        blocks.append(blank + lines if bottom else lines + blank)
    return [divider.join(parts) for parts in zip(*blocks, strict=True)]


def _tab_cell(text: str) -> str:
    """A cell as one tab-separated field: inert (a tab in the text shows as `\x09`), its
    line breaks made spaces, without spaces around it."""
    return " ".join(safe(text, multiline=True).split("\n")).strip()


def _table(block: Table, alone: bool) -> list[str]:
    """Tab-separated rows under a header; the title above, unless the table is the whole
    document (a list: its header is then the first line)."""
    lines = [] if alone or not block.title else [safe(block.title)]
    if not block.rows and not alone:
        title = f"{block.title}: " if block.title else ""
        return [safe(f"{title}{block.empty}")]
    count = len(block.headers)
    lines.append("\t".join(map(_tab_cell, block.headers)))
    # A row shorter than the header (no value for its last columns) is filled with empty
    # fields, as Rich fills its cells: every row has the header's fields.
    lines += ["\t".join(map(_tab_cell, [*row, *[""] * (count - len(row))])) for row in block.rows]
    return lines


def _fields(block: Fields) -> list[str]:
    if not block.pairs:
        return []
    # Rich's grid with padding (0, 2), collapsed: two spaces between label and value.
    pairs = [(_cell(label), _cell(value)) for label, value in block.pairs]
    pads = [(0, 2), (0, 0)]
    widths = _widths([[label for label, _ in pairs], [value for _, value in pairs]], pads, 0)
    return [line for label, value in pairs for line in _row([label, value], widths, pads, "")]


def _tree(node: TreeNode, guides: str, last: bool, lines: list[str], depth: int) -> None:
    """A node's label (under its guides), then its children, each a level deeper."""
    first, *more = _lines(node.label, PIPE_WIDTH - 4 * depth)
    if depth:
        lines.append(guides + (_END if last else _FORK) + first)
        guides_below = guides + (_SPACE if last else _CONTINUE)
    else:
        lines.append(first)
        guides_below = guides
    lines += [guides_below + line for line in more]
    for position, child in enumerate(node.children):
        _tree(child, guides_below, position == len(node.children) - 1, lines, depth + 1)


def _block(block: Block, alone: bool) -> list[str]:
    if isinstance(block, (Heading, Paragraph)):
        return _lines(block.text)
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Table):
        return _table(block, alone)
    lines: list[str] = []
    _tree(block.root, "", True, lines, 0)
    return lines


def render(document: Document) -> str | None:
    """The document as plain text for a pipe (see the module's docstring), or None to leave
    it to Rich."""
    lines: list[str] = []
    alone = len(document) == 1
    try:
        for position, block in enumerate(document):
            if position and isinstance(block, (Heading, Table, Tree)):
                lines.append("")
            lines += _block(block, alone)
    except _NeedsRich:
        return None
    # Like terminal.render without colour: no padding at the ends of lines (but a tab-separated
    # row keeps the tabs of its empty last fields).
    return "".join(_TRAILING_SPACE.sub("", line) + "\n" for line in lines)
