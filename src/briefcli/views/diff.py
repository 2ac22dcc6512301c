"""A brief diff as tables: `+` added, `-` removed, `~` changed."""

from __future__ import annotations

import json
from typing import Any

from briefcli.queries.diff import ID_SECTIONS
from briefcli.render.document import Document, Paragraph, Table
from briefcli.results import BriefDiff


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
        sum(len(records) for records in result.changed.values()) + len(result.texts_changed),
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
    if result.texts_changed:
        marks = {"added": "+", "removed": "-", "changed": "~"}
        rows = [[marks[t.change], t.id, t.name, t.change] for t in result.texts_changed]
        document.append(Table("Stored texts", ["", "Source", "Name", "Text"], rows))
    return document
