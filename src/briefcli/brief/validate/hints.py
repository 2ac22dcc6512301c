"""What a problem line teaches: an example of each record and mapping of the format, written once
per type from the model's fields, and the field names people reach for instead of the format's.

The examples are checked by the tests against the model (every mapping type has one, each uses
only its type's fields, holds its required ones and validates), so a message never shows a
shape the validator would refuse.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import msgspec

from briefcli.brief import model

# One small, valid example of each mapping type: one line of YAML once written in flow style.
EXAMPLES: dict[type[msgspec.Struct], dict[str, Any]] = {
    model.Brief: {"meta": {"title": "Port strike", "as_of": "2024-04-30"}},
    model.Meta: {"title": "Port strike", "as_of": "2024-04-30"},
    model.Judgment: {
        "id": "kj-strike-lasts",
        "text": "The strike is likely to last a week.",
        "likelihood": "likely",
        "confidence": "moderate",
    },
    model.NameRules: {"articles": ["al"], "titles": ["Sheikh"]},
    model.GradingRule: {
        "source": "src-courier",
        "credibility": 3,
        "reason": "It relays the union's account unchecked.",
    },
    model.LintAcceptance: {
        "check": "confidence-above-evidence",
        "record": "r-doe-leads",
        "reason": "Her role is on the union's own website.",
    },
    model.Vocabulary: {"events": [{"name": "blockade"}]},
    model.DeclaredRelation: {"type": "funds", "class": "patronage", "label": "gives money to"},
    model.DeclaredWord: {"name": "blockade", "label": "a blockade"},
    model.Source: {
        "id": "src-courier",
        "name": "The Harbour Courier",
        "kind": "outlet",
        "reliability": "B",
    },
    model.FuzzyDate: {"value": "2024-03-12", "phrase": "last Tuesday", "method": "inferred"},
    model.Actor: {"id": "jane-doe", "name": "Jane Doe", "kind": "person"},
    model.Alias: {"name": "J. Doe", "form": "spelling"},
    model.Role: {"title": "Secretary", "of": "dock-union", "since": "2020"},
    model.Place: {"id": "harbour-town", "name": "Harbour Town", "kind": "town"},
    model.Relation: {
        "id": "r-doe-leads",
        "subject": "jane-doe",
        "type": "leads",
        "object": "dock-union",
    },
    model.Event: {
        "id": "e-walkout",
        "kind": "strike",
        "title": "Dockers walk out",
        "date": "2024-04-30",
    },
    model.Participant: {"actor": "jane-doe", "role": "attendee"},
    model.Claim: {
        "id": "c-walkout",
        "statement": "The dockers walked out.",
        "source": "src-courier",
        "credibility": 2,
        "excerpt": "the dockers walked out on Tuesday",
    },
    model.Note: {"id": "n-one-source", "kind": "caveat", "text": "One unnamed source."},
}

# Field names people write for the format's own, by the type they wrote them in (close
# spellings, `summery` for `summary`, are found without a table).
SYNONYMS: dict[type[msgspec.Struct], dict[str, str]] = {
    model.Brief: {
        "people": "actors",
        "entities": "actors",
        "timeline": "events",
        "locations": "places",
        "links": "relations",
        "quotes": "claims",
        "evidence": "claims",
    },
    model.Meta: {"date": "as_of", "classification": "handling", "bluf": "bottom_line"},
    model.Judgment: {"statement": "text", "judgment": "text", "probability": "likelihood"},
    model.FuzzyDate: {
        "date": "value",
        "text": "phrase",
        "words": "phrase",
        "certainty": "confidence",
        "note": "reasoning",
    },
    model.Source: {
        "title": "name",
        "type": "kind",
        "date": "published",
        "link": "url",
        "lang": "language",
        "relayed_by": "via",
        "file": "text",
        "path": "text",
    },
    model.Actor: {"aka": "aliases", "names": "aliases", "summary": "description"},
    model.Alias: {"type": "form", "kind": "form"},
    model.Role: {
        "name": "title",
        "role": "title",
        "date": "since",
        "start": "since",
        "end": "until",
    },
    model.Place: {"lat": "latitude", "lon": "longitude", "lng": "longitude", "in": "within"},
    model.Relation: {
        "date": "since",
        "start": "since",
        "end": "until",
        "kind": "type",
        "target": "object",
        "evidence": "claims",
    },
    model.Event: {
        "description": "summary",
        "name": "title",
        "type": "kind",
        "when": "date",
        "location": "place",
        "where": "place",
        "actors": "participants",
    },
    model.Participant: {"id": "actor", "name": "actor"},
    model.Claim: {
        "text": "statement",
        "claim": "statement",
        "quote": "excerpt",
        "source_text": "excerpt",
        "quotation": "excerpt",
        "grade": "credibility",
    },
    model.Note: {"description": "text", "note": "text", "about": "concerns"},
}

# A string written plainly in a flow mapping reads back as itself: a letter first, then no
# character YAML gives a meaning to there (`:`, `,`, `#`, brackets, quotes at the start).
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.'()/-]*")
_NOT_TEXT = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def flow(value: Any) -> str:
    """A value written as one line of YAML in flow style: `{actor: jane-doe, role: attendee}`;
    dates and anything that would not read back as the same text are double-quoted."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        plain = _PLAIN.fullmatch(value) and value.casefold() not in _NOT_TEXT
        return value if plain and not value.endswith(" ") else json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


@cache
def mapping_wanted(cls: type[msgspec.Struct], listed: bool = False) -> str:
    """`a mapping such as {…} (required: …)` for a type, from its example and fields; `a list
    of mappings such as [{…}] (…)` for a list of them."""
    required = [field.encode_name for field in msgspec.structs.fields(cls) if field.required]
    needed = f" (required: {', '.join(required)})" if required else ""
    if listed:
        return f"a list of mappings such as {flow([EXAMPLES[cls]])}{needed}"
    return f"a mapping such as {flow(EXAMPLES[cls])}{needed}"


def date_wanted() -> str:
    """What a date as the source gave it (`date`, `published`) may be written as."""
    alone = flow(EXAMPLES[model.FuzzyDate]["value"])
    return f"a date such as {alone} or {mapping_wanted(model.FuzzyDate)}"
