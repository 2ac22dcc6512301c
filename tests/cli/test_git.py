"""Specification: briefs in a team's git repository (issue 21). briefcli's own options may
come after the command (a git textconv appends the file last), the documented textconv shows a
brief's changes as its Markdown handout in `git diff`, and the pre-commit hook's command checks
each brief on its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.cli._app import global_options_first
from briefcli.exitcodes import ExitCode
from conftest import ROOT, SECOND_BRIEF, copy_harbour

runner = CliRunner()
SCRIPT_DIR = Path(sys.executable).parent


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (["actors", "--brief", "x.yaml"], ["--brief", "x.yaml", "actors"]),
        (["actor", "Grace", "-b", "x.yaml", "-q"], ["-b", "x.yaml", "-q", "actor", "Grace"]),
        (["timeline", "--as-of=2019", "--json"], ["--as-of=2019", "timeline", "--json"]),
        (["-b", "brief", "actors"], ["-b", "brief", "actors"]),  # a file named like a command
        (["search", "--", "--brief"], ["search", "--", "--brief"]),
    ],
)
def test_briefclis_own_options_move_before_the_command(given: list[str], read: list[str]) -> None:
    assert global_options_first(given) == read


def test_an_option_of_briefcli_after_the_command_is_used() -> None:
    result = runner.invoke(app, ["actors", "--json", "--brief", str(SECOND_BRIEF)])
    assert result.exit_code == ExitCode.OK
    assert "grace-okafor" in result.stdout


def _git(folder: Path, *args: str) -> str:
    environment = {"PATH": f"{SCRIPT_DIR}:/usr/bin:/bin", "HOME": str(folder)}
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
        env=environment,
    ).stdout


def test_the_documented_textconv_shows_a_change_as_the_handout_would(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.fail("git is needed for this test")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    textconv = readme.split("git config diff.briefcli.textconv '", 1)[1].split("'", 1)[0]
    shutil.copytree(SECOND_BRIEF.parent / "sources", tmp_path / "briefs" / "sources")
    brief = Path(shutil.copy(SECOND_BRIEF, tmp_path / "briefs" / "strike.yaml"))
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("briefs/*.yaml diff=briefcli\n")
    _git(tmp_path, "config", "diff.briefcli.textconv", textconv)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    text = brief.read_text(encoding="utf-8").replace("name: Grace Okafor", "name: Grace N. Okafor")
    brief.write_text(text, encoding="utf-8")

    shown = _git(tmp_path, "diff")

    changed = [line for line in shown.splitlines() if line[:1] in "+-" and "Okafor" in line]
    assert changed
    assert not any("name: Grace" in line for line in changed)  # not the YAML
    assert any(line.startswith("+") and "Grace N. Okafor" in line for line in changed)


def test_the_pre_commit_hook_checks_each_brief_on_its_own(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for name in ("one", "two"):  # the same ids: merged, they would clash
        copy_harbour(tmp_path / name)
    files = [str(tmp_path / name / "harbour.yaml") for name in ("one", "two")]

    result = runner.invoke(app, [*hook["entry"].split()[1:], *files])

    assert hook["entry"].split()[0] == "briefcli"
    assert result.exit_code == ExitCode.OK, result.stdout + result.stderr
    assert result.stdout.count(": ok: 14 actors") == 2
