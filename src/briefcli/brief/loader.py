"""Reading brief files: bytes -> safe YAML -> Brief, every problem located by file, line, column.

Several files merge into one brief (the first file's meta wins); ids must stay unique across them.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import msgspec

from briefcli.brief.model import FORMAT_VERSION, SECTIONS, Brief, Meta, Vocabulary
from briefcli.brief.stored_texts import (
    UnreadableText,
    max_bytes,
    read_at_most,
    read_stored_text,
    stored_text_path,
)
from briefcli.collector import without_garbage_collection

try:  # the built-in module: hashlib would first load OpenSSL, at every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - Pythons built without it
    from hashlib import blake2b

if TYPE_CHECKING:
    # Parsing and checking load lazily: a cached brief never needs YAML or the validator.
    from briefcli.brief import lint, validate, yamlsafe
    from briefcli.brief.order import Links


# The lists of words a brief's `vocabulary:` may declare.
VOCABULARY_GROUPS = ("relations", "events", "participants")


class Problem(msgspec.Struct, frozen=True):
    """One problem with a brief, printed as `file:line:col: field: message`."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


ProblemT = TypeVar("ProblemT", bound=Problem)


class BriefError(Exception):
    """The brief could not be loaded; `problems` says why, each on one line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]) if problems else "invalid brief")
        self.problems = problems


class CheckedBrief(NamedTuple):
    """A brief that passed every check, merged from its files, with what the store keeps
    beside it."""

    brief: Brief
    files: list[Path]
    excerpts_checked: int
    # For each source with a stored text: the folder of the brief file that defined it.
    text_roots: dict[str, str]
    # The events' `after`/`before` links, found by the checker; the store orders by them.
    event_links: Links
    # What a lookup answers with but says (stored texts not found: their excerpts unchecked).
    warnings: list[str]


class BriefFile:
    """One file of a brief, as read and parsed."""

    def __init__(self, path: Path, digest: str) -> None:
        self.path = path
        self.digest = digest
        self.text = ""
        self.converted: validate.Converted | None = None
        self.layout: yamlsafe.Layout | None = None  # when read in parts (then no `text`)
        self.problems: list[Problem] = []
        self.source_texts: dict[str, str] = {}
        # (resolved path, content digest) of each stored source text read, and ("" as the
        # digest) of each one not found where missing texts are allowed.
        self.text_files: list[tuple[Path, str]] = []
        self.warnings: list[Problem] = []

    @property
    def name(self) -> str:
        return str(self.path)

    @cached_property
    def positions(self) -> yamlsafe.PositionFinder:
        from briefcli.brief import yamlsafe

        return yamlsafe.PositionFinder(self.text if self.layout is None else self.layout)

    def problem_at(self, path: validate.Path, message: str) -> Problem:
        from briefcli.brief import validate

        position = self.positions.find(path)
        if position.written is not None and message.endswith("')") and " (quote it: '" in message:
            # The validator saw the number YAML made of it (7); show the text as written (007).
            before, _, _ = message.rpartition(" (quote it: '")
            message = f"{before} (quote it: '{validate.clip(position.written)}')"
        if position.past_scalar:  # a shorthand: name the field as it is written
            path = path[: len(path) - position.past_scalar]
        return Problem(
            self.name, message, position.line, position.column, validate.format_path(path)
        )


def read_bytes(path: Path) -> bytes:
    """Read a brief file, turning OS errors into a one-line Problem. A file over the size
    limit is refused before it is read; a pipe or device (`<(git show ...)`, /dev/zero) is
    read only up to the limit, since its size is not known in advance (nor is a file's that
    grows while it is read)."""
    limit = max_bytes()
    over = f"over the {limit:,}-byte limit (BRIEFCLI_MAX_BYTES)"
    try:
        if path.is_dir():
            raise BriefError([Problem(str(path), "is a directory, not a brief file")])
        with path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            regular = stat.S_ISREG(status.st_mode)
            if regular and status.st_size > limit:
                message = f"is {status.st_size:,} bytes, {over}"
                raise BriefError([Problem(str(path), message)])
            data = read_at_most(stream, limit, status.st_size if regular else limit)
            if len(data) > limit:
                what = "grew while it was read" if regular else "is not a file and gave more bytes"
                raise BriefError([Problem(str(path), f"{what}, {over}")])
            return data
    except FileNotFoundError:
        raise BriefError([Problem(str(path), "no such file")]) from None
    except PermissionError:
        raise BriefError([Problem(str(path), "permission denied")]) from None
    except OSError as error:
        raise BriefError([Problem(str(path), f"cannot read: {error.strerror or error}")]) from None


def decode(path: Path, raw: bytes) -> str:
    """UTF-8 (a leading BOM is dropped); anything else is a located problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the brief as UTF-8"
        raise BriefError([Problem(str(path), message, line, column)]) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        message = "contains a NUL byte: this is not a text file"
        raise BriefError([Problem(str(path), message, line, column)])
    return text


