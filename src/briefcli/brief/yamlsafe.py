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

Plain documents are read by a fast builder over libyaml's nodes (`_build`); anything it does
not handle itself (tags, anchors, merge keys, errors) is read again by the PyYAML constructor,
which has the last word. `split` cuts a large brief into parts that parse on their own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import ScalarNode, SequenceNode

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
    (PyYAML's pure-Python loader, which would see them too, is far slower)."""
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


class NotSimple(Exception):
    """Text the fast builder leaves to PyYAML's constructor (tags, anchors, errors...)."""


# What the fast composer records as a node's tag (a tag written in the text stays a string).
_TEXT = object()  # a string: quoted, a block scalar, or plain and matching no resolver
_COLLECTION = object()  # a sequence or mapping without a tag
_ELSEWHERE = object()  # a plain `<<` (merge key) or `=`: only PyYAML's constructor reads them
# The same YAML 1.2 resolvers and scalar constructors as the whole-document loader.
_IMPLICIT = _BriefLoader.yaml_implicit_resolvers
_CONSTRUCTORS = _BriefLoader.yaml_constructors
_SCALARS = yaml.constructor.SafeConstructor()
_SHARED_LENGTH = 64  # texts up to this long are shared (see _shared); longer ones rarely repeat
# The table of shared texts is emptied between batches once it holds more than this many: a
# table that stays in the CPU caches keeps each probe cheap (unbounded, its probes grew faster
# than the brief). Texts that repeat within the window still share one object; the cost in
# peak memory and the gain in time are in bench/README.md ("Measured").
SHARED_TEXTS_MAX = 65536


class _Composer(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's composer with a resolver that records in each node's tag how to build it."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> Any:
        if kind is not ScalarNode or value is None:
            return _COLLECTION
        if implicit[0]:  # plain
            for tag, pattern in _IMPLICIT.get(value[:1], ()):
                if pattern.match(value):
                    return _CONSTRUCTORS.get(tag, _ELSEWHERE)
        return _TEXT

    def descend_resolver(self, current_node: yaml.Node | None, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _shared(shared: dict[str, str], text: str) -> str:
    """One string object for each short text however often it occurs (ids pointed at, dates,
    kinds, roles), which saves much memory on a large brief. `shared` lives as long as one
    document's reading, unlike sys.intern's table."""
    return shared.setdefault(text, text) if len(text) <= _SHARED_LENGTH else text


def _build(node: yaml.Node, shared: dict[str, str]) -> Any:
    """Plain data from a node, exactly as the whole-document loader constructs it."""
    tag = node.tag
    if tag is _TEXT:
        return node.value
    if tag is _COLLECTION:
        if node.__class__ is SequenceNode:
            return [
                _shared(shared, item.value) if item.tag is _TEXT else _build(item, shared)
                for item in node.value
            ]
        mapping = {
            (key.value if key.tag is _TEXT else _build(key, shared)): (
                _shared(shared, value.value) if value.tag is _TEXT else _build(value, shared)
            )
            for key, value in node.value
        }
        if len(mapping) != len(node.value):  # a repeated key (or equal ones: 1 and 1.0)
            raise NotSimple("repeated key")
        return mapping
    if node.__class__ is ScalarNode and callable(tag):
        return tag(_SCALARS, node)
    raise NotSimple(f"tag {tag!r}")


def parse_simple(text: str, shared: dict[str, str] | None = None) -> Any:
    """Parse a document with the fast builder, or raise NotSimple (then use `parse`). Short
    texts are taken from `shared` when an equal one is there (see _shared)."""
    if "&" in text or "*" in text:
        try:
            _refuse_anchors(text)
        except (YamlProblem, yaml.YAMLError) as error:
            raise NotSimple("anchor") from error
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
        return None if root is None else _build(root, {} if shared is None else shared)
    except (yaml.YAMLError, YamlProblem, RecursionError, TypeError) as error:
        # TypeError: a list or mapping as a key (unhashable)
        raise NotSimple(type(error).__name__) from error
    finally:
        composer.dispose()


def parse(text: str) -> Any:
    """Parse one YAML document into plain Python data, or raise YamlProblem."""
    try:
        return parse_simple(text)
    except NotSimple:
        pass
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


# ---------------------------------------------------------------- reading a brief in parts
#
# A large brief is parsed a part at a time, so that libyaml's node graph (a node and two marks
# per scalar, ~30x the text) never exists for the whole file. `split` cuts the text at its
# top-level keys (column-0 `key:` lines) and cuts each top-level block sequence of the given
# sections at its items (the `-` lines at the sequence's indentation). The skeleton is the text
# with those items replaced by as many empty lines, so it keeps every top-level key and line
# number; each batch of items parses alone as a block sequence.
#
# Why a wrong cut cannot give a different result. A line taken for a key or item start that is
# not one in the whole document lies inside something opened on an earlier line and closed on a
# later one. In block context only quoted scalars and flow collections can run on to a line
# indented as little as that (block scalars, plain scalars and nested blocks end before it;
# comments end with their line; tabs, CR and other line breaks, directives and document
# markers make `split` decline). Take the first such false start. The parts before it are cut
# at true starts, so the quote or bracket opened in the part just before it: if that part is
# a batch, the batch ends inside it and fails to parse; if it is a whole top-level block, the
# skeleton holds that block unchanged followed by the false key, which then sits inside the
# quote too and the skeleton's keys differ from the keys found (a false item start inside a
# batch makes the batch parse to fewer items than found). Every such mismatch and every
# failure to parse means: read the whole document instead, which gives the exact result and
# the exact messages. With true cuts, each part is the text of whole entries (no anchors, so
# nothing refers across parts) and parses to exactly those entries.

# Tabs, CR and the other YAML line breaks, and a byte-order mark after the start.
_DECLINED = (b"\t", b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9", b"\xef\xbb\xbf")
_TOP_LINE = re.compile(rb"\n(?=[^ \n#])")  # a line starting in column 0, not a comment
_KEY = re.compile(rb"([A-Za-z_][A-Za-z0-9_-]*):(?=[ \n]|\Z)")
_NOTHING_MORE = re.compile(rb" *(?:#[^\n]*)?(?:\n|\Z)")  # the rest of a `key:` line
_CONTENT_LINE = re.compile(rb"\n( *)(?=[^ \n#])")  # the next line not blank nor a comment
_LEADING_COMMENTS = re.compile(rb"(?: *(?:#[^\n]*)?\n)*")
_BOM = b"\xef\xbb\xbf"
# Items are parsed in batches of about this many bytes.
BATCH_BYTES = 64 * 1024


@dataclass(frozen=True)
class Layout:
    """A brief cut into parts that parse alone (see the comment above)."""

    data: bytes  # the brief as UTF-8
    skeleton: str  # the text with the items of each split section blanked out
    keys: list[str]  # the top-level keys, in order
    # For each split section: the offset of each item's first line, then the section's end.
    items: dict[str, list[int]]
    # The short texts read so far, shared by the batches (see _shared, SHARED_TEXTS_MAX).
    shared: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def fits(self, skeleton_data: Any) -> bool:
        """Whether the parsed skeleton has exactly the keys found, the split ones empty."""
        return (
            isinstance(skeleton_data, dict)
            and list(skeleton_data) == self.keys
            and all(skeleton_data[name] is None for name in self.items)
        )

    def read_items(self, section: str) -> Iterator[list[Any]]:
        """The items of a split section, a batch at a time; NotSimple if a batch does not
        parse alone to exactly its items."""
        offsets = self.items[section]
        first = 0
        while first < len(offsets) - 1:
            last = first + 1
            while last < len(offsets) - 1 and offsets[last] - offsets[first] < BATCH_BYTES:
                last += 1
            batch = parse_simple(self.data[offsets[first] : offsets[last]].decode(), self.shared)
            if not isinstance(batch, list) or len(batch) != last - first:
                raise NotSimple("items")
            if len(self.shared) > SHARED_TEXTS_MAX:
                self.shared.clear()
            yield batch
            first = last


def split(data: bytes, sections: Sequence[str]) -> Layout | None:
    """Cut a brief (UTF-8) at its top-level keys and at the items of the block sequences of
    `sections`; None when anything in it makes the cut uncertain."""
    begin = len(_BOM) if data.startswith(_BOM) else 0
    if any(_contains(data, sequence, begin) for sequence in _DECLINED):
        return None
    starts = [match.end() for match in _TOP_LINE.finditer(data, begin)]
    if data[begin : begin + 1] not in (b"", b" ", b"\n", b"#"):
        starts.insert(0, begin)
    blocks = [start for start in starts if not _is_item_line(data, start)]
    if not blocks or blocks[0] != _LEADING_COMMENTS.match(data, begin).end():  # type: ignore[union-attr]
        return None  # the document does not start with a top-level key
    keys: list[str] = []
    items: dict[str, list[int]] = {}
    for number, start in enumerate(blocks):
        key = _KEY.match(data, start)
        if key is None:
            return None
        keys.append(key.group(1).decode())
        end = blocks[number + 1] if number + 1 < len(blocks) else len(data)
        rest = _NOTHING_MORE.match(data, key.end())
        if keys[-1] in sections and rest is not None:
            found = _item_starts(data, rest.end() - 1, end)
            if found is None:
                return None
            if found:
                items[keys[-1]] = [*found, end]
    if len(set(keys)) != len(keys):
        return None  # a repeated key: reading the whole document reports it
    skeleton: list[bytes] = []
    done = 0
    for offsets in items.values():
        skeleton += [data[done : offsets[0]], b"\n" * data.count(b"\n", offsets[0], offsets[-1])]
        done = offsets[-1]
    skeleton.append(data[done:])
    return Layout(data, b"".join(skeleton).decode("utf-8-sig"), keys, items)


def _contains(data: bytes, sequence: bytes, begin: int) -> bool:
    """`sequence in data[begin:]`, looking for its rare first byte with memchr first, which
    scans a large brief far faster than one regular expression."""
    return data.find(sequence[:1], begin) != -1 and data.find(sequence, begin) != -1


def _is_item_line(data: bytes, start: int) -> bool:
    return data[start : start + 1] == b"-" and data[start + 1 : start + 2] in (b"", b" ", b"\n")


def _item_starts(data: bytes, after: int, end: int) -> list[int] | None:
    """The first lines of the items of the block sequence that follows offset `after` (the
    newline ending a `key:` line); [] if the value is not a block sequence; None if a line
    indented as little as the items is not an item (then the cut is uncertain)."""
    first = _CONTENT_LINE.search(data, after, end)
    if first is None or not _is_item_line(data, first.end()):
        return []
    indent = len(first.group(1))
    shallow = re.compile(rb"\n( {0,%d})(?=[^ \n#])" % indent)
    found = []
    for line in shallow.finditer(data, after, end):
        if len(line.group(1)) != indent or not _is_item_line(data, line.end()):
            return None
        found.append(line.end() - indent)
    return found


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
    # How many steps of the path went on past a scalar: in a shorthand such as `date:
    # "2024-04-30"` for {value: "2024-04-30"}, the `value` is the scalar itself.
    past_scalar: int | None = None


class PositionFinder:
    """Maps a path like ("actors", 3, "name") to where it is written in the YAML text. For a
    brief read in parts (a Layout), only the skeleton and the items asked about are composed."""

    def __init__(self, source: str | Layout) -> None:
        self._layout = source if isinstance(source, Layout) else None
        self._root = _compose(source if isinstance(source, str) else source.skeleton)
        self._first_lines: dict[str, list[int]] = {}

    def find(self, path: tuple[str | int, ...]) -> Position:
        layout = self._layout
        offsets = layout.items.get(str(path[0])) if layout and path else None
        if layout is None or offsets is None or len(path) < 2 or not isinstance(path[1], int):
            return _find(self._root, path, 0)
        position = path[1]
        item = _compose(layout.data[offsets[position] : offsets[position + 1]].decode())
        return _find(item, (0, *path[2:]), self._first_line(layout, str(path[0]), position))

    def _first_line(self, layout: Layout, section: str, position: int) -> int:
        """The 0-based line of an item's first line (counted once per section)."""
        if section not in self._first_lines:
            offsets = layout.items[section]
            lines = [layout.data.count(b"\n", 0, offsets[0])]
            for before, start in itertools.pairwise(offsets[:-1]):
                lines.append(lines[-1] + layout.data.count(b"\n", before, start))
            self._first_lines[section] = lines
        return self._first_lines[section][position]


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_BaseLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def _find(node: yaml.Node | None, path: tuple[str | int, ...], first_line: int) -> Position:
    if node is None:
        return Position(1, 1)
    best = node.start_mark
    for depth, step in enumerate(path):
        child = _child(node, step)
        if child is None:
            past = len(path) - depth if isinstance(node, yaml.ScalarNode) else None
            return Position(first_line + best.line + 1, best.column + 1, past_scalar=past)
        node = child
        best = node.start_mark
    written = node.value if isinstance(node, yaml.ScalarNode) else None
    return Position(first_line + best.line + 1, best.column + 1, written)


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key_node, value_node in node.value:
            if key_node.value == step:
                return key_node if isinstance(step, KeyStep) else value_node  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]  # type: ignore[no-any-return]
    return None
