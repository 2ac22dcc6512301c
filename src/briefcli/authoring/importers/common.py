"""What every importer shares: the records an import adds, each traced to the input row it came
from; the account of every row (added, skipped as already present, not mapped), so that no row
is ever lost silently; and the write of the result: the whole brief checked as `validate`
checks it, then replaced atomically, with the stored texts its new claims are checked against.

A row is all or nothing: if any part of it cannot be mapped, none of its records is added. A
record that the final check refuses takes its row out, and with it every record that cannot
stand without one of that row's records (a relation of an actor that is not added)."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import msgspec

from briefcli.authoring.canonical import SECTION_TYPES
from briefcli.authoring.records import Refused, all_ids
from briefcli.authoring.references import META_FIELDS, REFERENCE_FIELDS, REQUIRED
from briefcli.authoring.writing import BriefOnDisk, NotWritten
from briefcli.brief.loader import BriefError, Problem
from briefcli.brief.model import (
    SECTIONS,
    DeclaredRelation,
    DeclaredWord,
    EdtfDate,
    Id,
    Meta,
    Vocabulary,
)
from briefcli.brief.stored_texts import stored_text_path
from briefcli.brief.vocabulary import Words
from briefcli.exitcodes import ExitCode
from briefcli.search.names import fold_name
from briefcli.store.tables import BriefIndex

Record = dict[str, Any]

# Sections whose records are the same record when they have the same name (or alias).
NAMED_SECTIONS = ("actors", "places", "sources")

# Values that say yes or no in a spreadsheet cell (CSV is not YAML: `yes` is a yes there).
TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "0"})

# The records nested in a vocabulary, which `fmt`'s table (canonical.NESTED_TYPES) leaves out.
_VOCABULARY_TYPES: dict[str, type[msgspec.Struct]] = {
    "relations": DeclaredRelation,
    "events": DeclaredWord,
    "participants": DeclaredWord,
}
_ID = msgspec.json.Decoder(Id)
_DATE = msgspec.json.Decoder(EdtfDate)
# A problem's field, `events[12].date.value`: the section and the record's position in it.
_FIELD = re.compile(r"^(?P<section>[a-z]+)\[(?P<position>\d+)\]\.?(?P<rest>.*)$")


class InputError(Exception):
    """The input file cannot be read or parsed (exit 3): one line naming the file and where."""


class UsageProblem(Exception):
    """Options that do not fit the input (exit 2): a column that is not in the file, a field
    that no record has."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotMapped(Exception):
    """A row that makes no record of this brief: why, and what to do about it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    @classmethod
    def of(cls, refused: Refused) -> NotMapped:
        return cls(refused.message, refused.hint)


@dataclass(frozen=True)
class Entry:
    """One line of the report: a record added or skipped, or a row not mapped."""

    row: int  # a CSV row as a spreadsheet numbers it (the header is 1), a STIX object from 1
    section: str | None = None
    id: str | None = None
    reason: str | None = None
    hint: str | None = None
    ref: str | None = None  # the row's own id in the input (a STIX object's id)

    def as_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass
class TextFile:
    """A stored text the import writes: what it begins with (what is there already, kept as
    it is, or a new text's heading) and the parts it adds, each from a row (left out if that
    row is not mapped in the end). Nothing is written when no part is left."""

    base: str
    parts: list[tuple[int, str]]

    def content(self, rows: set[int]) -> str:
        return self.base + "".join(text for row, text in self.parts if row in rows)


def read_input(path: Path) -> str:
    """The text of an input file (UTF-8, a byte-order mark allowed), within the size limit
    of a brief; InputError naming the file, and the line of a byte that is not UTF-8."""
    from briefcli.brief.stored_texts import max_bytes

    limit = max_bytes()
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    if len(data) > limit:
        raise InputError(f"{path}: over the {limit:,}-byte limit (BRIEFCLI_MAX_BYTES)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{path}: line {line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save it as UTF-8"
        ) from None


def edtf(value: str, field: str) -> str:
    """A date as the brief writes it (EDTF: YYYY, YYYY-MM, YYYY-MM-DD, with ? ~ %, or
    START/END), or NotMapped."""
    from briefcli.brief.dates import DateError, parse_edtf

    hint = "write YYYY, YYYY-MM or YYYY-MM-DD (maybe with ? or ~), or START/END"
    try:
        _DATE.decode(msgspec.json.encode(value))
        parse_edtf(value)
    except msgspec.ValidationError:
        raise NotMapped(f"{field} {value!r} is not a date", hint) from None
    except DateError as error:
        raise NotMapped(f"{field}: {error}", hint) from None
    return value


def yes_or_no(value: str, field: str) -> bool:
    """A spreadsheet's yes or no."""
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise NotMapped(f"{field} {value!r} is not yes or no", "write true/false, yes/no or 1/0")


