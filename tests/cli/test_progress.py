"""Specification: long work shows it is going on (issue 21: `validate` on a 20,000-event brief
was seconds of a silent screen). A spinner on stderr while a large brief is checked or first
loaded, only when stderr is a terminal; nothing on a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import generate_brief

SCRIPT = Path(sys.executable).with_name("briefcli")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_brief(tmp_path_factory.mktemp("large") / "brief-2000.yaml", 2000, seed=2)


def _stderr_on_a_terminal(args: list[str]) -> str:
    """Run briefcli with stderr on a pseudo-terminal; what it wrote there."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [str(SCRIPT), *args],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(terminal)
    seen = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=120)
    os.close(controller)
    return seen.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("command", "said"),
    [(["validate"], "Checking"), (["actors", "--json"], "Loading the brief")],
)
def test_a_large_brief_shows_a_spinner_on_a_terminal(
    large: Path, command: list[str], said: str
) -> None:
    shown = _stderr_on_a_terminal(["--brief", str(large), *command])
    assert said in shown


def test_nothing_is_shown_when_stderr_is_not_a_terminal(large: Path) -> None:
    completed = subprocess.run(
        [str(SCRIPT), "validate", str(large)], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0
    assert completed.stderr == ""
