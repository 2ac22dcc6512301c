"""Specification: `briefcli import` (issue 22, item 6). Actors, relations and events from CSV
files with a mapping of columns; a STIX 2.1 bundle, as other tools write it and as `export
--to stix` does (exported then imported, a brief comes back the same); ACLED's CSV export.
Every row is accounted for (added, already present, or not mapped with its row number), the
rows that map are written into the brief after its own records, and bad input is one line and
an exit code with the brief as it was."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import stix2
from typer.testing import CliRunner, Result

from briefcli.authoring.importers.acled import reliability
from briefcli.brief.model import Brief
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from briefcli.store import cache
from conftest import (
    BUNDLED_BRIEF,
    MEGHALAYA_BRIEF,
    OPENAI_BRIEF,
    SECOND_BRIEF,
    as_unprivileged,
    copy_harbour,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
CONTACTS = FIXTURES / "contacts.csv"
RELATIONS = FIXTURES / "relations.csv"
EVENTS = FIXTURES / "events.csv"
BUNDLE = FIXTURES / "bundle.json"
ACLED = FIXTURES / "acled.csv"
# The report object of bundle.json: a blog post on the ChatGPT outage of November 2023.
NOVUS_URL = (
    "https://novusitinc.com/2023/11/10/"
    "understanding-the-recent-chatgpt-outage-causes-and-consequences/"
)
CONTACT_COLUMNS = [
    "--map", "name=Full name", "--map", "kind=Type", "--map", "role_of=Organisation",
    "--map", "aliases=Also known as", "--map", "description=Notes",
]  # fmt: skip

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def imported(*args: str) -> tuple[Result, dict[str, Any]]:
    """`briefcli import … --json`, and its report."""
    result = run("import", *args, "--json")
    assert result.exit_code in (ExitCode.OK, ExitCode.NOT_FOUND), result.stderr
    return result, json.loads(result.stdout)


def load(path: Path) -> Brief:
    return cache.load([path], cached=False).brief


def accounted(report: dict[str, Any]) -> set[int]:
    """The rows the report says something of."""
    return {entry["row"] for part in ("added", "skipped", "not_mapped") for entry in report[part]}


def unmapped(report: dict[str, Any]) -> dict[int, str]:
    return {entry["row"]: entry["reason"] for entry in report["not_mapped"]}


def added(report: dict[str, Any], section: str) -> list[str]:
    return [entry["id"] for entry in report["added"] if entry["section"] == section]


def only_lines_added(before: str, after: str) -> bool:
    """Whether `after` is `before` with lines inserted and none changed (comments, layout)."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def copy_openai(folder: Path) -> Path:
    """The OpenAI brief and its stored source texts, copied into `folder` to be edited: the
    brief the real people, ties and events of contacts.csv, relations.csv, events.csv and
    bundle.json are imported into (tests/fixtures/import/README.md)."""
    shutil.copytree(OPENAI_BRIEF.parent / "sources", folder / "sources")
    return Path(shutil.copy(OPENAI_BRIEF, folder / OPENAI_BRIEF.name))


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    return copy_harbour(tmp_path)


@pytest.fixture
def openai(tmp_path: Path) -> Path:
    return copy_openai(tmp_path)


# ---------------------------------------------------------------- CSV


