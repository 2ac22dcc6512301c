"""Where each record of a brief file is written, so that a record can be added, replaced or
taken out by changing its own lines only: comments, key order, quoting and layout elsewhere
stay byte for byte as they were.

The cut is yamlsafe.split's (the loader's own: top-level keys at column 0, each section a block
sequence of items at one indent). A file it declines (tabs, CR line ends, a flow sequence of
records…) is edited through a YAML round trip instead (ruamel.yaml), which keeps comments and
key order but may re-indent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from briefcli.brief import yamlsafe
from briefcli.brief.model import SECTIONS

# The top-level keys in the order `init` and `fmt` write them: a new section goes where this
# order puts it.
TOP_LEVEL_ORDER: tuple[str, ...] = ("format", "meta", "vocabulary", *SECTIONS)

# Lines at the end of an item that belong to what follows: blank lines and comments in column 0
# (a banner above the next section).
_TRAILING = re.compile(rb"(?:\n(?:#[^\n]*)?)*\n?\Z")
_INDENT = re.compile(rb" *")
# A block scalar's header with the keep indicator: `|+`, `>+`, `|2+`, `>+1`...
_KEEPS_TRAILING_LINES = re.compile(
    rb"[:-] +[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#[^\n]*)?$", re.MULTILINE
)
# A top-level `key: []` or `key:` with nothing under it.
_EMPTY_SECTION = r"^{key}:[ \t]*(?:\[\][ \t]*)?(?:#[^\n]*)?$"


@dataclass(frozen=True)
class Span:
    """A record's lines: from the start of its first line to the end of its last line (the
    newline included), without the blank lines and banner comments after it."""

    start: int
    end: int


class NotInPlace(Exception):
    """The file cannot be cut reliably: edit it through a round trip instead."""


def cut_finds(layout: yamlsafe.Layout, records: Mapping[str, int]) -> bool:
    """Whether the cut finds exactly `records` records in each section. A line inside a quoted
    text can read as an item's first line, and cuts an item in two: the loader's parse of the
    parts notices, the cut alone does not, and a record changed by its position there would be
    another's."""
    return all(len(layout.items.get(section, [0])) - 1 == records[section] for section in SECTIONS)


