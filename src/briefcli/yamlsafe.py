"""Safe YAML for briefs: no arbitrary objects, no YAML 1.1 surprises, and line numbers on demand.

The loader is PyYAML's C loader (pure-Python fallback) with these changes:
- only `true`/`false` are booleans (`yes`, `no`, `on`, `off` stay strings, so a boolean field
  given `yes` is reported instead of silently becoming True);
- unquoted dates stay strings (`2020-01-03` is never turned into a `datetime.date`);
- only plain decimal numbers are numbers (`10:30` is not base-60 630, `0x1F` and `1_000` stay
  strings), and a number too long to convert is an error, not a crash;
- a key repeated in one mapping is an error, not a silent overwrite;
- anchors and aliases are refused, which also rules out "billion laughs" expansion;
- only the standard safe tags construct anything (`!!python/...` is an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_REPLACED = (_BOOL_TAG, _TIMESTAMP_TAG, _INT_TAG, _FLOAT_TAG)
# YAML 1.2 core-schema scalars, instead of YAML 1.1's.
_CORE_SCALARS = (
    (_BOOL_TAG, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT_TAG, r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        _FLOAT_TAG,
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
)


class YamlProblem(Exception):
    """A YAML-level problem at a 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _restricted_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    resolvers = {
        first: [(tag, rx) for tag, rx in entries if tag not in _REPLACED]
        for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for tag, pattern, firsts in _CORE_SCALARS:
        compiled = re.compile(pattern)
        for first in firsts:
            resolvers.setdefault(first, []).append((tag, compiled))
    return resolvers


_ANCHORS_REFUSED = "anchors and aliases (&name / *name) are not allowed in a brief"


class _BriefRules:
    """What every brief loader shares: YAML 1.2 scalars and no repeated keys."""

    yaml_implicit_resolvers = _restricted_resolvers()

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        if len(mapping) != len(node.value):
            _raise_duplicate_key(node)
        return mapping


# Python converts at most 4,300 digits to an int (a guard against slow conversions).
MAX_INT_DIGITS = 4000


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    if len(node.value) > MAX_INT_DIGITS:
        mark = node.start_mark
        message = f"a number of {len(node.value):,} digits is too long (quote it if it is text)"
        raise YamlProblem(message, mark.line + 1, mark.column + 1)
    return int(node.value)


class _BriefLoader(_BriefRules, _BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml, with the brief's rules (anchors are refused before, by _refuse_anchors)."""


_BriefLoader.add_constructor(_INT_TAG, _construct_int)


def _refuse_anchors(text: str) -> None:
    """Find an anchor or alias with libyaml's parser: events only, so fast and no expansion
    (PyYAML's pure-Python loader, which would see them too, is ~30x slower)."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise YamlProblem(_ANCHORS_REFUSED, line, column)


def _raise_duplicate_key(node: yaml.MappingNode) -> None:
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = str(key_node.value)
        if key in seen:
            raise YamlProblem(
                f"duplicate key {key!r} in one mapping (the later one would silently win)",
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        seen.add(key)


def parse(text: str) -> Any:
    """Parse one YAML document into plain Python data, or raise YamlProblem."""
    try:
        if "&" in text or "*" in text:
            _refuse_anchors(text)
        return yaml.load(text, Loader=_BriefLoader)  # a SafeLoader subclass
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        raise _describe(error, text) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error).splitlines()[0], 1, 1) from None
    except RecursionError:
        raise YamlProblem("the document is nested too deeply", 1, 1) from None


def _describe(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (error.problem or error.context or "invalid YAML").strip()
    if "\\t" in problem or _tab_near(text, line, column):
        problem += " (tabs are not allowed in YAML indentation; use spaces)"
    elif "could not determine a constructor" in problem:
        problem = f"{problem} (custom tags such as !!python/... are not allowed)"
    if error.context and error.problem and error.context not in problem:
        problem = f"{error.context.strip()}: {problem}"
    return YamlProblem(problem, line, column)


def _tab_near(text: str, line: int, column: int) -> bool:
    """Whether the offending line is indented with a tab, or has one at the column."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    content = lines[line - 1]
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    return "\t" in indent or content[column - 1 : column] == "\t"


class KeyStep(str):
    """A path step naming a mapping key itself (where an unknown key is written), not its value."""

    __slots__ = ()


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    written: str | None = None  # a scalar's text as written (`007`, not the number 7)


class PositionFinder:
    """Maps a path like ("actors", 3, "name") to where it is written in the YAML text."""

    def __init__(self, text: str) -> None:
        try:
            self._root: yaml.Node | None = yaml.compose(text, Loader=_BaseLoader)
        except (yaml.YAMLError, RecursionError):
            self._root = None

    def find(self, path: tuple[str | int, ...]) -> Position:
        node = self._root
        if node is None:
            return Position(1, 1)
        best = node.start_mark
        for step in path:
            child = _child(node, step)
            if child is None:
                return Position(best.line + 1, best.column + 1)
            node = child
            best = node.start_mark
        written = node.value if isinstance(node, yaml.ScalarNode) else None
        return Position(best.line + 1, best.column + 1, written)


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return key_node if isinstance(step, KeyStep) else value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]  # type: ignore[no-any-return]
    return None