def test_actors_from_a_contacts_sheet_with_columns_mapped(openai: Path) -> None:
    before = openai.read_text(encoding="utf-8")
    result, report = imported("--from", "csv", str(CONTACTS), "--records", "actors",
                              "--into", str(openai), *CONTACT_COLUMNS)  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND  # some rows could not be mapped
    assert (report["rows"], report["mapped"], report["written"]) == (9, 6, True)
    assert accounted(report) == set(range(2, 11))  # the header is row 1
    reasons = unmapped(report)
    assert sorted(reasons) == [8, 9, 10]
    assert "no actor matches 'Bloomberg'" in reasons[8]  # nowhere, nor in a row before
    assert reasons[9] == "no name: column 'Full name' is empty"
    assert "kind 'product' is not an actor kind" in reasons[10]
    (skipped,) = report["skipped"]
    assert (skipped["row"], skipped["id"]) == (2, "sam-altman")
    assert "already present" in skipped["reason"]
    brief = load(openai)
    actors = {actor.id: actor for actor in brief.actors}
    assert added(report, "actors") == [
        "kevin-scott", "center-for-security-and-emerging", "thrive-capital", "tasha-mccauley",
        "helen-toner",
    ]  # fmt: skip
    scott = actors["kevin-scott"]
    assert (scott.kind, scott.type) == ("person", None)  # the Type column is the kind only
    # "Microsoft Corp." is an alias of the brief's Microsoft.
    assert [(role.title, role.of) for role in scott.roles] == [
        ("Chief technology officer", "microsoft")
    ]
    cset = actors["center-for-security-and-emerging"]
    assert [alias.name for alias in cset.aliases] == ["CSET"]
    assert cset.kind == "organisation"  # "Organization"
    assert actors["thrive-capital"].kind == "organisation"  # "organisation"
    assert actors["tasha-mccauley"].roles[0].of == "openai-board"  # the brief's, by its name
    # Helen Toner's organisation is a row before hers, named by its alias: resolved as add
    # resolves names.
    assert actors["helen-toner"].roles[0].of == "center-for-security-and-emerging"
    # After the brief's own actors, everything else as it was, comments included.
    assert only_lines_added(before, openai.read_text(encoding="utf-8"))
    assert run("validate", str(openai)).exit_code == ExitCode.OK


def test_relations_with_a_mapping_file(openai: Path) -> None:
    result, report = imported("--from", "csv", str(RELATIONS), "--records", "relations",
                              "--mapping", str(FIXTURES / "relations-mapping.yaml"),
                              "--into", str(openai))  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND
    assert accounted(report) == set(range(2, 9))
    reasons = unmapped(report)
    assert sorted(reasons) == [5, 6, 7]
    assert "'Thrive Capital'" in reasons[5]
    assert "no relation type 'invested in'" in reasons[6]
    assert "to itself" in reasons[7]
    assert [(e["row"], e["id"]) for e in report["skipped"]] == [(2, "r-nadella-microsoft")]
    relations = {r.id: r for r in load(openai).relations}
    support = relations[added(report, "relations")[0]]
    assert (support.subject, support.type, support.object) == (
        "mira-murati", "supports", "sam-altman",
    )  # fmt: skip
    assert (support.confidence, support.since) == ("moderate", "2023-11-19")
    assert support.description is not None
    assert support.description.startswith("On Sunday night, as interim CEO, she told a board")
    assert len(added(report, "relations")) == 3


def test_events_from_columns_named_as_the_fields(openai: Path) -> None:
    result, report = imported(
        "--from", "csv", str(EVENTS), "--records", "events", "--into", str(openai)
    )
    assert result.exit_code == ExitCode.NOT_FOUND
    assert accounted(report) == set(range(2, 9))
    reasons = unmapped(report)
    assert sorted(reasons) == [4, 6, 7]
    assert "no actor matches 'Elon Musk'" in reasons[4]
    assert "'2023-11-31' is not a real date" in reasons[6]
    assert "no event kind 'conference'" in reasons[7]
    skipped = {(e["section"], e["id"]) for e in report["skipped"]}
    assert ("events", "e-agreement-in-principle") in skipped
    brief = load(openai)
    events = {event.id: event for event in brief.events}
    panel = events["e-altman-apec-panel"]  # its own id, from the id column
    assert (panel.place, panel.date.value, panel.date.phrase) == (
        "san-francisco", "2023-11-16", "Thursday",
    )  # fmt: skip
    assert [(p.actor, p.role) for p in panel.participants] == [("sam-altman", "speaker")]
    # A place the brief does not have is added; one of a row not mapped is not.
    assert added(report, "places") == ["oakland"]
    assert "Moscone West" not in {place.name for place in brief.places}


