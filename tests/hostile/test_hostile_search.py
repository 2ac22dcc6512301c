"""Specification: any query over any brief answers within seconds. rapidfuzz's partial ratio
costs about the query's length squared per field, so a 3,000-character query over 20 notes of
100 KB took 47 s and a 10,000-character one over 300 s: a query is now scored on its first 128
characters (at the end of a word), and says so. A query of articles only ("the") searches for
them instead of refusing, and a name made only of articles ("El Al") can be found."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest
from hostile_support import run, time_limit, write_text

from briefcli.exitcodes import ExitCode
from briefcli.queries.search import SCORED_QUERY_CHARACTERS, scored_query


def _words(count: int, seed: int) -> list[str]:
    chooser = random.Random(seed)
    vocabulary = [
        "".join(chooser.choice(string.ascii_lowercase) for _ in range(chooser.randint(3, 9)))
        for _ in range(3000)
    ]
    return [chooser.choice(vocabulary) for _ in range(count)]


@pytest.fixture(scope="module")
def heavy_brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 notes of about 100 KB each and an actor whose name is 100 KB long."""
    notes = "".join(
        f"  - {{id: n{number}, kind: caveat, text: {' '.join(_words(16_000, number))}}}\n"
        for number in range(20)
    )
    return write_text(
        tmp_path_factory.mktemp("heavy") / "brief.yaml",
        'meta: {title: Heavy, as_of: "2024"}\n'
        f"actors:\n  - {{id: a, name: {'x' * 100_000}, kind: person}}\n"
        f"notes:\n{notes}",
    )


@pytest.mark.parametrize(
    "query",
    [" ".join(_words(500, 99)), " ".join(_words(1700, 98)), "x" * 9_999 + "y"],
    ids=["3,000 characters", "10,000 characters", "10 KB against a 100 KB name"],
)
def test_a_long_query_over_long_fields_answers_within_seconds(
    heavy_brief: Path, query: str
) -> None:
    run("actors", briefs=[heavy_brief])  # the cache is written outside the time limit

    with time_limit(10):
        outcome = run("search", query, "--json", briefs=[heavy_brief])

    assert outcome.exit_code == ExitCode.OK, outcome.stderr
    json.loads(outcome.stdout)
    assert outcome.stderr.startswith(
        f"briefcli: note: the query is matched on its first {len(scored_query(query)[0])} "
    )


def test_a_long_query_is_cut_at_the_end_of_a_word() -> None:
    query = "alpha " * 40
    wanted, cut = scored_query(query)

    assert cut
    assert len(wanted) <= SCORED_QUERY_CHARACTERS
    assert set(wanted.split()) == {"alpha"}
    assert query.startswith(wanted)


def test_a_short_query_is_scored_whole() -> None:
    assert scored_query("Grace Okafor") == ("grace okafor", False)


def test_a_query_of_articles_only_searches_for_them(tmp_path: Path) -> None:
    brief = write_text(
        tmp_path / "brief.yaml",
        'meta: {title: Airlines, as_of: "2024"}\n'
        "actors:\n"
        "  - {id: el-al, name: El Al, kind: organisation}\n"
        "  - {id: the-hindu, name: The Hindu, kind: organisation}\n"
        "  - {id: northern, name: Northern Alliance, kind: bloc}\n",
    )

    # "the" is left out of texts that have other words: it finds the words it is part of.
    for query, expected in (("El Al", "el-al"), ("the", "northern"), ("Hindu", "the-hindu")):
        outcome = run("search", query, "--json", briefs=[brief])
        assert outcome.exit_code == ExitCode.OK, outcome.stderr
        assert expected in [hit["id"] for hit in json.loads(outcome.stdout)], query
