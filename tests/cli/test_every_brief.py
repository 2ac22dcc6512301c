"""Every command, in every format, over every brief in the repository: the bundled one and
the briefs written from other real reports (tests/briefs/). The JSON answers are golden files
under tests/golden/all/<brief>/, so a change of meaning shows up as a diff to review; and no
field the format accepts is left out of the answers (issue 18 item 6)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from conftest import BUNDLED_BRIEF, SECOND_BRIEF, TEST_BRIEFS, Golden

BRIEFS = [BUNDLED_BRIEF, *sorted(TEST_BRIEFS.glob("*.yaml"))]
runner = CliRunner()


def name_of(brief: Path) -> str:
    return "bundled" if brief == BUNDLED_BRIEF else brief.stem


def invoke(brief: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--brief", str(brief), *args])
    assert result.exit_code == 0, (args, result.stderr)
    return result


def questions(brief: Path) -> dict[str, list[str]]:
    """One of each kind of question, with arguments taken from the brief itself."""
    actors = json.loads(invoke(brief, "actors", "--json").stdout)
    person = next(row for row in actors if row["kind"] == "person")
    relation_ends = json.loads(invoke(brief, "actor", person["id"], "--json").stdout)["relations"]
    other = relation_ends[0]["other"]["id"] if relation_ends else actors[-1]["id"]
    word = person["name"].split()[-1]
    return {
        "actors": ["actors"],
        "actor": ["actor", person["id"]],
        "timeline": ["timeline"],
        "alignments": ["alignments"],
        "alignments-actor": ["alignments", person["id"]],
        "trace": ["trace", person["id"], other, "--max-hops", "6"],
        "sources": ["sources"],
        "search": ["search", word],
        "brief": ["brief"],
        "relations": ["relations"],
        "claims": ["claims"],
        "notes": ["notes"],
        "places": ["places"],
    }


@pytest.mark.parametrize("brief", BRIEFS, ids=name_of)
def test_every_question_answers_every_brief_as_the_golden_json(brief: Path, golden: Golden) -> None:
    for name, args in questions(brief).items():
        golden(f"all/{name_of(brief)}/{name}.json", invoke(brief, *args, "--json").stdout)


@pytest.mark.parametrize("output_format", ["table", "markdown", "csv", "jsonl"])
@pytest.mark.parametrize("brief", BRIEFS, ids=name_of)
def test_every_question_answers_every_brief_in_every_format(
    brief: Path, output_format: str
) -> None:
    for args in questions(brief).values():
        if args[0] == "brief" and output_format in ("csv", "jsonl"):
            continue  # one record, not rows: `brief` takes table, markdown and json
        shown = invoke(brief, *args, "--format", output_format).stdout
        assert shown.strip(), (args, output_format)
        assert "\x1b[" not in shown  # piped: no escape codes


def test_a_participants_note_is_in_the_timeline() -> None:
    entries = json.loads(invoke(SECOND_BRIEF, "timeline", "--json").stdout)
    collapse = next(entry for entry in entries if entry["id"] == "e-talks-collapse")
    union = next(p for p in collapse["participants"] if p["id"] == "hdwu")
    assert union["note"] == "Its negotiators walked out."
    assert "Its negotiators walked out." in invoke(SECOND_BRIEF, "timeline").stdout


def test_a_relations_description_is_shown_and_searched() -> None:
    openai = TEST_BRIEFS / "openai-board-2023.yaml"
    profile = json.loads(invoke(openai, "actor", "microsoft", "--json").stdout)
    observer = next(r for r in profile["relations"] if r["id"] == "r-microsoft-observer")
    assert observer["description"] == "Nonvoting observer on the board; not a member."
    assert "Nonvoting observer on the board" in invoke(openai, "actor", "microsoft").stdout
    hits = json.loads(invoke(openai, "search", "nonvoting observer", "--json").stdout)
    found = next(hit for hit in hits if hit["id"] == "r-microsoft-observer")
    assert found["kind"] == "relation" and found["field"] == "description"
    assert found["name"].startswith("Microsoft linked to")


def test_an_actors_country_is_in_its_profile() -> None:
    meghalaya = TEST_BRIEFS / "meghalaya-2018.yaml"
    profile = json.loads(invoke(meghalaya, "actor", "conrad-sangma", "--json").stdout)
    assert profile["country"] == {"id": "india", "name": "India"}
    assert "Country" in invoke(meghalaya, "actor", "conrad-sangma").stdout


# Integers that are not counts: places in a file, path lengths, ranks and grades.
NOT_COUNTS = {"line", "column", "length", "depth", "weight", "credibility", "count", "score"}


def every_answer(brief: Path) -> dict[str, Any]:
    """Each question's JSON answer, and one claim in full."""
    answers = {name: json.loads(invoke(brief, *args, "--json").stdout) for name, args in
               questions(brief).items()}  # fmt: skip
    claim = answers["sources"][0]["id"]
    answers["claim"] = json.loads(invoke(brief, "sources", "--claim", claim, "--json").stdout)
    return answers


def record_ids(brief: Path) -> set[str]:
    from briefcli.brief import loader

    checked, problems = loader.check_files([brief])
    assert checked is not None, problems
    b = checked.brief
    sections = (b.actors, b.relations, b.events, b.claims, b.sources, b.places, b.notes)
    return {record.id for section in sections for record in section}


def walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """(key, value) for every value in a JSON document, with the key it sits under (a list's
    items sit under the list's key)."""
    yield key, value
    if isinstance(value, dict):
        for inner_key, inner in value.items():
            yield from walk(inner, inner_key)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner, key)


@pytest.mark.parametrize("brief", BRIEFS, ids=name_of)
def test_every_answer_follows_the_one_naming_rule(brief: Path) -> None:
    """docs/json.md: a reference is a Ref `{id, name}` (an id never stands alone), every record
    listed has its `id`, and a number that counts is named `..._count`."""
    ids = record_ids(brief)
    for question, answer in every_answer(brief).items():
        for key, value in walk(answer):
            if isinstance(value, str) and value in ids:
                assert key == "id", f"{question}: {key!r} holds the bare id {value!r}"
            if isinstance(value, int) and not isinstance(value, bool):
                assert key.endswith("_count") or key in NOT_COUNTS, f"{question}: {key!r}"
        if isinstance(answer, list):
            assert all("id" in row for row in answer), question