def test_a_value_for_every_row_and_columns_named_as_fields(harbour: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Country\nJane Doe,Ireland\nJohn Roe,\n", encoding="utf-8")
    ireland = "  - {id: ireland, name: Ireland, kind: state}\n"
    text = harbour.read_text(encoding="utf-8").replace("\nplaces:", f"{ireland}\nplaces:", 1)
    harbour.write_text(text, encoding="utf-8")
    result, report = imported("--from", "csv", str(sheet), "--records", "actors",
                              "--set", "kind=person", "--into", str(harbour))  # fmt: skip
    assert result.exit_code == ExitCode.OK, report
    actors = {actor.id: actor for actor in load(harbour).actors}
    assert (actors["jane-doe"].kind, actors["jane-doe"].country) == ("person", "ireland")
    assert actors["john-roe"].country is None


def test_a_record_the_check_refuses_takes_its_row_out(harbour: Path, tmp_path: Path) -> None:
    """What only the check of the whole brief finds (a time of day that is none, a time on a
    date of a month) is reported against its row; the other rows are written."""
    sheet = tmp_path / "talks.csv"
    sheet.write_text(
        "title,kind,date,time\n"
        "Talks reconvene,meeting,2024-03-21,10:00\n"
        "Night talks,meeting,2024-03-22,25:99\n"
        "Talks some day,meeting,2024-03,09:00\n",
        encoding="utf-8",
    )
    result, report = imported("--from", "csv", str(sheet), "--records", "events",
                              "--into", str(harbour))  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND
    reasons = unmapped(report)
    assert reasons[3].startswith("event time: '25:99' is not a time of day")
    assert reasons[4].startswith("event time: a time of day needs a date of one day")
    assert added(report, "events") == ["e-talks-reconvene"] and report["written"]
    assert run("validate", str(harbour)).exit_code == ExitCode.OK


def test_importing_the_same_rows_again_adds_nothing(openai: Path) -> None:
    args = ["--from", "csv", str(CONTACTS), "--records", "actors", "--into", str(openai)]
    imported(*args, *CONTACT_COLUMNS)
    once = openai.read_bytes()
    result, report = imported(*args, *CONTACT_COLUMNS)
    assert openai.read_bytes() == once
    assert (report["added"], report["written"]) == ([], False)
    assert {entry["row"] for entry in report["skipped"]} == {2, 3, 4, 5, 6, 7}
    assert "nothing written" in result.stderr


def test_the_brief_is_brief_yaml_here_or_the_one_given_and_never_the_bundled_one(
    openai: Path, monkeypatch: pytest.MonkeyPatch, bundled_stand_in: Path
) -> None:
    shutil.move(openai, openai.with_name("brief.yaml"))
    monkeypatch.chdir(openai.parent)
    result = run("import", "--from", "csv", str(CONTACTS), "--records", "actors",
                 *CONTACT_COLUMNS)  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND, result.stderr
    assert "Kevin Scott" in Path("brief.yaml").read_text(encoding="utf-8")
    refused = run("import", "--from", "csv", str(CONTACTS), "--records", "actors",
                  "--into", str(bundled_stand_in), *CONTACT_COLUMNS)  # fmt: skip
    assert refused.exit_code == ExitCode.USAGE
    assert "the bundled brief is not changed" in refused.stderr
    assert bundled_stand_in.read_bytes() == BUNDLED_BRIEF.read_bytes()


def test_the_human_report_counts_and_lists_by_row(openai: Path) -> None:
    mapping = str(FIXTURES / "relations-mapping.yaml")
    result = run("import", "--from", "csv", str(RELATIONS), "--records", "relations",
                 "--mapping", mapping, "--into", str(openai))  # fmt: skip
    lines = result.stderr.splitlines()
    assert lines[0].endswith("7 row(s), 4 mapped, 3 not mapped")
    assert "briefcli: note: added 3 relations" in lines
    assert any(line.startswith("briefcli: note: not mapped: row 6: ") for line in lines)
    assert lines[-1].startswith("briefcli: error: 3 of 7 row(s) could not be mapped")
    assert result.stdout == ""


# ---------------------------------------------------------------- usage and bad input


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--from", "excel", str(CONTACTS)], "'excel' is not one of"),
        (["--from", "csv", str(CONTACTS)], "--from csv needs --records"),
        (["--from", "stix", str(BUNDLE), "--records", "actors"], "are for --from csv"),
        (["--from", "csv", str(CONTACTS), "--records", "actors", "--map", "nmae=Full name"],
         "did you mean 'name'?"),
        (["--from", "csv", str(CONTACTS), "--records", "actors", "--map", "name=Surname"],
         "no column 'Surname'"),
        (["--from", "csv", str(CONTACTS), "--records", "actors", "--map", "name"],
         "is not FIELD=COLUMN"),
        (["--from", "csv", str(CONTACTS), "--records", "relations"],
         "gives the relations' subject"),
        (["--from", "acled", str(ACLED), "--into", "a.yaml", "--new", "b"], "not both"),
    ],
)  # fmt: skip
def test_usage_errors_are_exit_2_on_one_line(harbour: Path, args: list[str], said: str) -> None:
    before = harbour.read_bytes()
    result = run("--brief", str(harbour), "import", *args)
    assert result.exit_code == ExitCode.USAGE, result.stderr
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("briefcli: error: ")
    assert harbour.read_bytes() == before