class BriefText:
    """A brief file's bytes and where each record of each section is written."""

    def __init__(
        self,
        data: bytes,
        layout: yamlsafe.Layout | None = None,
        records: Mapping[str, int] | None = None,
    ) -> None:
        """`layout`: yamlsafe.split(data, SECTIONS), if it was made already. `records`: how
        many records each section of the brief has, when it is known: a cut that finds
        another number is not used (see cut_finds)."""
        self.data = data
        layout = layout or yamlsafe.split(data, SECTIONS)
        if layout is None:
            raise NotInPlace("the file is not laid out as block sequences")
        if records is not None and not cut_finds(layout, records):
            raise NotInPlace("the cut does not find the brief's records")
        self.keys = layout.keys
        self._items = layout.items

    def count(self, section: str) -> int:
        """How many records the section has (0 when it has none or is not there)."""
        return max(len(self._items.get(section, [])) - 1, 0)

    def span(self, section: str, position: int) -> Span:
        """The lines of the section's record at `position` (IndexError if there is none)."""
        if not 0 <= position < self.count(section):
            raise IndexError(position)
        offsets = self._items[section]
        start, end = offsets[position], offsets[position + 1]
        piece = self.data[start:end]
        trailing = _TRAILING.search(piece)
        cut = trailing.start() if trailing is not None else len(piece)
        return Span(start, start + cut + (1 if cut < len(piece) else 0))  # with its newline

    def item_indent(self, section: str) -> int:
        """The column of the `-` of the section's items (2 if it has none yet)."""
        offsets = self._items.get(section)
        if not offsets:
            return 2
        return _INDENT.match(self.data, offsets[0]).end() - offsets[0]  # type: ignore[union-attr]

    def with_record(self, section: str, item: str) -> tuple[bytes, int]:
        """The file with `item` (YAML of one sequence item, its `-` in column 0) added as the
        section's last record: after its last record, or in a new section where the canonical
        order puts it; and the offset where the record starts."""
        block = _indented(item, self.item_indent(section))
        if self.count(section):
            self._refuse_after_kept_lines(section, self.count(section) - 1)
            at = self.span(section, self.count(section) - 1).end
            head = self.data[:at] + _ending(self.data[:at])
            return head + block + self.data[at:], len(head)
        empty = re.compile(_EMPTY_SECTION.format(key=re.escape(section)).encode(), re.MULTILINE)
        found = empty.search(self.data) if section in self.keys else None
        if section in self.keys and found is None:
            raise NotInPlace(f"{section} is not a block sequence")
        if found is not None:  # `actors: []` or a bare `actors:`: its items follow the key
            head = self.data[: found.start()] + f"{section}:\n".encode()
            return head + block + self.data[found.end() + 1 :], len(head)
        new = self._with_section(section, block)
        return new, new.index(block)

    def _with_section(self, section: str, block: bytes) -> bytes:
        """A new top-level section before the first key the canonical order puts after it
        (above that key's banner of comments), else at the end."""
        later = TOP_LEVEL_ORDER[TOP_LEVEL_ORDER.index(section) + 1 :]
        text = f"{section}:\n".encode() + block
        for key in self.keys:
            if key in later:
                at = re.search(rb"^" + re.escape(key.encode()) + rb":", self.data, re.MULTILINE)
                if at is not None:
                    start, spaced = _banner_start(self.data, at.start())
                    lead = b"" if spaced or start == 0 else b"\n"
                    return self.data[:start] + lead + text + b"\n" + self.data[start:]
        return self.data + _ending(self.data) + b"\n" + text

    def without_record(self, section: str, position: int) -> bytes:
        """The file without the section's record at `position` (its lines only)."""
        if position:
            self._refuse_after_kept_lines(section, position - 1)
        span = self.span(section, position)
        return self.data[: span.start] + self.data[span.end :]

    def _refuse_after_kept_lines(self, section: str, position: int) -> None:
        """NotInPlace if the record at `position` has a block scalar that keeps its trailing
        lines (`|+`, `>+`): the blank lines after the record are then part of its text, and
        a record put in or taken out after it would change that text."""
        offsets = self._items[section]
        if _KEEPS_TRAILING_LINES.search(self.data, offsets[position], offsets[position + 1]):
            raise NotInPlace("a text before the change keeps its trailing lines")

    def with_replaced(self, section: str, position: int, item: str) -> bytes:
        """The file with the section's record at `position` written as `item` instead."""
        span = self.span(section, position)
        block = _indented(item, self.item_indent(section))
        return self.data[: span.start] + block + self.data[span.end :]


def _indented(item: str, indent: int) -> bytes:
    """An item's lines shifted so that its `-` is in column `indent`."""
    pad = " " * indent
    lines = item.rstrip("\n").split("\n")
    return "".join((pad + line if line else "") + "\n" for line in lines).encode()


def _ending(data: bytes) -> bytes:
    """A newline to add after `data` so that what follows starts a line."""
    return b"" if not data or data.endswith(b"\n") else b"\n"


def _banner_start(data: bytes, key_start: int) -> tuple[int, bool]:
    """Where the comment lines just above a top-level key begin (a banner like `# ==== events`),
    so that a new section goes above the banner, not under it; and whether a blank line
    separates them from what comes before."""
    lines: list[tuple[int, bytes]] = []  # (start, line) of the lines above, nearest first
    start = key_start
    while start > 0:
        previous = data.rfind(b"\n", 0, start - 1) + 1
        line = data[previous : start - 1]
        if not (line.startswith(b"#") or not line.strip()):
            break
        lines.append((previous, line))
        start = previous
    lines.reverse()  # from the top
    blank = [i for i, (_, line) in enumerate(lines) if not line.strip()]
    leading = 0
    while leading < len(lines) and not lines[leading][1].strip():
        leading += 1
    if leading == len(lines):  # only blank lines: the new section goes just above the key
        return key_start, bool(blank)
    return lines[leading][0], leading > 0
