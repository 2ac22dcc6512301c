"""Specification of the in-place cut (authoring/layout.py): a record is added, replaced or
taken out by changing its own lines only; every other byte of the file stays as it was."""

from __future__ import annotations

import difflib

import pytest

from briefcli.authoring.emit import item_yaml
from briefcli.authoring.layout import BriefText, NotInPlace
from briefcli.brief import yamlsafe
from conftest import BUNDLED_BRIEF, SECOND_BRIEF

HARBOUR = SECOND_BRIEF.read_bytes()
ACTOR = {"id": "jane-doe", "name": "Jane Doe", "kind": "person"}


def changed_lines(old: bytes, new: bytes) -> tuple[list[str], list[str]]:
    """The lines taken out and put in, from a line diff."""
    taken, put = [], []
    for line in difflib.ndiff(old.decode().splitlines(), new.decode().splitlines()):
        if line.startswith("- "):
            taken.append(line[2:])
        elif line.startswith("+ "):
            put.append(line[2:])
    return taken, put


def test_a_record_is_added_after_the_last_of_its_section_and_nothing_else_changes() -> None:
    new, start = BriefText(HARBOUR).with_record("actors", item_yaml(ACTOR))
    taken, put = changed_lines(HARBOUR, new)
    assert taken == []
    assert put == ["  - id: jane-doe", "    name: Jane Doe", "    kind: person"]
    data = yamlsafe.parse(new.decode())
    assert data["actors"][-1] == ACTOR
    assert new[start:].startswith(b"  - id: jane-doe\n")
    # the blank line and the next section's key stay below it
    assert b"    kind: person\n\nplaces:\n" in new


def test_an_empty_section_becomes_a_block_sequence() -> None:
    text = b"format: briefcli/1\nmeta:\n  title: T\n  as_of: '2024'\n\nactors: []  # none yet\n"
    new, _ = BriefText(text).with_record("actors", item_yaml(ACTOR))
    assert new.endswith(b"actors:\n  - id: jane-doe\n    name: Jane Doe\n    kind: person\n")
    assert yamlsafe.parse(new.decode())["actors"] == [ACTOR]


def test_a_missing_section_goes_where_the_canonical_order_puts_it_above_a_banner() -> None:
    text = (
        b"format: briefcli/1\nmeta:\n  title: T\n  as_of: '2024'\n\n"
        b"# ===== events\n\nevents:\n  - id: e\n    kind: other\n    title: E\n"
    )
    new, _ = BriefText(text).with_record("actors", item_yaml(ACTOR))
    assert b"as_of: '2024'\n\nactors:\n  - id: jane-doe" in new
    assert b"    kind: person\n\n# ===== events\n\nevents:" in new
    assert list(yamlsafe.parse(new.decode())) == ["format", "meta", "actors", "events"]


def test_a_file_without_a_final_newline_gets_one_before_the_record() -> None:
    text = b"meta:\n  title: T\n  as_of: '2024'\nactors:\n  - id: a\n    name: A\n    kind: person"
    new, _ = BriefText(text).with_record("actors", item_yaml(ACTOR))
    assert yamlsafe.parse(new.decode())["actors"][1] == ACTOR


@pytest.mark.parametrize("position", [0, 5, -1])
def test_a_record_taken_out_takes_its_own_lines_only(position: int) -> None:
    cut = BriefText(HARBOUR)
    span = cut.span("claims", position % cut.count("claims"))
    new = cut.without_record("claims", position % cut.count("claims"))
    assert new == HARBOUR[: span.start] + HARBOUR[span.end :]
    before = yamlsafe.parse(HARBOUR.decode())["claims"]
    after = yamlsafe.parse(new.decode())["claims"]
    assert after == [c for n, c in enumerate(before) if n != position % len(before)]


def test_a_record_replaced_keeps_the_comments_around_it() -> None:
    data = BUNDLED_BRIEF.read_bytes()
    cut = BriefText(data)
    new = cut.with_replaced("actors", 0, item_yaml({**ACTOR, "id": "replaced"}))
    taken, put = changed_lines(data, new)
    assert put[0] == "  - id: replaced" and taken[0].startswith("  - id: ")
    assert data.count(b"\n#") == new.count(b"\n#")  # every comment line is still there


@pytest.mark.parametrize(
    "text",
    [
        b"meta:\r\n  title: T\r\nactors:\r\n  - id: a\r\n",  # CR LF line ends
        b"meta:\n\ttitle: T\n",  # a tab
        b"meta: {title: T, as_of: '2024'}\nactors: [{id: a, name: A, kind: person}]\n",
    ],
)
def test_a_file_it_cannot_cut_reliably_is_declined(text: bytes) -> None:
    with pytest.raises(NotInPlace):
        BriefText(text).with_record("actors", item_yaml(ACTOR))


KEPT = b"""meta:
  title: T
  as_of: '2024'
notes:
  - id: n-one
    kind: gap
    text: |+
      Two lines kept after this one.


  - id: n-two
    kind: gap
    text: Plain.
"""


def test_a_record_after_a_text_that_keeps_its_trailing_lines_is_not_cut_in_place() -> None:
    """`|+` keeps the blank lines after the text: adding or taking out a record after it in
    place would change the text, so those changes go through the round trip."""
    before = yamlsafe.parse(KEPT.decode())["notes"][0]["text"]
    assert before == "Two lines kept after this one.\n\n\n"
    cut = BriefText(KEPT)
    with pytest.raises(NotInPlace):
        cut.without_record("notes", 1)
    last = KEPT.replace(b"  - id: n-two\n    kind: gap\n    text: Plain.\n", b"")
    with pytest.raises(NotInPlace):
        BriefText(last).with_record("notes", item_yaml({"id": "n-3", "kind": "gap", "text": "x"}))
    # Elsewhere the cut is used as before.
    new, _ = cut.with_record("notes", item_yaml({"id": "n-3", "kind": "gap", "text": "x"}))
    assert yamlsafe.parse(new.decode())["notes"][0]["text"] == before