def _files(tmp_path: Path) -> dict[str, tuple[str, bytes]]:
    """Broken input files: (what --from reads it as, its bytes)."""
    header = ACLED.read_bytes().split(b"\n", 1)[0]
    return {
        "quote.csv": ("csv", b'name,kind\n"Jane Doe,person\n'),
        "wide.csv": ("csv", b"name,kind\nJane Doe,person\nJohn Doe,person,extra\n"),
        "latin1.csv": ("csv", b"name,kind\nJos\xe9,person\n"),
        "empty.csv": ("csv", b""),
        "notacled.csv": ("acled", b"event_id_cnty,event_date\nX1,2024-01-01\n"),
        "broken.json": ("stix", b'{"type": "bundle",\n "objects": [\n  {"type": "identity",}\n]}'),
        "list.json": ("stix", b"[]"),
        "header-only.csv": ("acled", header.replace(b"event_type,", b"") + b"\n"),
    }


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("quote.csv", "line 2: not valid CSV: unexpected end of data"),
        ("wide.csv", "row 3 (line 3): 3 fields, but the header has 2"),
        ("latin1.csv", "line 2: not UTF-8 text (byte 0xe9)"),
        ("empty.csv", "line 1: no header"),
        ("notacled.csv", "line 1: not an ACLED export: no column event_type"),
        ("broken.json", "line 3 column 23: not valid JSON"),
        ("list.json", "line 1: not a STIX bundle"),
        ("header-only.csv", "no column event_type"),
        ("missing.csv", "no such file"),
    ],
)
def test_a_file_that_cannot_be_read_is_exit_3_naming_file_and_line(
    harbour: Path, tmp_path: Path, name: str, said: str
) -> None:
    files = _files(tmp_path)
    source_format = files.get(name, ("csv", b""))[0]
    path = tmp_path / name
    if name in files:
        path.write_bytes(files[name][1])
    records = ["--records", "actors"] if source_format == "csv" else []
    before = harbour.read_bytes()
    result = run("import", "--from", source_format, str(path), *records, "--into", str(harbour))
    assert result.exit_code == ExitCode.INVALID_BRIEF, result.stderr
    assert result.stderr.startswith(f"briefcli: error: {path}: ")
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert harbour.read_bytes() == before