def is_id(value: str) -> bool:
    """Whether `value` may be a record's id (lowercase letters, digits and - _ . :)."""
    try:
        _ID.decode(msgspec.json.encode(value))
    except msgspec.ValidationError:
        return False
    return True


def trimmed(section: str, record: Record) -> Record:
    """A record as the brief writes it: its fields in the format's order, those left empty or
    at their default value left out (nested records likewise)."""
    return _trimmed(SECTION_TYPES[section], record)


def _trimmed(record_type: type[msgspec.Struct], record: Record) -> Record:
    from briefcli.authoring.canonical import NESTED_TYPES

    kept: Record = {}
    for field in msgspec.structs.fields(record_type):
        value = record.get(field.encode_name)
        if value is None or value == [] or value == field.default:
            continue
        nested = NESTED_TYPES.get(field.encode_name, _VOCABULARY_TYPES.get(field.encode_name))
        if nested is not None and isinstance(value, dict):
            value = _trimmed(nested, value)
        elif nested is not None and isinstance(value, list):
            value = [_trimmed(nested, item) if isinstance(item, dict) else item for item in value]
        kept[field.encode_name] = value
    return kept


def _shaped(record_type: type[msgspec.Struct], data: Record) -> Record:
    """Meta or vocabulary as the brief writes them (fields in order, defaults left out); any
    key the format does not have is kept, for the check to report."""
    shaped = _trimmed(record_type, data)
    known = {field.encode_name for field in msgspec.structs.fields(record_type)}
    return {**shaped, **{key: value for key, value in data.items() if key not in known}}


def references(section: str, record: Record) -> Iterator[str]:
    """The ids a record of `section` refers to."""
    for path in REFERENCE_FIELDS[section]:
        head, _, rest = path.partition(".")
        value = record.get(head)
        if rest:
            yield from (item[rest] for item in value or [] if isinstance(item.get(rest), str))
        elif isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from value


def without_references(section: str, record: Record, gone: set[str]) -> bool:
    """Take references to `gone` out of a record: from lists, and optional fields left out (a
    participant goes with its actor; a role stays without its `of`). False when the record
    cannot stand without one (a relation's subject, a claim's source)."""
    for path in REFERENCE_FIELDS[section]:
        head, _, rest = path.partition(".")
        value = record.get(head)
        if value is None:
            continue
        if rest and head == "participants":
            record[head] = [item for item in value if item.get(rest) not in gone]
        elif rest:
            for item in value:
                if item.get(rest) in gone:
                    del item[rest]
        elif isinstance(value, str) and value in gone:
            if f"{section}.{head}" in REQUIRED:
                return False
            del record[head]
        elif isinstance(value, list):
            record[head] = [item for item in value if item not in gone]
        if record.get(head) == []:
            del record[head]
    return True


def meta_references(meta: Record) -> Iterator[str]:
    """The ids a brief's meta refers to (key judgments' claims, grading rules, accepted
    warnings)."""
    for name, fields in META_FIELDS.items():
        for entry in meta.get(name) or []:
            for field in fields:
                value = entry.get(field)
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from value


def meta_without(meta: Record, gone: set[str]) -> None:
    """Take references to `gone` out of a brief's meta: from key judgments' claims; a grading
    rule or an accepted warning about a record that is not there goes with it."""
    for name, fields in META_FIELDS.items():
        entries = meta.get(name) or []
        kept = []
        for entry in entries:
            needed = [field for field in fields if f"{name}.{field}" in REQUIRED]
            if any(entry.get(field) in gone for field in needed):
                continue
            for field in fields:
                if isinstance(entry.get(field), list):
                    entry[field] = [item for item in entry[field] if item not in gone]
            kept.append(entry)
        if entries:
            meta[name] = kept


