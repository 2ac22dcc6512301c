"""Specification: CSV for spreadsheets and scripts (issue 21). Every command's CSV has one
column order, taken from its record type (not from whatever the first row has); an empty
answer still prints its header; a date is its value with its first and last possible day
(ISO 8601: a spreadsheet sorts them) and how sure the brief is, each in its own column."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import SECOND_BRIEF

runner = CliRunner()


def rows(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["--brief", str(SECOND_BRIEF), *args, "--format", "csv"])
    assert result.exit_code == ExitCode.OK, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def header(*args: str) -> list[str]:
    result = runner.invoke(app, ["--brief", str(SECOND_BRIEF), *args, "--format", "csv"])
    assert result.exit_code == ExitCode.OK, result.stderr
    return next(csv.reader(io.StringIO(result.stdout)))


@pytest.mark.parametrize(
    ("every", "none"),
    [
        (["timeline"], ["timeline", "--kind", "vote"]),
        (["actors"], ["actors", "--status", "dissolved"]),
        (["search", "Okafor"], ["search", "zzqqxxv"]),
    ],
    ids=["timeline", "actors", "search"],
)
def test_an_empty_answer_has_the_same_header_as_a_full_one(
    every: list[str], none: list[str]
) -> None:
    assert rows(*none) == []
    assert header(*none) == header(*every)


def test_the_columns_do_not_depend_on_the_first_row() -> None:
    assert header("timeline") == header("timeline", "--actor", "Grace Okafor")


def test_a_date_is_its_value_its_days_and_its_confidence() -> None:
    found = rows("timeline")
    columns = set(found[0])
    assert {"date", "date_start", "date_end", "date_confidence"} <= columns
    dated = [row for row in found if row["date_start"]]
    assert dated
    assert all(len(row["date_start"]) == 10 and row["date_start"][4] == "-" for row in dated)
    starts = [row["date_start"] for row in dated]
    assert starts == sorted(starts)  # timeline order, which ISO days sort to
