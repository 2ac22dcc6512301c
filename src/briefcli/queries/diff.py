"""`briefcli diff OLD NEW`: what changed between two versions of a brief (pure).

Records are matched by id, section by section (key judgments, sources, actors, places,
relations, events, claims, notes): added, removed, and changed field by field, nested records
(an event's date) one level down as `date.value`, lists as a whole. Meta fields are compared
under `changed.meta`. Every section is always present in the answer, empty or not.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from briefcli.brief.model import SECTIONS, Brief
from briefcli.results import BriefDiff, ChangedRecord, FieldChange, Ref, TextChange
from briefcli.store.tables import BriefIndex

ID_SECTIONS: tuple[str, ...] = ("key_judgments", *SECTIONS)


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


def diff(
    old: BriefIndex,
    new: BriefIndex,
    old_texts: dict[str, str | None] | None = None,
    new_texts: dict[str, str | None] | None = None,
) -> BriefDiff:
    """What was added, removed and changed from `old` to `new`; and, given the hash of each
    source's stored text in each (None: not found), the texts that changed. A text not found
    on either side is left out: it cannot be compared."""
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
    texts = _texts_changed(new, old_texts or {}, new_texts or {})
    identical = not any([*added.values(), *removed.values(), *changed.values(), texts])
    return BriefDiff(
        identical=identical, added=added, removed=removed, changed=changed, texts_changed=texts
    )


def _texts_changed(
    new: BriefIndex, old_texts: dict[str, str | None], new_texts: dict[str, str | None]
) -> list[TextChange]:
    found: list[TextChange] = []
    for source_id in dict.fromkeys([*old_texts, *new_texts]):
        before, after = old_texts.get(source_id, ""), new_texts.get(source_id, "")
        if before is None or after is None or before == after:
            continue  # not found on one side, or the same
        change: Literal["changed", "added", "removed"] = (
            "added" if not before else "removed" if not after else "changed"
        )
        source = new.sources.get(source_id)
        found.append(
            TextChange(id=source_id, name=source.name if source else source_id, change=change)
        )
    return found