class Import:
    """An import in progress into one brief: the records it adds, section by section, and the
    account of every row of the input."""

    def __init__(self, index: BriefIndex, words: Words | None = None) -> None:
        self.index = index
        self.words = words or index.words  # the vocabulary the records must use
        # Ids in use: records, and key judgments (ids are unique across the whole brief).
        self.existing = all_ids(index) | {kj.id for kj in index.meta.key_judgments}
        self.taken = set(self.existing)  # in the brief, added, or set aside for a record
        self.records: dict[str, list[Record]] = {section: [] for section in SECTIONS}
        self.row_of: dict[str, int] = {}  # each added record's row
        self.rows: list[int] = []  # every row of the input, in order
        self.added: list[Entry] = []
        self.skipped: list[Entry] = []
        self.not_mapped: list[Entry] = []
        self.meta: Record | None = None  # a whole new meta (a new brief from a briefcli bundle)
        self.vocabulary: Record | None = None  # likewise, its vocabulary
        self.texts: dict[str, TextFile] = {}  # stored texts to write, by path in the folder
        self._by_id: dict[str, Record] = {}
        self._section_of: dict[str, str] = {}
        self._names: dict[str, dict[str, list[str]]] = {}
        self._section_ids: dict[str, list[str]] = {}  # for new_id: the section's prefix
        self._reported: set[str] = set()  # records of the brief already reported as present
        self._reported_order: list[str] = []
        self._undo: list[tuple[str, str, list[str]]] = []  # (section, id, folded names) added

    # ------------------------------------------------------------ rows

    @contextmanager
    def row(self, number: int, ref: str | None = None) -> Iterator[None]:
        """Map one row: what it adds and skips, or (NotMapped) nothing of it, and why."""
        self.rows.append(number)
        self._undo.clear()  # what this row adds, to take back if it fails
        added, skipped, reported = len(self.added), len(self.skipped), len(self._reported_order)
        text_parts = {path: len(text.parts) for path, text in self.texts.items()}
        try:
            yield
        except NotMapped as problem:
            for section, record_id, names in reversed(self._undo):
                self.records[section].pop()
                del self.row_of[record_id], self._by_id[record_id]
                self.taken.discard(record_id)
                for name in names:
                    self._names[section][name].remove(record_id)
            self._undo.clear()
            del self.added[added:], self.skipped[skipped:]
            self._reported.difference_update(self._reported_order[reported:])
            del self._reported_order[reported:]
            for path, text in list(self.texts.items()):
                del text.parts[text_parts.get(path, 0) :]
                if path not in text_parts:
                    del self.texts[path]
            self.not_mapped.append(
                Entry(number, reason=problem.message, hint=problem.hint, ref=ref)
            )

    def skip(
        self,
        row: int,
        section: str | None,
        record_id: str | None,
        reason: str,
        ref: str | None = None,
    ) -> None:
        """The row's record is already in the brief (or is not a record of it): reported."""
        self.skipped.append(Entry(row, section, record_id, reason, ref=ref))

    def reuse(self, row: int, section: str, record_id: str, reason: str) -> str:
        """A record of the brief that a row refers to instead of adding it again: reported as
        present once, at the first row that has it. Its id."""
        if record_id in self.existing and record_id not in self._reported:
            self._reported.add(record_id)
            self._reported_order.append(record_id)
            self.skip(row, section, record_id, reason)
        return record_id

    # ------------------------------------------------------------ records

    def new_id(self, section: str, text: str, wanted: str | None = None) -> str:
        """An id for a new record of `section`: `wanted` (the input's own id) if it is free,
        else one made from `text`; never one in use or set aside. Set aside until added."""
        from briefcli.authoring.ids import new_id, prefix_of

        if wanted is not None and wanted not in self.taken and is_id(wanted):
            chosen = wanted
        else:
            if section not in self._section_ids:
                # new_id reads the section's ids only for the prefix most of them share:
                # found once, and given as one id that has it, so that each of thousands of
                # new ids does not count the brief's ids again.
                prefix = prefix_of(section, getattr(self.index, section))
                self._section_ids[section] = [f"{prefix}x"] if prefix else []
            chosen = new_id(section, text, self.taken, self._section_ids[section])
        self.taken.add(chosen)
        return chosen

    def add(
        self,
        section: str,
        record: Record,
        row: int,
        ref: str | None = None,
        remark: str | None = None,
    ) -> str:
        """Add a record (its id made already, with new_id) from a row; its id. `remark`:
        what the report says of it (a field left out)."""
        record = trimmed(section, record)
        record_id = str(record["id"])
        self.records[section].append(record)
        self.row_of[record_id] = row
        self._by_id[record_id] = record
        self.taken.add(record_id)
        self._section_of[record_id] = section
        keys = _keys(section, record)
        if keys:
            table = self._names_by_section(section)
            for key in keys:
                table.setdefault(key, []).append(record_id)
        self._undo.append((section, record_id, keys))
        self.added.append(Entry(row, section, record_id, remark, ref=ref))
        return record_id

    def named(self, section: str, name: str) -> list[str]:
        """The records of a section (actors, places, sources) in the brief or added so far
        with this name or alias, as names are compared (case, accents, hyphens aside)."""
        return list(self._names_by_section(section).get(fold_name(name), []))

    def related(
        self,
        subject: str,
        relation_type: str,
        object_: str,
        since: str | None = None,
        until: str | None = None,
    ) -> str | None:
        """The relation in the brief or added so far that says the same for the same time
        (either way round, for a mutual type), if any."""
        table = self._names_by_section("relations")
        found = table.get(_relation_key(subject, relation_type, object_, since, until))
        if not found and relation_type in self.words.mutual:
            found = table.get(_relation_key(object_, relation_type, subject, since, until))
        return found[0] if found else None

    def has(self, section: str, record_id: str) -> bool:
        """Whether a record of `section` with this id is in the brief or added so far."""
        return record_id in getattr(self.index, section) or (
            self._section_of.get(record_id) == section and record_id in self._by_id
        )

    def _names_by_section(self, section: str) -> dict[str, list[str]]:
        """Names (folded) or, for relations, subject-type-object, to ids."""
        table = self._names.get(section)
        if table is None:
            table = self._names[section] = {}
            for existing in getattr(self.index, section).all():
                for key in _keys(section, msgspec.to_builtins(existing)):
                    table.setdefault(key, []).append(existing.id)
        return table

    def field(self, section: str, record_id: str, name: str) -> Any:
        """A field of a record in the brief or added so far (None where it has none)."""
        record = self._by_id.get(record_id)
        if record is not None:
            return record.get(name)
        existing = getattr(self.index, section).get(record_id)
        value = getattr(existing, name, None)
        return msgspec.to_builtins(value) if isinstance(value, msgspec.Struct) else value

    def known(self, record_id: str) -> bool:
        """Whether the id is a record of the brief, one added, or a key judgment of a new
        meta (notes may concern key judgments)."""
        return record_id in self.existing or record_id in self._by_id or record_id in self._judged

    @property
    def _judged(self) -> set[str]:
        meta = self.meta or {}
        return {str(judgment.get("id")) for judgment in meta.get("key_judgments") or []}

    def text(self, path: str, row: int, part: str, base: str = "") -> None:
        """Add to the stored text at `path` (in the brief's folder) a part from a row."""
        self.texts.setdefault(path, TextFile(base, [])).parts.append((row, part))

    # ------------------------------------------------------------ after the rows

    def settle(self) -> None:
        """References to records neither in the brief nor added (their rows were not mapped)
        leave the records that hold them; a record that cannot stand without one takes its
        row out (transitively)."""
        while True:
            known = self.existing | set(self._by_id) | self._judged
            gone = {
                target
                for section in SECTIONS
                for record in self.records[section]
                for target in references(section, record)
                if target not in known
            }
            if not gone:
                break
            self._take_out(gone, {})
        if self.meta is not None:
            meta_without(self.meta, {t for t in meta_references(self.meta) if not self.known(t)})

    def drop_rows(self, reasons: dict[int, tuple[str, str | None]]) -> None:
        """Take out every record of these rows (reported not mapped, with their reasons), and
        then whatever cannot stand without them."""
        gone = {record_id for record_id, row in self.row_of.items() if row in reasons}
        self._take_out(gone, reasons)
        self.settle()

    def _take_out(self, gone: set[str], reasons: dict[int, tuple[str, str | None]]) -> None:
        reasons = dict(reasons)
        while True:
            rows = set(reasons)
            gone |= {record_id for record_id, row in self.row_of.items() if row in rows}
            more: dict[int, tuple[str, str | None]] = {}
            for section in SECTIONS:
                kept = []
                for record in self.records[section]:
                    if record["id"] in gone:
                        continue
                    if without_references(section, record, gone):
                        kept.append(record)
                        continue
                    needed = next(t for t in references(section, record) if t in gone)
                    origin = self.row_of.get(needed)
                    where = f" (row {origin})" if origin is not None else ""
                    more.setdefault(
                        self.row_of[record["id"]],
                        (f"needs {needed}{where}, which could not be mapped", None),
                    )
                    gone.add(record["id"])
                self.records[section] = kept
            for row, (reason, hint) in reasons.items():
                self.not_mapped.append(Entry(row, reason=reason, hint=hint))
            self.added = [entry for entry in self.added if entry.row not in rows]
            self.skipped = [entry for entry in self.skipped if entry.row not in rows]
            for record_id in gone:
                self._by_id.pop(record_id, None)
            more = {row: reason for row, reason in more.items() if row not in rows}
            if not more:
                break
            reasons = more
        if self.meta is not None:
            meta_without(self.meta, gone)

    @property
    def mapped_rows(self) -> set[int]:
        unmapped = {entry.row for entry in self.not_mapped}
        return {row for row in self.rows if row not in unmapped}

    def changes(self) -> bool:
        """Whether the import changes the brief at all."""
        return self.meta is not None or any(self.records.values())


