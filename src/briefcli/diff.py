"""`briefcli diff OLD NEW`: what changed between two versions of a brief (pure).

Records are matched by id, section by section (key judgments, sources, actors, places,
relations, events, claims, notes): added, removed, and changed field by field, nested records
(an event's date) one level down as `date.value`, lists as a whole. Meta fields are compared
under `changed.meta`. Every section is always present in the answer, empty or not.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from briefcli.index import BriefIndex
from briefcli.model import SECTIONS, Brief
from briefcli.render.document import Document, Paragraph, Table
from briefcli.results import Out, Ref

ID_SECTIONS: tuple[str, ...] = ("key_judgments", *SECTIONS)


class FieldChange(Out, frozen=True):
    field: str
    old: Any
    new: Any


class ChangedRecord(Out, frozen=True):
    id: str
    name: str
    fields: list[FieldChange]


class BriefDiff(Out, frozen=True):
    identical: bool
    added: dict[str, list[Ref]]
    removed: dict[str, list[Ref]]
    changed: dict[str, list[ChangedRecord]]  # also "meta", with the id "meta"


def field_changes(
    old: msgspec.Struct, new: msgspec.Struct, prefix: str = "", skip: frozenset[str] = frozenset()
) -> list[FieldChange]:
    """Fields whose values differ, in declaration order; nested records as `name.field`."""
    changes: list[FieldChange] = []
    for name in old.__struct_fields__:
        if name in skip:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if isinstance(before, msgspec.Struct) and type(before) is type(after):
            changes += field_changes(before, after, f"{prefix}{name}.")
            continue
        plain_before, plain_after = msgspec.to_builtins(before), msgspec.to_builtins(after)
        if plain_before != plain_after:
            changes.append(FieldChange(field=prefix + name, old=plain_before, new=plain_after))
    return changes


def _records(brief: Brief, section: str) -> dict[str, msgspec.Struct]:
    records: list[Any] = (
        brief.meta.key_judgments if section == "key_judgments" else getattr(brief, section)
    )
    return {record.id: record for record in records}


def _name(index: BriefIndex, section: str, record: Any) -> str:
    return str(record.text) if section == "key_judgments" else index.name_of(record.id)


def diff(old: BriefIndex, new: BriefIndex) -> BriefDiff:
    """What was added, removed and changed from `old` to `new`."""
    added: dict[str, list[Ref]] = {}
    removed: dict[str, list[Ref]] = {}
    changed: dict[str, list[ChangedRecord]] = {}
    meta_changes = field_changes(old.brief.meta, new.brief.meta, skip=frozenset({"key_judgments"}))
    changed["meta"] = (
        [ChangedRecord(id="meta", name=new.brief.meta.title, fields=meta_changes)]
        if meta_changes
        else []
    )
    for section in ID_SECTIONS:
        before, after = _records(old.brief, section), _records(new.brief, section)
        added[section] = [
            Ref(id=record_id, name=_name(new, section, record))
            for record_id, record in after.items()
            if record_id not in before
        ]
        removed[section] = [
            Ref(id=record_id, name=_name(old, section, record))
            for record_id, record in before.items()
            if record_id not in after
        ]
        changed[section] = [
            ChangedRecord(
                id=record_id,
                name=_name(new, section, record),
                fields=field_changes(before[record_id], record),
            )
            for record_id, record in after.items()
            if record_id in before and before[record_id] != record
        ]
    identical = not any([*added.values(), *removed.values(), *changed.values()])
    return BriefDiff(identical=identical, added=added, removed=removed, changed=changed)


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def diff_view(result: BriefDiff) -> Document:
    """One table per section that changed: `+` added, `-` removed, `~` changed (a row per
    field, old and new value side by side)."""
    if result.identical:
        return [Paragraph("No differences: every record and field is the same.")]
    counts = [
        sum(len(refs) for refs in result.added.values()),
        sum(len(refs) for refs in result.removed.values()),
        sum(len(records) for records in result.changed.values()),
    ]
    document: Document = [
        Paragraph(f"{counts[0]} added, {counts[1]} removed, {counts[2]} changed", style="bold")
    ]
    for section in ("meta", *ID_SECTIONS):
        rows: list[list[str]] = []
        rows += [["+", ref.id, ref.name, "", "", ""] for ref in result.added.get(section, [])]
        rows += [["-", ref.id, ref.name, "", "", ""] for ref in result.removed.get(section, [])]
        for record in result.changed[section]:
            for position, change in enumerate(record.fields):
                who = [record.id, record.name] if position == 0 else ["", ""]
                rows.append(["~", *who, change.field, _shown(change.old), _shown(change.new)])
        if rows:
            title = section.replace("_", " ").capitalize()
            headers = ["", "Id", "Name", "Field", "Old", "New"]
            document.append(Table(title, headers, rows))
    return document
