"""Answer records as data: JSON (one document), JSON Lines (one record per line), CSV.

JSON is the records exactly; C1 controls and bidi characters are written as \\u escapes so
that raw terminal control never reaches a terminal (the data is unchanged). CSV flattens
nested values: an `{id, name}` reference (or a list of them) to two columns, `x_id` and
`x_name`, other lists to `; `-joined text, dates to four columns, deeper structures to JSON.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import msgspec

from briefcli.console import safe, safe_json


def to_builtins(result: Any) -> Any:
    return msgspec.to_builtins(result)


def to_json(result: Any) -> str:
    encoded = msgspec.json.format(msgspec.json.encode(result), indent=2).decode()
    return safe_json(encoded)


def to_jsonl(result: Any) -> str:
    items = result if isinstance(result, list) else [result]
    return "".join(safe_json(msgspec.json.encode(item).decode()) + "\n" for item in items)


def _is_ref(value: Any) -> bool:
    """A Ref, or a Tie (a Ref with how sure the tie is)."""
    return isinstance(value, dict) and (
        set(value) == {"id", "name"}
        or set(value) == {"id", "name", "relation", "confidence", "inferred"}
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "; ".join(_cell(v) for v in value)
    return msgspec.json.encode(value).decode()


def _ref_name(ref: dict[str, Any]) -> str:
    """A Ref's name; a Tie's with its hedge, e.g. `Popular Mobilization Forces (low, inferred)`."""
    hedge = [*(["low"] if ref.get("confidence") == "low" else [])]
    hedge += ["inferred"] if ref.get("inferred") else []
    return str(ref["name"]) + (f" ({', '.join(hedge)})" if hedge else "")


def _is_refs(value: Any) -> bool:
    """A Ref, a Tie, or a list of them (an empty list of them too)."""
    if isinstance(value, list):
        return all(_is_ref(item) for item in value)
    return _is_ref(value)


def _flatten_object(value: Any, prefix: str, rows: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten_object(item, f"{prefix}.{key}" if prefix else key, rows)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for position, item in enumerate(value):
            _flatten_object(item, f"{prefix}[{position}]", rows)
    else:
        rows.append((prefix, safe(_cell(value))))


def csv_columns(record_type: type) -> list[tuple[str, str]]:
    """(field, column) for each CSV column of a record type, in its field order: a Ref or Tie
    field, or a list of them, gives `_id` and `_name` columns; a date its value, days and
    certainty."""
    return [
        (field, column)
        for field, columns in _columns_by_field(record_type).items()
        for column in columns
    ]


def _columns_by_field(record_type: type) -> dict[str, list[str]]:
    from typing import get_args, get_origin, get_type_hints

    from briefcli.results import DateOut, Ref, Tie

    columns: dict[str, list[str]] = {}
    for name, hint in get_type_hints(record_type).items():
        # The field's type and the types of an optional one, or the type of a list's items.
        kinds = set(get_args(hint)) if get_origin(hint) is list else {hint, *get_args(hint)}
        if kinds & {Ref, Tie}:
            columns[name] = [f"{name}_id", f"{name}_name"]
        elif DateOut in kinds:
            columns[name] = [name, f"{name}_start", f"{name}_end", f"{name}_confidence"]
        else:
            columns[name] = [name]
    return columns


def _date_cells(key: str, value: dict[str, Any]) -> dict[str, str]:
    """A date as CSV cells: its value (restricted EDTF, ISO days: a spreadsheet sorts it),
    its first and last possible day, and how sure the brief is of it."""
    return {
        key: safe(value.get("value") or ""),
        f"{key}_start": value.get("start") or "",
        f"{key}_end": value.get("end") or "",
        f"{key}_confidence": value.get("confidence") or "",
    }


def _row(record: dict[str, Any]) -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in record.items():
        if isinstance(value, dict) and "display" in value and "confidence" in value:
            row.update(_date_cells(key, value))
            continue
        if _is_refs(value) and value != []:
            refs = value if isinstance(value, list) else [value]
            row[f"{key}_id"] = safe("; ".join(str(ref["id"]) for ref in refs))
            row[f"{key}_name"] = safe("; ".join(_ref_name(ref) for ref in refs))
        else:
            row[key] = safe(_cell(value))
    return row


def to_csv(result: Any, record_type: type | None = None, columns: list[str] | None = None) -> str:
    """A list answer: one row per record under a header, the columns given, else those of
    `record_type` (also for no records), else those the records have. A single record:
    `field,value` rows."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    data = to_builtins(result)
    if isinstance(data, list):
        rows = [_row(record) for record in data]
        if columns is None and record_type is not None and msgspec.structs.fields(record_type):
            columns = [column for _, column in csv_columns(record_type)]
        headers: Sequence[str] = (
            columns
            if columns is not None
            else list(dict.fromkeys(key for row in rows for key in row))
        )
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(header, "") for header in headers])
    else:
        flat: list[tuple[str, str]] = []
        _flatten_object(data, "", flat)
        writer.writerow(["field", "value"])
        writer.writerows(flat)
    return buffer.getvalue()
