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


class Selection:
    """What the global --fields and --jq options ask of data output (set once per command)."""

    fields: list[str] | None = None
    jq: str | None = None


class SelectionProblem(Exception):
    """--fields names a field the answer does not have, or --jq is not a jq program."""


def emit(result: T, output_format: OutputFormat, view: Callable[[T], Document]) -> None:
    """Print an answer: as data (json, jsonl, csv) or through its view (table, markdown).
    --fields or --jq make a table answer JSON, as gh does."""
    if (Selection.fields or Selection.jq) and output_format in (
        OutputFormat.table,
        OutputFormat.markdown,
    ):
        output_format = OutputFormat.json
    with console.closed_pipe_exits():
        _emit(result, output_format, view)


def _emit(result: T, output_format: OutputFormat, view: Callable[[T], Document]) -> None:
    if Selection.fields or Selection.jq:
        _selected(result, output_format, view)
        return
    EMITTERS[output_format](result, view)


def _selected(result: Any, output_format: OutputFormat, view: Callable[[Any], Document]) -> None:
    """The answer with only the fields asked for, and through the jq program, if given."""
    from briefcli.render import data

    records = data.to_builtins(result)
    if Selection.fields:
        records = _only(records, Selection.fields)
    if Selection.jq:
        console.write("".join(_jq_lines(records, Selection.jq)))
        return
    if output_format is OutputFormat.csv:
        record_type = _record_type(view)
        by_field = data.csv_columns(record_type) if record_type is not None else []
        wanted = Selection.fields or []
        columns = [column for field in wanted for owner, column in by_field if owner == field]
        console.write(data.to_csv(records, None, columns or None))
        return
    console.write(getattr(data, f"to_{output_format.value}")(records))


def _only(records: Any, fields: list[str]) -> Any:
    """Each record (or the one record) with only `fields`, in that order."""
    listed = records if isinstance(records, list) else [records]
    known = list(dict.fromkeys(key for record in listed for key in record))
    unknown = [field for field in fields if known and field not in known]
    if unknown:
        raise SelectionProblem(
            f"no field {unknown[0]!r} in this answer; its fields: {', '.join(known)}"
        )
    kept = [{field: record.get(field) for field in fields} for record in listed]
    return kept if isinstance(records, list) else kept[0]


def _jq_lines(records: Any, program: str) -> list[str]:
    """What a jq program makes of the answer: a string as it is, anything else as compact
    JSON, one per line (as `jq -r -c`)."""
    import json

    import jq

    try:
        values = jq.compile(program).input_value(records).all()
    except ValueError as error:  # jq's message: its first line says what and where
        said = str(error).splitlines()[0].removeprefix("jq: error: ")
        raise SelectionProblem(f"--jq {program!r}: {said}") from None
    return [
        (console.safe(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        + "\n"
        for value in values
    ]


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
