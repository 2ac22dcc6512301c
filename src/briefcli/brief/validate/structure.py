"""A brief's structure: parsed YAML converted into typed records, with every type, required
and unknown field problem reported at its path (such as ("actors", 3, "name")).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec
import msgspec.inspect as mi

from briefcli.brief.model import SECTIONS, TIME_PATTERN, Brief
from briefcli.brief.yamlsafe import KeyStep

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """("actors", 3, "aliases", 0, "name") -> "actors[3].aliases[0].name"."""
    text = ""
    for step in path:
        name = clip(step) if isinstance(step, str) else step
        text += f"[{name}]" if isinstance(step, int) else (f".{name}" if text else str(name))
    return text or "(document)"


# Values echoed in a problem line are cut to this many characters: one line stays one line.
ECHO_LIMIT = 60


def clip(text: str, limit: int = ECHO_LIMIT) -> str:
    """A value as echoed in a problem line: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(value: Any) -> str:
    """repr() of a value for a problem line, clipped (and never a 4,000-digit number whole)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**ECHO_LIMIT:
        return f"<a number of {len(str(abs(value)))} digits>"
    return clip(repr(value))


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
}


def _describe_value(value: Any) -> str:
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    shown = _shown(value) if not isinstance(value, (list, dict)) else ""
    return f"{kind} {shown}".strip()


def _is_type(value: Any, info: mi.Type) -> bool:
    """A shallow check: does the value have the right Python type for `info`?"""
    if isinstance(info, mi.StrType):
        return isinstance(value, str)
    if isinstance(info, mi.BoolType):
        return isinstance(value, bool)
    if isinstance(info, mi.IntType):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(info, mi.FloatType):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(info, mi.NoneType):
        return value is None
    if isinstance(info, mi.LiteralType):
        return any(type(value) is type(choice) and value == choice for choice in info.values)
    if isinstance(info, mi.ListType):
        return isinstance(value, list)
    if isinstance(info, (mi.StructType, mi.DictType)):
        return isinstance(value, dict)
    return True


def _expected(info: mi.Type) -> str:
    if isinstance(info, mi.StrType):
        return "a string"
    if isinstance(info, mi.BoolType):
        return "true or false"
    if isinstance(info, mi.IntType):
        return "an integer"
    if isinstance(info, mi.FloatType):
        return "a number"
    if isinstance(info, mi.NoneType):
        return "null"
    if isinstance(info, mi.LiteralType):
        return "one of " + ", ".join(repr(choice) for choice in info.values)
    if isinstance(info, mi.ListType):
        return "a list"
    if isinstance(info, (mi.StructType, mi.DictType)):
        return "a mapping"
    return "a value"


def check_structure(value: Any, info: mi.Type, path: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, message) for every structural problem in `value` against `info`."""
    if isinstance(info, mi.UnionType):
        options = [option for option in info.types if _is_type(value, option)]
        if options:
            yield from check_structure(value, options[0], path)
        else:
            wanted = " or ".join(_expected(option) for option in info.types)
            message = f"expected {wanted}, got {_describe_value(value)}"
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if number and any(isinstance(option, mi.StrType) for option in info.types):
                message += (
                    f" (quote it: '{clip(str(value)) if abs(value) < 10**ECHO_LIMIT else '…'}')"
                )
            yield path, message
        return
    if isinstance(info, mi.StructType):
        yield from _check_struct(value, info, path)
    elif isinstance(info, mi.ListType):
        if not isinstance(value, list):
            yield path, f"expected a list, got {_describe_value(value)}"
            return
        for position, item in enumerate(value):
            yield from check_structure(item, info.item_type, (*path, position))
    elif isinstance(info, mi.LiteralType):
        if not _is_type(value, info):
            yield path, _literal_message(value, info)
    elif not _is_type(value, info):
        yield path, _type_message(value, info)
    elif isinstance(info, mi.StrType):
        yield from _check_string(value, info, path)


