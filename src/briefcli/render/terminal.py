"""A Document as Rich renderables. Every string from the brief becomes an inert `Text`
(no markup, no emoji codes) after `console.safe` has made control characters visible."""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text
from rich.tree import Tree as RichTree

from briefcli.console import safe, stdout_console
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


def _text(value: str, style: str = "") -> Text:
    return Text(safe(value, multiline=True), style=style)


# Cells between two columns: a space of padding either side of the (blank) divider.
_BETWEEN_COLUMNS = 3


class _TooNarrow(Exception):
    """The page cannot hold the table's longest words side by side."""


def _column_widths(block: Table, shown: list[list[str]], page: int) -> list[int] | None:
    """Widths for a table wider than the page, or None when it fits as it is. No column gets
    narrower than its longest word (an id, a date, a grade is one word), so text wraps at
    spaces, and the widest columns give way first; _TooNarrow when the longest words alone
    overflow the page."""
    columns = [[header, *(row[i] for row in shown)] for i, header in enumerate(block.headers)]
    room = page - _BETWEEN_COLUMNS * (len(columns) - 1)
    widest = [max(cell_len(line) for cell in column for line in cell.split("\n")) or 1
              for column in columns]  # fmt: skip
    if sum(widest) <= room:
        return None
    floors = [
        min(max((cell_len(word) for cell in column for word in cell.split()), default=1), most)
        for column, most in zip(columns, widest, strict=True)
    ]
    if sum(floors) > room:
        raise _TooNarrow
    return _capped(widest, room, floors)


def _capped(widths: list[int], total: int, floors: list[int]) -> list[int]:
    """`widths` with the widest cut to one cap (never below their floor), the largest cap that
    keeps the sum within `total` (the floors' sum must be within it)."""

    def under(cap: int) -> list[int]:
        return [max(low, min(width, cap)) for width, low in zip(widths, floors, strict=True)]

    low, high = 1, max(widths)
    while low < high:  # the largest cap whose widths fit
        cap = (low + high + 1) // 2
        low, high = (cap, high) if sum(under(cap)) <= total else (low, cap - 1)
    return under(low)


def _table(block: Table, page: int) -> RenderableType:
    """A table; on a page too narrow for its longest words side by side, one record after
    another, each field on its own line (as psql's expanded display)."""
    if not block.rows:
        title = f"{block.title}: " if block.title else ""
        return Text(safe(f"{title}{block.empty}"), style="dim")
    shown = [[safe(cell, multiline=True) for cell in row] for row in block.rows]
    try:
        fitted = _column_widths(block, shown, page)
    except _TooNarrow:
        return _records(block, shown, page)
    table = RichTable(
        title=_text(block.title, "bold") if block.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    widths: list[int | None] = [*fitted] if fitted else [None] * len(block.headers)
    for header, width in zip(block.headers, widths, strict=True):
        table.add_column(_text(header), overflow="fold", width=width)
    for row in shown:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _records(block: Table, shown: list[list[str]], page: int) -> RenderableType:
    """Each row as a record: its fields under one another, labelled by the column headers,
    values wrapping at spaces beside them, a numbered rule above each record; one grid for
    all, as Rich lays out a grid about as fast as a table of the same cells."""
    headers = [" ".join(header.split()) for header in block.headers]
    label_width = max(cell_len(header) for header in headers)
    # The two cells between label and value are the label's, so that the rule runs through.
    grid = RichTable.grid()
    grid.add_column(style="bold", no_wrap=True, width=label_width + 2)
    grid.add_column(overflow="fold")
    rule = "─" * max(page - label_width - 2, 1)
    for number, row in enumerate(shown, start=1):
        grid.add_row(Text(f"{number} ".ljust(label_width + 2, "─"), "dim"), Text(rule, "dim"))
        for header, cell in zip(headers, row, strict=True):
            if cell:
                grid.add_row(_text(header), Text(cell))
    if not block.title:
        return grid
    return Group(_text(block.title, "bold"), grid)


def _tree(block: Tree) -> RenderableType:
    def grow(branch: RichTree, node: TreeNode) -> None:
        for child in node.children:
            grow(branch.add(_text(child.label)), child)

    tree = RichTree(_text(block.root.label, "bold"), guide_style="dim")
    grow(tree, block.root)
    return tree


def _fields(block: Fields) -> RenderableType:
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in block.pairs:
        grid.add_row(_text(label), _text(value))
    return grid


def renderable(block: Block, page: int) -> RenderableType:
    """A block as Rich lays it out on a page `page` cells wide."""
    if isinstance(block, Heading):
        return _text(block.text, "bold underline" if block.level == 1 else "bold")
    if isinstance(block, Paragraph):
        return _text(block.text, block.style or "")
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Table):
        return _table(block, page)
    return _tree(block)


def _print(document: Document, console: Console) -> None:
    for position, block in enumerate(document):
        if position and isinstance(block, (Heading, Table, Tree)):
            console.print()
        console.print(renderable(block, console.width))


# About how many characters of a document Rich lays out per second (bench/README.md): a
# spinner shows for a document that takes longer than a second.
RENDERED_PER_SECOND = 300_000


def _size(document: Document) -> int:
    """About how many characters a document holds (its tables' cells: the bulk of a long one)."""
    return sum(
        sum(len(cell) for row in block.rows for cell in row)
        for block in document
        if isinstance(block, Table)
    )


def render(document: Document, console: Console | None = None) -> None:
    """Print a document; blocks are separated by blank lines. Plain (uncoloured) output loses
    the padding Rich adds at the end of lines, so that piped text diffs and greps cleanly. On
    a terminal, output taller than the screen goes through a pager (console.pager_command)."""
    from briefcli import console as terminal_output

    console = console or stdout_console()
    size = _size(document)
    with (
        terminal_output.working("Laying out the answer", size, RENDERED_PER_SECOND),
        console.capture() as captured,
    ):
        _print(document, console)
    text = captured.get()
    if console.color_system is None:
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    # Only a real terminal: FORCE_COLOR makes Rich call any stream one.
    real_terminal = terminal_output.is_terminal(console.file)
    pager = terminal_output.pager_command() if real_terminal else None
    if pager and text.count("\n") >= console.size.height and terminal_output.page(text, pager):
        return
    console.file.write(text)
