"""Which records refer to a record, by which field: what `rm` must not leave dangling, and
what `rm --cascade` changes (a reference in a list is dropped; an optional one is left out; a
record that cannot stand without it is removed as well)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from briefcli.brief.model import SECTIONS, Brief

# Per section: the fields that hold ids. A name in REQUIRED means the record cannot stand
# without it; `participants` and `roles` hold them one level down.
REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "sources": ("via", "actor"),
    "actors": ("roles.of", "status_event", "country"),
    "places": ("country", "within"),
    "relations": ("subject", "object", "claims"),
    "events": ("place", "participants.actor", "claims", "after", "before"),
    "claims": ("source", "actors", "events", "relations"),
    "notes": ("concerns",),
}
META_FIELDS: dict[str, tuple[str, ...]] = {
    "key_judgments": ("claims",),
    "grading": ("source",),
    "lint_accept": ("record",),
}
REQUIRED = frozenset(
    {"relations.subject", "relations.object", "claims.source", "grading.source",
     "lint_accept.record"}
)  # fmt: skip


class Reference(NamedTuple):
    section: str  # a section, or meta's list (key_judgments, grading, lint_accept)
    position: int
    record_id: str  # the referring record's id ("" for a grading rule or an acceptance)
    field: str  # as in REFERENCE_FIELDS

    @property
    def required(self) -> bool:
        return f"{self.section}.{self.field}" in REQUIRED


def referrers(brief: Brief, target: str) -> list[Reference]:
    """Every reference to `target` in the brief, in file order."""
    found = []
    lists = [(section, getattr(brief, section), REFERENCE_FIELDS[section]) for section in SECTIONS]
    lists += [(name, getattr(brief.meta, name), fields) for name, fields in META_FIELDS.items()]
    for section, records, fields in lists:
        for position, record in enumerate(records):
            for field in fields:
                if target in _values(record, field):
                    found.append(Reference(section, position, getattr(record, "id", ""), field))
    return found


def _values(record: Any, field: str) -> Iterator[str]:
    """The ids a field holds (a dotted field: in each item of the list it names)."""
    head, _, rest = field.partition(".")
    value = getattr(record, head)
    if rest:
        for item in value:
            yield from _values(item, rest)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, list):
        yield from value


def cascade(brief: Brief, target: str) -> set[str]:
    """`target` and every record that cannot stand without one of those removed (a relation
    whose subject goes, a claim whose source goes), transitively."""
    removed = {target}
    waiting = [target]
    while waiting:
        current = waiting.pop()
        for reference in referrers(brief, current):
            if reference.required and reference.record_id and reference.record_id not in removed:
                removed.add(reference.record_id)
                waiting.append(reference.record_id)
    return removed


def remove_from(document: Any, removed: set[str]) -> None:
    """Take the `removed` records out of a round-trip document (ruamel's), with every
    reference to them: from lists; an optional one left out; a meta rule that needs one
    (grading, lint_accept) removed."""
    for section in SECTIONS:
        records = document.get(section)
        if not records:
            continue
        for position in reversed(range(len(records))):
            if records[position].get("id") in removed:
                del records[position]
        for record in records:
            for field in REFERENCE_FIELDS[section]:
                _drop(record, field, removed)
    meta = document.get("meta") or {}
    for name, fields in META_FIELDS.items():
        entries = meta.get(name)
        if not entries:
            continue
        for position in reversed(range(len(entries))):
            entry = entries[position]
            if any(
                f"{name}.{field}" in REQUIRED and entry.get(field) in removed for field in fields
            ):
                del entries[position]
            else:
                for field in fields:
                    _drop(entry, field, removed)


def _drop(record: Any, field: str, removed: set[str]) -> None:
    """Drop references to `removed` from one field of a round-trip record."""
    head, _, rest = field.partition(".")
    value = record.get(head)
    if value is None:
        return
    if rest:  # participants.actor: the participant goes; roles.of: the role stays, without `of`
        for position in reversed(range(len(value))):
            if value[position].get(rest) in removed:
                if head == "participants":
                    del value[position]
                else:
                    del value[position][rest]
        return
    if isinstance(value, str):
        if value in removed:
            del record[head]
    elif isinstance(value, list):
        for position in reversed(range(len(value))):
            if value[position] in removed:
                del value[position]
