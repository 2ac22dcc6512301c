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


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    return copy_harbour(tmp_path)


# ---------------------------------------------------------------- CSV


def test_actors_from_a_contacts_sheet_with_columns_mapped(harbour: Path) -> None:
    before = harbour.read_text(encoding="utf-8")
    result, report = imported("--from", "csv", str(CONTACTS), "--records", "actors",
                              "--into", str(harbour), *CONTACT_COLUMNS)  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND  # some rows could not be mapped
    assert (report["rows"], report["mapped"], report["written"]) == (9, 6, True)
    assert accounted(report) == set(range(2, 11))  # the header is row 1
    reasons = unmapped(report)
    assert sorted(reasons) == [8, 9, 10]
    assert "no actor matches 'Kilbarra Ferries'" in reasons[8]  # nowhere, nor in a row before
    assert reasons[9] == "no name: column 'Full name' is empty"
    assert "kind 'alien' is not an actor kind" in reasons[10]
    (skipped,) = report["skipped"]
    assert (skipped["row"], skipped["id"]) == (2, "grace-okafor")
    assert "already present" in skipped["reason"]
    brief = load(harbour)
    actors = {actor.id: actor for actor in brief.actors}
    assert added(report, "actors") == [
        "aoife-brennan", "tomasz-wojcik", "kilbarra-harbour-authority", "dunmore-port-company",
        "niamh-keane",
    ]  # fmt: skip
    aoife = actors["aoife-brennan"]
    assert (aoife.kind, aoife.type) == ("person", None)  # the Type column is the kind only
    assert [(role.title, role.of) for role in aoife.roles] == [("Shop steward", "hdwu")]
    assert [alias.name for alias in actors["tomasz-wojcik"].aliases] == ["Tom Wojcik"]
    assert actors["kilbarra-harbour-authority"].kind == "organisation"  # "Organization"
    # Niamh Keane's organisation is a row before hers: resolved as add resolves names.
    assert actors["niamh-keane"].roles[0].of == "dunmore-port-company"
    # After the brief's own actors, everything else as it was, comments included.
    assert only_lines_added(before, harbour.read_text(encoding="utf-8"))
    assert run("validate", str(harbour)).exit_code == ExitCode.OK


def test_relations_with_a_mapping_file(harbour: Path) -> None:
    result, report = imported("--from", "csv", str(RELATIONS), "--records", "relations",
                              "--mapping", str(FIXTURES / "relations-mapping.yaml"),
                              "--into", str(harbour))  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND
    assert accounted(report) == set(range(2, 9))
    reasons = unmapped(report)
    assert sorted(reasons) == [5, 6, 7]
    assert "'Kilbarra Ferries'" in reasons[5]
    assert "no relation type 'owns'" in reasons[6]
    assert "to itself" in reasons[7]
    assert [(e["row"], e["id"]) for e in report["skipped"]] == [(2, "r-okafor-leads-hdwu")]
    relations = {r.id: r for r in load(harbour).relations}
    rival = relations[added(report, "relations")[0]]
    assert (rival.subject, rival.type, rival.object) == ("liam-brennan", "rival_of", "grace-okafor")
    assert (rival.confidence, rival.since) == ("moderate", "2024-03")
    assert rival.description == "Open quarrel at the City Hall march."
    assert len(added(report, "relations")) == 3


def test_events_from_columns_named_as_the_fields(harbour: Path) -> None:
    result, report = imported(
        "--from", "csv", str(EVENTS), "--records", "events", "--into", str(harbour)
    )
    assert result.exit_code == ExitCode.NOT_FOUND
    assert accounted(report) == set(range(2, 9))
    reasons = unmapped(report)
    assert sorted(reasons) == [4, 6, 7]
    assert "'2024-02-30' is not a real date" in reasons[6]
    assert "no event kind 'festival'" in reasons[7]
    assert ("events", "e-walkout") in {(e["section"], e["id"]) for e in report["skipped"]}
    brief = load(harbour)
    events = {event.id: event for event in brief.events}
    picket = events["e-picket-gate-2"]  # its own id, from the id column
    assert (picket.place, picket.date.value, picket.date.phrase) == (
        "kilbarra-terminal", "2024-03-05", "the day after the walkout",
    )  # fmt: skip
    assert [(p.actor, p.role) for p in picket.participants] == [("hdwu", "convener")]
    # A place the brief does not have is added; one of a row not mapped is not.
    assert added(report, "places") == ["harbour-gates"]
    assert "Kilbarra ferry terminal" not in {place.name for place in brief.places}


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


