"""Piped output without Rich's console: `render.plain` prints tables as tab-separated rows
under their header (as gh does), and everything else exactly as `render.terminal` prints it
to a pipe, or hands the document back to it."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from briefcli import console
from briefcli.cli import app
from briefcli.render import plain, terminal
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
from conftest import BUNDLED_BRIEF, SECOND_BRIEF

# Characters whose width or handling differ: wide, zero-width and combining, emoji with
# variation selector and joiner, non-breaking and ideographic spaces, line breaks, controls
# (made visible as escapes), right-to-left text, box drawing.
_CHARACTERS = "aZ 1-\n\t\x1b\x85\u202e\u200d\ufe0f\u0301\u00a0\u3000漢字😀—→ʿعـ│"
texts = st.text(alphabet=_CHARACTERS, max_size=12)


def rich_output(document: Document) -> str:
    """What terminal.render prints to a pipe: the console stdout_console() makes there."""
    buffer = io.StringIO()
    pipe = Console(
        file=buffer, highlight=False, markup=False, emoji=False, width=console.PIPE_WIDTH
    )
    assert pipe.color_system is None
    terminal.render(document, pipe)
    return buffer.getvalue()


@st.composite
def tables(draw: st.DrawFn, titles: st.SearchStrategy[str | None]) -> Table:
    headers = draw(st.lists(texts, min_size=1, max_size=4))
    row = st.lists(texts, min_size=len(headers), max_size=len(headers))
    return Table(draw(titles), headers, draw(st.lists(row, max_size=4)), draw(texts))


@st.composite
def tree_nodes(draw: st.DrawFn, depth: int = 0) -> TreeNode:
    node = TreeNode(draw(texts))
    if depth < 3:
        node.children = draw(st.lists(tree_nodes(depth + 1), max_size=3))
    return node


def blocks(titles: st.SearchStrategy[str | None]) -> st.SearchStrategy[Block]:
    """Blocks other than tables: those plain.render lays out as Rich does."""
    return st.one_of(
        st.builds(Heading, texts, st.integers(1, 2)),
        st.builds(Paragraph, texts),
        st.builds(Fields, st.lists(st.tuples(texts, texts), max_size=4)),
        st.builds(Tree, titles, tree_nodes()),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(blocks(st.none()), max_size=5))
def test_plain_text_is_what_rich_prints_to_a_pipe(document: Document) -> None:
    assert plain.render(document) == rich_output(document)


@settings(max_examples=300, deadline=None)
@given(st.lists(blocks(st.none() | texts), max_size=4))
def test_a_tree_title_rich_would_wrap_is_left_to_rich(document: Document) -> None:
    text = plain.render(document)
    assert text is None or text == rich_output(document)


def test_what_plain_text_cannot_lay_out_like_rich_is_left_to_rich() -> None:
    assert plain.render([Paragraph("word " * console.PIPE_WIDTH)]) is None


@settings(max_examples=300, deadline=None)
@given(tables(st.none() | texts), st.lists(blocks(st.none()), max_size=2))
def test_a_piped_table_is_tab_separated_rows_under_its_header(
    table: Table, others: list[Block]
) -> None:
    text = plain.render([table])
    assert text is not None
    header, *rows = text[:-1].split("\n")
    assert header.split("\t") == [plain._tab_cell(h) for h in table.headers]
    assert len(rows) == len(table.rows)
    assert all(row.count("\t") == len(table.headers) - 1 for row in rows)
    if not others:
        return
    longer = plain.render([*others, table])
    said = f"{table.title}: {table.empty}" if table.title else table.empty
    tail = text if table.rows else console.safe(said).rstrip() + "\n"
    assert longer is None or longer.endswith(tail)


def test_a_list_is_its_header_and_rows_and_a_longer_document_titles_each_table() -> None:
    table = Table("Actors (2)", ["Name", "Id"], [["Ann", "a"], ["Bob\tBy\nline", "b"]])
    assert plain.render([table]) == "Name\tId\nAnn\ta\nBob\\x09By line\tb\n"
    assert plain.render([Heading("Profile"), table]) == (
        "Profile\n\nActors (2)\nName\tId\nAnn\ta\nBob\\x09By line\tb\n"
    )
    short = Table(None, ["A", "B", "C"], [["only a"]])
    assert plain.render([short]) == "A\tB\tC\nonly a\t\t\n"


@pytest.mark.parametrize(
    ("environment", "encoding", "plain_text"),
    [
        ({}, "utf-8", True),
        ({"COLUMNS": str(console.PIPE_WIDTH)}, "UTF-8", True),
        ({"FORCE_COLOR": "", "TTY_COMPATIBLE": "0", "NO_COLOR": "1"}, "utf-8", True),
        ({"COLUMNS": "80"}, "utf-8", False),
        ({"FORCE_COLOR": "1"}, "utf-8", False),
        ({"TTY_COMPATIBLE": "1"}, "utf-8", False),
        ({}, "ascii", False),
    ],
)
def test_plain_stdout_is_when_rich_prints_uncoloured_unwrapped_utf8(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], encoding: str, plain_text: bool
) -> None:
    for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding=encoding))
    assert console.plain_stdout() is plain_text
    rich = console.stdout_console()
    rich_is_plain = (
        rich.color_system is None
        and rich.width == console.PIPE_WIDTH
        and not rich.options.ascii_only
    )
    assert rich_is_plain is plain_text


@pytest.mark.parametrize(
    "args",
    [
        [str(BUNDLED_BRIEF), "brief"],
        [str(BUNDLED_BRIEF), "actor", "Hadi al-Amiri"],
        [str(BUNDLED_BRIEF), "alignments"],
        [str(BUNDLED_BRIEF), "trace", "Hadi al-Amiri", "Muqtada al-Sadr"],
        [str(BUNDLED_BRIEF), "sources", "--claim", "c-amiri-nominated"],
        [str(SECOND_BRIEF), "timeline"],
        [str(SECOND_BRIEF), "search", "crane"],
    ],
)
def test_piped_commands_are_laid_out_without_rich(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    for name in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    brief, *command = args
    runner = CliRunner()
    layouts: list[str | None] = []
    render = plain.render

    def spy(document: Document) -> str | None:
        layouts.append(render(document))
        return layouts[-1]

    monkeypatch.setattr(plain, "render", spy)
    piped = runner.invoke(app, ["--brief", brief, *command])
    assert piped.exit_code == 0, piped.stderr
    assert layouts and None not in layouts  # laid out without Rich
    assert piped.stdout == layouts[-1]


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "plain ASCII"}',
        '{"name": "DEL \x7f in ASCII"}',
        '{"name": "al-ʿAmiri — no escapes"}',
        '{"name": "C1 \x85 and \x9b, bidi \u202e\u2066 and BOM \ufeff"}',
        '{"a": "\u061c\u200b\u200f\u2028\u2029"}',
    ],
)
def test_safe_json_escapes_exactly_what_translating_escapes(text: str) -> None:
    escapes = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)} | {
        code: f"\\u{code:04x}"
        for code in (0x061C, *range(0x200B, 0x2010), *range(0x2028, 0x202F), 0xFEFF)
    }
    escapes |= {code: f"\\u{code:04x}" for code in range(0x2066, 0x206A)}
    assert console.safe_json(text) == text.translate(escapes)
