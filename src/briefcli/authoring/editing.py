"""One record of a brief as a small YAML document to edit (`edit`), and the brief with the
edited document in place of the record.

The document is the record's own lines from the file, dedented to a mapping, so that its
comments and quoting come along; the edit goes back as the same lines re-indented, and the
rest of the file stays byte for byte as it was. A file the in-place cut declines (tabs, CR
line ends, flow sequences) goes through a YAML round trip instead.

When an edit cannot be used, the document is shown again with what is wrong as `#` lines
above it, as `git commit` shows its instructions; those lines are left out when it is read.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefcli.authoring.layout import BriefText, NotInPlace
from briefcli.authoring.roundtrip import RoundTrip
from briefcli.authoring.writing import Change
from briefcli.brief import yamlsafe

if TYPE_CHECKING:
    from briefcli.authoring.writing import BriefOnDisk
    from briefcli.brief import loader
    from briefcli.store.tables import BriefIndex

# The most problems listed above the document: a broken indentation can make dozens.
MAX_LISTED = 10


@dataclass(frozen=True)
class Problem:
    """What is wrong with an edit: `line` and `column` in the document (None when it is not
    in the record's lines), `field` the record's field (`roles[0].of`) when known."""

    message: str
    field: str = ""
    line: int | None = None
    column: int | None = None


class Unusable(Exception):
    """The edit cannot be written: what is wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


class RecordText(ABC):
    """The record at `position` of `section` of a brief file, as a document to edit."""

    section: str
    position: int
    document: str  # the mapping's text, ending with a newline

    @abstractmethod
    def replaced(self, body: str) -> bytes:
        """The brief file with `body` (an edited document) in place of the record."""

    def where(self, found: loader.Problem) -> tuple[int, int] | None:
        """The document's line and column of a problem of the brief file that `replaced`
        last made, if the problem is in the record's lines."""
        return None

    def problem(self, found: loader.Problem) -> Problem:
        """A problem of the changed brief in the document's terms: the record's own fields
        without the `claims[3].` before them, at the document's line."""
        own = f"{self.section}[{self.position}]"
        field = found.field
        if field == own or field.startswith(own + "."):
            field = field[len(own) + 1 :]
        message = f"{field}: {found.message}" if field else found.message
        at = self.where(found)
        return Problem(message, field) if at is None else Problem(message, field, *at)


class InPlace(RecordText):
    """A record cut out of the file's own lines, and put back in their place."""

    def __init__(self, text: BriefText, section: str, position: int) -> None:
        self.text, self.section, self.position = text, section, position
        span = text.span(section, position)
        lines = text.data[span.start : span.end].decode("utf-8").rstrip("\n").split("\n")
        self.indent = len(lines[0]) - len(lines[0].lstrip(" "))
        # Blank lines and comments in the column of the `-` at the end of an item are a banner
        # above the next one (`# The Straits Times, 20 November 2023`): not the record's, they
        # are neither shown nor moved.
        own = len(lines)
        banner = " " * self.indent + "#"
        while own > 1 and (not lines[own - 1] or lines[own - 1].startswith(banner)):
            own -= 1
        self.document = dedented("".join(f"{line}\n" for line in lines[:own]), self.indent)
        self.after = "".join(f"{line[self.indent :]}\n" for line in lines[own:])
        self.first_line = text.data.count(b"\n", 0, span.start) + 1
        self._lines = 0  # the record's lines in the file `replaced` last made

    def replaced(self, body: str) -> bytes:
        item = as_item(body)
        self._lines = item.count("\n")
        return self.text.with_replaced(self.section, self.position, item + self.after)

    def where(self, found: loader.Problem) -> tuple[int, int] | None:
        if found.line is None or not 0 <= found.line - self.first_line < self._lines:
            return None
        # Each line of the record is shifted right by the items' indent and the `- `.
        column = max((found.column or 1) - self.indent - 2, 1)
        return found.line - self.first_line + 1, column


class ThroughRoundTrip(RecordText):
    """A record read and written back through ruamel.yaml's round trip, which keeps comments
    and key order but may re-indent the file."""

    def __init__(self, data: bytes, section: str, position: int) -> None:
        self.section, self.position = section, position
        self.round_trip = RoundTrip(data)
        buffer = io.StringIO()
        self.round_trip.yaml.dump(self.round_trip.document[section][position], buffer)
        # ruamel keeps a comment's own line end: a CRLF file's comments would bring CRs along.
        self.document = buffer.getvalue().replace("\r\n", "\n")

    def replaced(self, body: str) -> bytes:
        from ruamel.yaml.error import YAMLError

        try:
            record = self.round_trip.yaml.load(body)
        except YAMLError as error:  # what the brief's own YAML reading let through
            raise Unusable([Problem(" ".join(str(error).split()))]) from None
        self.round_trip.document[self.section][self.position] = record
        return self.round_trip.dumped()


def record_text(
    data: bytes,
    section: str,
    position: int,
    layout: yamlsafe.Layout | None = None,
    records: Mapping[str, int] | None = None,
) -> RecordText:
    """The record as a document: its own lines if the file can be cut in place, else through
    a round trip. `layout`, `records`: as BriefText takes them."""
    try:
        return InPlace(BriefText(data, layout, records), section, position)
    except NotInPlace:
        return ThroughRoundTrip(data, section, position)


def dedented(item: str, indent: int) -> str:
    """A sequence item's lines (its `-` in column `indent`) as the mapping they hold, moved to
    column 0; NotInPlace if that does not read as the same record."""
    lines = item.rstrip("\n").split("\n")
    content = lines[0][indent + 1 :].lstrip(" ")
    if not lines[0][indent:].startswith("- ") or not content or content.startswith("#"):
        raise NotInPlace("the item does not start with its first key")
    column = len(lines[0]) - len(content)
    # A line indented less than the mapping (a comment, the rest of a quoted text) goes to
    # column 0; reading both texts below makes sure that the record stays the same.
    rest = (line[min(column, len(line) - len(line.lstrip(" "))) :] for line in lines[1:])
    document = "".join(f"{line}\n" for line in [content, *rest])
    try:
        same = yamlsafe.parse(item) == [yamlsafe.parse(document)]
    except yamlsafe.YamlProblem:
        same = False
    if not same:
        raise NotInPlace("the record does not read the same dedented")
    return document


def as_item(body: str) -> str:
    """An edited document as a sequence item: `- ` before its first line, two spaces before
    the others (a blank line stays empty)."""
    first, *rest = body.rstrip("\n").split("\n")
    return "".join([f"- {first}\n", *(f"  {line}\n" if line.strip() else "\n" for line in rest)])


def without_header(text: str) -> str:
    """The document as saved, with LF line ends and without the comment and blank lines
    above the record (the problems shown there, or anything else written there)."""
    lines = text.replace("\r\n", "\n").split("\n")
    first = 0
    while first < len(lines) and (not lines[first].strip() or lines[first].lstrip()[0] == "#"):
        first += 1
    return "\n".join(lines[first:])


def with_header(body: str, problems: list[Problem], what: str) -> str:
    """The document again, with what is wrong as comment lines above it; a problem's line is
    the line of the document shown, header included, as an editor numbers it."""
    listed = problems[:MAX_LISTED]
    more = [f"#   and {len(problems) - len(listed)} more"] if len(problems) > len(listed) else []
    intro = [f"# briefcli: this edit of {what} was not written:"]
    outro = [
        "# Fix it and save to try again, or save an empty file to abort (the brief is unchanged).",
        "# These lines starting with # are left out.",
    ]
    above = len(intro) + len(listed) + len(more) + len(outro)
    lines = []
    for problem in listed:
        message = " ".join(problem.message.split())  # one line each
        if problem.line is None:
            lines.append(f"#   {message}")
        else:
            column = f", column {problem.column}" if problem.column is not None else ""
            lines.append(f"#   line {above + problem.line}{column}: {message}")
    return "".join(f"{line}\n" for line in [*intro, *lines, *more, *outro]) + body


def edited(record: RecordText, body: str, index: BriefIndex, on_disk: BriefOnDisk) -> bytes:
    """The brief file with the edited record, checked as `validate` checks a brief; Unusable
    with every problem if it cannot be written."""
    from briefcli.brief.loader import BriefError

    found = problems_of(body, index, record.section, record.position)
    if found:
        raise Unusable(found)
    new = record.replaced(body)
    try:
        on_disk.checked(new, Change(record.section, record.position))
    except BriefError as error:
        raise Unusable([record.problem(p) for p in error.problems]) from None
    return new


def problems_of(body: str, index: BriefIndex, section: str, position: int) -> list[Problem]:
    """What is wrong with an edited record on its own: YAML that does not parse, not a
    mapping, an id changed to one that is taken, or from one that other records still refer
    to (the brief's check would report each reference: this says it once)."""
    try:
        record: Any = yamlsafe.parse(body)
    except yamlsafe.YamlProblem as problem:
        return [Problem(problem.message, "", problem.line, problem.column)]
    if not isinstance(record, dict):
        return [Problem("a record is a mapping: its fields as `key: value` lines", "", 1, 1)]
    old_id = getattr(index, section).ids[position]
    new_id = record.get("id")
    if not isinstance(new_id, str) or new_id == old_id:
        return []  # a missing id, or one that is not text: the brief's check says so
    from briefcli.authoring.records import all_ids
    from briefcli.authoring.references import referrers

    at = yamlsafe.PositionFinder(body).find(("id",))
    if new_id in all_ids(index):
        message = f"id: {new_id!r} is the id of another record; keep {old_id!r}, or choose another"
        return [Problem(message, "id", at.line, at.column)]
    pointing = referrers(index.brief, old_id)
    if pointing:
        listed = ", ".join(f"{r.record_id or r.section} ({r.field})" for r in pointing[:6])
        more = f" and {len(pointing) - 6} more" if len(pointing) > 6 else ""
        message = f"id: {old_id!r} is still referred to by {listed}{more}; keep it, or change those"
        return [Problem(message, "id", at.line, at.column)]
    return []
