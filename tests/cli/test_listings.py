"""Specification: the lists of the brief's other records (issue 21, item 5): `relations`,
`claims`, `notes` and `places` work as `actors`, `timeline` and `sources` do. Every format,
the global options, CSV columns from the record type, `[]` and a header-only CSV when nothing
matches, references as `{id, name}`; each filter answers what the rest of briefcli says of
the same records (an actor's profile, an event's claims, `sources --source`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import (
    BUNDLED_BRIEF,
    MEGHALAYA_BRIEF,
    OPENAI_BRIEF,
    SECOND_BRIEF,
    BriefWriter,
)

runner = CliRunner()
LISTS = ["relations", "claims", "notes", "places"]
BRIEFS = [BUNDLED_BRIEF, SECOND_BRIEF, MEGHALAYA_BRIEF, OPENAI_BRIEF]


def run(brief: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args], env=env)


def run_json(brief: Path, *args: str) -> Any:
    result = run(brief, *args, "--json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["id"] for row in rows]


def csv_header(brief: Path, *args: str) -> list[str]:
    result = run(brief, *args, "--format", "csv")
    assert result.exit_code == ExitCode.OK, result.stderr
    return next(csv.reader(io.StringIO(result.stdout)))


def is_ref(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"id", "name"}


# ---------------------------------------------------------------- like every list command


@pytest.mark.parametrize("output_format", ["table", "markdown", "json", "jsonl", "csv"])
@pytest.mark.parametrize("command", LISTS)
@pytest.mark.parametrize("brief", BRIEFS, ids=lambda brief: brief.stem)
def test_each_list_answers_every_brief_in_every_format(
    brief: Path, command: str, output_format: str
) -> None:
    result = run(brief, command, "--format", output_format)
    assert (result.exit_code, result.stderr) == (ExitCode.OK, "")
    shown = result.stdout
    assert shown.strip()
    assert "\x1b" not in shown  # piped: no escape codes
    if output_format == "json":
        assert isinstance(json.loads(shown), list)
    elif output_format == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in shown.splitlines())
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO(shown)))
        assert len(rows) >= 2
        assert len({len(row) for row in rows}) == 1  # rectangular


@pytest.mark.parametrize("command", LISTS)
def test_a_piped_table_is_tab_separated_rows_under_a_header(command: str) -> None:
    lines = run(SECOND_BRIEF, command).stdout.splitlines()
    assert len(lines) == 1 + len(run_json(SECOND_BRIEF, command))
    assert all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)


@pytest.mark.parametrize("command", LISTS)
def test_on_a_terminal_width_a_table_has_its_title_and_count(command: str) -> None:
    result = run(BUNDLED_BRIEF, command, env={"COLUMNS": "120"})
    assert result.exit_code == ExitCode.OK, result.stderr
    count = len(run_json(BUNDLED_BRIEF, command))
    assert f"({count})" in result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("every", "none"),
    [
        (["relations"], ["relations", "--type", "spouse_of"]),
        (["claims"], ["claims", "--min-grade", "A1"]),
        (["notes"], ["notes", "--kind", "translation"]),
        (["places"], ["places", "--within", "Port Dunmore"]),
    ],
    ids=LISTS,
)
def test_nothing_matching_is_an_empty_array_and_a_header_only_csv(
    every: list[str], none: list[str]
) -> None:
    assert run(SECOND_BRIEF, *none, "--json").stdout == "[]\n"
    assert run(SECOND_BRIEF, *none, "--format", "jsonl").stdout == ""
    assert csv_header(SECOND_BRIEF, *none) == csv_header(SECOND_BRIEF, *every)
    assert len(run(SECOND_BRIEF, *none, "--format", "csv").stdout.splitlines()) == 1
    assert run(SECOND_BRIEF, *none).exit_code == ExitCode.OK


@pytest.mark.parametrize(
    ("command", "header"),
    [
        ("relations", ["id", "type", "subject_id", "subject_name", "object_id", "object_name"]),
        ("claims", ["id", "statement", "grade", "reliability", "credibility", "source_id"]),
        ("notes", ["id", "kind", "text", "confidence", "concerns_id", "concerns_name"]),
        ("places", ["id", "name", "kind", "country_id", "country_name", "within_id"]),
    ],
)
def test_csv_columns_are_the_record_fields_with_a_ref_as_id_and_name(
    command: str, header: list[str]
) -> None:
    assert csv_header(SECOND_BRIEF, command)[: len(header)] == header


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda brief: brief.stem)
def test_every_reference_is_a_ref_and_every_row_has_its_id(brief: Path) -> None:
    relations = run_json(brief, "relations")
    assert all(is_ref(r["subject"]) and is_ref(r["object"]) for r in relations)
    assert all(is_ref(claim) for r in relations for claim in r["claims"])
    claims = run_json(brief, "claims")
    for claim in claims:
        refs = [claim["source"], *claim["chain"], *claim["actors"], *claim["events"]]
        assert all(is_ref(ref) for ref in [*refs, *claim["relations"]])
    notes = run_json(brief, "notes")
    assert all(is_ref(ref) for note in notes for ref in note["concerns"])
    places = run_json(brief, "places")
    for place in places:
        assert all(place[key] is None or is_ref(place[key]) for key in ("country", "within"))
    for rows in (relations, claims, notes, places):
        assert rows and all(isinstance(row["id"], str) for row in rows)


def test_fields_and_jq_select_from_a_list_as_from_any_other() -> None:
    result = run(SECOND_BRIEF, "--fields", "id,event_count", "places", "--format", "csv")
    assert result.stdout.splitlines()[0] == "id,event_count"
    result = run(SECOND_BRIEF, "--jq", ".[].subject.name", "relations", "--type", "leads")
    assert result.stdout.splitlines() == ["Grace Okafor", "Liam Brennan"]


def test_each_list_holds_every_record_of_its_section_in_brief_order() -> None:
    import yaml

    data = yaml.safe_load(SECOND_BRIEF.read_text(encoding="utf-8"))
    for command in LISTS:
        assert ids(run_json(SECOND_BRIEF, command)) == [r["id"] for r in data[command]]


# ---------------------------------------------------------------- relations


@pytest.mark.parametrize(
    ("brief", "actor"),
    [
        (BUNDLED_BRIEF, "Hadi al-Amiri"),
        (BUNDLED_BRIEF, "Iran"),
        (SECOND_BRIEF, "Grace Okafor"),
        (MEGHALAYA_BRIEF, "Mukul Sangma"),
    ],
)
def test_relations_of_an_actor_are_exactly_those_of_its_profile(brief: Path, actor: str) -> None:
    profile = run_json(brief, "actor", actor)
    rows = run_json(brief, "relations", "--actor", actor)
    assert ids(rows) == [relation["id"] for relation in profile["relations"]]
    by_id = {relation["id"]: relation for relation in profile["relations"]}
    for row in rows:
        seen = by_id[row["id"]]
        assert profile["id"] in (row["subject"]["id"], row["object"]["id"])
        assert row["claims"] == seen["claims"]  # the same evidence, in the same order
        assert (row["current"], row["confidence"]) == (seen["current"], seen["confidence"])


def test_relations_of_an_actor_named_by_a_close_spelling_say_it_is_a_guess() -> None:
    result = run(BUNDLED_BRIEF, "relations", "--actor", "Khomeini", "--json")
    assert result.exit_code == ExitCode.OK
    assert result.stderr.startswith("briefcli: note: no actor is named 'Khomeini'")
    assert json.loads(result.stdout)


def test_relations_of_a_type_take_it_as_the_tables_write_it() -> None:
    rows = run_json(BUNDLED_BRIEF, "relations", "--type", "backed by")
    assert rows and {row["type"] for row in rows} == {"backed_by"}
    assert run_json(BUNDLED_BRIEF, "relations", "--type", "Backed_By") == rows


def test_an_unknown_relation_type_is_not_found_with_the_closest() -> None:
    result = run(BUNDLED_BRIEF, "relations", "--type", "backd_by")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "briefcli: error: no relation type 'backd_by' in this brief's vocabulary (hint: did "
        "you mean 'backed_by'?)\n"
    )


def test_relations_of_a_class_are_those_of_its_types() -> None:
    rows = run_json(BUNDLED_BRIEF, "relations", "--class", "hostility")
    assert {row["type"] for row in rows} == {"hostile_to", "strained_relations_with"}
    assert run(BUNDLED_BRIEF, "relations", "--class", "enmity").exit_code == ExitCode.USAGE


def test_a_declared_relation_type_is_listed_by_its_class(write_brief: BriefWriter) -> None:
    brief = write_brief(
        'meta: {title: T, as_of: "2024"}\n'
        "vocabulary:\n  relations:\n    - {type: funds, class: patronage}\n"
        "actors:\n  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: organisation}\n"
        "relations:\n  - {id: r-1, subject: a, type: funds, object: b}\n"
    )
    assert ids(run_json(brief, "relations", "--class", "patronage")) == ["r-1"]
    assert ids(run_json(brief, "relations", "--type", "funds")) == ["r-1"]


def test_current_and_former_relations_speak_for_the_briefs_day_or_as_of() -> None:
    former = run_json(MEGHALAYA_BRIEF, "relations", "--former")
    assert ids(former) == ["r-mukul-leads-meghalaya", "r-congress-udp-alliance"]
    current = run_json(MEGHALAYA_BRIEF, "relations", "--current")
    assert "r-conrad-leads-meghalaya" in ids(current)
    assert not set(ids(current)) & set(ids(former))
    assert all(row["current"] for row in current)
    # In 2012 Mukul Sangma was Chief Minister and Conrad Sangma not yet: that relation is
    # neither current nor former then.
    in_2012 = ids(run_json(MEGHALAYA_BRIEF, "--as-of", "2012", "relations", "--current"))
    assert "r-mukul-leads-meghalaya" in in_2012
    assert "r-conrad-leads-meghalaya" not in in_2012
    assert run_json(MEGHALAYA_BRIEF, "--as-of", "2012", "relations", "--former") == []


def test_a_relations_table_reads_subject_relation_object_with_its_claims() -> None:
    header, *rows = run(BUNDLED_BRIEF, "relations", "--actor", "Hadi al-Amiri").stdout.splitlines()
    assert header.split("\t") == ["Subject", "Relation", "Object", "When", "Confidence", "Claims"]
    assert rows[0].split("\t")[:3] == ["Hadi al-Amiri", "leads", "Badr Organization"]


# ---------------------------------------------------------------- claims


@pytest.mark.parametrize("event", ["ev-beirut-meeting", "ev-qom-meeting"])
def test_claims_about_an_event_are_the_claims_it_cites_and_those_naming_it(event: str) -> None:
    entry = next(e for e in run_json(BUNDLED_BRIEF, "timeline") if e["id"] == event)
    naming = [c["id"] for c in run_json(BUNDLED_BRIEF, "claims") if event in ids(c["events"])]
    about = ids(run_json(BUNDLED_BRIEF, "claims", "--about", event))
    assert set(about) == set(naming) | set(ids(entry["claims"]))
    assert len(about) == len(set(about))
    assert about[: len(entry["claims"])] == ids(entry["claims"])  # those it cites first


def test_claims_about_an_actor_are_those_of_its_profile() -> None:
    profile = run_json(BUNDLED_BRIEF, "actor", "Muqtada al-Sadr")
    rows = run_json(BUNDLED_BRIEF, "claims", "--about", "Muqtada al-Sadr")
    assert ids(rows) == ids(profile["claims"])
    shared = ("statement", "grade", "reliability", "credibility", "source", "chain", "excerpt")
    for row, claim in zip(rows, profile["claims"], strict=True):
        assert {key: row[key] for key in shared} == {key: claim[key] for key in shared}


def test_claims_about_a_relation_are_its_evidence() -> None:
    relation = next(
        r for r in run_json(BUNDLED_BRIEF, "relations") if r["id"] == "rel-amiri-nominated-pmf"
    )
    about = run_json(BUNDLED_BRIEF, "claims", "--about", "rel-amiri-nominated-pmf")
    assert ids(about) == ids(relation["claims"])


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("qom", "'qom' is a place, not an actor, an event or a relation"),
        ("ev-beirut-meetin", "no record has the id 'ev-beirut-meetin' (hint: did you mean "),
        ("Atlantis", "no actor matches 'Atlantis'"),
    ],
)
def test_claims_about_what_they_cannot_be_about_is_not_found(typed: str, error: str) -> None:
    result = run(BUNDLED_BRIEF, "claims", "--about", typed)
    assert (result.exit_code, result.stdout) == (ExitCode.NOT_FOUND, "")
    assert result.stderr.startswith(f"briefcli: error: {error}")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("source", ["Middle East Eye", "src-mee", "unnamed"])
def test_claims_through_a_source_are_those_sources_lists(source: str) -> None:
    through = ids(run_json(BUNDLED_BRIEF, "sources", "--source", source))
    assert ids(run_json(BUNDLED_BRIEF, "claims", "--source", source)) == through


def test_claims_graded_at_least_so_well() -> None:
    every = run_json(BUNDLED_BRIEF, "claims")
    good = run_json(BUNDLED_BRIEF, "claims", "--min-grade", "b2")
    assert good and len(good) < len(every)
    assert ids(good) == [
        c["id"] for c in every if c["reliability"] in "AB" and c["credibility"] <= 2
    ]
    reliable = run_json(BUNDLED_BRIEF, "claims", "--min-grade", "B")
    assert {c["reliability"] for c in reliable} == {"B"}
    credible = run_json(BUNDLED_BRIEF, "claims", "--min-grade", "2")
    assert {c["credibility"] for c in credible} == {2}


@pytest.mark.parametrize("grade", ["G", "B7", "3B", "", "B 3"])
def test_a_grade_that_is_not_one_is_a_usage_error(grade: str) -> None:
    result = run(BUNDLED_BRIEF, "claims", "--min-grade", grade)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"briefcli: error: --min-grade {grade!r} is not a grade")


def test_filters_of_claims_combine() -> None:
    rows = run_json(
        BUNDLED_BRIEF, "claims", "--about", "pmf", "--source", "Middle East Eye", "--min-grade", "2"
    )
    about = run_json(BUNDLED_BRIEF, "claims", "--about", "pmf")
    through = ids(run_json(BUNDLED_BRIEF, "claims", "--source", "Middle East Eye"))
    expected = [c["id"] for c in about if c["id"] in through and c["credibility"] <= 2]
    assert 0 < len(expected) < len(about)
    assert ids(rows) == expected


# ---------------------------------------------------------------- notes


def test_notes_of_a_kind() -> None:
    gaps = run_json(BUNDLED_BRIEF, "notes", "--kind", "gap")
    assert ids(gaps) == ["n-unnamed-outlet", "n-american-raids", "n-attendee-identity"]
    assert ids(run_json(SECOND_BRIEF, "notes", "--kind", "GAP")) == ["n-usf-deal-terms"]


def test_an_unknown_note_kind_is_a_usage_error_listing_the_kinds() -> None:
    result = run(BUNDLED_BRIEF, "notes", "--kind", "gaps")
    assert result.exit_code == ExitCode.USAGE
    assert "'translation', 'spelling', 'contradiction', 'inference', 'caveat', 'gap'" in (
        result.stderr
    )


@pytest.mark.parametrize("actor", ["pmf", "Popular Mobilization Forces", "Grace Okafor"])
def test_notes_about_an_actor_are_those_of_its_profile(actor: str) -> None:
    brief = SECOND_BRIEF if actor == "Grace Okafor" else BUNDLED_BRIEF
    profile = run_json(brief, "actor", actor)
    assert run_json(brief, "notes", "--about", actor) == profile["notes"]


@pytest.mark.parametrize("record", ["src-arabic-report", "c-us-strike", "najaf", "ev-us-strike"])
def test_notes_about_any_record_are_those_concerning_it(record: str) -> None:
    rows = run_json(BUNDLED_BRIEF, "notes", "--about", record)
    assert rows
    every = run_json(BUNDLED_BRIEF, "notes")
    assert ids(rows) == [n["id"] for n in every if record in ids(n["concerns"])]


# ---------------------------------------------------------------- places


def test_places_within_a_country_are_the_places_in_it() -> None:
    rows = run_json(BUNDLED_BRIEF, "places", "--within", "Iraq")
    assert ids(rows) == ["baghdad", "baghdad-international-airport", "najaf"]
    assert all(row["country"] == {"id": "iraq", "name": "Iraq"} for row in rows)


NESTED = """\
meta: {title: Nested, as_of: "2024"}
actors:
  - {id: ruritania, name: Ruritania, kind: state}
