"""Choosing the renderer for an answer: the one function every command's output goes through."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

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
    EMITTERS[output_format](result, view)


def _table(result: Any, view: Callable[[Any], Document]) -> None:
    document = view(result)
    text = _plain_table(document)
    if text is None:
        from briefcli.render import terminal

        terminal.render(document)
    else:
        console.write(text)


def _markdown(result: Any, view: Callable[[Any], Document]) -> None:
    from briefcli.render import markdown

    console.write(markdown.render(view(result)))


def _data(encoder: str, result: Any, view: Callable[[Any], Document]) -> None:
    """json, jsonl or csv: the answer record itself, not its view."""
    from briefcli.render import data

    console.write(getattr(data, encoder)(result))


# How each format prints an answer; render modules load only for the format asked for.
EMITTERS: dict[OutputFormat, Callable[[Any, Callable[[Any], Document]], None]] = {
    OutputFormat.table: _table,
    OutputFormat.markdown: _markdown,
    OutputFormat.json: partial(_data, "to_json"),
    OutputFormat.jsonl: partial(_data, "to_jsonl"),
    OutputFormat.csv: partial(_data, "to_csv"),
}


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
