"""The JSON Schema of the brief format, derived from the model so that it cannot drift."""

from __future__ import annotations

from typing import Any

import msgspec

from briefcli.brief.model import Brief, EdtfDate, FuzzyDate


def brief_schema() -> dict[str, object]:
    schema: dict[str, Any] = msgspec.json.schema(Brief)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefcli brief"
    schema["description"] = (
        "A structured intelligence brief: meta, sources, actors, places, relations, events, "
        "claims and analyst notes. See docs/brief-format.md."
    )
    definitions = schema["$defs"]
    definitions[FuzzyDate.__name__] = _date_or_mapping(definitions[FuzzyDate.__name__])
    return schema


def _date_or_mapping(mapping: dict[str, Any]) -> dict[str, Any]:
    """A date as the source gave it: its mapping, or a plain date standing for {value: DATE}
    (as the validator reads it, structure.with_dates_written_out)."""
    title, description = mapping.pop("title"), mapping.pop("description")
    plain: dict[str, Any] = msgspec.json.schema(EdtfDate)
    plain["description"] = "A date alone: short for {value: DATE} (method stated, confidence high)."
    return {"title": title, "description": description, "oneOf": [mapping, plain]}


def brief_schema_json() -> str:
    return msgspec.json.format(msgspec.json.encode(brief_schema()), indent=2).decode()