def test_a_mapping_file_that_is_not_one_is_exit_3(harbour: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("- name\n- kind\n", encoding="utf-8")
    result = run("import", "--from", "csv", str(CONTACTS), "--records", "actors",
                 "--mapping", str(mapping), "--into", str(harbour))  # fmt: skip
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert f"{mapping}: line 1: expected a mapping of fields to column names" in result.stderr


def test_a_brief_that_cannot_be_written_is_exit_4_and_left_as_it_was(shared_tmp: Path) -> None:
    # As an unprivileged user (root may write any file): a brief, and a folder, it may not
    # write; the stored texts an ACLED import writes first are not left behind either.
    folder = shared_tmp / "brief"
    brief = copy_openai(folder)
    for path in (folder, folder / "sources"):
        path.chmod(0o755)
    brief.chmod(0o444)
    before = sorted(p.name for p in folder.rglob("*"))
    content = brief.read_bytes()
    command = [str(Path(sys.executable).with_name("briefcli")), "--brief", str(brief), "import"]
    for args in (
        ["--from", "csv", str(CONTACTS), "--records", "actors", *CONTACT_COLUMNS],
        ["--from", "acled", str(ACLED)],
    ):
        completed = subprocess.run(
            as_unprivileged([*command, *args]),
            capture_output=True,
            text=True,
            env={**os.environ, "BRIEFCLI_NO_CACHE": "1"},
            check=False,
        )
        assert completed.returncode == ExitCode.OUTPUT_ERROR, completed.stderr
        (error,) = completed.stderr.splitlines()[-1:]
        assert error.startswith("briefcli: error: ")
        assert "the file is read-only" in error or "Permission denied" in error
        assert brief.read_bytes() == content
        assert sorted(p.name for p in folder.rglob("*")) == before


# ---------------------------------------------------------------- STIX


def test_the_stix_fixture_is_a_valid_bundle() -> None:
    stix2.parse(BUNDLE.read_text(encoding="utf-8"), allow_custom=False)


def test_a_stix_bundle_of_another_tool(openai: Path) -> None:
    result, report = imported("--from", "stix", str(BUNDLE), "--into", str(openai))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert report["rows"] == 27 and accounted(report) == set(range(1, 28))
    reasons = unmapped(report)
    assert reasons == {
        16: "a STIX malware: the brief has no record for it",
        17: "its target_ref (object 16, a STIX malware) is not an actor",
        18: "relationship type 'impersonates' has no relation type in this brief",
        19: "its target_ref (object 11) is a place, not an actor",
        20: "its target_ref (object 10) is a place, not an actor",
        21: "its target_ref 'identity--00000000-0000-4000-8000-000000000000' is not in the bundle",
        22: "a STIX attack-pattern: the brief has no record for it",
        27: "a STIX opinion: the brief has no record for it",
    }
    hint = next(e["hint"] for e in report["not_mapped"] if e["row"] == 18)
    assert "declare 'impersonates' under vocabulary.relations to take it" in hint
    skipped = {entry["row"]: entry for entry in report["skipped"]}
    assert "the bundle's author" in skipped[1]["reason"]  # created_by_ref only
    assert (skipped[5]["id"], skipped[8]["id"], skipped[10]["id"]) == (
        "microsoft",
        "openai",
        "san-francisco",
    )  # fmt: skip  (same names as the brief's)
    brief = load(openai)
    actors = {actor.id: actor for actor in brief.actors}
    sudan = actors["anonymous-sudan"]
    assert (sudan.kind, sudan.type) == ("organisation", "threat actor: activist")
    assert [(a.name, a.form) for a in sudan.aliases] == [("Storm-1359", "nickname")]
    assert (actors["killnet"].type, actors["ddos-attacks-on-chatgpt-november"].type) == (
        "intrusion set", "campaign",
    )  # fmt: skip
    assert actors["kenya"].kind == "state"  # a national government's identity
    crush = actors["crush"]
    assert (crush.kind, [r.title for r in crush.roles]) == ("person", ["spokesperson"])
    # Named neither as its city nor as its country (SD): a place, of no known position.
    place = next(p for p in brief.places if p.name == "Sudan")
    assert (place.kind, place.latitude) == ("place", None)
    ties = {(r.subject, r.type, r.object): r for r in brief.relations}
    targets = ties["anonymous-sudan", "hostile_to", "microsoft"]
    assert (targets.confidence, targets.since) == ("high", "2023-06-05")
    claimed = ties["ddos-attacks-on-chatgpt-november", "linked_to", "anonymous-sudan"]
    assert claimed.confidence == "moderate"  # attributed-to, confidence 60
    # STIX's related-to is its loosest tie, not the brief's related_to (kinship).
    assert ("killnet", "linked_to", "anonymous-sudan") in ties
    assert ("killnet", "related_to", "anonymous-sudan") not in ties
    assert ("crush", "member_of", "anonymous-sudan") in ties  # a type the brief has
    source = next(s for s in brief.sources if s.url == NOVUS_URL)
    assert (source.kind, source.reliability) == ("document", "F")
    assert source.published is not None and source.published.value == "2023-11-10"
    note = brief.notes[-1]
    assert note.text.startswith("Anonymous Sudan claims the ChatGPT outage. A group identifying")
    assert (note.kind, note.confidence) == ("inference", "moderate")
    assert note.concerns == ["anonymous-sudan", source.id]  # and the report that holds it


def test_a_stix_related_to_is_the_loosest_tie_and_never_kinship(tmp_path: Path) -> None:
    """STIX's related-to links any two objects; the brief's related_to is kinship (a type the
    brief has, spelt alike, is otherwise taken as it is)."""
    data = json.loads(BUNDLE.read_text(encoding="utf-8"))
    names = {obj["id"]: obj.get("name") for obj in data["objects"]}
    (tie,) = [obj for obj in data["objects"] if obj.get("relationship_type") == "related-to"]
    ends = {tie["source_ref"], tie["target_ref"]}
    data["objects"] = [obj for obj in data["objects"] if obj["id"] in ends | {tie["id"]}]
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(data), encoding="utf-8")
    result, _ = imported("--from", "stix", str(bundle), "--new", str(tmp_path / "new"))
    assert result.exit_code == ExitCode.OK
    brief = load(tmp_path / "new" / "brief.yaml")
    actors = {actor.id: actor.name for actor in brief.actors}
    (relation,) = brief.relations
    assert (actors[relation.subject], relation.type, actors[relation.object]) == (
        names[tie["source_ref"]], "linked_to", names[tie["target_ref"]],
    )  # fmt: skip


