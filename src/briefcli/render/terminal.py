"""A Document as Rich renderables. Every string from the brief becomes an inert `Text`
(no markup, no emoji codes) after `console.safe` has made control characters visible."""

from __future__ import annotations

from rich import box
from rich.console import Console, RenderableType
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


def _table(block: Table) -> RenderableType:
    if not block.rows:
        title = f"{block.title}: " if block.title else ""
        return Text(safe(f"{title}{block.empty}"), style="dim")
    table = RichTable(
        title=_text(block.title, "bold") if block.title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for header in block.headers:
        table.add_column(_text(header), overflow="fold")
    for row in block.rows:
        table.add_row(*(_text(cell) for cell in row))
    return table


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


def renderable(block: Block) -> RenderableType:
    if isinstance(block, Heading):
        return _text(block.text, "bold underline" if block.level == 1 else "bold")
    if isinstance(block, Paragraph):
        return _text(block.text, block.style or "")
    if isinstance(block, Fields):
        return _fields(block)
    if isinstance(block, Table):
        return _table(block)
    return _tree(block)


def _print(document: Document, console: Console) -> None:
    for position, block in enumerate(document):
        if position and isinstance(block, (Heading, Table, Tree)):
            console.print()
        console.print(renderable(block))


def render(document: Document, console: Console | None = None) -> None:
    """Print a document; blocks are separated by blank lines. Plain (uncoloured) output loses
    the padding Rich adds at the end of lines, so that piped text diffs and greps cleanly. On
    a terminal, output taller than the screen goes through a pager (console.pager_command)."""
    from briefcli import console as terminal_output

    console = console or stdout_console()
    with console.capture() as captured:
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
