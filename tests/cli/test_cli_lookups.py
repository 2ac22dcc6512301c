"""The lookup commands, through Typer's CliRunner: what a user types and what they get back.

Each command runs on two briefs (the bundled one and tests/briefs/harbour.yaml) in every
output format; the bundled brief's JSON answers are pinned by golden files in tests/golden/
(refresh with BRIEFCLI_UPDATE_GOLDEN=1 after a deliberate change, and review the diff).
"""

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
from conftest import BUNDLED_BRIEF, SECOND_BRIEF, TEST_BRIEFS, BriefWriter, Golden

MEGHALAYA_BRIEF = TEST_BRIEFS / "meghalaya-2018.yaml"
OPENAI_BRIEF = TEST_BRIEFS / "openai-board-2023.yaml"

runner = CliRunner()


def run(brief: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args], env=env)


def run_json(brief: Path, *args: str) -> Any:
    result = run(brief, *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# One typical invocation of every lookup command, per brief.
COMMANDS: dict[str, list[list[str]]] = {
    "bundled": [
        ["actors"],
        ["actor", "Amiri"],
        ["timeline"],
        ["alignments"],
        ["alignments", "Kata'ib Hezbollah"],
        ["trace", "Hadi al-Amiri", "Muqtada al-Sadr"],
        ["sources"],
        ["search", "Nasrallah"],
    ],
    "harbour": [
        ["actors"],
        ["actor", "Grace Okafor"],
        ["timeline"],
        ["alignments"],
        ["alignments", "Meridian"],
        ["trace", "Grace Okafor", "Emeka Okafor"],
        ["sources"],
        ["search", "crane"],
    ],
}
BRIEFS = {"bundled": BUNDLED_BRIEF, "harbour": SECOND_BRIEF}
CASES = [(name, args) for name, commands in COMMANDS.items() for args in commands]


def _id(case: tuple[str, list[str]]) -> str:
    return f"{case[0]}:{' '.join(case[1])}"


@pytest.mark.parametrize("case", CASES, ids=_id)
@pytest.mark.parametrize("output_format", ["table", "json", "jsonl", "csv", "markdown"])
def test_every_lookup_answers_in_every_format(
    case: tuple[str, list[str]], output_format: str
) -> None:
    brief_name, args = case
    result = run(BRIEFS[brief_name], *args, "--format", output_format)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.strip()
    assert "\x1b" not in out  # piped output carries no escape codes
    if output_format == "json":
        json.loads(out)
    elif output_format == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(row) for row in rows}) == 1  # rectangular
        assert len(rows) >= 2


@pytest.mark.parametrize("case", COMMANDS["bundled"], ids=" ".join)
def test_bundled_json_answers_match_the_golden_files(case: list[str], golden: Golden) -> None:
    result = run(BUNDLED_BRIEF, *case, "--json")
    assert result.exit_code == 0, result.stderr
    name = "-".join(part.lower().replace(" ", "_").replace("'", "") for part in case)
    golden(f"bundled/{name}.json", result.stdout)


def test_json_flag_is_shorthand_for_format_json() -> None:
    long = run(SECOND_BRIEF, "actors", "--format", "json").stdout
    assert run(SECOND_BRIEF, "actors", "--json").stdout == long


# ---------------------------------------------------------------- actors


def test_actors_lists_every_actor_with_references_carrying_id_and_name() -> None:
    rows = run_json(SECOND_BRIEF, "actors")
    assert len(rows) == 14
    meridian = next(row for row in rows if row["id"] == "meridian")
    assert meridian["blocs"] == [
        {"id": "port-employers-alliance", "name": "Port Employers' Alliance"}
    ]
    assert set(rows[0]) == {
        "id", "name", "kind", "type", "blocs", "affiliations", "role", "status", "status_date",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (["--kind", "bloc"], {"port-employers-alliance"}),
        (["--bloc", "Port Employers"], {"meridian", "norland-freight"}),
        (["--affiliated-with", "Meridian Container Lines"], {"emeka-okafor"}),
        (["--status", "killed"], set()),
    ],
)
def test_actors_filters(option: list[str], expected: set[str]) -> None:
    rows = run_json(SECOND_BRIEF, "actors", *option)
    assert {row["id"] for row in rows} == expected