def digest(data: bytes) -> str:
    """Content hash used by the cache."""
    return blake2b(data, digest_size=20).hexdigest()


def parse_file(path: Path, raw: bytes, missing_texts_allowed: bool = False) -> BriefFile:
    """Parse and convert one file, collecting its structural problems."""
    from briefcli.brief import validate, yamlsafe

    brief_file = BriefFile(path, digest=digest(raw))
    decode(path, raw)  # only checks: the text of a large brief is not kept while reading it
    converted = _convert_in_parts(brief_file, raw)
    if converted is None:
        brief_file.text = decode(path, raw)
        try:
            data = yamlsafe.parse(brief_file.text)
        except yamlsafe.YamlProblem as problem:
            raise BriefError(
                [Problem(str(path), problem.message, problem.line, problem.column)]
            ) from None
        converted = validate.convert(data)
    brief_file.converted = converted
    brief_file.problems.extend(brief_file.problem_at(p, message) for p, message in converted.issues)
    if converted.brief is not None and converted.brief.format != FORMAT_VERSION:
        brief_file.problems.append(
            brief_file.problem_at(
                ("format",),
                f"unsupported format {converted.brief.format!r}; expected {FORMAT_VERSION!r}",
            )
        )
    if converted.brief is not None:
        _read_source_texts(
            brief_file, converted.brief, converted.positions["sources"], missing_texts_allowed
        )
    return brief_file


def _convert_in_parts(brief_file: BriefFile, raw: bytes) -> validate.Converted | None:
    """Parse and convert a file a part at a time (see yamlsafe.split), so that the YAML nodes of
    the whole file never exist at once; None unless that gives exactly what reading the whole
    document gives (then the caller reads it whole, with its exact messages)."""
    from briefcli.brief import validate, yamlsafe

    layout = yamlsafe.split(raw, SECTIONS)
    if layout is None:
        return None
    try:
        head = yamlsafe.parse(layout.skeleton)
        if not layout.fits(head):
            return None
        parts = {name: layout.read_items(name) for name in layout.items}
        converted = validate.convert_in_parts(head, parts)
    except (yamlsafe.YamlProblem, yamlsafe.NotSimple):
        return None
    if converted is not None:
        brief_file.layout = layout
    return converted


# The digest recorded for a stored text that was not there: the cache entry holds only while
# it is still missing.
MISSING = ""


def _read_source_texts(
    brief_file: BriefFile, brief: Brief, positions: list[int], missing_allowed: bool
) -> None:
    """Load each source's stored text; it must lie inside the brief's own folder. One that is
    not there is a problem, or (`missing_allowed`: a lookup on a brief copied without its
    texts) a warning, and the excerpts from it go unchecked."""
    base = brief_file.path.resolve().parent
    for source, position in zip(brief.sources, positions, strict=True):
        if source.text is None or source.text in brief_file.source_texts:
            continue
        path_steps: validate.Path = ("sources", position, "text")
        target = stored_text_path(base, source.text)
        if target is None:
            message = f"{source.text!r} must be a path inside the brief's folder"
            brief_file.problems.append(brief_file.problem_at(path_steps, message))
            continue
        try:
            raw = read_stored_text(target)
            brief_file.source_texts[source.text] = raw.decode("utf-8-sig")
            brief_file.text_files.append((target, digest(raw)))
        except UnreadableText as refused:
            message = f"stored text {source.text!r} {refused}"
            brief_file.problems.append(brief_file.problem_at(path_steps, message))
        except FileNotFoundError:
            message = f"stored text {source.text!r} not found (looked in {target.parent})"
            if missing_allowed:
                message += "; its excerpts are not checked (`validate` requires it)"
                brief_file.warnings.append(brief_file.problem_at(path_steps, message))
                brief_file.text_files.append((target, MISSING))
            else:
                brief_file.problems.append(brief_file.problem_at(path_steps, message))
        except (OSError, UnicodeDecodeError) as error:
            message = f"cannot read stored text {source.text!r}: {error}"
            brief_file.problems.append(brief_file.problem_at(path_steps, message))


