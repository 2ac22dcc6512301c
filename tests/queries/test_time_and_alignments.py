"""Specification of answers that depend on time and on what a relation means, on briefs about
other situations than the bundled one (issue 18): a role or relation that has ended is former,
an ally is not a member, hostility keeps its direction, roles connect office holders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefcli.brief.dates import in_force
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import TEST_BRIEFS, BriefWriter

MEGHALAYA = TEST_BRIEFS / "meghalaya-2018.yaml"
OPENAI = TEST_BRIEFS / "openai-board-2023.yaml"
runner = CliRunner()


def answer(brief: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--brief", str(brief), *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def rows_by_id(brief: Path, *options: str) -> dict[str, Any]:
    return {row["id"]: row for row in answer(brief, *options, "actors")}


@pytest.mark.parametrize(
    ("since", "until", "day", "holds"),
    [
        (None, None, "2024-01-01", True),
        ("2018-03-06", None, "2018-03-06", True),
        ("2018-03-07", None, "2018-03-06", False),  # not begun yet
        ("2010", "2018-03-06", "2018-03-06", False),  # ended that day
        ("2010", "2018-03-06", "2018-03-05", True),
        (None, "2018", "2018-03-06", True),  # ended some time in 2018: maybe later
        (None, "2010/2013", "2013-12-31", False),  # ended by 2013 at the latest
        (None, "2010/2013", "2013-12-30", True),
    ],
)
def test_a_period_holds_from_its_first_possible_day_until_its_last(
    since: str | None, until: str | None, day: str, holds: bool
) -> None:
    assert in_force(since, until, dt.date.fromisoformat(day)) is holds


def test_a_chief_minister_whose_role_ended_is_listed_as_former() -> None:
    rows = rows_by_id(MEGHALAYA)
    assert rows["mukul-sangma"]["role"] == "former Chief Minister, Meghalaya (state government)"
    assert rows["dd-lapang"]["role"] == "former Chief Minister, Meghalaya (state government)"
    # an ended role ties no one to the government any more
    assert "meghalaya" not in {ref["id"] for ref in rows["mukul-sangma"]["affiliations"]}
    assert rows["conrad-sangma"]["affiliations"][0]["id"] == "npp"


def test_as_of_shows_the_brief_as_it_stood_on_that_date() -> None:
    rows = rows_by_id(MEGHALAYA, "--as-of", "2009")
    assert rows["dd-lapang"]["role"] == "Chief Minister, Meghalaya (state government)"
    # Mukul Sangma's term had not begun: it is neither his role nor a former one
    assert not (rows["mukul-sangma"]["role"] or "").startswith("former Chief Minister")


def test_as_of_a_day_before_a_tie_began_leaves_it_out_of_the_profile_and_the_relations() -> None:
    """On 18 November 2023 Altman had been removed and not yet rehired: his reinstatement as
    chief executive (since the 21st) and his hiring by Microsoft (the 19th or 20th) were not
    yet ties at all, neither current nor former."""
    profile = answer(OPENAI, "--as-of", "2023-11-18", "actor", "Sam Altman")
    assert all(role["since"] is None or role["since"] <= "2023-11-18" for role in profile["roles"])
    assert [role["current"] for role in profile["roles"]] == [False, False]
    assert "employed_by" not in {relation["type"] for relation in profile["relations"]}
    listed = answer(OPENAI, "--as-of", "2023-11-18", "relations", "--actor", "Sam Altman")
    assert {row["id"] for row in listed} == {row["id"] for row in profile["relations"]}
    # After the 21st they are there, and in force.
    later = answer(OPENAI, "actor", "Sam Altman")
    assert [role["current"] for role in later["roles"] if role["since"] == "2023-11-21"] == [True]
    shown = runner.invoke(app, ["--brief", str(OPENAI), "--as-of", "2023-11-18", "actor", "Altman"])
    assert "since 2023-11-21" not in shown.stdout and "employed by" not in shown.stdout


def test_a_trace_as_of_a_day_does_not_pass_through_a_tie_not_yet_begun() -> None:
    def types(*options: str) -> list[list[str]]:
        found = answer(OPENAI, *options, "trace", "Sam Altman", "Microsoft")
        return sorted([hop["type"] for hop in path["hops"]] for path in found["paths"])

    assert types() == [["aligned_with"], ["employed_by"]]
    assert types("--as-of", "2023-11-18") == [["aligned_with"]]


def test_a_trace_as_of_a_day_does_not_pass_through_a_role_not_yet_taken_up() -> None:
    """Conrad Sangma became Chief Minister on 2018-03-06: in 2015 neither the role nor the
    relation that says so connects him to the state government."""
    found = answer(MEGHALAYA, "trace", "conrad-sangma", "meghalaya")
    assert sorted(path["hops"][0]["type"] for path in found["paths"]) == ["holds_role_in", "leads"]
    args = ["--brief", str(MEGHALAYA), "--as-of", "2015", "trace", "conrad-sangma", "meghalaya"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no connection between 'Conrad Sangma'" in result.stderr


def test_an_ended_alliance_is_former_and_not_among_the_allies() -> None:
    chain = answer(MEGHALAYA, "alignments", "Congress")
    assert "udp" not in {link["target"]["id"] for link in chain["allies"]}
    former = [(link["type"], link["target"]["id"], link["current"]) for link in chain["former"]]
    assert ("allied_with", "udp", False) in former
    profile = answer(MEGHALAYA, "actor", "Congress")
    ended = [r for r in profile["relations"] if r["type"] == "allied_with"]
    assert ended and not ended[0]["current"] and ended[0]["until"]


def test_an_ended_role_is_former_in_the_profile_with_its_dates() -> None:
    profile = answer(MEGHALAYA, "actor", "mukul-sangma")
    minister = [role for role in profile["roles"] if role["title"] == "Chief Minister"]
    assert minister and minister[0]["current"] is False and minister[0]["until"] == "2018-03-06"
    shown = runner.invoke(app, ["--brief", str(MEGHALAYA), "actor", "mukul-sangma"]).stdout
    assert "Former role" in shown


def test_a_bloc_lists_its_leader_members_and_allies_apart() -> None:
    tree = answer(MEGHALAYA, "alignments")
    bloc = next(node for node in tree["blocs"] if node["bloc"]["id"] == "npp-coalition")
    members = {member["actor"]["id"] for member in bloc["members"]}
    allies = {link["source"]["id"] for link in bloc["allies"]}
    assert {"pdf", "hspdp"} <= allies  # only aligned with the coalition
    assert not {"pdf", "hspdp"} & members
    assert {"udp", "bjp"} <= members
    assert [link["source"]["id"] for link in bloc["leaders"]] == ["npp"]
    assert "npp" not in {node["actor"]["id"] for node in tree["unaligned"]}


def test_the_briefing_counts_members_not_allies() -> None:
    glance = next(
        g for g in answer(MEGHALAYA, "brief")["alignments"] if g["bloc"]["id"] == "npp-coalition"
    )
    assert not {"pdf", "hspdp"} & {ref["id"] for ref in glance["members"]}
    assert {"pdf", "hspdp"} <= {ref["id"] for ref in glance["allies"]}
    assert [ref["id"] for ref in glance["leaders"]] == ["npp"]


def test_hostility_keeps_its_direction_when_seen_from_the_other_side() -> None:
    for actor in ("NPP", "Amit Shah", "bjp"):
        chain = answer(MEGHALAYA, "alignments", actor)
        hostile = {(link["source"]["id"], link["target"]["id"]) for link in chain["hostile"]}
        assert ("bjp", "congress") not in hostile, actor
    # the brief says the letter's signers are hostile to the board, not the other way round
    for actor in ("Microsoft", "Emmett Shear"):
        chain = answer(OPENAI, "alignments", actor)
        hostile = {(link["source"]["id"], link["target"]["id"]) for link in chain["hostile"]}
        assert ("openai-board", "letter-signatories") not in hostile, actor


def test_roles_connect_an_office_holder_to_the_government() -> None:
    result = answer(MEGHALAYA, "trace", "Ganga Prasad", "Conrad Sangma")
    assert result["length"] == 2
    first = result["paths"][0]["hops"][0]
    assert first["type"] == "holds_role_in" and first["role"] == "Governor"
    assert first["relation"] is None and first["claims"] == []


def test_an_interim_chief_executive_whose_term_ended_is_not_shown_as_one() -> None:
    row = rows_by_id(OPENAI)["emmett-shear"]
    assert row["role"] == "Co-founder, Twitch"
    assert "openai" not in {ref["id"] for ref in row["affiliations"]}
    during = rows_by_id(OPENAI, "--as-of", "2023-11-20")["emmett-shear"]
    assert during["role"] == "Interim Chief Executive Officer, OpenAI"


def test_as_of_that_is_not_a_date_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--brief", str(MEGHALAYA), "--as-of", "20x", "actors"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.count("\n") == 1 and "--as-of '20x' is not a date" in result.stderr


PLACES = """\
meta: {title: T, as_of: "2024"}
places:
  - {id: state, name: Meghalaya, kind: region}
  - {id: city, name: Shillong, within: state}
  - {id: house, name: Raj Bhavan, kind: building, within: city}
