"""Specification (issue 22, item 7): an `add` or `edit` of a brief the cache holds checks and
stores only what changed, and the cache then holds exactly what a first run of the changed file
would store. Anything it cannot be sure of (a change it cannot place, a problem, a brief with
warnings) is checked as a first run checks it, with the same message."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from briefcli.authoring import writing
from briefcli.authoring.emit import item_yaml
from briefcli.authoring.layout import BriefText
from briefcli.brief import loader
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import BUNDLED_BRIEF, copy_harbour

runner = CliRunner()

EXCERPT = "stay out until every job is guaranteed in writing"

ADDS = {
    "actor": ["add", "actor", "Jane Doe", "--kind", "person"],
    "place": ["add", "place", "Dunmore Quay", "--kind", "site"],
    "source": ["add", "source", "Radio Kilbarra", "--kind", "outlet", "--reliability", "C"],
    "relation": ["add", "relation", "Grace Okafor", "opposes", "Meridian", "--confidence", "low"],
    "event": ["add", "event", "Strike ballot", "--date", "2024-03-01", "--kind", "meeting"],
    "claim": [
        "add",
        "claim",
        "Okafor vowed to stay out.",
        "--source",
        "src-courier",
        "--credibility",
        "2",
        "--actor",
        "Grace Okafor",
        "--excerpt",
        EXCERPT,
    ],
    "note": ["add", "note", "Ask the council about the quay.", "--kind", "gap"],
}


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    return copy_harbour(tmp_path)


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The files a whole-file check (a first run's) was made of, while the test runs."""
    made: list[Path] = []
    whole = loader.load_contents

    def counted(paths: list[Path], contents: list[bytes]) -> object:
        made.extend(paths)
        return whole(paths, contents)

    monkeypatch.setattr(loader, "load_contents", counted)
    yield made


def run(brief: Path, *args: str) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args])


def entries(directory: Path) -> dict[str, bytes]:
    return {file.name: file.read_bytes() for file in directory.glob("*.msgpack")}


