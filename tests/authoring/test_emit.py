"""Specification of records as YAML text (authoring/emit.py): the style of the format's own
examples, dates quoted, absent fields left out; records dumped together read as each alone."""

from __future__ import annotations

from typing import Any

from briefcli.authoring.emit import item_yaml, items_yaml
from briefcli.brief import yamlsafe

RECORDS: list[dict[str, Any]] = [
    {"id": "a", "name": "A", "kind": "person", "aliases": [{"name": "Al", "form": "short"}]},
    {"id": "e", "kind": "meeting", "title": "Talks", "date": {"value": "2024-03-12"},
     "participants": [{"actor": "a", "role": "host"}, {"actor": "b"}], "claims": ["c-1"]},
    {"id": "c-1", "statement": "Long " * 40, "source": "s", "credibility": 2, "excerpt": "- x: y",
     "actors": [], "events": None},
]  # fmt: skip


def test_a_record_is_a_sequence_item_with_dates_quoted_and_nothing_absent() -> None:
    assert item_yaml(RECORDS[1]) == (
        '- id: e\n  kind: meeting\n  title: Talks\n  date:\n    value: "2024-03-12"\n'
        "  participants:\n    - actor: a\n      role: host\n    - actor: b\n  claims:\n"
        "    - c-1\n"
    )


def test_records_dumped_together_are_each_as_dumped_alone_and_read_back() -> None:
    together = items_yaml(RECORDS)
    assert together == [item_yaml(record) for record in RECORDS]
    read = yamlsafe.parse("".join(together))
    assert read[2]["excerpt"] == "- x: y" and read[2]["statement"] == "Long " * 40
    assert "events" not in read[2] and "actors" not in read[2]