def test_actors_says_an_unknown_kind_is_unknown_with_the_closest() -> None:
    result = run(SECOND_BRIEF, "actors", "--kind", "persn")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "briefcli: error: no actor kind or type 'persn' in this brief (hint: did you mean "
        "'person'?)\n"
    )


def test_actors_takes_a_type_the_brief_gives_as_a_kind() -> None:
    # "party" is not a kind (organisation) but the type the user asked by.
    result = run(BUNDLED_BRIEF, "actors", "--kind", "Party", "--json")
    assert result.exit_code == ExitCode.OK
    assert {row["type"] for row in json.loads(result.stdout)} == {"party"}


def test_an_empty_list_is_an_empty_json_array() -> None:
    assert run(SECOND_BRIEF, "actors", "--status", "killed", "--json").stdout == "[]\n"


# ---------------------------------------------------------------- actor


def test_actor_profile_gathers_names_roles_relations_events_and_claims() -> None:
    profile = run_json(BUNDLED_BRIEF, "actor", "al-Amri")
    assert profile["id"] == "hadi-al-amiri"
    assert "Al-Amri" in [alias["name"] for alias in profile["aliases"]]
    types = {(relation["type"], relation["other"]["id"]) for relation in profile["relations"]}
    assert ("leads", "badr-organization") in types
    assert ("nominated_to_lead", "pmf") in types
    assert profile["events"], "al-Amiri took part in events"
    assert all(claim["grade"][0] in "ABCDEF" for claim in profile["claims"])


def test_actor_table_shows_the_profile_sections() -> None:
    result = run(SECOND_BRIEF, "actor", "grace okafor")
    assert result.exit_code == 0
    for section in ("Grace Okafor", "Relations", "Events", "Claims", "Analyst notes"):
        assert section in result.stdout