BRIEFS = {
    "harbour": SECOND_BRIEF,
    "meghalaya": MEGHALAYA_BRIEF,
    "openai": OPENAI_BRIEF,
    "bundled": BUNDLED_BRIEF,
}


@pytest.mark.parametrize("name", list(BRIEFS))
def test_a_brief_exported_to_stix_and_imported_is_the_same_brief(tmp_path: Path, name: str) -> None:
    original = BRIEFS[name]
    bundle = tmp_path / "bundle.json"
    assert run("--brief", str(original), "export", "--to", "stix", str(bundle)).exit_code == 0
    result, report = imported("--from", "stix", str(bundle), "--new", str(tmp_path / "new"))
    assert result.exit_code == ExitCode.OK, report["not_mapped"]
    assert accounted(report) == set(range(1, report["rows"] + 1))
    copy = tmp_path / "new" / "brief.yaml"
    assert load(copy) == load(original)  # every record and field, meta and vocabulary too
    for source in load(original).sources:  # with the stored texts its excerpts are checked in
        if source.text:
            assert (copy.parent / source.text).read_bytes() == (
                original.parent / source.text
            ).read_bytes()
    assert run("validate", str(copy)).exit_code == ExitCode.OK


def test_the_round_trip_answers_every_question_alike(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    run("--brief", str(SECOND_BRIEF), "export", "--to", "stix", str(bundle))
    imported("--from", "stix", str(bundle), "--new", str(tmp_path / "new"))
    copy = tmp_path / "new" / "brief.yaml"
    for command in ("actors", "relations", "timeline", "sources", "claims", "notes", "places"):
        answers = [run("--brief", str(b), command, "--json").stdout for b in (SECOND_BRIEF, copy)]
        assert json.loads(answers[0]) == json.loads(answers[1]), command


def test_importing_an_exported_brief_into_itself_adds_nothing(
    harbour: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.json"
    run("--brief", str(harbour), "export", "--to", "stix", str(bundle))
    before = harbour.read_bytes()
    result, report = imported("--from", "stix", str(bundle), "--into", str(harbour))
    assert result.exit_code == ExitCode.OK
    assert (report["added"], report["not_mapped"], report["written"]) == ([], [], False)
    assert harbour.read_bytes() == before


def test_without_the_x_briefcli_properties_stix_still_gives_names_kinds_and_ties(
    tmp_path: Path,
) -> None:
    """What other tools keep of an exported bundle: its STIX properties only."""
    bundle = tmp_path / "bundle.json"
    run("--brief", str(SECOND_BRIEF), "export", "--to", "stix", str(bundle))
    data = json.loads(bundle.read_text(encoding="utf-8"))
    for obj in data["objects"]:
        for key in [key for key in obj if key.startswith("x_briefcli_") or key == "extensions"]:
            del obj[key]
    bundle.write_text(json.dumps(data), encoding="utf-8")
    _, report = imported("--from", "stix", str(bundle), "--new", str(tmp_path / "new"))
    brief, original = load(tmp_path / "new" / "brief.yaml"), load(SECOND_BRIEF)
    assert {a.name for a in brief.actors} == {a.name for a in original.actors}
    names = {a.id: a.name for a in brief.actors}
    original_names = {a.id: a.name for a in original.actors}
    assert {(names[r.subject], r.type, names[r.object]) for r in brief.relations} == {
        (original_names[r.subject], r.type, original_names[r.object]) for r in original.relations
    }
    assert accounted(report) == set(range(1, report["rows"] + 1))


def test_a_stix_object_with_no_type_is_reported_and_the_rest_imported(
    openai: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.json"
    data = json.loads(BUNDLE.read_text(encoding="utf-8"))
    data["objects"].insert(0, {"id": "nothing--1", "name": "no type"})
    bundle.write_text(json.dumps(data), encoding="utf-8")
    _, report = imported("--from", "stix", str(bundle), "--into", str(openai))
    assert unmapped(report)[1] == "not a STIX object: it has no type or no id"
    assert "anonymous-sudan" in added(report, "actors")


# ---------------------------------------------------------------- ACLED


def test_an_acled_export_into_a_new_brief(tmp_path: Path) -> None:
    folder = tmp_path / "acled"
    result, report = imported("--from", "acled", str(ACLED), "--new", str(folder))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert (report["rows"], report["mapped"]) == (9, 6)
    assert accounted(report) == set(range(2, 11))
    reasons = unmapped(report)
    assert reasons == {
        5: "Strategic developments: Arrests has no event kind in this brief",
        8: "no event_date: the cell is empty",
        9: "Riots: Mob violence has no event kind in this brief",
    }
    hints = {entry["row"]: entry.get("hint") for entry in report["not_mapped"]}
    assert hints[5] == "declare 'arrests' under vocabulary.events to take it"
    brief_path = folder / "brief.yaml"
    brief = load(brief_path)
    events = {event.id: event for event in brief.events}
    assert {e: events[e].kind for e in events} == {
        "e-ken9001": "protest", "e-ken9002": "protest", "e-ken9003": "protest",
        "e-ken9005": "protest", "e-ken9006": "agreement", "e-ken9009": "protest",
    }  # fmt: skip
    assert events["e-ken9002"].date.value == "2024-04-09"  # written "9 April 2024"
    month = events["e-ken9005"].date  # time_precision 3
    assert (month.value, month.method) == ("2024-04", "approximate")
    riot = events["e-ken9003"]
    assert [(p.actor, p.role) for p in riot.participants] == [
        ("rioters-kenya", "attendee"), ("police-forces-of-kenya-2022", "party"),
    ]  # fmt: skip
    assert "5 reported fatalities" in str(riot.summary)
    places = {place.id: place for place in brief.places}
    # ACLED's admin1 is Kenya's county, named as its town: a region, and a town within it.
    nakuru = places[str(events["e-ken9001"].place)]
    assert (nakuru.name, nakuru.kind, nakuru.within, nakuru.country) == (
        "Nakuru", "town", "nakuru", "kenya",
    )  # fmt: skip
    assert (places["nakuru"].name, places["nakuru"].kind) == ("Nakuru", "region")
    assert (nakuru.latitude, nakuru.longitude) == (-0.2917, 36.0644)
    assert next(a for a in brief.actors if a.id == "kenya").kind == "state"
    ties = {(r.subject, r.type, r.object) for r in brief.relations}
    assert ("health-workers-kenya", "affiliated_with", "protesters-kenya") in ties
    kmpdu = "kmpdu-kenya-medical-practitioners-pharmacists"  # "KMPDU: Kenya Medical …"
    assert (kmpdu, "affiliated_with", "protesters-kenya") in ties  # one of two associates
    sources = {source.name: source for source in brief.sources}
    assert {name: (s.kind, s.reliability) for name, s in sources.items()} == {
        "ACLED": ("document", "B"),
        "Capital FM": ("outlet", "C"),  # National
        "The Standard; Baraka FM": ("outlet", "C"),  # National-Subnational
        "Channel 4 News": ("outlet", "C"),  # International
        "France 24; newsoftheworld.us": ("outlet", "C"),  # International-Other: the better part
        "Kenyan DAILY POST": ("social-media", "F"),  # New media
    }
    # No source of the fixture is one of ACLED's local partners; their grade, and the better
    # part of a mixed scale, all the same:
    assert (reliability("Local partner"), reliability("Local partner-Other")) == ("B", "B")
    assert all(s.via == "src-acled" for name, s in sources.items() if name != "ACLED")
    claims = {claim.events[0]: claim for claim in brief.claims}
    capital = sources["Capital FM"]
    assert claims["e-ken9006"].source == capital.id and claims["e-ken9006"].credibility == 3
    text = (folder / str(capital.text)).read_text(encoding="utf-8")
    assert claims["e-ken9006"].excerpt in text  # the notes, verbatim
    assert "KEN9001 (2024-03-26): On 26 March 2024, hundreds of doctors" in text
    checked = run("validate", str(brief_path))
    assert checked.exit_code == ExitCode.OK
    assert "6 excerpts checked against source texts" in checked.stdout


def test_acled_event_types_the_brief_declares_are_taken(tmp_path: Path) -> None:
    folder = tmp_path / "acled"
    run("init", str(folder), "--title", "Kenya, 2024")
    brief = folder / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    declared = "vocabulary:\n  events:\n    - {name: arrests}\n    - {name: mob-violence}\n"
    brief.write_text(text.replace("\nsources:", f"\n{declared}\nsources:", 1), encoding="utf-8")
    _, report = imported("--from", "acled", str(ACLED), "--into", str(brief))
    assert unmapped(report) == {8: "no event_date: the cell is empty"}
    events = {event.id: event for event in load(brief).events}
    arrests = events["e-ken9004"]
    assert arrests.kind == "arrests"
    assert (arrests.date.value, arrests.date.method) == ("2024-06-19/2024-06-25", "approximate")
    assert "near Nairobi" in str(arrests.summary)  # geo_precision 2
    assert events["e-ken9008"].kind == "mob-violence"
    assert "civilians targeted" in str(events["e-ken9008"].summary)


def test_an_acled_export_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    folder = tmp_path / "acled"
    imported("--from", "acled", str(ACLED), "--new", str(folder))
    brief = folder / "brief.yaml"
    texts = {p.name: p.read_bytes() for p in (folder / "sources").iterdir()}
    before = brief.read_bytes()
    _, report = imported("--from", "acled", str(ACLED), "--into", str(brief))
    assert report["added"] == [] and brief.read_bytes() == before
    assert {p.name: p.read_bytes() for p in (folder / "sources").iterdir()} == texts
    assert {entry["row"] for entry in report["skipped"]} == {2, 3, 4, 6, 7, 10}


def test_acled_into_an_existing_brief_and_a_dry_run_writes_nothing(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")
    sources = sorted(p.name for p in (harbour.parent / "sources").iterdir())
    result, report = imported("--from", "acled", str(ACLED), "--into", str(harbour), "--dry-run")
    assert report["written"] is False and len(added(report, "events")) == 6
    assert "nothing written: a dry run" in result.stderr
    assert harbour.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in (harbour.parent / "sources").iterdir()) == sources
    result, report = imported("--from", "acled", str(ACLED), "--into", str(harbour))
    assert report["written"] is True
    after = harbour.read_text(encoding="utf-8")
    assert only_lines_added(before, after)
    assert after.startswith("# A second, unrelated brief for the test suite")
    assert run("validate", str(harbour)).exit_code == ExitCode.OK
