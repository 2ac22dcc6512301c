"""Documentation that cannot drift: the README's examples are real output, every command is
documented, and docs/json.md names every field the JSON output carries.

After a deliberate change of output, BRIEFCLI_UPDATE_GOLDEN=1 rewrites the README's examples
(keeping any `…` truncation); review the diff before committing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from briefcli import results
from briefcli.cli import app
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
JSON_DOC = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
CONSOLE_BLOCK = re.compile(r"```console\n\$ (briefcli [^\n]*)\n(.*?)```", re.DOTALL)
# A line of just this in an example means "output continues": only the lines above are checked.
ELLIPSIS = "…"
# How many lines a new truncated example keeps.
DEFAULT_EXCERPT_LINES = 24


def _run(command: str) -> str:
    result = CliRunner().invoke(app, shlex.split(command)[1:], env={"COLUMNS": "100"})
    return result.stdout + result.stderr


def _refresh_readme() -> str:
    """The README with every example's output replaced by the command's real output."""

    def refresh(match: re.Match[str]) -> str:
        command, old = match.group(1), match.group(2)
        lines = _run(command).splitlines()
        old_lines = old.splitlines()
        if old_lines and old_lines[-1] == ELLIPSIS:
            keep = len(old_lines) - 1 or DEFAULT_EXCERPT_LINES
            lines = [*lines[:keep], ELLIPSIS]
        return f"```console\n$ {command}\n" + "".join(line + "\n" for line in lines) + "```"

    return CONSOLE_BLOCK.sub(refresh, README)


if os.environ.get("BRIEFCLI_UPDATE_GOLDEN") == "1":
    README = _refresh_readme()
    (ROOT / "README.md").write_text(README, encoding="utf-8")


def _examples() -> list[tuple[str, str]]:
    return [(command, output) for command, output in CONSOLE_BLOCK.findall(README)]


def test_the_readme_has_examples() -> None:
    assert len(_examples()) >= 8


@pytest.mark.parametrize(("command", "expected"), _examples(), ids=[c for c, _ in _examples()])
def test_every_readme_example_is_what_the_command_prints(command: str, expected: str) -> None:
    actual = _run(command)
    expected_lines = expected.splitlines()
    if expected_lines and expected_lines[-1] == ELLIPSIS:
        expected_lines = expected_lines[:-1]
        actual_lines = actual.splitlines()[: len(expected_lines)]
    else:
        actual_lines = actual.splitlines()
    assert actual_lines == expected_lines, f"README example `{command}` is out of date"


def test_every_command_is_in_the_readme_and_has_help() -> None:
    from typer.main import get_command

    group = get_command(app)
    names = group.list_commands(None)  # type: ignore[attr-defined]
    assert names
    for name in names:
        assert f"briefcli {name}" in README, f"`briefcli {name}` is not in the README"
        command = group.get_command(None, name)  # type: ignore[attr-defined]
        assert command is not None and command.help, f"`{name}` has no help text"


RECORDS = [
    value
    for value in vars(results).values()
    if isinstance(value, type) and issubclass(value, msgspec.Struct) and value is not results.Out
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_docs_json_names_every_field(record: type[msgspec.Struct]) -> None:
    for field in record.__struct_fields__:
        assert f"`{field}`" in JSON_DOC or field in _inline_lists(), (
            f"docs/json.md does not document {record.__name__}.{field}"
        )


def _inline_lists() -> set[str]:
    """Field names written inside `{a, b, c}` shapes in docs/json.md."""
    shapes = re.findall(r"`\{([^}]*)\}`", JSON_DOC)
    return {name.strip() for shape in shapes for name in shape.split(",")}


def test_docs_json_exists_next_to_the_format_reference() -> None:
    assert (ROOT / "docs" / "brief-format.md").exists()
    assert Path(ROOT / "docs" / "json.md").exists()


SESSION_BLOCK = re.compile(r"```console session\n(.*?)```", re.DOTALL)
BRIEFCLI = Path(sys.executable).with_name("briefcli")


def _session_steps(block: str) -> list[tuple[str, str]]:
    """(command, what it printed) for each `$ ` line of a session block."""
    steps: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            steps.append((line[2:].rstrip("\n"), ""))
        elif steps:
            steps[-1] = (steps[-1][0], steps[-1][1] + line)
    return steps


def _run_session(block: str, folder: Path) -> str:
    """The block with each command's output as the installed briefcli prints it (stdout and
    stderr as a terminal shows them, one after the other), run in `folder`."""
    import subprocess

    shown = []
    environment = {**os.environ, "COLUMNS": "100"}
    for command, _ in _session_steps(block):
        words = shlex.split(command)
        assert words[0] == "briefcli", command
        done = subprocess.run(
            [str(BRIEFCLI), *words[1:]], cwd=folder, env=environment, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, timeout=120,
        )  # fmt: skip
        shown.append(f"$ {command}\n{done.stdout}")
    return "".join(shown)


def test_the_readme_session_of_building_a_brief_is_what_briefcli_prints(tmp_path: Path) -> None:
    """The session under "Building a brief" runs, command by command, in a folder holding the
    report as read, and prints what the README shows."""
    blocks = SESSION_BLOCK.findall(README)
    assert len(blocks) == 1
    report = ROOT / "tests" / "briefs" / "sources" / "harbour-report.txt"
    shutil.copy(report, tmp_path / "harbour-report.txt")
    actual = _run_session(blocks[0], tmp_path)
    if os.environ.get("BRIEFCLI_UPDATE_GOLDEN") == "1":
        text = README.replace(blocks[0], actual)
        (ROOT / "README.md").write_text(text, encoding="utf-8")
        return
    assert actual == blocks[0], "the README's session of building a brief is out of date"
    assert runner_validates(tmp_path / "brief.yaml")


def runner_validates(path: Path) -> bool:
    return CliRunner().invoke(app, ["validate", str(path)]).exit_code == 0
