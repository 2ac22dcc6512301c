"""A brief's structure: parsed YAML converted into typed records, with every type, required
and unknown field problem reported at its path (such as ("actors", 3, "name")).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import msgspec
import msgspec.inspect as mi

from briefcli.brief.model import SECTIONS, TIME_PATTERN, Brief, EdtfDate, FuzzyDate
from briefcli.brief.validate.hints import SYNONYMS, date_wanted, flow, mapping_wanted
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


# A date (EDTF). Written alone where a date as the source gave it goes, it stands for
# {value: DATE}: method stated, confidence high.
_DATE_PATTERN = re.compile(mi.type_info(EdtfDate).pattern)  # type: ignore[attr-defined]

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
    if isinstance(info, mi.StructType) and info.cls is FuzzyDate:
        return isinstance(value, (dict, str))  # a plain date is short for {value: DATE}
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
        return _list_wanted(info)
    if isinstance(info, mi.StructType):
        return date_wanted() if info.cls is FuzzyDate else mapping_wanted(info.cls)
    if isinstance(info, mi.DictType):
        return "a mapping"
    return "a value"


def _list_wanted(info: mi.ListType) -> str:
    """A list, with an example when its items are records: `[{actor: jane-doe}]`."""
    item = info.item_type
    return mapping_wanted(item.cls, listed=True) if isinstance(item, mi.StructType) else "a list"


def check_structure(value: Any, info: mi.Type, path: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, message) for every structural problem in `value` against `info`."""
    if isinstance(info, mi.UnionType):
        options = [option for option in info.types if _is_type(value, option)]
        if options:
            yield from check_structure(value, options[0], path)
        else:
            wanted = " or ".join(_expected(option) for option in info.types)
            message = f"expected {wanted}, got {_describe_value(value)}"
            if _takes_text(*info.types):
                message += _quote_hint_for(value)
            yield path, message
        return
    if isinstance(info, mi.StructType):
        yield from _check_struct(value, info, path)
    elif isinstance(info, mi.ListType):
        if not isinstance(value, list):
            yield path, _list_message(value, info)
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


def _takes_text(*options: mi.Type) -> bool:
    """Whether a string is one of the shapes allowed: a number there may be meant as text."""
    return any(
        isinstance(option, mi.StrType)
        or (isinstance(option, mi.StructType) and option.cls is FuzzyDate)
        for option in options
    )


def _list_message(value: Any, info: mi.ListType) -> str:
    """A list was expected: with an example of its items, or `(write [x])` for a lone item."""
    message = f"expected {_list_wanted(info)}, got {_describe_value(value)}"
    item = info.item_type
    lone = isinstance(value, (str, int, float)) and not isinstance(item, mi.StructType)
    if lone and _is_type(value, item):
        message += f" (write [{flow(value)}])"
    return message


def _check_struct(value: Any, info: mi.StructType, path: Path) -> Iterator[tuple[Path, str]]:
    if info.cls is FuzzyDate and not isinstance(value, dict):
        if isinstance(value, str):
            if not _DATE_PATTERN.search(value):
                written = _pattern_message(value, _DATE_PATTERN.pattern)
                yield path, f"{written}; or {mapping_wanted(FuzzyDate)}"
            return
        got = f"{_describe_value(value)}{_quote_hint_for(value)}"
        yield path, f"expected {date_wanted()}, got {got}"
        return
    if not isinstance(value, dict):
        yield path, f"expected {mapping_wanted(info.cls)}, got {_describe_value(value)}"
        return
    fields = {field_info.encode_name: field_info for field_info in info.fields}
    for key in value:
        if key not in fields:
            yield (*path, KeyStep(key)), _unknown_field_message(str(key), info.cls, list(fields))
    for name, field_info in fields.items():
        if name in value:
            yield from check_structure(value[name], field_info.type, (*path, name))
        elif field_info.required:
            yield path, f"missing required field {name!r}"


def _unknown_field_message(key: str, record: type, fields: list[str]) -> str:
    """`unknown field (did you mean 'summary'?); allowed: …`: the field people mean by that
    word (`description` on an event), else the closest spelling."""
    synonym = SYNONYMS.get(record, {}).get(key.casefold())
    hint = [synonym] if synonym in fields else difflib.get_close_matches(key, fields, n=1)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"unknown field{suggestion}; allowed: {', '.join(fields)}"


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