events:
  - {id: e1, kind: meeting, title: At the house, place: house}
  - {id: e2, kind: meeting, title: In the city, place: city}
"""


def test_a_place_takes_in_the_places_within_it(write_brief: BriefWriter) -> None:
    brief = write_brief(PLACES)
    entries = answer(brief, "timeline", "--place", "Meghalaya")
    assert {entry["id"] for entry in entries} == {"e1", "e2"}
    assert [e["id"] for e in answer(brief, "timeline", "--place", "Shillong")] != []


def test_a_place_within_itself_is_reported(write_brief: BriefWriter) -> None:
    looped = PLACES.replace("name: Meghalaya, kind: region", "name: M, within: house")
    result = runner.invoke(app, ["validate", str(write_brief(looped))])
    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert "places[0].within: place lies within itself: state -> house -> city -> state" in (
        result.stdout + result.stderr
    )


SUPPORT = """\
meta: {title: T, as_of: "2024"}
actors:
  - {id: bloc, name: Coalition, kind: bloc}
  - {id: pdf, name: PDF, kind: organisation}
  - {id: hspdp, name: HSPDP, kind: organisation}
relations:
  - {id: r-out, subject: bloc, type: supports, object: pdf}
  - {id: r-in, subject: hspdp, type: supports, object: bloc}
"""


def test_a_one_way_alliance_keeps_its_direction_either_way_round(
    write_brief: BriefWriter,
) -> None:
    brief = write_brief(SUPPORT)
    (bloc,) = answer(brief, "alignments")["blocs"]
    read = {(link["source"]["id"], link["target"]["id"]) for link in bloc["allies"]}
    assert read == {("bloc", "pdf"), ("hspdp", "bloc")}
    glance = answer(brief, "brief")["alignments"][0]
    assert {ally["id"] for ally in glance["allies"]} == {"pdf", "hspdp"}
    shown = runner.invoke(app, ["--brief", str(brief), "alignments"]).stdout
    assert "ally: PDF (supports" in shown and "ally: HSPDP (supports" in shown
