"""CSV files read as a spreadsheet shows them (the header is row 1, the first record row 2),
and actors, relations or events from a CSV whose columns a mapping assigns to fields.

A column named as a field fills it (`name`, `Kind`, `role of`); `--map FIELD=COLUMN` or a
mapping file (`{field: column}`, YAML or JSON) says otherwise, and `--set FIELD=VALUE` gives a
field one value where its column is empty or missing. Columns that name actors hold names or
ids, resolved as `briefcli add` resolves them, against the brief and the rows before.
"""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path
from typing import Any, NamedTuple, get_args

from briefcli.authoring.importers.common import (
    Import,
    InputError,
    NotMapped,
    Record,
    UsageProblem,
    edtf,
    is_id,
    names_in,
    read_input,
    yes_or_no,
)
from briefcli.authoring.records import Refused, actor_id, word
from briefcli.brief.model import ActorStatus, Confidence, DateMethod

# What a row of each kind may fill: the required fields first.
FIELDS: dict[str, tuple[str, ...]] = {
    "actors": (
        "name", "kind", "id", "type", "aliases", "role", "role_of", "country", "status",
        "description", "inferred",
    ),
    "relations": (
        "subject", "type", "object", "id", "confidence", "since", "until", "claims", "inferred",
        "description",
    ),
    "events": (
        "title", "kind", "id", "date", "date_phrase", "date_method", "date_confidence", "time",
        "place", "participants", "claims", "summary",
    ),
}  # fmt: skip
REQUIRED: dict[str, tuple[str, ...]] = {
    "actors": ("name", "kind"),
    "relations": ("subject", "type", "object"),
    "events": ("title", "kind"),
}
# Actor kinds as spreadsheets spell them.
ACTOR_KINDS = {
    "person": "person",
    "organisation": "organisation",
    "organization": "organisation",
    "state": "state",
    "country": "state",
    "jurisdiction": "jurisdiction",
    "bloc": "bloc",
}
CONFIDENCES = {"low": "low", "moderate": "moderate", "medium": "moderate", "high": "high"}