def _quote_hint_for(value: Any) -> str:
    """`(quote it: '2024')` for a number where text would do, else nothing."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return _quote_hint(value) if number else ""


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
        wanted = mapping_wanted(Brief)
        return Converted(None, [((), f"a brief must be {wanted}, got {_describe_value(data)}")])
    brief, data = _converted(data, Brief, BRIEF_INFO)
    if brief is not None:
        positions = {name: list(range(len(getattr(brief, name)))) for name in SECTIONS}
        return Converted(brief, [], positions)
    issues = list(check_structure(data, BRIEF_INFO, ()))
    return _convert_item_by_item(data, issues)


def _converted(data: Any, target: Any, info: mi.Type) -> tuple[Any, Any]:
    """msgspec.convert(data, target), None if refused, and the data it was given: the data
    with its plain dates written out as mappings when it holds any (looked for only once the
    data as written is refused, as most briefs have none)."""
    try:
        return msgspec.convert(data, target), data
    except msgspec.ValidationError:
        pass
    written_out = with_dates_written_out(data, info)
    if written_out is data:
        return None, data
    try:
        return msgspec.convert(written_out, target), written_out
    except msgspec.ValidationError:
        return None, written_out


def with_dates_written_out(value: Any, info: mi.Type) -> Any:
    """`value` with each plain date where a date as the source gave it goes (`date:
    "2024-04-30"`) written out as the mapping it stands for ({value: "2024-04-30"}). What
    changes is copied, never changed in place; a string that is not a date is left for the
    walker to report."""
    if isinstance(info, mi.UnionType):
        chosen = next((option for option in info.types if _is_type(value, option)), None)
        return value if chosen is None else with_dates_written_out(value, chosen)
    if isinstance(info, mi.ListType):
        return _list_with_dates_written_out(value, info.item_type)
    if not isinstance(info, mi.StructType):
        return value
    if info.cls is FuzzyDate:
        is_date = isinstance(value, str) and _DATE_PATTERN.search(value)
        return {"value": value} if is_date else value
    if not isinstance(value, dict):
        return value
    copy: dict[str, Any] | None = None
    for name, field_type in _date_fields(info.cls):
        if name in value:
            written_out = with_dates_written_out(value[name], field_type)
            if written_out is not value[name]:
                copy = dict(value) if copy is None else copy
                copy[name] = written_out
    return value if copy is None else copy


def _list_with_dates_written_out(items: Any, item_type: mi.Type) -> Any:
    """with_dates_written_out() for a list: each item, the list copied if one changes."""
    if not isinstance(items, list) or not _holds_dates(item_type):
        return items
    copy: list[Any] | None = None
    for position, item in enumerate(items):
        written_out = with_dates_written_out(item, item_type)
        if written_out is not item:
            copy = list(items) if copy is None else copy
            copy[position] = written_out
    return items if copy is None else copy


@cache
def _date_fields(record: type[msgspec.Struct]) -> tuple[tuple[str, mi.Type], ...]:
    """The fields of a record type that hold a date as the source gave it, at any depth."""
    info: mi.StructType = mi.type_info(record)  # type: ignore[assignment]
    return tuple((f.encode_name, f.type) for f in info.fields if _holds_dates(f.type))


def _holds_dates(info: mi.Type) -> bool:
    """Whether a value of this type may hold a date as the source gave it."""
    if isinstance(info, mi.StructType):
        return info.cls is FuzzyDate or bool(_date_fields(info.cls))
    if isinstance(info, mi.ListType):
        return _holds_dates(info.item_type)
    if isinstance(info, mi.UnionType):
        return any(_holds_dates(option) for option in info.types)
    return False


_ITEM_INFO: dict[str, mi.StructType] = {
    field_info.encode_name: field_info.type.item_type  # type: ignore[attr-defined]
    for field_info in BRIEF_INFO.fields
    if field_info.encode_name in SECTIONS
}


def convert_item(section: str, item: Any) -> Any | None:
    """One record of `section` as convert() would keep it; None if it has a problem (a check
    of the whole brief then gives the exact message)."""
    info = _ITEM_INFO[section]
    converted, _ = _converted([item], list[info.cls], mi.ListType(info, None, None))  # type: ignore[name-defined]
    return None if converted is None else converted[0]


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
        target = list[info.cls]  # type: ignore[name-defined]
        list_info = mi.ListType(info, None, None)
        kept: list[Any] = []
        positions: list[int] = []
        count = 0
        for batch in batches:
            converted_batch, batch = _converted(batch, target, list_info)
            if converted_batch is not None:
                kept += converted_batch
                positions += range(count, count + len(batch))
                count += len(batch)
                continue
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
