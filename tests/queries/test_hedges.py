"""Specification of summaries that keep the hedges the records carry (issue 19 item 3): a tie
the brief holds with low confidence or by inference says so wherever it is summarised."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from briefcli.cli import app
from conftest import BUNDLED_BRIEF

runner = CliRunner()


def shown(*args: str) -> str:
    result = runner.invoke(app, ["--brief", str(BUNDLED_BRIEF), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_affiliation_keeps_its_confidence_and_inference() -> None:
    rows = {row["id"]: row for row in json.loads(shown("actors", "--json"))}
    (pmf,) = rows["badr-organization"]["affiliations"]
    assert (pmf["id"], pmf["confidence"], pmf["inferred"]) == ("pmf", "low", True)
    leader = rows["hadi-al-amiri"]["affiliations"][0]
    assert (leader["relation"], leader["confidence"], leader["inferred"]) == (
        "leads",
        "high",
        False,
    )


def test_tables_markdown_and_csv_mark_a_low_or_inferred_tie() -> None:
    mark = "Popular Mobilization Forces (low, inferred)"
    assert mark in shown("actors")
    assert mark in shown("actors", "--format", "markdown")
    table = {
        row["id"]: row for row in csv.DictReader(io.StringIO(shown("actors", "--format", "csv")))
    }
    assert table["badr-organization"]["affiliations_name"] == mark
    assert table["badr-organization"]["affiliations_id"] == "pmf"


def test_the_briefing_and_handout_never_call_an_ally_a_member() -> None:
    handout = shown("export", "--to", "markdown", "-")
    line = next(line for line in handout.splitlines() if line.startswith("Iran-aligned Iraqi"))
    members, allies = line.split(" members: ")[1].split(" — allies: ")
    assert "Badr" not in members and "Nujaba" not in members
    assert allies == "Badr Organization, Harakat Hezbollah al-Nujaba"


def test_a_clipped_briefing_says_how_to_see_everything() -> None:
    screen = shown("brief").splitlines()
    assert len(screen) <= 50
    assert screen[-1].startswith("Shortened to fit the screen: `briefcli brief --all`")
    everything = shown("brief", "--all")
    assert "Who's who (30)" in everything and "Gaps and open questions (10)" in everything
    assert "Clipped" not in everything


def test_gaps_and_key_judgments_are_searched() -> None:
    hits = json.loads(shown("search", "publication dates", "--json"))
    gap = next(hit for hit in hits if hit["kind"] == "gap")
    assert gap["id"] == "gap-4" and gap["text"].startswith("The exact publication dates")
    judgments = json.loads(shown("search", "nominated to succeed", "--json", "--limit", "50"))
    assert any(hit["kind"] == "judgment" for hit in judgments)


def test_the_timeline_shows_how_sure_each_date_is_and_why_on_request() -> None:
    table = shown("timeline", "--format", "markdown")
    assert "| Date | Sure | Kind |" in table
    assert "| low | visit | Iraqi politicians and faction leaders offer condolences" in table
    assert "Why this date" not in table
    why = shown("timeline", "--why", "--format", "markdown")
    tasking = next(line for line in why.splitlines() if "Iran asks Nasrallah" in line)
    entries = json.loads(shown("timeline", "--json"))
    reasoning = next(e for e in entries if "Iran asks Nasrallah" in e["title"])["date"]["reasoning"]
    assert reasoning and tasking.endswith(f"| {reasoning} |")
