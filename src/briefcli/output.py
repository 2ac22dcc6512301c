"""Choosing the renderer for an answer: the one function every command's output goes through."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, TypeVar, assert_never

from briefcli import console

if TYPE_CHECKING:
    from briefcli.render.document import Document

T = TypeVar("T")


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def emit(result: T, output_format: OutputFormat, view: Callable[[T], Document]) -> None:
    """Print an answer: as data (json, jsonl, csv) or through its view (table, markdown)."""
    with console.closed_pipe_exits():
        _emit(result, output_format, view)


def _emit(result: T, output_format: OutputFormat, view: Callable[[T], Document]) -> None:
    if output_format is OutputFormat.table:
        document = view(result)
        text = _plain_table(document)
        if text is None:
            from briefcli.render import terminal

            terminal.render(document)
        else:
            console.write(text)
    elif output_format is OutputFormat.markdown:
        from briefcli.render import markdown

        console.write(markdown.render(view(result)))
    elif output_format is OutputFormat.json:
        from briefcli.render import data

        console.write(data.to_json(result))
    elif output_format is OutputFormat.jsonl:
        from briefcli.render import data

        console.write(data.to_jsonl(result))
    elif output_format is OutputFormat.csv:
        from briefcli.render import data

        console.write(data.to_csv(result))
    else:
        assert_never(output_format)


def _plain_table(document: Document) -> str | None:
    """A document as `terminal.render` would print it to a pipe, without importing Rich's
    console (slow to import); None when stdout wants colour or a width, or the layout needs Rich."""
    if not console.plain_stdout():
        return None
    from briefcli.render import plain

    return plain.render(document)


def choose(output_format: OutputFormat, as_json: bool) -> OutputFormat:
    """`--json` is shorthand for `--format json`."""
    return OutputFormat.json if as_json else output_format