def merge(files: Sequence[BriefFile]) -> tuple[Brief, validate.Origins]:
    """Concatenate the files' sections and declared vocabularies; the first file's meta stands
    for the whole brief."""
    from briefcli.brief import validate

    sections: dict[str, list[object]] = {name: [] for name in SECTIONS}
    declared: dict[str, list[object]] = {name: [] for name in VOCABULARY_GROUPS}
    origins = validate.Origins()
    meta: Meta | None = None
    for file_index, brief_file in enumerate(files):
        converted = brief_file.converted
        if converted is None or converted.brief is None:
            continue
        brief = converted.brief
        if meta is None:
            meta = brief.meta
            judgments = range(len(brief.meta.key_judgments))
            origins.add("key_judgments", file_index, ("meta", "key_judgments"), judgments)
        for name in SECTIONS:
            sections[name].extend(getattr(brief, name))
            origins.add(name, file_index, (name,), converted.positions[name])
        for group in VOCABULARY_GROUPS:
            words = getattr(brief.vocabulary, group)
            declared[group].extend(words)
            origins.add(f"vocabulary.{group}", file_index, ("vocabulary", group), range(len(words)))
    if meta is None:
        meta = Meta(title="(empty)", as_of="1970")
    vocabulary = Vocabulary(**declared)  # type: ignore[arg-type]
    merged = Brief(meta=meta, vocabulary=vocabulary, **sections)  # type: ignore[arg-type]
    return merged, origins


def check_files(paths: Sequence[Path]) -> tuple[CheckedBrief | None, list[Problem]]:
    """Load and check every file; return the brief (None if unusable) and all problems."""
    contents: list[bytes | BriefError] = []
    for path in paths:
        try:
            contents.append(read_bytes(path))
        except BriefError as error:
            contents.append(error)
    loaded, problems, _ = check_contents(paths, contents)
    return loaded, problems


def check_contents(
    paths: Sequence[Path],
    contents: Sequence[bytes | BriefError],
    missing_texts_allowed: bool = False,
) -> tuple[CheckedBrief | None, list[Problem], list[tuple[Path, str]]]:
    """Check files already read; also return the stored texts read, as (path, digest)."""
    inspection = _inspect(paths, contents, missing_texts_allowed)
    return inspection.checked, inspection.problems, inspection.text_files


def inspect_files(paths: Sequence[Path]) -> Inspection:
    """check_files(), keeping where each record of the merged brief was read, so that later
    checks (`briefcli lint`) can place what they find as the validator places problems."""
    contents: list[bytes | BriefError] = []
    for path in paths:
        try:
            contents.append(read_bytes(path))
        except BriefError as error:
            contents.append(error)
    return _inspect(paths, contents)


class LintWarning(Problem, frozen=True):
    """A warning of `briefcli lint`: a Problem, and the check that found it."""

    check: str = ""

    def __str__(self) -> str:
        return f"{super().__str__()} [{self.check}]"


class Inspection:
    """A checked brief (None if unusable), every problem, and where its records came from."""

    def __init__(
        self,
        paths: Sequence[Path],
        files: list[BriefFile],
        checked: CheckedBrief | None,
        problems: list[Problem],
        origins: validate.Origins | None = None,
    ) -> None:
        self.paths = paths
        self.files = files
        self.checked = checked
        self.problems = problems
        self.origins = origins
        self.text_files = [text_file for brief_file in files for text_file in brief_file.text_files]

    def warnings(self, findings: Sequence[lint.Finding]) -> list[LintWarning]:
        """Lint findings placed in their files, in reading order."""
        assert self.origins is not None
        placed: list[LintWarning] = []
        for finding in findings:
            located = self.origins.locate(finding.where)
            where = self.files[located.file_index].problem_at(
                (*located.path, *finding.steps), finding.message
            )
            placed.append(LintWarning(**msgspec.structs.asdict(where), check=finding.check))
        return _in_reading_order(placed, self.paths)


def _inspect(
    paths: Sequence[Path],
    contents: Sequence[bytes | BriefError],
    missing_texts_allowed: bool = False,
) -> Inspection:
    """Parse and check files already read: structure file by file, then meaning across the
    merged brief."""
    from briefcli.brief import validate

    files: list[BriefFile] = []
    problems: list[Problem] = []
    for path, content in zip(paths, contents, strict=True):
        try:
            if isinstance(content, BriefError):
                raise content
            brief_file = parse_file(path, content, missing_texts_allowed)
        except BriefError as error:
            problems.extend(error.problems)
            continue
        files.append(brief_file)
        problems.extend(brief_file.problems)
    if not files:
        return Inspection(paths, [], None, problems)
    merged, origins = merge(files)
    dropped: set[str] = set()
    for brief_file in files:
        if brief_file.converted is not None:
            dropped |= brief_file.converted.dropped_ids

    def place_in_file(index: int, path: validate.Path) -> str:
        position = files[index].positions.find(path)
        return f"{files[index].name}:{position.line}:{position.column}"

    checker = validate.BriefChecker(
        merged,
        origins,
        dropped,
        lambda index, name: files[index].source_texts.get(name),
        place_in_file,
    )
    for issue in checker.run():
        problems.append(files[issue.file_index].problem_at(issue.path, issue.message))
    text_roots = {
        source.id: str(brief_file.path.resolve().parent)
        for brief_file in files
        if brief_file.converted is not None and brief_file.converted.brief is not None
        for source in brief_file.converted.brief.sources
        if source.text is not None
    }
    warnings = [str(warning) for brief_file in files for warning in brief_file.warnings]
    loaded = CheckedBrief(
        merged,
        [f.path for f in files],
        checker.excerpts_checked,
        text_roots,
        checker.event_links,
        warnings,
    )
    return Inspection(paths, files, loaded, _in_reading_order(problems, paths), origins)


