"""Specification of the renderers, without the CLI: a Document as Markdown, an answer record
as JSON, JSON Lines and CSV, and the table of output formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from briefcli import output
from briefcli.render import data, markdown
from briefcli.render.document import Document, Fields, Heading, Paragraph, Table, Tree, TreeNode
from briefcli.results import DateOut, NoteOut, Ref, RoleOut


def test_markdown_lays_out_every_kind_of_block() -> None:
    root = TreeNode("Coalition")
    root.add("led by NPP").add("member of: UDP")
    text = markdown.render(
        [
            Heading("Meghalaya", level=2),
            Paragraph("A hung assembly."),
            Fields([("Kind", "jurisdiction")]),
            Table("Relations", ["Type", "With"], [["leads", "NPP"]]),
            Table("Events", ["Date"], [], empty="no events match"),
            Tree(None, root),
        ]
    )
    assert text == (
        "## Meghalaya\n\nA hung assembly.\n\n- **Kind:** jurisdiction\n\n"
        "**Relations**\n\n| Type | With |\n|---|---|\n| leads | NPP |\n\n"
        "**Events**\n\nno events match\n\n"
        "- Coalition\n  - led by NPP\n    - member of: UDP\n"
    )


@pytest.mark.parametrize(
    ("text", "inert"),
    [
        ("a | b", "a \\| b"),
        ("[link](http://x)", "\\[link\\](http://x)"),  # a link needs its brackets
        ("# not a heading", "\\# not a heading"),
        ("two\nlines", "two lines"),
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
    ],
)
def test_markdown_text_from_a_brief_cannot_become_markup(text: str, inert: str) -> None:
    assert markdown.escape(text) == inert


ROLE = RoleOut(title="Chief Minister", of=Ref(id="m", name="Meghalaya"), since="2010",
               until="2018-03-06", current=False)  # fmt: skip


def test_json_and_jsonl_are_the_record_itself() -> None:
    assert json.loads(data.to_json(ROLE)) == {
        "title": "Chief Minister",
        "of": {"id": "m", "name": "Meghalaya"},
        "since": "2010",
        "until": "2018-03-06",
        "current": False,
    }
    lines = data.to_jsonl([ROLE, ROLE]).splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["current"] is False


def test_csv_flattens_refs_into_id_and_name_columns() -> None:
    rows = list(csv.reader(io.StringIO(data.to_csv([ROLE], RoleOut))))
    assert rows[0] == ["title", "of_id", "of_name", "since", "until", "current"]
    assert rows[1] == ["Chief Minister", "m", "Meghalaya", "2010", "2018-03-06", "false"]


def test_csv_joins_a_list_of_refs_into_id_and_name_columns() -> None:
    row = NoteOut(id="n", kind="gap", text="?", confidence=None,
                  concerns=[Ref(id="a", name="A"), Ref(id="b", name="B; C")])  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(data.to_csv([row], NoteOut))))
    assert (rows[0]["concerns_id"], rows[0]["concerns_name"]) == ("a; b", "A; B; C")
    empty = list(csv.DictReader(io.StringIO(data.to_csv([], NoteOut))))
    assert empty == []


def test_csv_of_one_record_is_field_value_pairs() -> None:
    date = DateOut(value="2018", start="2018-01-01", end="2018-12-31", phrase=None,
                   method="stated", confidence="high", reasoning=None, display="2018")  # fmt: skip
    rows = list(csv.reader(io.StringIO(data.to_csv(date))))
    assert rows[0] == ["field", "value"] and ["start", "2018-01-01"] in rows


def test_json_escapes_invisible_and_bidi_characters() -> None:
    tricky = RoleOut(title="a\u202eb\x7f", of=None, since=None, until=None, current=True)
    encoded = data.to_json(tricky)
    assert "\\u202e" in encoded and "\\u007f" in encoded
    assert json.loads(encoded)["title"] == "a\u202eb\x7f"


def test_every_output_format_has_an_emitter() -> None:
    assert set(output.EMITTERS) == set(output.OutputFormat)


def test_data_formats_print_the_record_not_its_view(capsys: pytest.CaptureFixture[str]) -> None:
    def view(_: list[RoleOut]) -> Document:
        raise AssertionError("a data format must not lay the answer out")

    output.emit([ROLE], output.OutputFormat.jsonl, view)
    assert json.loads(capsys.readouterr().out)["title"] == "Chief Minister"