def _keys(section: str, record: Record) -> list[str]:
    """What makes two records of a section the same: a name or alias (folded) for actors,
    places and sources; subject, type and object for relations."""
    if section == "relations":
        return [
            _relation_key(
                record["subject"],
                record["type"],
                record["object"],
                record.get("since"),
                record.get("until"),
            )
        ]
    if section not in NAMED_SECTIONS:
        return []
    aliases = [alias["name"] for alias in record.get("aliases", [])]
    return list(dict.fromkeys(fold_name(name) for name in [record["name"], *aliases]))


def _relation_key(
    subject: str, relation_type: str, object_: str, since: str | None, until: str | None
) -> str:
    return f"{subject} {relation_type} {object_} {since or ''}/{until or ''}"


# ---------------------------------------------------------------- writing


class Writer:
    """Writes an import into its brief: stored texts first (the check reads them), then the
    brief, checked as `validate` checks it; on any failure, the texts as they were."""

    def __init__(self, on_disk: BriefOnDisk, imported: Import) -> None:
        self.on_disk = on_disk
        self.imported = imported
        self.folder = on_disk.path.parent
        self._items: dict[str, str] = {}  # YAML of each record by id, made once
        self._originals: dict[Path, bytes | None] = {}

    def write(self, dry_run: bool = False) -> bool:
        """Check and write the brief with the imported records (or only check, `dry_run`);
        whether it was written. Rows the check refuses are reported not mapped and left out.
        NotWritten when it cannot be written; BriefError when the brief cannot be made valid
        by leaving rows out."""
        imported = self.imported
        try:
            while True:
                if not imported.changes():
                    return False
                self._write_texts()
                new = self.composed()
                try:
                    self.on_disk.checked(new)
                    break
                except BriefError as error:
                    faults = self._rows_at_fault(error.problems)
                    if faults is None:
                        raise
                    imported.drop_rows(faults)
                    self._items.clear()  # records that referred to those rows have changed
            if dry_run:
                self._restore_texts()
                return False
            self.on_disk.replace(new)
        except BaseException:
            self._restore_texts()
            raise
        return True

    def composed(self) -> bytes:
        """The brief's bytes with the imported records after each section's own, as `add`
        writes them, so that comments and layout elsewhere stay as they were."""
        from briefcli.authoring.emit import items_yaml
        from briefcli.authoring.layout import BriefText, NotInPlace

        imported = self.imported
        data = self.on_disk.data
        if imported.meta is not None:
            data = _with_meta(data, imported.meta, imported.vocabulary)
        blocks = {}
        for section in SECTIONS:
            records = imported.records[section]
            new = [record for record in records if record["id"] not in self._items]
            for record, text in zip(new, items_yaml(new) if new else [], strict=True):
                self._items[record["id"]] = text
            items = [self._items[record["id"]] for record in records]
            if items:
                blocks[section] = "".join(items)
        try:
            for section, block in blocks.items():
                data, _ = BriefText(data).with_record(section, block)
        except NotInPlace:  # tabs, CR line ends, a flow sequence: through a YAML round trip
            data = _round_trip_appended(self.on_disk.data, imported, blocks)
        return data

    def _rows_at_fault(self, problems: list[Problem]) -> dict[int, tuple[str, str | None]] | None:
        """The rows whose records the problems are about, with the problem; None if one is
        about something else (the brief itself)."""
        imported = self.imported
        faults: dict[int, tuple[str, str | None]] = {}
        for problem in problems:
            found = _FIELD.match(problem.field)
            if found is None or Path(problem.file).resolve() != self.on_disk.path:
                return None
            section, position = found["section"], int(found["position"])
            before = len(getattr(imported.index, section, ()))
            records = imported.records.get(section, [])
            if not before <= position < before + len(records):
                return None
            record = records[position - before]
            field = " ".join(filter(None, [section.removesuffix("s"), found["rest"]]))
            faults.setdefault(imported.row_of[record["id"]], (f"{field}: {problem.message}", None))
        return faults

    def _write_texts(self) -> None:
        rows = self.imported.mapped_rows
        for relative, text in self.imported.texts.items():
            path = stored_text_path(self.folder, relative)
            if path is None:
                raise NotWritten(
                    f"{relative}: not a path inside the brief's folder", ExitCode.OUTPUT_ERROR
                )
            content = text.content(rows)
            if path not in self._originals:
                if content == text.base:
                    continue
                self._originals[path] = path.read_bytes() if path.exists() else None
            if content or self._originals[path] is not None:
                _written(path, content.encode())
            else:  # written before the check left out the rows it held
                path.unlink(missing_ok=True)

    def _restore_texts(self) -> None:
        for path, original in self._originals.items():
            try:
                if original is None:
                    path.unlink(missing_ok=True)
                else:
                    _written(path, original)
            except NotWritten:
                pass  # the brief is unchanged either way: a text more is harmless
        self._originals.clear()


