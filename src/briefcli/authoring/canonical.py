"""`briefcli fmt`: a brief in canonical form. Top-level keys and each record's keys in the
order of the format (docs/brief-format.md), dates in double quotes, two spaces a level with
sequences indented under their key, long plain texts wrapped; comments kept. Formatting never
changes what the brief says: the result must read as the same data, or nothing is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from briefcli.authoring.emit import DATE_KEYS
from briefcli.authoring.layout import TOP_LEVEL_ORDER
from briefcli.authoring.roundtrip import RoundTrip
from briefcli.authoring.writing import NotWritten
from briefcli.brief import model, yamlsafe
from briefcli.exitcodes import ExitCode

# The record type of each section, and of the lists and mappings nested in records.
SECTION_TYPES: dict[str, type[msgspec.Struct]] = {
    "sources": model.Source,
    "actors": model.Actor,
    "places": model.Place,
    "relations": model.Relation,
    "events": model.Event,
    "claims": model.Claim,
    "notes": model.Note,
}
NESTED_TYPES: dict[str, type[msgspec.Struct]] = {
    "date": model.FuzzyDate,
    "published": model.FuzzyDate,
    "aliases": model.Alias,
    "roles": model.Role,
    "participants": model.Participant,
    "key_judgments": model.Judgment,
    "names": model.NameRules,
    "grading": model.GradingRule,
    "lint_accept": model.LintAcceptance,
}


# Dates that may be written plainly instead of as a mapping (`date: "2024-03-15"`).
PLAIN_DATE_KEYS = frozenset({"date", "published"})


def canonical(data: bytes) -> bytes:
    """The brief in canonical form (NotWritten if that would read as other data)."""
    trip = RoundTrip(data, canonical=True)
    document = trip.document
    if not hasattr(document, "move_to_end"):
        raise NotWritten("the file is not a brief (a mapping of sections)", ExitCode.INVALID_BRIEF)
    _in_order(document, list(TOP_LEVEL_ORDER))
    meta = document.get("meta")
    if hasattr(meta, "move_to_end"):
        _shaped(meta, model.Meta)
    for section, record_type in SECTION_TYPES.items():
        for record in document.get(section) or []:
            if hasattr(record, "move_to_end"):
                _shaped(record, record_type)
    formatted = trip.dumped()
    try:
        same = yamlsafe.parse(formatted.decode()) == yamlsafe.parse(data.decode("utf-8-sig"))
    except yamlsafe.YamlProblem:
        same = False
    if not same:
        raise NotWritten(
            "formatting would change what the brief says: nothing written",
            ExitCode.OUTPUT_ERROR,
            "please report this brief to the briefcli developers",
        )
    return formatted


def _shaped(mapping: Any, record_type: type[msgspec.Struct]) -> None:
    """A record's keys in its type's order, dates double-quoted, nested records likewise."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    _in_order(mapping, [field.encode_name for field in msgspec.structs.fields(record_type)])
    for key, value in mapping.items():
        dated = key in DATE_KEYS or (key in PLAIN_DATE_KEYS and not hasattr(value, "items"))
        if dated and isinstance(value, dt.date):  # written unquoted: YAML's own date type
            value = value.isoformat()[:10]
        if dated and isinstance(value, str):
            mapping[key] = DoubleQuotedScalarString(value)
        nested = NESTED_TYPES.get(key)
        if nested is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            if hasattr(item, "move_to_end"):
                _shaped(item, nested)


def _in_order(mapping: Any, order: list[str]) -> None:
    """The keys of a round-trip mapping in `order`, any others after them as they were."""
    keys = [key for key in order if key in mapping]
    keys += [key for key in mapping if key not in order]
    for key in keys:
        mapping.move_to_end(key)
