"""The JSON Schema of the brief format, derived from the model so that it cannot drift."""

from __future__ import annotations

import msgspec

from briefcli.brief.model import Brief


def brief_schema() -> dict[str, object]:
    schema: dict[str, object] = msgspec.json.schema(Brief)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefcli brief"
    schema["description"] = (
        "A structured intelligence brief: meta, sources, actors, places, relations, events, "
        "claims and analyst notes. See docs/brief-format.md."
    )
    return schema


def brief_schema_json() -> str:
    return msgspec.json.format(msgspec.json.encode(brief_schema()), indent=2).decode()
