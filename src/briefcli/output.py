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


def _csv(result: Any, view: Callable[[Any], Document]) -> None:
    """CSV: the answer records, in the columns of their type (the view says which), so that
    every command has one column order and an empty answer still has its header."""
    from briefcli.render import data

    console.write(data.to_csv(result, _record_type(view)))


def _record_type(view: Callable[[Any], Document]) -> type | None:
    """The record type of a list answer, as its view's signature names it (list[X]: X)."""
    from typing import get_args, get_type_hints

    hints = get_type_hints(view)
    hints.pop("return", None)
    given = next(iter(hints.values()), None)
    arguments = get_args(given)
    return arguments[0] if len(arguments) == 1 and isinstance(arguments[0], type) else None


# How each format prints an answer; render modules load only for the format asked for.
EMITTERS: dict[OutputFormat, Callable[[Any, Callable[[Any], Document]], None]] = {
    OutputFormat.table: _table,
    OutputFormat.markdown: _markdown,
    OutputFormat.json: partial(_data, "to_json"),
    OutputFormat.jsonl: partial(_data, "to_jsonl"),
    OutputFormat.csv: _csv,
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