def _in_reading_order(problems: list[ProblemT], paths: Sequence[Path]) -> list[ProblemT]:
    """Problems file by file (in the order given), then by line and column."""
    order = {str(path): position for position, path in enumerate(paths)}
    return sorted(
        problems, key=lambda p: (order.get(p.file, len(order)), p.line or 0, p.column or 0)
    )


def load_contents(
    paths: Sequence[Path], contents: Sequence[bytes]
) -> tuple[CheckedBrief, list[tuple[Path, str]]]:
    """Load a valid brief from files already read, or raise BriefError with every problem. A
    stored text not found is a warning here (CheckedBrief.warnings), not a problem."""
    loaded, problems, text_files = without_garbage_collection(check_contents, paths, contents, True)
    if problems or loaded is None:
        raise BriefError(problems)
    return loaded, text_files


class _Unsure(Exception):
    """A stored text the change needs could not be read: only a full check can say why."""


def check_change(
    path: Path,
    base: Brief,
    text_digests: Mapping[str, str],
    section: str,
    position: int,
    item: Any,
) -> tuple[CheckedBrief, list[tuple[Path, str]]] | None:
    """load_contents() of a file changed in one record, without parsing the file again.

    `base` is the valid brief read from `path` alone, every stored text found (its digests by
    path in `text_digests`); `item` (parsed YAML) goes at `position` of `section`: after its
    last record when `position` is the section's length, else in place of that record. The
    brief is checked as a whole, but only the changed claim's excerpt is looked for (every
    excerpt, when a source changed) and only the stored texts that needs are read. None when
    the change has any problem: a check of the whole file then gives the exact message."""
    from briefcli.brief import validate

    record = validate.convert_item(section, item)
    if record is None:
        return None
    records = list(getattr(base, section))
    records[position : position + 1] = [record]
    brief = msgspec.structs.replace(base, **{section: records})
    folder = path.resolve().parent
    texts: dict[str, str] = {}

    def source_text(_file_index: int, name: str) -> str:
        if name not in texts:
            raw = _stored_text(folder, name)
            try:
                texts[name] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise _Unsure from None
        return texts[name]

    text_files: dict[str, tuple[Path, str]] = {}
    try:
        for source in brief.sources:
            if source.text is None or source.text in text_files:
                continue
            target = stored_text_path(folder, source.text)
            known = text_digests.get(str(target)) if target is not None else None
            if known is None or known == MISSING:  # a text the brief did not have: read now
                raw = _stored_text(folder, source.text)
                try:  # a text that does not decode is a problem even if no excerpt is in it
                    texts[source.text] = raw.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise _Unsure from None
                known = digest(raw)
            text_files[source.text] = (target, known)  # type: ignore[assignment]
        excerpts_of = {"claims": {position}, "sources": None}.get(section, set())
        checker = validate.BriefChecker(
            brief, _origins(brief), set(), source_text, lambda _i, _p: str(path), excerpts_of
        )
        if checker.run():
            return None
    except _Unsure:
        return None
    text_roots = {source.id: str(folder) for source in brief.sources if source.text is not None}
    checked = CheckedBrief(
        brief, [path], checker.excerpts_checked, text_roots, checker.event_links, []
    )
    return checked, list(text_files.values())


def _stored_text(folder: Path, name: str) -> bytes:
    target = stored_text_path(folder, name)
    if target is None:
        raise _Unsure
    try:
        return read_stored_text(target)
    except (OSError, UnreadableText):
        raise _Unsure from None


def _origins(brief: Brief) -> validate.Origins:
    """Where each record of a brief read from one file sits in it."""
    from briefcli.brief import validate

    origins = validate.Origins()
    origins.add("key_judgments", 0, ("meta", "key_judgments"), range(len(brief.meta.key_judgments)))
    for name in SECTIONS:
        origins.add(name, 0, (name,), range(len(getattr(brief, name))))
    for group in VOCABULARY_GROUPS:
        words = getattr(brief.vocabulary, group)
        origins.add(f"vocabulary.{group}", 0, ("vocabulary", group), range(len(words)))
    return origins
