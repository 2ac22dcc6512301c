"""The installed `briefcli` command, run as a real process: what scripts and shells see."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefcli.exitcodes import ExitCode
from conftest import SECOND_BRIEF

SCRIPT = Path(sys.executable).with_name("briefcli")


def briefcli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_the_console_script_is_installed_next_to_the_interpreter() -> None:
    assert SCRIPT.exists(), "install the package (pip install -e .[test]) before testing"


def test_the_bundled_brief_is_found_from_any_working_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SCRIPT), "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert ": ok: " in result.stdout


def test_python_dash_m_runs_the_same_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefcli", "--brief", str(SECOND_BRIEF), "actors", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_json_output_pipes_into_another_program() -> None:
    result = briefcli("--brief", str(SECOND_BRIEF), "timeline", "--format", "jsonl")
    assert result.returncode == 0
    starts = [json.loads(line)["date"]["start"] for line in result.stdout.splitlines()]
    assert len(starts) == 7
    assert starts == sorted(starts)


def test_a_closed_pipe_ends_quietly() -> None:
    """`briefcli actors --json | head -1`: no traceback, no 'Broken pipe' noise."""
    process = subprocess.Popen(
        [str(SCRIPT), "--brief", str(SECOND_BRIEF), "search", "a", "--limit", "200", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    code = process.wait(timeout=60)
    assert "Traceback" not in stderr
    assert "Broken pipe" not in stderr
    assert code in (ExitCode.OK, ExitCode.BROKEN_PIPE)


def test_piped_tables_carry_no_escape_codes_even_when_colour_is_not_disabled() -> None:
    result = briefcli("--brief", str(SECOND_BRIEF), "actors", env={"TERM": "xterm-256color"})
    assert result.returncode == 0
    assert "\x1b" not in result.stdout


def test_force_color_turns_colour_on_when_piped() -> None:
    result = briefcli(
        "--brief", str(SECOND_BRIEF), "actor", "grace okafor", env={"FORCE_COLOR": "1"}
    )
    assert "\x1b[" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["actors", "--json"],
        ["timeline", "--json"],
        ["sources", "--format", "csv"],
        ["actor", "Grace Okafor", "--format", "jsonl"],
    ],
)
def test_machine_output_never_imports_rich(args: list[str]) -> None:
    """Rich costs ~50 ms to import: commands that print data must not pay for it."""
    program = (
        "import sys\n"
        "from briefcli.cli import main\n"
        f"sys.argv = ['briefcli', '--brief', {str(SECOND_BRIEF)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m == 'rich' or m.startswith(('rich.', 'yaml')))\n"
        "sys.stderr.write('MODULES:' + ','.join(heavy))\n"
    )
    # First run fills the cache; the second is what a user sees every day.
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
        )
    assert "MODULES:" in result.stderr, result.stderr
    assert result.stderr.split("MODULES:")[1] == ""


def test_shell_completion_offers_actor_names() -> None:
    result = briefcli(
        env={"_BRIEFCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "briefcli actor Moq"}
    )
    assert "Moqtada al-Sadr" in result.stdout
    result = briefcli(
        env={
            "_BRIEFCLI_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": f"briefcli --brief {SECOND_BRIEF} trace Grace Em",
        }
    )
    assert "Emeka Okafor" in result.stdout
