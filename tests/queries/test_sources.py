"""`sources`: routes and origins of each claim, source records in full, two records that share
a name kept apart, and source descriptions found by `search`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from briefcli.cli import app
from conftest import (
    ALTMAN_POSTS,
    ALTMAN_RETURN_CLAIM,
    MEGHALAYA_BRIEF,
    altman_posts_by_two_routes,
)

runner = CliRunner()


def run(brief: Path, *args: str) -> Result:
    result = runner.invoke(app, ["--brief", str(brief), *args])
    assert result.exit_code == 0, result.stderr
    return result


def run_json(brief: Path, *args: str) -> Any:
    return json.loads(run(brief, *args, "--json").stdout)


def ids(refs: list[dict[str, Any]]) -> list[str]:
    return [ref["id"] for ref in refs]


# ---------------------------------------------------------------- two records, one name


def test_two_source_records_that_share_a_name_are_listed_apart() -> None:
    """The Meghalaya brief has two Indian Express records: the live page the brief read, and a
    report only known through The Financial Express. Each claim says which one it came
    through, and the table gives each record its own heading and claims."""
    rows = run_json(MEGHALAYA_BRIEF, "sources", "--source", "The Indian Express")
    through = {row["id"]: ids(row["through"]) for row in rows}
    assert set(map(tuple, through.values())) == {("src-ie-live",), ("src-ie-report",)}
    assert through["c-sworn-in"] == ["src-ie-live"]
    assert through["c-offer"] == ["src-ie-report"]
    table = run(MEGHALAYA_BRIEF, "sources", "--source", "The Indian Express").stdout
    live = table.index("The Indian Express (swearing-in live-updates page)\n")
    relayed = table.index("The Indian Express (report relayed by The Financial Express)\n")
    assert table.index("c-sworn-in") < relayed < table.index("c-offer")
    assert live < table.index("src-ie-live") < relayed < table.index("src-ie-report")


def test_without_a_source_query_no_row_is_through_a_matched_source() -> None:
    assert all(row["through"] == [] for row in run_json(MEGHALAYA_BRIEF, "sources"))


# ---------------------------------------------------------------- source records in full


def test_a_source_record_is_shown_in_full_where_the_answer_concerns_it() -> None:
    (row, *_) = run_json(MEGHALAYA_BRIEF, "sources", "--source", "src-fe")
    (fe,) = row["through"]
    assert fe["description"].startswith("Indian business daily; analysis of why the Congress")
    assert fe["published"]["value"] == "2018-03-05"
    assert fe["url"].startswith("http://www.financialexpress.com/elections/")
    assert (fe["text"], fe["language"], fe["via"], fe["actor"]) == (
        "sources/meghalaya-2018-fe.txt",
        "en",
        [],
        None,
    )
    table = run(MEGHALAYA_BRIEF, "sources", "--source", "src-fe").stdout
    assert "Indian business daily; analysis of why the Congress failed" in table
    assert "http://www.financialexpress.com/elections/" in table


def test_one_claim_in_full_names_every_source_it_came_through_with_its_description() -> None:
    detail = run_json(MEGHALAYA_BRIEF, "sources", "--claim", "c-offer")
    assert ids(detail["sources"]) == ["src-ie-report", "src-fe"]
    assert detail["sources"][0]["description"].startswith("The Indian Express report that")
    assert ids(detail["sources"][0]["origins"]) == ["src-fe"]
    table = run(MEGHALAYA_BRIEF, "sources", "--claim", "c-offer").stdout
    assert "The Indian Express report that The Financial Express cites" in table


def test_a_source_description_is_searched() -> None:
    hits = run_json(MEGHALAYA_BRIEF, "search", "business daily")
    assert (hits[0]["kind"], hits[0]["id"], hits[0]["field"]) == ("source", "src-fe", "description")


# ---------------------------------------------------------------- several routes


def test_a_source_with_a_list_of_vias_has_a_route_and_an_origin_through_each(
    tmp_path: Path,
) -> None:
    brief = altman_posts_by_two_routes(tmp_path)
    rows = {row["id"]: row for row in run_json(brief, "sources")}
    row = rows[ALTMAN_RETURN_CLAIM]
    assert [ids(route) for route in row["routes"]] == [
        [ALTMAN_POSTS, "src-propakistani"],
        [ALTMAN_POSTS, "src-bahsegels"],
    ]
    assert ids(row["chain"]) == [ALTMAN_POSTS, "src-propakistani"]  # the first route
    assert ids(row["origins"]) == ["src-propakistani", "src-bahsegels"]
    # A claim came through every source on any of its routes.
    for outlet in ("ProPakistani", "bahsegels.com"):
        claims = {row["id"] for row in run_json(brief, "sources", "--source", outlet)}
        assert {"c-altman-farewell", ALTMAN_RETURN_CLAIM} <= claims


def test_a_claim_by_two_routes_is_shown_in_the_text_that_holds_its_excerpt(
    tmp_path: Path,
) -> None:
    brief = altman_posts_by_two_routes(tmp_path)
    farewell = run_json(brief, "sources", "--claim", "c-altman-farewell")
    assert farewell["document"]["id"] == "src-propakistani"
    returned = run_json(brief, "sources", "--claim", ALTMAN_RETURN_CLAIM)
    assert returned["document"]["id"] == "src-bahsegels"
    assert returned["context_before"] is not None
    assert ids(returned["sources"]) == [ALTMAN_POSTS, "src-propakistani", "src-bahsegels"]
    table = run(brief, "sources", "--claim", ALTMAN_RETURN_CLAIM).stdout
    assert "Routes" in table and "(from the stored text of bahsegels.com)" in table
