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
    from briefcli.render import data

    if output_format is OutputFormat.table:
        from briefcli.render import terminal

        terminal.render(view(result))
    elif output_format is OutputFormat.markdown:
        from briefcli.render import markdown

        console.write(markdown.render(view(result)))
    elif output_format is OutputFormat.json:
        console.write(data.to_json(result))
    elif output_format is OutputFormat.jsonl:
        console.write(data.to_jsonl(result))
    elif output_format is OutputFormat.csv:
        console.write(data.to_csv(result))
    else:
        assert_never(output_format)


def choose(output_format: OutputFormat, as_json: bool) -> OutputFormat:
    """`--json` is shorthand for `--format json`."""
    return OutputFormat.json if as_json else output_format
