"""Specification: docs/cli.md is every command's --help, as briefcli prints it (issue 21); it
cannot drift from the code. After a deliberate change of a help text, rewrite it with
`BRIEFCLI_UPDATE_GOLDEN=1 pytest tests/test_cli_reference.py` and review the diff."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.cli._app import COMMAND_MODULES
from conftest import ROOT, UPDATE_GOLDEN

REFERENCE = ROOT / "docs" / "cli.md"
WIDTH = "100"


def _help(*command: str) -> str:
    result = CliRunner().invoke(
        app, [*command, "--help"], prog_name="briefcli", env={"COLUMNS": WIDTH}
    )
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip() + "\n"


def reference() -> str:
    parts = [
        "# Command-line reference\n\n"
        "Every command's `--help`, as `briefcli` prints it at 100 columns. This file is\n"
        "generated (tests/test_cli_reference.py fails when it is out of date); the README has\n"
        "the tour, [json.md](json.md) the JSON output, [brief-format.md](brief-format.md) the\n"
        "brief.\n"
    ]
    for command in ["", *COMMAND_MODULES]:
        title = f"briefcli {command}".rstrip()
        parts.append(f"\n## `{title}`\n\n```text\n{_help(*filter(None, [command]))}```\n")
    return "".join(parts)


def test_the_cli_reference_is_every_commands_help() -> None:
    wanted = reference()
    if os.environ.get(UPDATE_GOLDEN) == "1":
        REFERENCE.write_text(wanted, encoding="utf-8")
    assert REFERENCE.read_text(encoding="utf-8") == wanted, (
        "docs/cli.md is out of date: run BRIEFCLI_UPDATE_GOLDEN=1 pytest "
        "tests/test_cli_reference.py"
    )


def test_every_command_has_examples_in_its_help() -> None:
    for command in COMMAND_MODULES:
        assert "Examples:\n    briefcli " in _help(command), command


def test_every_placeholder_reads_as_a_word() -> None:
    """Issue 21: placeholders read `{name}`, `<str>`, `<int range>`; now each option's value
    is named (NAME, DATE, FORMAT…) and each command shows examples."""
    for command in ["", *COMMAND_MODULES]:
        shown = _help(*filter(None, [command]))
        for raw in ("<str>", "<int", "TEXT", "INTEGER", "{", "}"):
            assert raw not in shown, f"`briefcli {command} --help` shows {raw!r}"
        if command:
            assert "Examples:" in shown, f"`briefcli {command} --help` has no example"