def test_an_ambiguous_name_lists_the_candidates_and_exits_1() -> None:
    result = run(BUNDLED_BRIEF, "actor", "al-Kaabi")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stdout == ""
    assert "Akram al-Kaabi" in result.stderr and "Abu Yasser al-Kaabi" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_hezbollah_alone_is_the_party_whose_name_it_is_not_also_the_brigades() -> None:
    result = run(BUNDLED_BRIEF, "actor", "Hezbollah", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["id"] == "hezbollah"


def test_a_name_found_only_by_its_spelling_is_answered_with_a_note_on_stderr() -> None:
    # Khomeini is not in the brief; his name has Khamenei's consonants and vowel places.
    result = run(BUNDLED_BRIEF, "actor", "Khomeini", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "ali-khamenei"
    assert result.stderr == (
        "briefcli: note: no actor is named 'Khomeini': showing Ali Khamenei, a similar "
        "spelling ('Khamenei')\n"
    )


@pytest.mark.parametrize("typed", ["Hadi al-Amiri", "al-Amri", "Amiri", "hadi-al-amiri"])
def test_a_name_the_brief_has_is_answered_without_a_note(typed: str) -> None:
    result = run(BUNDLED_BRIEF, "actor", typed, "--json")
    assert (result.exit_code, result.stderr) == (0, "")


def test_each_actor_of_a_trace_found_by_its_spelling_gets_its_note() -> None:
    result = run(BUNDLED_BRIEF, "trace", "Soliemani", "Muhandes", "--json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "briefcli: note: no actor is named 'Soliemani': showing Qassem Soleimani, a similar "
        "spelling ('Soleimani')",
        "briefcli: note: no actor is named 'Muhandes': showing Abu Mahdi al-Muhandis, a "
        "similar spelling ('al-Muhandis')",
    ]


def test_an_unknown_name_suggests_the_closest_and_exits_1() -> None:
    result = run(BUNDLED_BRIEF, "actor", "Soleymany Kassem")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no actor matches" in result.stderr
    assert "Qassem Soleimani" in result.stderr


# ---------------------------------------------------------------- names in other briefs


@pytest.mark.parametrize(
    ("brief", "typed", "expected"),
    [
        # an exact alias wins over a longer name with the same word (the Meghalaya Assembly)
        (MEGHALAYA_BRIEF, "Meghalaya", "meghalaya"),
        # an alias written with a possessive ("OpenAI’s board"), not also the signatories'
        # bloc ("OpenAI employees who signed the letter to the board")
        (OPENAI_BRIEF, "OpenAI board", "openai-board"),
        # a two-word title before the name
        (MEGHALAYA_BRIEF, "Chief Minister Mukul Sangma", "mukul-sangma"),
        (MEGHALAYA_BRIEF, "Shri Conrad Sangma", "conrad-sangma"),
    ],
)
def test_a_name_of_one_actor_finds_it_without_a_note(
    brief: Path, typed: str, expected: str
) -> None:
    result = run(brief, "actor", typed, "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["id"] == expected


def test_a_briefs_own_titles_are_used_from_the_cache_too(tmp_path: Path) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        'meta:\n  title: T\n  as_of: "2018"\n  names: {titles: ["Hon\'ble"]}\n'
        "actors:\n  - {id: mukul-sangma, name: Mukul Sangma, kind: person}\n",
        encoding="utf-8",
    )
    for _ in ("first run, the cache written", "second run, the brief read from the cache"):
        result = run(brief, "actor", "Hon'ble Mukul Sangma", "--json")
        assert (result.exit_code, result.stderr) == (0, "")
        assert json.loads(result.stdout)["id"] == "mukul-sangma"


def test_an_acronym_is_not_taken_for_a_word_with_its_consonants() -> None:
    # NDA is not in the Meghalaya brief; "India" has its consonants, n and d.
    result = run(MEGHALAYA_BRIEF, "actor", "NDA")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no actor matches 'NDA'" in result.stderr
    assert "India" not in result.stderr


def test_a_typo_as_close_to_two_actors_names_is_ambiguous() -> None:
    result = run(MEGHALAYA_BRIEF, "actor", "Sanga")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("briefcli: error: 'Sanga' matches 2 actors: ")
    assert "[conrad-sangma]" in result.stderr and "[mukul-sangma]" in result.stderr


# ---------------------------------------------------------------- timeline


def test_timeline_is_chronological_with_unknown_dates_last_unless_links_place_them() -> None:
    entries = run_json(BUNDLED_BRIEF, "timeline")
    starts = [entry["date"]["start"] for entry in entries]
    known = [start for start in starts if start is not None]
    assert known == sorted(known)
    # The one undated event is known to come before the Beirut meeting, and is placed so.
    undated = [entry["id"] for entry in entries if entry["date"]["start"] is None]
    assert undated == ["ev-us-raids-on-faction-sites"]
    ids = [entry["id"] for entry in entries]
    assert ids.index("ev-us-raids-on-faction-sites") + 1 == ids.index("ev-beirut-meeting")
    beirut = entries[ids.index("ev-beirut-meeting")]
    assert "ev-us-raids-on-faction-sites" in [event["id"] for event in beirut["after"]]


TIMED = """\
meta:
  title: Timed
  as_of: "2024-06-10"
events:
  - id: e-statement
    kind: statement
    title: A statement
    date: {value: "2024-06-03", phrase: that evening, method: inferred}
    time: "17:00-08:00"
    after: [e-talks]
  - id: e-talks
    kind: meeting
    title: Talks
    date: {value: "2024-06-03"}
    time: "09:30"
    before: [e-statement]
  - id: e-leak
    kind: publication
    title: A leak
"""


def test_timeline_json_gives_each_event_its_time_and_links(write_brief: BriefWriter) -> None:
    entries = run_json(write_brief(TIMED), "timeline")
    statement = {"id": "e-statement", "name": "A statement"}
    talks = {"id": "e-talks", "name": "Talks"}
    assert [(e["id"], e["time"], e["after"], e["before"]) for e in entries] == [
        ("e-talks", "09:30", [], [statement]),
        ("e-statement", "17:00-08:00", [talks], []),
        ("e-leak", None, [], []),
    ]
    assert list(entries[0])[-3:] == ["time", "after", "before"]  # added after the older keys


def test_the_timeline_table_shows_the_time_beside_the_date(write_brief: BriefWriter) -> None:
    result = run(write_brief(TIMED), "timeline", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("2024-06-03 09:30 ") for line in lines)
    statement = next(line for line in lines if "A statement" in line)
    assert statement.startswith('2024-06-03 17:00-08:00 (inferred from "that evening")')


def test_timeline_shows_how_an_inferred_date_was_read() -> None:
    entries = run_json(BUNDLED_BRIEF, "timeline")
    beirut = next(e for e in entries if e["kind"] == "meeting" and e["place"]["name"] == "Beirut")
    assert beirut["date"]["phrase"] == "last Thursday"
    assert beirut["date"]["method"] == "inferred"
    assert beirut["date"]["start"] == "2020-01-09"
    assert 'inferred from "last Thursday"' in beirut["date"]["display"]
    table = run(BUNDLED_BRIEF, "timeline").stdout
    assert 'inferred from "last Thursday"' in table


@pytest.mark.parametrize(
    ("options", "expected_ids"),
    [
        (["--from", "2024-03-12", "--to", "2024-03-13"], None),
        (["--actor", "Jose Alvarez"], {"e-talks-collapse", "e-talks-resume"}),
        (["--kind", "strike"], {"e-walkout"}),
    ],
)
def test_timeline_filters(options: list[str], expected_ids: set[str] | None) -> None:
    entries = run_json(SECOND_BRIEF, "timeline", *options)
    assert entries
    if expected_ids is not None:
        assert {entry["id"] for entry in entries} == expected_ids
    for entry in entries:
        if "--from" in options:
            assert entry["date"]["end"] >= "2024-03-12" and entry["date"]["start"] <= "2024-03-13"


def test_timeline_place_filter_matches_names_and_rejects_unknown_places() -> None:
    entries = run_json(BUNDLED_BRIEF, "timeline", "--place", "Qom")
    assert entries and all(entry["place"]["name"] == "Qom" for entry in entries)
    result = run(BUNDLED_BRIEF, "timeline", "--place", "Atlantis")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no place matches 'Atlantis'" in result.stderr


def test_timeline_rejects_a_date_that_is_not_iso() -> None:
    result = run(SECOND_BRIEF, "timeline", "--from", "12/03/2024")
    assert result.exit_code == ExitCode.USAGE
    assert "--from '12/03/2024' is not an ISO date" in result.stderr


# ---------------------------------------------------------------- alignments and trace


def test_alignments_tree_groups_members_under_their_bloc() -> None:
    tree = run_json(SECOND_BRIEF, "alignments")
    alliance = next(b for b in tree["blocs"] if b["bloc"]["id"] == "port-employers-alliance")
    assert {m["actor"]["id"] for m in alliance["members"]} == {"meridian", "norland-freight"}
    table = run(SECOND_BRIEF, "alignments").stdout
    assert "Port Employers' Alliance" in table and "Meridian Container Lines" in table


def test_alignments_of_a_faction_climb_to_its_patrons() -> None:
    chain = run_json(BUNDLED_BRIEF, "alignments", "Kataib Hezbollah")
    targets = {link["target"]["id"] for link in chain["upward"]}
    assert "iran" in targets
    assert all(link["confidence"] in ("low", "moderate", "high") for link in chain["upward"])


def test_trace_finds_the_shortest_path_with_evidence_for_each_hop() -> None:
    result = run_json(SECOND_BRIEF, "trace", "Grace Okafor", "Emeka Okafor")
    assert result["length"] == len(result["paths"][0]["hops"])
    first = result["paths"][0]["hops"][0]
    assert first["source"]["id"] == "grace-okafor"
    assert result["paths"][0]["hops"][-1]["target"]["id"] == "emeka-okafor"
    assert all(
        hop["direction"] in ("forward", "backward", "mutual") for hop in result["paths"][0]["hops"]
    )


def test_trace_says_clearly_when_actors_are_not_connected_within_max_hops() -> None:
    result = run(SECOND_BRIEF, "trace", "Grace Okafor", "Emeka Okafor", "--max-hops", "1")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no connection between 'Grace Okafor' and 'Emeka Okafor' within 1 hop" in result.stderr
    assert "1 hops" not in result.stderr


# ---------------------------------------------------------------- sources and search


def test_sources_grade_each_claim_and_show_its_chain() -> None:
    rows = run_json(BUNDLED_BRIEF, "sources")
    assert rows
    for row in rows:
        assert row["grade"] == f"{row['reliability']}{row['credibility']}"
        assert row["chain"][0]["id"] == row["source"]["id"]
    assert any(not row["named"] for row in rows), "the seed rests partly on anonymous sources"
    assert all(row["via_translation"] for row in rows), "the seed is a machine translation"


@pytest.mark.parametrize("named", ["Middle East Eye", "MEE", "src-mee", "middle east eye"])
def test_a_source_named_by_its_name_alias_or_id_is_that_source_alone(named: str) -> None:
    """Not also every report relaying it ("...relaying Middle East Eye"), nor only the sources
    whose names happen to contain "MEE"."""
    rows = run_json(BUNDLED_BRIEF, "sources", "--source", named)
    every = run_json(BUNDLED_BRIEF, "sources")
    through = {
        row["id"]
        for row in every
        if "src-mee" in [row["source"]["id"], *(source["id"] for source in row["chain"])]
    }
    assert {row["id"] for row in rows} == through
    assert 0 < len(through) < len(every)


def test_a_source_query_that_names_no_source_matches_every_source_containing_it() -> None:
    rows = run_json(BUNDLED_BRIEF, "sources", "--source", "unnamed")
    assert {row["source"]["id"] for row in rows} >= {"src-mee-unnamed-sources"}


def test_sources_filtered_by_source_keep_only_claims_through_it() -> None:
    every = run_json(SECOND_BRIEF, "sources")
    some = run_json(SECOND_BRIEF, "sources", "--source", "anonymous council")
    assert 0 < len(some) < len(every)


def test_one_claim_in_full_shows_its_excerpt_in_context() -> None:
    claim_id = run_json(SECOND_BRIEF, "sources")[0]["id"]
    detail = run_json(SECOND_BRIEF, "sources", "--claim", claim_id)
    assert detail["claim"]["id"] == claim_id
    assert detail["context_before"] is not None and detail["context_after"] is not None
    table = run(SECOND_BRIEF, "sources", "--claim", claim_id).stdout
    assert detail["claim"]["excerpt"][:30] in table.replace("\n", " ")


def test_an_unknown_claim_id_exits_1_with_a_suggestion() -> None:
    result = run(SECOND_BRIEF, "sources", "--claim", "c-stay-outt")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "did you mean c-stay-out" in result.stderr


def test_search_ranks_a_name_match_first_and_tolerates_typos() -> None:
    hits = run_json(BUNDLED_BRIEF, "search", "Nasralah")
    assert hits[0]["kind"] == "actor" and hits[0]["id"] == "hassan-nasrallah"
    assert {"actor", "claim"} <= {hit["kind"] for hit in hits}


def test_search_limit() -> None:
    assert len(run_json(BUNDLED_BRIEF, "search", "Iran", "--limit", "3")) == 3


# ---------------------------------------------------------------- choosing the brief


def test_the_brief_can_come_from_the_environment() -> None:
    result = runner.invoke(app, ["actors", "--json"], env={"BRIEFCLI_BRIEF": str(SECOND_BRIEF)})
    assert result.exit_code == 0
    assert any(row["id"] == "meridian" for row in json.loads(result.stdout))


def test_two_briefs_merge_into_one(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "meta: {title: Extra, as_of: '2024-03-20'}\n"
        "actors:\n  - {id: new-person, name: New Person, kind: person}\n"
        "relations:\n  - {id: r-new, subject: new-person, type: member_of, object: usf}\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["--brief", str(SECOND_BRIEF), "--brief", str(extra), "actor", "New Person", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["relations"][0]["other"]["id"] == "usf"


def test_conflicting_ids_across_merged_briefs_are_an_invalid_brief(tmp_path: Path) -> None:
    clash = tmp_path / "clash.yaml"
    clash.write_text(
        "meta: {title: Clash, as_of: '2024'}\n"
        "actors:\n  - {id: meridian, name: Other, kind: state}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["--brief", str(SECOND_BRIEF), "--brief", str(clash), "actors"])
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert f"{clash}:3:" in result.stderr
    assert "duplicate id 'meridian'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_invalid_brief_ends_any_lookup_with_exit_3_and_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: {title: X, as_of: '2020'}\nactors:\n  - {id: a, kind: person}\n")
    result = runner.invoke(app, ["--brief", str(broken), "actors"])
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert result.stderr.splitlines()[0].startswith(f"briefcli: error: {broken}:3:")
    assert "missing required field 'name'" in result.stderr


def test_version() -> None:
    from briefcli import __version__

    result = runner.invoke(app, ["--version"])
    assert result.stdout == f"briefcli {__version__}\n"


def test_a_brief_with_several_problems_names_itself_in_the_validate_hint(tmp_path: Path) -> None:
    """Following the hint must check this brief, not the bundled one."""
    brief = tmp_path / "my brief.yaml"
    brief.write_text(
        'meta: {title: 5, as_of: "2024-05-01"}\nactors: [{id: j, name: [J], kind: person}]\n',
        encoding="utf-8",
    )
    result = run(brief, "actors")
    assert result.exit_code == 3
    assert f"1 more problem(s): run `briefcli validate '{brief}'`" in result.stderr


def test_a_relation_has_the_same_evidence_in_a_profile_and_in_a_trace() -> None:
    """The claims it cites, then the other claims naming it (al-Amiri's nomination is named
    by a claim it does not cite)."""
    profile = run_json(BUNDLED_BRIEF, "actor", "Amiri")
    in_profile = {
        relation["id"]: [claim["id"] for claim in relation["claims"]]
        for relation in profile["relations"]
    }
    traced = run_json(BUNDLED_BRIEF, "trace", "Amiri", "Sadr")
    hops = [hop for path in traced["paths"] for hop in path["hops"]]
    shared = [hop for hop in hops if hop["relation"] and hop["relation"]["id"] in in_profile]
    assert shared
    for hop in shared:
        assert [claim["id"] for claim in hop["claims"]] == in_profile[hop["relation"]["id"]]
    assert in_profile["rel-amiri-nominated-pmf"] == ["c-amiri-nominated", "c-lead-amiri-new-head"]


def test_validate_gives_its_problems_as_records_for_scripts(tmp_path: Path) -> None:
    brief = tmp_path / "bad.yaml"
    brief.write_text(
        'meta: {title: 5, as_of: "2024-05-01"}\nactors: [{id: j, name: [J], kind: person}]\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(brief), "--json"])
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert json.loads(result.stdout) == [
        {
            "file": str(brief),
            "line": 1,
            "column": 15,
            "field": "meta.title",
            "message": "expected a string, got an integer 5 (quote it: '5')",
        },
        {
            "file": str(brief),
            "line": 2,
            "column": 24,
            "field": "actors[0].name",
            "message": "expected a string, got a list",
        },
    ]
    assert result.stderr == "briefcli: error: 2 problem(s) found\n"


def test_a_valid_brief_validates_to_an_empty_list() -> None:
    result = runner.invoke(app, ["validate", str(SECOND_BRIEF), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
