"""Specification: --fields and --jq for scripts, like gh (issue 21). --fields keeps only the
fields asked for, in that order (JSON, JSON Lines, CSV; a table answer becomes JSON); --jq
filters the JSON answer with the jq package, printing a string as it is and anything else as
compact JSON, one per line; a field the answer does not have, or a program jq cannot compile,
is a usage error. Both may come before or after the command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import SECOND_BRIEF

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--brief", str(SECOND_BRIEF), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_fields_keeps_the_fields_asked_for_in_their_order(where: str) -> None:
    args = ["--fields", "name,id"]
    code, out, _ = run(*args, "actors") if where == "before" else run("actors", *args)

    assert code == ExitCode.OK
    found = json.loads(out)
    assert len(found) == 14
    assert all(list(record) == ["name", "id"] for record in found)


def test_fields_in_csv_keeps_a_dates_columns_together() -> None:
    code, out, _ = run("timeline", "--format", "csv", "--fields", "id,date")

    assert code == ExitCode.OK
    header = next(csv.reader(io.StringIO(out)))
    assert header == ["id", "date", "date_start", "date_end", "date_confidence"]


def test_fields_of_a_single_answer() -> None:
    code, out, _ = run("actor", "Grace Okafor", "--fields", "id,kind")
    assert (code, json.loads(out)) == (ExitCode.OK, {"id": "grace-okafor", "kind": "person"})


def test_jq_prints_strings_as_they_are_and_values_as_compact_json() -> None:
    code, out, _ = run("actors", "--jq", '.[] | select(.kind == "bloc") | .name')
    assert code == ExitCode.OK
    assert out.splitlines() and all(not line.startswith('"') for line in out.splitlines())
    code, out, _ = run("actors", "--jq", "[length, (.[0] | keys | length)]")
    assert (code, out) == (ExitCode.OK, "[14, 9]\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["actors", "--fields", "id,colour"], "no field 'colour' in this answer; its fields: id,"),
        (["actors", "--jq", ".["], "--jq '.[': syntax error"),
    ],
)
def test_a_field_or_program_that_cannot_be_is_a_usage_error(args: list[str], said: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.startswith(f"briefcli: error: {said}")
    assert err.count("\n") == 1