places:
  - {id: north, name: North Province, kind: province, country: ruritania}
  - {id: strelsau, name: Strelsau, kind: city, within: north,
     aliases: [{name: the capital, form: short}]}
  - {id: palace, name: Royal Palace, kind: building, within: strelsau}
  - {id: zenda, name: Zenda, kind: town}
events:
  - {id: e-1, kind: meeting, title: Talks at the palace, place: palace}
  - {id: e-2, kind: protest, title: A march in the capital, place: strelsau}
  - {id: e-3, kind: visit, title: A visit to Zenda, place: zenda}
"""


def test_places_within_a_place_are_those_inside_it_at_any_depth(write_brief: BriefWriter) -> None:
    brief = write_brief(NESTED)
    assert ids(run_json(brief, "places", "--within", "North Province")) == ["strelsau", "palace"]
    assert ids(run_json(brief, "places", "--within", "the capital")) == ["palace"]
    assert ids(run_json(brief, "places", "--within", "palace")) == []
    # A country: the places that give it as theirs, and those within them.
    assert ids(run_json(brief, "places", "--within", "Ruritania")) == [
        "north", "strelsau", "palace",
    ]  # fmt: skip


def test_a_places_events_are_those_timeline_place_lists(write_brief: BriefWriter) -> None:
    brief = write_brief(NESTED)
    rows = run_json(brief, "places")
    assert {row["id"]: row["event_count"] for row in rows} == {
        "north": 2, "strelsau": 2, "palace": 1, "zenda": 1,
    }  # fmt: skip
    for row in rows:
        assert row["event_count"] == len(run_json(brief, "timeline", "--place", row["id"]))
    strelsau = rows[1]
    assert strelsau["within"] == {"id": "north", "name": "North Province"}
    assert strelsau["aliases"] == [{"name": "the capital", "form": "short", "note": None}]


def test_a_place_that_is_not_there_is_not_found_with_the_known_ones() -> None:
    result = run(BUNDLED_BRIEF, "places", "--within", "Atlantis")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith(
        "briefcli: error: no place or country of places matches 'Atlantis' (hint: places and "
        "countries: Baghdad, "
    )
    # An actor that is no place's country is not a place either.
    assert run(BUNDLED_BRIEF, "places", "--within", "Hezbollah").exit_code == ExitCode.NOT_FOUND


def test_about_completes_the_kinds_of_record_it_takes() -> None:
    from briefcli import queries
    from briefcli.cli import listings

    assert listings._CLAIM_SUBJECTS == queries.CLAIM_SUBJECTS
    assert listings._NOTE_SUBJECTS == queries.NOTE_SUBJECTS


def test_a_note_concerning_another_note_names_it_by_its_text() -> None:
    rows = run_json(BUNDLED_BRIEF, "notes", "--about", "n-attendee-identity")
    assert ids(rows) == ["n-attendee-name-dropped"]
    concerned = next(r for r in rows[0]["concerns"] if r["id"] == "n-attendee-identity")
    assert concerned["name"].startswith('"One of those attending the meeting"')