def first_run_entry(brief: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The cache entry a first run of the brief as it now is writes, in an empty cache."""
    fresh = tmp_path / "fresh-cache"
    fresh.mkdir()
    monkeypatch.setenv("BRIEFCLI_CACHE_DIR", str(fresh))
    assert run(brief, "actors", "--json").exit_code == 0
    (entry,) = entries(fresh).values()
    return entry


@pytest.mark.parametrize("kind", ADDS)
def test_an_add_stores_what_a_first_run_of_the_new_file_would_without_reading_it_all(
    kind: str,
    harbour: Path,
    isolated_cache: Path,
    full_checks: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(harbour, "actors", "--json").exit_code == 0
    full_checks.clear()
    before = entries(isolated_cache)
    result = run(harbour, *ADDS[kind])
    assert result.exit_code == 0, result.stderr
    assert full_checks == []
    (added,) = set(entries(isolated_cache).items()) - set(before.items())
    assert added[1] == first_run_entry(harbour, tmp_path, monkeypatch)


def test_an_edit_in_place_stores_what_a_first_run_would(
    harbour: Path,
    isolated_cache: Path,
    full_checks: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = harbour.read_text(encoding="utf-8")
    assert run(harbour, "actors", "--json").exit_code == 0
    full_checks.clear()
    monkeypatch.setenv("EDITOR", "sed -i s/Freight/Shipping/")
    result = run(harbour, "edit", "norland-freight")
    assert result.exit_code == 0, result.stderr
    assert full_checks == []
    assert harbour.read_text(encoding="utf-8") != text
    newest = max(isolated_cache.glob("*.msgpack"), key=os.path.getmtime)
    assert newest.read_bytes() == first_run_entry(harbour, tmp_path, monkeypatch)


def test_a_source_edited_to_another_text_has_every_excerpt_checked_again(
    harbour: Path, full_checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The courier's excerpts are in its stored text only: pointing the source at another text
    must fail for them, not only for the claims of a changed record."""
    before = harbour.read_bytes()
    other = "sources/000_db98f2ba474842c9.txt"
    shutil.copy(BUNDLED_BRIEF.parent / other, harbour.parent / "sources")
    assert run(harbour, "actors", "--json").exit_code == 0
    full_checks.clear()
    monkeypatch.setenv("EDITOR", f"sed -i s#sources/harbour-report.txt#{other}#")
    result = run(harbour, "edit", "src-courier")
    # Shown the problem, the editor saves the same again: the edit is given up.
    assert result.exit_code != 0
    assert "claims[0].excerpt: excerpt not found" in result.stderr
    assert full_checks  # the exact message comes from the whole file's check
    assert harbour.read_bytes() == before


def test_an_added_claim_whose_excerpt_is_not_in_the_text_is_refused_with_the_closest_passage(
    harbour: Path,
) -> None:
    before = harbour.read_bytes()
    assert run(harbour, "actors", "--json").exit_code == 0
    args = [*ADDS["claim"][:-1], "stay out until every job is promised in writing"]
    result = run(harbour, *args)
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert "excerpt not found" in result.stderr and "closest" in result.stderr
    assert harbour.read_bytes() == before


def test_a_brief_the_cache_does_not_hold_is_checked_whole(
    harbour: Path, full_checks: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFCLI_NO_CACHE", "1")
    assert run(harbour, *ADDS["actor"]).exit_code == 0
    assert len(full_checks) == 2  # the brief as read, then as changed


def test_the_change_is_found_only_where_it_was_made() -> None:
    data = BUNDLED_BRIEF.read_bytes()
    layout = writing.BriefOnDisk(BUNDLED_BRIEF).layout
    item = item_yaml({"id": "jane-doe", "name": "Jane Doe", "kind": "person"})
    added, _ = BriefText(data).with_record("actors", item)
    found = writing._changed_item(data, layout, added, writing.Change("actors"))
    assert found is not None
    position, record = found
    assert record == {"id": "jane-doe", "name": "Jane Doe", "kind": "person"}
    assert position == BriefText(data).count("actors")
    # The same addition with any other byte changed too is not taken for it.
    elsewhere = added.replace(b"as_of:", b"as_of: ", 1)
    assert writing._changed_item(data, layout, elsewhere, writing.Change("actors")) is None
    # Nor in another section, nor as a replacement.
    assert writing._changed_item(data, layout, added, writing.Change("events")) is None
    assert writing._changed_item(data, layout, added, writing.Change("actors", 0)) is None
    replaced = BriefText(data).with_replaced("actors", 2, item)
    assert writing._changed_item(data, layout, replaced, writing.Change("actors", 2)) == (2, record)
    assert writing._changed_item(data, layout, replaced, writing.Change("actors", 1)) is None


def test_a_new_stored_text_that_is_not_utf8_is_refused_though_no_claim_quotes_it(
    harbour: Path,
) -> None:
    (harbour.parent / "sources" / "latin1.txt").write_bytes("caf\xe9 au lait\n".encode("latin-1"))
    assert run(harbour, "actors", "--json").exit_code == 0
    before = harbour.read_bytes()
    result = run(harbour, *ADDS["source"], "--text", "sources/latin1.txt")
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert "cannot read stored text 'sources/latin1.txt'" in result.stderr
    assert harbour.read_bytes() == before


def with_a_line_that_reads_as_an_item(harbour: Path) -> None:
    """The first note's text as a double-quoted scalar whose second line sits in the column of
    the notes' `-`: valid YAML with the same five notes, which the cut alone takes for six."""
    text = harbour.read_text(encoding="utf-8")
    old = (
        "    text: >-\n"
        "      Two people called Okafor appear: Grace Okafor (HDWU) and Emeka Okafor (Meridian)."
        " The\n"
        '      report says they are not related; "Ms Okafor" in the last paragraph is Grace.\n'
        "    concerns: [grace-okafor, emeka-okafor]\n"
        "    confidence: high\n"
    )
    new = (
        "    concerns: [grace-okafor, emeka-okafor]\n"
        "    confidence: high\n"
        "    text: \"Two people called Okafor appear; 'Ms Okafor' in the last paragraph is\n"
        '  - Grace."\n'
    )
    assert old in text
    harbour.write_text(text.replace(old, new), encoding="utf-8")


def test_a_line_inside_a_quoted_text_that_reads_as_an_item_does_not_misplace_an_add(
    harbour: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_a_line_that_reads_as_an_item(harbour)
    assert run(harbour, "actors", "--json").exit_code == 0
    result = run(harbour, *ADDS["note"])
    assert result.exit_code == 0, result.stderr
    notes = [note["id"] for note in yaml.safe_load(harbour.read_text(encoding="utf-8"))["notes"]]
    assert len(notes) == 6 and notes[-1] == result.stdout.strip()


@pytest.mark.parametrize("command", ["edit", "rm"])
def test_a_line_inside_a_quoted_text_that_reads_as_an_item_does_not_misplace_a_change(
    command: str, harbour: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut by position alone, the third note's lines would be taken for the second's."""
    with_a_line_that_reads_as_an_item(harbour)
    before = yaml.safe_load(harbour.read_text(encoding="utf-8"))["notes"]
    assert before[2]["id"] == "n-blue-caps" and before[2]["kind"] == "spelling"
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        "path.write_text(text.replace('kind: spelling', 'kind: caveat'), encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    assert run(harbour, "actors", "--json").exit_code == 0
    result = run(harbour, command, "n-blue-caps")
    assert result.exit_code == 0, result.stderr
    after = yaml.safe_load(harbour.read_text(encoding="utf-8"))["notes"]
    edited = [{**before[2], "kind": "caveat"}] if command == "edit" else []
    assert after == [*before[:2], *edited, *before[3:]]
    monkeypatch.setenv("BRIEFCLI_NO_CACHE", "1")
    assert run(harbour, "validate").exit_code == 0