def test_importing_the_same_rows_again_adds_nothing(harbour: Path) -> None:
    args = ["--from", "csv", str(CONTACTS), "--records", "actors", "--into", str(harbour)]
    imported(*args, *CONTACT_COLUMNS)
    once = harbour.read_bytes()
    result, report = imported(*args, *CONTACT_COLUMNS)
    assert harbour.read_bytes() == once
    assert (report["added"], report["written"]) == ([], False)
    assert {entry["row"] for entry in report["skipped"]} == {2, 3, 4, 5, 6, 7}
    assert "nothing written" in result.stderr


def test_the_brief_is_brief_yaml_here_or_the_one_given_and_never_the_bundled_one(
    harbour: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.move(harbour, harbour.with_name("brief.yaml"))
    monkeypatch.chdir(harbour.parent)
    result = run("import", "--from", "csv", str(CONTACTS), "--records", "actors",
                 *CONTACT_COLUMNS)  # fmt: skip
    assert result.exit_code == ExitCode.NOT_FOUND, result.stderr
    assert "Aoife Brennan" in Path("brief.yaml").read_text(encoding="utf-8")
    refused = run("import", "--from", "csv", str(CONTACTS), "--records", "actors",
                  "--into", str(BUNDLED_BRIEF), *CONTACT_COLUMNS)  # fmt: skip
    assert refused.exit_code == ExitCode.USAGE
    assert "the bundled brief is not changed" in refused.stderr


def test_the_human_report_counts_and_lists_by_row(harbour: Path) -> None:
    mapping = str(FIXTURES / "relations-mapping.yaml")
    result = run("import", "--from", "csv", str(RELATIONS), "--records", "relations",
                 "--mapping", mapping, "--into", str(harbour))  # fmt: skip
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
    brief = copy_harbour(folder)
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


def test_a_stix_bundle_of_another_tool(harbour: Path) -> None:
    result, report = imported("--from", "stix", str(BUNDLE), "--into", str(harbour))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert report["rows"] == 23 and accounted(report) == set(range(1, 24))
    reasons = unmapped(report)
    assert reasons == {
        15: "a STIX malware: the brief has no record for it",
        16: "its target_ref (object 15, a STIX malware) is not an actor",
        17: "relationship type 'impersonates' has no relation type in this brief",
        18: "its target_ref (object 10) is a place, not an actor",
        19: "its target_ref 'identity--00000000-0000-4000-8000-000000000000' is not in the bundle",
        20: "a STIX indicator: the brief has no record for it",
        23: "a STIX opinion: the brief has no record for it",
    }
    hint = next(e["hint"] for e in report["not_mapped"] if e["row"] == 17)
    assert "declare 'impersonates' under vocabulary.relations" in hint
    skipped = {entry["row"]: entry for entry in report["skipped"]}
    assert "the bundle's author" in skipped[1]["reason"]  # created_by_ref only
    assert (skipped[5]["id"], skipped[8]["id"], skipped[9]["id"]) == (
        "meridian",
        "kilbarra-council",
        "kilbarra",
    )  # fmt: skip  (same names as the brief's)
    brief = load(harbour)
    actors = {actor.id: actor for actor in brief.actors}
    gulls = actors["grey-gulls"]
    assert (gulls.kind, gulls.type) == ("organisation", "threat actor: activist")
    assert [(a.name, a.form) for a in gulls.aliases] == [("The Gulls", "nickname")]
    assert (actors["low-tide"].type, actors["operation-slack-water"].type) == (
        "intrusion set", "campaign",
    )  # fmt: skip
    assert actors["westmark"].kind == "state"  # a national government's identity
    quinn = actors["marta-quinn"]
    assert (quinn.kind, [r.title for r in quinn.roles]) == ("person", ["spokesperson"])
    place = next(p for p in brief.places if p.name == "Meridian operations centre")
    assert (place.kind, place.latitude) == ("site", 53.271)
    ties = {(r.subject, r.type, r.object): r for r in brief.relations}
    targets = ties["grey-gulls", "hostile_to", "meridian"]
    assert (targets.confidence, targets.since) == ("high", "2024-03-06")
    assert ties["low-tide", "linked_to", "grey-gulls"].confidence == "moderate"
    assert ("marta-quinn", "member_of", "grey-gulls") in ties  # a type the brief has
    (source,) = [s for s in brief.sources if s.kind == "document"]
    assert (source.reliability, source.url) == (
        "F",
        "https://cert.kilbarra.example/reports/2024-03",
    )
    assert source.published is not None and source.published.value == "2024-03-14"
    note = brief.notes[-1]
    assert note.text.startswith("The Gulls claim the booking outage. A post signed")
    assert (note.kind, note.confidence) == ("inference", "moderate")
    assert note.concerns == ["grey-gulls", source.id]  # and the report that holds it


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
    harbour: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.json"
    data = json.loads(BUNDLE.read_text(encoding="utf-8"))
    data["objects"].insert(0, {"id": "nothing--1", "name": "no type"})
    bundle.write_text(json.dumps(data), encoding="utf-8")
    _, report = imported("--from", "stix", str(bundle), "--into", str(harbour))
    assert unmapped(report)[1] == "not a STIX object: it has no type or no id"
    assert "grey-gulls" in added(report, "actors")


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
        "e-wmk1001": "protest", "e-wmk1002": "protest", "e-wmk1003": "protest",
        "e-wmk1005": "protest", "e-wmk1006": "agreement", "e-wmk1009": "protest",
    }  # fmt: skip
    assert events["e-wmk1002"].date.value == "2024-03-13"  # written "13 March 2024"
    month = events["e-wmk1005"].date  # time_precision 3
    assert (month.value, month.method) == ("2024-03", "approximate")
    assert "near Port Dunmore" in str(events["e-wmk1005"].summary)  # geo_precision 2
    riot = events["e-wmk1003"]
    assert [(p.actor, p.role) for p in riot.participants] == [
        ("rioters-westmark", "attendee"), ("police-forces-of-westmark-2020", "party"),
    ]  # fmt: skip
    places = {place.id: place for place in brief.places}
    kilbarra = places[str(events["e-wmk1001"].place)]
    assert (kilbarra.kind, kilbarra.within, kilbarra.country) == (
        "town", "kilbarra-county", "westmark",
    )  # fmt: skip
    assert (kilbarra.latitude, kilbarra.longitude) == (53.27, -9.05)
    assert next(a for a in brief.actors if a.id == "westmark").kind == "state"
    ties = {(r.subject, r.type, r.object) for r in brief.relations}
    assert ("hdwu-harbour-and-dock-workers", "affiliated_with", "protesters-westmark") in ties
    sources = {source.name: source for source in brief.sources}
    assert {name: (s.kind, s.reliability) for name, s in sources.items()} == {
        "ACLED": ("document", "B"),
        "Kilbarra Courier": ("outlet", "C"),  # Subnational
        "Kilbarra Courier; Harbour Radio": ("outlet", "C"),  # Subnational-National
        "Harbour Radio": ("outlet", "C"),  # National
        "Dunmore Observer": ("outlet", "B"),  # Local partner-Other: the better part
        "Dockside Watch (X)": ("social-media", "F"),  # New media
    }
    assert all(s.via == "src-acled" for name, s in sources.items() if name != "ACLED")
    claims = {claim.events[0]: claim for claim in brief.claims}
    courier = sources["Kilbarra Courier"]
    assert claims["e-wmk1006"].source == courier.id and claims["e-wmk1006"].credibility == 3
    text = (folder / str(courier.text)).read_text(encoding="utf-8")
    assert claims["e-wmk1006"].excerpt in text  # the notes, verbatim
    assert "WMK1001 (2024-03-04): On 4 March 2024, dockworkers" in text
    checked = run("validate", str(brief_path))
    assert checked.exit_code == ExitCode.OK
    assert "6 excerpts checked against source texts" in checked.stdout


def test_acled_event_types_the_brief_declares_are_taken(tmp_path: Path) -> None:
    folder = tmp_path / "acled"
    run("init", str(folder), "--title", "Kilbarra unrest")
    brief = folder / "brief.yaml"
    text = brief.read_text(encoding="utf-8")
    declared = "vocabulary:\n  events:\n    - {name: arrests}\n    - {name: mob-violence}\n"
    brief.write_text(text.replace("\nsources:", f"\n{declared}\nsources:", 1), encoding="utf-8")
    _, report = imported("--from", "acled", str(ACLED), "--into", str(brief))
    assert unmapped(report) == {8: "no event_date: the cell is empty"}
    events = {event.id: event for event in load(brief).events}
    arrests = events["e-wmk1004"]
    assert arrests.kind == "arrests"
    assert (arrests.date.value, arrests.date.method) == ("2024-03-05/2024-03-11", "approximate")
    assert events["e-wmk1008"].kind == "mob-violence"
    assert "civilians targeted" in str(events["e-wmk1008"].summary)


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
