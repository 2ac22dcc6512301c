"""Specification of the terminal's table layout (issue 21, item 2): whatever the cells and the
page width, no line is wider than the page and no word is broken across lines unless it is
wider than the page itself; a table whose longest words cannot stand side by side is shown one
record after another."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from briefcli.render import terminal
from briefcli.render.document import Table

words = st.text(alphabet="abcdefghij-0123456789", min_size=1, max_size=24)
cells = st.lists(words, min_size=0, max_size=8).map(" ".join)


def shown(table: Table, page: int) -> list[str]:
    buffer = io.StringIO()
    screen = Console(file=buffer, width=page, color_system=None, highlight=False, markup=False)
    terminal.render([table], screen)
    return buffer.getvalue().splitlines()


@st.composite
def tables(draw: st.DrawFn) -> Table:
    columns = draw(st.integers(min_value=1, max_value=7))
    headers = [f"H{number}" for number in range(columns)]
    row = st.lists(cells, min_size=columns, max_size=columns)
    return Table("T", headers, draw(st.lists(row, min_size=1, max_size=6)))


@settings(max_examples=200, deadline=None)
@given(tables(), st.integers(min_value=40, max_value=220))
def test_no_line_is_wider_than_the_page_and_no_word_is_broken(table: Table, page: int) -> None:
    lines = shown(table, page)
    assert max(cell_len(line) for line in lines) <= page
    on_screen = {word for line in lines for word in line.split()}
    for row in table.rows:
        for cell in row:
            for word in cell.split():
                assert word in on_screen, f"{word!r} broken at {page} columns"


def test_a_table_that_fits_is_a_table_and_one_that_cannot_is_records() -> None:
    ids = [f"record-with-a-long-identifier-{n:02d}" for n in range(3)]
    table = Table("Things", ["Id", "Text", "Other"], [[i, "a b c " * 6, i] for i in ids])
    wide = shown(table, 200)
    assert wide[1].split() == ["Id", "Text", "Other"]  # headers side by side
    narrow = shown(table, 60)  # two ids of 32 cells cannot stand side by side in 60
    assert narrow[1].startswith("1 ─") and narrow[2].split() == ["Id", ids[0]]
    assert all(cell_len(line) <= 60 for line in narrow)