def _check_struct(value: Any, info: mi.StructType, path: Path) -> Iterator[tuple[Path, str]]:
    if not isinstance(value, dict):
        yield path, f"expected a mapping, got {_describe_value(value)}"
        return
    fields = {field_info.encode_name: field_info for field_info in info.fields}
    for key in value:
        if key not in fields:
            hint = difflib.get_close_matches(str(key), list(fields), n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            allowed = ", ".join(fields)
            yield (*path, KeyStep(key)), f"unknown field{suggestion}; allowed: {allowed}"
    for name, field_info in fields.items():
        if name in value:
            yield from check_structure(value[name], field_info.type, (*path, name))
        elif field_info.required:
            yield path, f"missing required field {name!r}"


def _check_string(value: str, info: mi.StrType, path: Path) -> Iterator[tuple[Path, str]]:
    if info.min_length is not None and len(value) < info.min_length:
        yield path, "must not be empty"
    if info.max_length is not None and len(value) > info.max_length:
        yield path, f"longer than {info.max_length} characters"
    if info.pattern is not None and not re.search(info.pattern, value):
        yield path, _pattern_message(value, info.pattern)


def _pattern_message(value: str, pattern: str) -> str:
    if pattern == TIME_PATTERN:
        return (
            f"{_shown(value)} is not a time of day: write HH:MM or HH:MM:SS (24-hour, "
            "00:00 to 23:59:59), optionally with a UTC offset such as -08:00, +05:30 or Z"
        )
    if pattern.startswith("^[0-9]{4}"):
        return (
            f"{_shown(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, optionally with "
            "? (uncertain) or ~ (approximate), or START/END for a range"
        )
    return f"{_shown(value)} is not a valid id: use lowercase letters, digits and - _ . :"


def _type_message(value: Any, info: mi.Type) -> str:
    message = f"expected {_expected(info)}, got {_describe_value(value)}"
    if isinstance(info, mi.BoolType) and isinstance(value, str):
        message += " (YAML 1.1 words like yes/no/on/off are not booleans here)"
    elif isinstance(info, mi.StrType) and isinstance(value, (int, float)):
        message += _quote_hint(value)
    return message


# Words people use for a value the format spells differently.
_SYNONYMS = {"medium": "moderate", "med": "moderate", "mod": "moderate"}


def _quote_hint(value: float) -> str:
    shown = clip(str(value)) if abs(value) < 10**ECHO_LIMIT else "…"
    return f" (quote it: '{shown}')"


def _literal_message(value: Any, info: mi.LiteralType) -> str:
    return choice_message(value, info.values)


def choice_message(value: Any, allowed: Iterable[object]) -> str:
    """Why `value` is not one of the allowed values, with the closest as a suggestion."""
    values = list(allowed)
    choices = [str(choice) for choice in values]
    if isinstance(value, str) and value.strip() in choices and value.strip() != value:
        return f"{value!r} has extra spaces; write {value.strip()!r}"
    if isinstance(value, str) and any(value == str(c) for c in values if isinstance(c, int)):
        return f"{_describe_value(value)} is quoted; write the number {value} without quotes"
    folded = {choice.casefold(): choice for choice in choices}
    text = str(value).casefold()
    hint = [folded[text]] if text in folded else []
    hint = hint or ([_SYNONYMS[text]] if _SYNONYMS.get(text) in choices else [])
    hint = hint or difflib.get_close_matches(str(value), choices, n=1)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"{_describe_value(value)} is not allowed{suggestion}; expected one of: " + ", ".join(
        choices
    )


BRIEF_INFO: mi.StructType = mi.type_info(Brief)  # type: ignore[assignment]


@dataclass
class Converted:
    """A brief converted from plain data, keeping the items that were valid on their own."""

    brief: Brief | None
    issues: list[tuple[Path, str]]
    # For each section, the original list position of each kept item.
    positions: dict[str, list[int]] = field(default_factory=dict)
    # Ids of items dropped as invalid: references to them are not reported again.
    dropped_ids: set[str] = field(default_factory=set)


def convert(data: Any) -> Converted:
    """Convert parsed YAML to a Brief: fast when valid, item by item with every problem if not."""
    if data is None:
        return Converted(None, [((), "the brief is empty")])
    if not isinstance(data, dict):
        return Converted(None, [((), f"a brief must be a mapping, got {_describe_value(data)}")])
    try:
        brief = msgspec.convert(data, Brief)
    except msgspec.ValidationError:
        pass
    else:
        positions = {name: list(range(len(getattr(brief, name)))) for name in SECTIONS}
        return Converted(brief, [], positions)
    issues = list(check_structure(data, BRIEF_INFO, ()))
    return _convert_item_by_item(data, issues)


_ITEM_INFO: dict[str, mi.StructType] = {
    field_info.encode_name: field_info.type.item_type  # type: ignore[attr-defined]
    for field_info in BRIEF_INFO.fields
    if field_info.encode_name in SECTIONS
}


def convert_in_parts(
    head: dict[str, Any], parts: Mapping[str, Iterable[list[Any]]]
) -> Converted | None:
    """convert() for a brief read in parts: `head` is the document with the sections in `parts`
    left empty, and `parts` gives each of those sections' items, a batch at a time. Items are
    kept or reported one by one as convert() does (the walker reports only what msgspec
    refuses, so an item's problems do not depend on the rest of the brief). None when only
    convert() of the whole document gives the exact result (msgspec refuses what the walker
    passes)."""
    converted = convert({key: [] if key in parts else value for key, value in head.items()})
    if converted.brief is None:
        return None
    sections: dict[str, list[Any]] = {}
    for name, batches in parts.items():
        info = _ITEM_INFO[name]
        kept: list[Any] = []
        positions: list[int] = []
        count = 0
        for batch in batches:
            try:
                kept += msgspec.convert(batch, list[info.cls])  # type: ignore[name-defined]
            except msgspec.ValidationError:
                for position, item in enumerate(batch, count):
                    try:
                        kept.append(msgspec.convert(item, info.cls))
                    except msgspec.ValidationError:
                        issues = list(check_structure(item, info, (name, position)))
                        if not issues:
                            return None
                        converted.issues += issues
                        if isinstance(item, dict) and isinstance(item.get("id"), str):
                            converted.dropped_ids.add(item["id"])
                        continue
                    positions.append(position)
            else:
                positions += range(count, count + len(batch))
            count += len(batch)
        sections[name] = kept
        converted.positions[name] = positions
    converted.brief = msgspec.structs.replace(converted.brief, **sections)
    return converted


def _convert_item_by_item(data: dict[str, Any], issues: list[tuple[Path, str]]) -> Converted:
    bad_paths = {path[:2] for path, _ in issues}
    if ("meta",) in {path[:1] for path, _ in issues} or not isinstance(data.get("meta"), dict):
        meta_data: Any = {"title": "(invalid meta)", "as_of": "1970"}
    else:
        meta_data = data["meta"]
    kept: dict[str, Any] = {"meta": meta_data}
    positions: dict[str, list[int]] = {}
    dropped: set[str] = set()
    for name in SECTIONS:
        items = data.get(name)
        kept[name], positions[name] = [], []
        if not isinstance(items, list):
            continue
        for position, item in enumerate(items):
            if (name, position) in bad_paths or not isinstance(item, dict):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    dropped.add(item["id"])
                continue
            kept[name].append(item)
            positions[name].append(position)
    if isinstance(data.get("format"), str):
        kept["format"] = data["format"]
    try:
        brief = msgspec.convert(kept, Brief)
    except msgspec.ValidationError as error:  # a problem the walker did not foresee
        issues.append(((), str(error)))
        return Converted(None, issues)
    return Converted(brief, issues, positions, dropped)


# A record of the merged brief: its section ("key_judgments" for those in meta) and index.
Record = tuple[str, int]