def _written(path: Path, data: bytes) -> None:
    """Write a file atomically (a temporary file renamed over it)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.briefcli-tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("xb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.replace(path)
    except OSError as error:
        raise NotWritten(
            f"{path}: not written: {error.strerror or error}",
            ExitCode.OUTPUT_ERROR,
            "the brief is unchanged",
        ) from None
    finally:
        temporary.unlink(missing_ok=True)


def _with_meta(data: bytes, meta: Record, vocabulary: Record | None) -> bytes:
    """A new brief's file with its meta (and vocabulary) replaced."""
    from briefcli.authoring.emit import document_yaml
    from briefcli.authoring.roundtrip import RoundTrip

    trip = RoundTrip(data, canonical=True)  # a new brief: `init` wrote it in canonical form
    document = trip.document
    shaped = {
        "meta": _shaped(Meta, meta),
        "vocabulary": _shaped(Vocabulary, vocabulary) if vocabulary else None,
    }
    styled = trip.yaml.load(document_yaml(shaped))
    document["meta"] = styled["meta"]
    if "vocabulary" in styled and "vocabulary" in document:
        document["vocabulary"] = styled["vocabulary"]
    elif "vocabulary" in styled:
        document.insert(list(document).index("meta") + 1, "vocabulary", styled["vocabulary"])
    return trip.dumped()


def _round_trip_appended(data: bytes, imported: Import, blocks: dict[str, str]) -> bytes:
    """The brief with the imported records appended through a YAML round trip."""
    from briefcli.authoring.roundtrip import RoundTrip

    if imported.meta is not None:
        data = _with_meta(data, imported.meta, imported.vocabulary)
    trip = RoundTrip(data)
    for section, block in blocks.items():
        trip.append(section, block)
    return trip.dumped()


def names_in(cell: str) -> list[str]:
    """The names in a cell that holds several, separated by `;` (blank ones left out)."""
    return [part.strip() for part in cell.split(";") if part.strip()]