class Table(NamedTuple):
    """A CSV file's header and rows: (row number, {column: cell})."""

    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def read_table(path: Path) -> Table:
    """A CSV file with a header; InputError (the file, the line or row) if it is not one."""
    text = read_input(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or not any(name.strip() for name in header):
            raise InputError(f"{path}: line 1: no header (a first row naming the columns)")
        header = [name.strip() for name in header]
        seen: set[str] = set()
        for name in header:
            if name and name in seen:
                raise InputError(f"{path}: line 1: column {name!r} appears twice in the header")
            seen.add(name)
        rows = []
        for number, values in enumerate(reader, start=2):
            if len(values) > len(header):
                raise InputError(
                    f"{path}: row {number} (line {reader.line_num}): {len(values)} fields, but "
                    f"the header has {len(header)}"
                )
            rows.append((number, dict(zip(header, values, strict=False))))
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: not valid CSV: {error}") from None
    return Table(path, header, rows)


class Columns(NamedTuple):
    """Which column fills each field, and the values given for every row (--set)."""

    columns: dict[str, str]
    values: dict[str, str]


def columns_for(
    kind: str,
    table: Table,
    maps: list[str],
    sets: list[str],
    mapping: dict[str, str] | None = None,
) -> Columns:
    """The mapping of a CSV's columns to the fields of `kind`: columns named as fields, then
    the mapping file's, then --map; UsageProblem if it names no such field or column, or
    leaves a required field empty."""
    fields = FIELDS[kind]
    by_key = {_key(name): name for name in table.header}
    columns = {field: by_key[_key(field)] for field in fields if _key(field) in by_key}
    given = [*(mapping or {}).items(), *(_pair(item, "--map", "COLUMN") for item in maps)]
    mapped = {_field(kind, field): _column(table, column) for field, column in given}
    # A column mapped to a field fills that field only (`--map kind=Type`: not `type` too).
    columns = {f: c for f, c in columns.items() if c not in mapped.values()} | mapped
    values = {_field(kind, field): value for field, value in map(_set_pair, sets)}
    missing = [field for field in REQUIRED[kind] if field not in columns and field not in values]
    if missing:
        field = missing[0]
        raise UsageProblem(
            f"no column of {table.path} gives the {kind.removesuffix('s')}s' {field}",
            f"map one with --map {field}=COLUMN, or give every row one with --set {field}=VALUE",
        )
    return Columns(columns, values)


def read_mapping(path: Path) -> dict[str, str]:
    """A mapping file: `{field: column}` in YAML or JSON."""
    from briefcli.brief import yamlsafe

    text = read_input(path)
    try:
        data = yamlsafe.parse(text)
    except yamlsafe.YamlProblem as problem:
        raise InputError(f"{path}: line {problem.line}: {problem.message}") from None
    if not isinstance(data, dict) or not all(
        isinstance(field, str) and isinstance(column, str) for field, column in data.items()
    ):
        raise InputError(f"{path}: line 1: expected a mapping of fields to column names")
    return data


def _key(name: str) -> str:
    """A column or field name compared: case, spaces and hyphens aside (`Role of` = role_of)."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def _pair(item: str, option: str, what: str) -> tuple[str, str]:
    field, equals, value = item.partition("=")
    if not equals or not field.strip():
        raise UsageProblem(f"{option} {item!r} is not FIELD={what}", f"e.g. {option} name=Name")
    return field.strip(), value.strip()


def _set_pair(item: str) -> tuple[str, str]:
    return _pair(item, "--set", "VALUE")


def _field(kind: str, field: str) -> str:
    fields = FIELDS[kind]
    if _key(field) in fields:
        return _key(field)
    close = difflib.get_close_matches(_key(field), fields, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise UsageProblem(f"{kind} have no field {field!r}", f"{hint}fields: {', '.join(fields)}")


def _column(table: Table, column: str) -> str:
    if column in table.header:
        return column
    matches = [name for name in table.header if _key(name) == _key(column)]
    if len(matches) == 1:
        return matches[0]
    raise UsageProblem(
        f"no column {column!r} in {table.path}", f"its columns: {', '.join(table.header)}"
    )


# ---------------------------------------------------------------- rows to records


def import_table(imported: Import, table: Table, kind: str, columns: Columns) -> None:
    """Every row of the table as a record of `kind` (or a reason it is not one)."""
    build = {"actors": _actor, "relations": _relation, "events": _event}[kind]
    for number, cells in table.rows:
        with imported.row(number):
            if not any(cell.strip() for cell in cells.values()):
                imported.skip(number, None, None, "an empty row")
                continue
            values = {
                field: cells[column].strip()
                for field, column in columns.columns.items()
                if cells.get(column, "").strip()
            }
            for field, value in columns.values.items():
                values.setdefault(field, value)
            for field in REQUIRED[kind]:
                if field not in values:
                    column = columns.columns[field]
                    where = "is empty" if column in cells else "is missing from the row"
                    raise NotMapped(f"no {field}: column {column!r} {where}")
            build(imported, number, values)


def actor_reference(imported: Import, typed: str) -> str:
    """The actor a cell names: an id, a name or alias of the brief's or of a row before
    (as `add` resolves names), or NotMapped."""
    if imported.has("actors", typed):
        return typed
    same = imported.named("actors", typed)
    if len(same) == 1:
        return same[0]
    try:
        return actor_id(imported.index, typed)
    except Refused as refused:
        raise NotMapped.of(refused) from None


def _present(imported: Import, section: str, row: int, wanted: str | None) -> bool:
    """Whether the row's own id is a record of the section already (then it is skipped)."""
    if wanted is not None and not is_id(wanted):
        raise NotMapped(
            f"id {wanted!r} is not an id", "use lowercase letters, digits and - _ . : only"
        )
    if wanted is not None and imported.has(section, wanted):
        imported.skip(row, section, wanted, "already present: same id")
        return True
    return False


def _choice(value: str | None, choices: Any, field: str) -> str | None:
    if value is None:
        return None
    allowed = get_args(choices)
    if value.lower() in allowed:
        return value.lower()
    raise NotMapped(f"{field} {value!r} is not one of: {', '.join(allowed)}")


def _claims(imported: Import, cell: str | None) -> list[str]:
    found = names_in(cell or "")
    for claim in found:
        if not imported.has("claims", claim):
            raise NotMapped(f"no claim {claim!r} in the brief", "claims are given by their ids")
    return found


def _actor(imported: Import, row: int, values: dict[str, str]) -> None:
    name, typed_kind = values["name"], values["kind"]
    kind = ACTOR_KINDS.get(typed_kind.lower())
    if kind is None:
        raise NotMapped(
            f"kind {typed_kind!r} is not an actor kind",
            "one of: person, organisation, state, jurisdiction, bloc",
        )
    wanted = values.get("id")
    if _present(imported, "actors", row, wanted):
        return
    same = imported.named("actors", name)
    if same:
        imported.skip(row, "actors", same[0], f"already present: an actor named {name!r}")
        return
    roles = None
    if "role" in values:
        of = actor_reference(imported, values["role_of"]) if "role_of" in values else None
        roles = [{"title": values["role"], "of": of}]
    record: Record = {
        "id": imported.new_id("actors", name, wanted),
        "name": name,
        "kind": kind,
        "type": values.get("type"),
        "aliases": [{"name": alias} for alias in names_in(values.get("aliases", ""))],
        "roles": roles,
        "status": _choice(values.get("status"), ActorStatus, "status"),
        "country": actor_reference(imported, values["country"]) if "country" in values else None,
        "description": values.get("description"),
        "inferred": yes_or_no(values["inferred"], "inferred") if "inferred" in values else None,
    }
    imported.add("actors", record, row)


def _relation(imported: Import, row: int, values: dict[str, str]) -> None:
    subject = actor_reference(imported, values["subject"])
    object_ = actor_reference(imported, values["object"])
    try:
        relation_type = word(values["type"], imported.words.relation_classes, "relation type")
    except Refused as refused:
        raise NotMapped.of(refused) from None
    if subject == object_:
        raise NotMapped(f"a relation of {subject!r} to itself")
    wanted = values.get("id")
    if _present(imported, "relations", row, wanted):
        return
    since = edtf(values["since"], "since") if "since" in values else None
    until = edtf(values["until"], "until") if "until" in values else None
    same = imported.related(subject, relation_type, object_, since, until)
    if same is not None:
        imported.skip(row, "relations", same, "already present: the same relation")
        return
    confidence = values.get("confidence")
    if confidence is not None and confidence.lower() not in CONFIDENCES:
        raise NotMapped(f"confidence {confidence!r} is not low, moderate or high")
    record: Record = {
        "id": imported.new_id("relations", f"{subject} {relation_type} {object_}", wanted),
        "subject": subject,
        "type": relation_type,
        "object": object_,
        "confidence": CONFIDENCES[confidence.lower()] if confidence else None,
        "since": since,
        "until": until,
        "claims": _claims(imported, values.get("claims")),
        "inferred": yes_or_no(values["inferred"], "inferred") if "inferred" in values else None,
        "description": values.get("description"),
    }
    imported.add("relations", record, row)


def _event(imported: Import, row: int, values: dict[str, str]) -> None:
    title = values["title"]
    try:
        kind = word(values["kind"], imported.words.event_kinds, "event kind")
    except Refused as refused:
        raise NotMapped.of(refused) from None
    wanted = values.get("id")
    if _present(imported, "events", row, wanted):
        return
    value = edtf(values["date"], "date") if "date" in values else None
    phrase = values.get("date_phrase")
    method = _choice(values.get("date_method"), DateMethod, "date_method")
    date = None
    if value is not None or phrase is not None:
        date = {
            "value": value,
            "phrase": phrase,
            # Words alone, with no date made of them, are an unknown date.
            "method": method or (None if value is not None else "unknown"),
            "confidence": _choice(values.get("date_confidence"), Confidence, "date_confidence"),
        }
    participants = []
    for typed in names_in(values.get("participants", "")):
        name, _, role = typed.partition("=")
        try:
            role_word = (
                word(role, imported.words.participant_roles, "participant role")
                if role.strip()
                else None
            )
        except Refused as refused:
            raise NotMapped.of(refused) from None
        participants.append({"actor": actor_reference(imported, name.strip()), "role": role_word})
    record: Record = {
        "id": imported.new_id("events", title, wanted),
        "kind": kind,
        "title": title,
        "date": date,
        "time": values.get("time"),
        "place": _place(imported, row, values["place"]) if "place" in values else None,
        "participants": participants,
        "claims": _claims(imported, values.get("claims")),
        "summary": values.get("summary"),
    }
    imported.add("events", record, row)


def _place(imported: Import, row: int, typed: str) -> str:
    """The place a cell names (an id, a name or alias), or a new place of that name."""
    if imported.has("places", typed):
        return typed
    same = imported.named("places", typed)
    if len(same) > 1:
        raise NotMapped(f"{typed!r} fits several places: {', '.join(same)}", "give its id")
    if same:
        return imported.reuse(row, "places", same[0], f"already present: a place named {typed!r}")
    record = {"id": imported.new_id("places", typed), "name": typed}
    return imported.add("places", record, row)
