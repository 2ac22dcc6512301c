"""A record as YAML text in the style the brief format's examples use: two spaces per mapping
level, sequences indented under their key, dates in double quotes (unquoted, YAML would read
`2024-04-30` as a date, not the text the format wants), long texts wrapped."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML

# Keys whose values are dates written as text.
DATE_KEYS = frozenset({"as_of", "since", "until", "status_date", "value"})

# Where long texts wrap, as in the bundled brief.
WIDTH = 96


def item_yaml(record: dict[str, Any]) -> str:
    """One record as an item of a block sequence: `- key: value` lines, the `-` in column 0."""
    return items_yaml([record])[0]


def items_yaml(records: list[dict[str, Any]]) -> list[str]:
    """Each record as item_yaml writes it, dumped together by one emitter (an import's
    records: less work than an emitter each, bench/README.md)."""
    buffer = io.StringIO()
    _emitter().dump([_styled(record) for record in records], buffer)
    items: list[str] = []
    # Dumped as a top-level sequence with offset 2: every line starts with two more spaces,
    # and an item starts where a line is `- ` at the sequence's own indent.
    for line in buffer.getvalue().splitlines():
        shifted = line[2:] + "\n"
        if shifted.startswith("- "):
            items.append(shifted)
        else:
            items[-1] += shifted
    return items


def document_yaml(data: dict[str, Any]) -> str:
    """A whole document (a new brief) in the same style."""
    buffer = io.StringIO()
    _emitter().dump(_styled(data), buffer)
    return buffer.getvalue()


def _emitter() -> YAML:
    """ruamel.yaml set for the format's style: two spaces a level, sequences under their key."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    return yaml


def _styled(value: Any, key: str = "") -> Any:
    """Nested dicts and lists with dates double-quoted; None values left out."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        styled = CommentedMap()
        for inner_key, inner in value.items():
            if inner is not None and inner != []:
                styled[inner_key] = _styled(inner, inner_key)
        return styled
    if isinstance(value, list):
        return [_styled(item, key) for item in value]
    if isinstance(value, str) and key in DATE_KEYS:
        return DoubleQuotedScalarString(value)
    return value
