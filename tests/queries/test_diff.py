"""`briefcli diff OLD NEW`, on real edits made to a copy of tests/briefs/harbour.yaml."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from briefcli.queries.diff import ID_SECTIONS
from conftest import SECOND_BRIEF

runner = CliRunner()

NEW_CLAIM = """
  - id: c-new-crowd
    statement: Police put the marchers at about 2,000.
    source: src-lindqvist
    credibility: 2
    excerpt: Police estimated the crowd at about 2,000.
    events: [e-march]
"""
REMOVED_RELATION = """  - id: r-lindqvist-courier
    subject: maria-lindqvist
    type: employed_by
    object: kilbarra-courier
    confidence: high
    inferred: true
    description: From her byline, "By Maria Lindqvist, Labour Correspondent", on the report.
"""


def diff(old: Path, new: Path, *args: str) -> Result:
    return runner.invoke(app, ["diff", str(old), str(new), *args])


def diff_json(old: Path, new: Path) -> Any:
    result = diff(old, new, "--json")
    assert result.exit_code == ExitCode.NOT_FOUND, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A copy of harbour.yaml (with its stored text) to edit; the original is the old one."""
    shutil.copytree(SECOND_BRIEF.parent / "sources", tmp_path / "sources")
    return Path(shutil.copy(SECOND_BRIEF, tmp_path / "harbour-v2.yaml"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def only_changes(data: Any) -> dict[str, dict[str, list[Any]]]:
    """The non-empty sections of added, removed and changed."""
    return {
        kind: {section: items for section, items in data[kind].items() if items}
        for kind in ("added", "removed", "changed")
    }


def test_identical_briefs_exit_0_with_every_section_empty(edited: Path) -> None:
    result = diff(SECOND_BRIEF, edited, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["identical"] is True
    assert list(data["added"]) == list(data["removed"]) == list(ID_SECTIONS)
    assert list(data["changed"]) == ["meta", *ID_SECTIONS]
    assert only_changes(data) == {"added": {}, "removed": {}, "changed": {}}
    table = diff(SECOND_BRIEF, edited)
    assert table.exit_code == 0
    assert "No differences" in table.stdout


def test_a_renamed_actor_is_a_changed_name(edited: Path) -> None:
    edit(edited, "name: Grace Okafor\n", "name: Grace Okafor-Mensah\n")
    data = diff_json(SECOND_BRIEF, edited)
    assert data["identical"] is False
    assert only_changes(data) == {
        "added": {},
        "removed": {},
        "changed": {
            "actors": [
                {
                    "id": "grace-okafor",
                    "name": "Grace Okafor-Mensah",
                    "fields": [
                        {"field": "name", "old": "Grace Okafor", "new": "Grace Okafor-Mensah"}
                    ],
                }
            ]
        },
    }


def test_a_removed_relation_is_listed_with_its_old_name(edited: Path) -> None:
    edit(edited, REMOVED_RELATION, "")
    data = diff_json(SECOND_BRIEF, edited)
    assert only_changes(data) == {
        "added": {},
        "removed": {
            "relations": [
                {
                    "id": "r-lindqvist-courier",
                    "name": "Maria Lindqvist employed by The Kilbarra Courier",
                }
            ]
        },
        "changed": {},
    }


def test_a_changed_event_date_names_the_nested_field(edited: Path) -> None:
    edit(edited, 'value: "2024-03-13"', 'value: "2024-03-14"')
    data = diff_json(SECOND_BRIEF, edited)
    (event,) = data["changed"]["events"]
    assert event["id"] == "e-march"
    assert event["fields"] == [{"field": "date.value", "old": "2024-03-13", "new": "2024-03-14"}]


def test_a_new_claim_is_added_and_an_event_citing_it_changes(edited: Path) -> None:
    edit(edited, "\nnotes:", NEW_CLAIM + "\nnotes:")
    edit(edited, "claims: [c-march]\n    after:", "claims: [c-march, c-new-crowd]\n    after:")
    data = diff_json(SECOND_BRIEF, edited)
    assert data["added"]["claims"] == [
        {"id": "c-new-crowd", "name": "Police put the marchers at about 2,000."}
    ]
    (event,) = data["changed"]["events"]
    assert event["fields"] == [
        {"field": "claims", "old": ["c-march"], "new": ["c-march", "c-new-crowd"]}
    ]


def test_meta_and_key_judgment_changes(edited: Path) -> None:
    edit(edited, 'as_of: "2024-03-15"', 'as_of: "2024-03-18"')
    edit(
        edited,
        "      likelihood: likely\n      confidence: moderate",
        "      likelihood: very likely\n      confidence: moderate",
    )
    data = diff_json(SECOND_BRIEF, edited)
    assert data["changed"]["meta"][0]["fields"] == [
        {"field": "as_of", "old": "2024-03-15", "new": "2024-03-18"}
    ]
    (judgment,) = data["changed"]["key_judgments"]
    assert judgment["id"] == "kj-strike-continues"
    assert judgment["fields"] == [{"field": "likelihood", "old": "likely", "new": "very likely"}]


def test_every_edit_at_once_in_the_table(edited: Path) -> None:
    edit(edited, "name: Grace Okafor\n", "name: Grace Okafor-Mensah\n")
    edit(edited, REMOVED_RELATION, "")
    edit(edited, 'value: "2024-03-13"', 'value: "2024-03-14"')
    edit(edited, "\nnotes:", NEW_CLAIM + "\nnotes:")
    result = diff(SECOND_BRIEF, edited)
    assert result.exit_code == ExitCode.NOT_FOUND
    out = result.stdout
    assert "1 added, 1 removed, 2 changed" in out
    for expected in ("Actors", "Relations", "Events", "Claims", "date.value", "2024-03-14"):
        assert expected in out
    assert "Grace Okafor-Mensah" in out and "r-lindqvist-courier" in out


@pytest.mark.parametrize("output_format", ["table", "json", "jsonl", "csv", "markdown"])
def test_diff_answers_in_every_format(edited: Path, output_format: str) -> None:
    edit(edited, "name: Grace Okafor\n", "name: Grace Okafor-Mensah\n")
    result = diff(SECOND_BRIEF, edited, "--format", output_format)
    assert result.exit_code == ExitCode.NOT_FOUND, result.stderr
    out = result.stdout
    assert "Grace Okafor-Mensah" in out
    if output_format == "jsonl":
        assert json.loads(out)["identical"] is False
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert ["changed.actors[0].fields[0].new", "Grace Okafor-Mensah"] in rows
    elif output_format == "markdown":
        assert "| \\~ | grace-okafor | Grace Okafor-Mensah | name |" in out


def test_an_invalid_brief_exits_3(edited: Path, tmp_path: Path) -> None:
    edit(
        edited,
        "type: shipping company\n    aliases:",
        "type: shipping company\n    colour: blue\n    aliases:",
    )
    result = diff(SECOND_BRIEF, edited)
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert str(edited) in result.stderr
    missing = diff(tmp_path / "missing.yaml", SECOND_BRIEF)
    assert missing.exit_code == ExitCode.INVALID_BRIEF
    assert "no such file" in missing.stderr


# ---------------------------------------------------------------- versions from elsewhere


def test_the_old_version_can_come_from_standard_input(edited: Path) -> None:
    edit(edited, "name: Grace Okafor", "name: Grace N. Okafor")
    result = runner.invoke(
        app, ["diff", "-", str(edited), "--json"], input=SECOND_BRIEF.read_text(encoding="utf-8")
    )

    assert result.exit_code == ExitCode.NOT_FOUND
    changed = json.loads(result.stdout)["changed"]["actors"]
    assert [(r["id"], r["fields"][0]["new"]) for r in changed] == [
        ("grace-okafor", "Grace N. Okafor")
    ]
    # Its stored text is not beside standard input: a note says its excerpts went unchecked.
    assert "its excerpts are not checked" in result.stderr


def test_a_changed_stored_text_is_reported(edited: Path) -> None:
    text = edited.parent / "sources" / "harbour-report.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nCorrection appended.\n", "utf-8")

    found = diff_json(SECOND_BRIEF, edited)

    assert found["texts_changed"] == [
        {"id": "src-courier", "name": "The Kilbarra Courier", "change": "changed"}
    ]
    assert not any(found["changed"].values())


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(edited: Path) -> Path:
    """A git repository with the harbour brief committed, then edited in the working copy
    (an actor renamed) and its stored text changed."""
    if shutil.which("git") is None:
        pytest.fail("git is needed (briefcli diff REV reads revisions with it)")
    folder = edited.parent
    shutil.copy(SECOND_BRIEF, folder / "harbour.yaml")
    _git(folder, "init", "-q")
    _git(folder, "add", "harbour.yaml", "sources")
    _git(folder, "commit", "-q", "-m", "first")
    edit(folder / "harbour.yaml", "name: Grace Okafor", "name: Grace N. Okafor")
    text = folder / "sources" / "harbour-report.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nCorrection appended.\n", "utf-8")
    return folder / "harbour.yaml"


def test_a_revision_is_compared_with_the_working_copy(repository: Path) -> None:
    result = runner.invoke(app, ["--brief", str(repository), "diff", "HEAD", "--json"])

    assert result.exit_code == ExitCode.NOT_FOUND, result.stderr
    found = json.loads(result.stdout)
    assert [r["id"] for r in found["changed"]["actors"]] == ["grace-okafor"]
    assert [t["change"] for t in found["texts_changed"]] == ["changed"]
    assert result.stderr == ""  # the texts at HEAD were read from git: nothing unchecked


def test_two_revisions_of_a_brief_given_by_path(repository: Path) -> None:
    _git(repository.parent, "commit", "-q", "-am", "second")

    result = runner.invoke(app, ["diff", "HEAD~1", "HEAD", str(repository), "--json"])

    assert result.exit_code == ExitCode.NOT_FOUND, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["changed"]["actors"]] == ["grace-okafor"]
    same = runner.invoke(app, ["diff", "HEAD", "HEAD", str(repository)])
    assert same.exit_code == ExitCode.OK


def test_a_word_that_is_neither_a_file_nor_a_revision_is_a_missing_file(
    repository: Path,
) -> None:
    result = runner.invoke(app, ["diff", "no-such-rev", str(repository)])

    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert result.stderr == "briefcli: error: no-such-rev: no such file\n"
