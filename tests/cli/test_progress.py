"""Specification: long work shows it is going on (issue 21: `validate` on a 20,000-event brief
was seconds of a silent screen, `timeline` twenty). A spinner on stderr while a large brief is
checked or first loaded, or a long table laid out, only when stderr is a terminal; nothing on a
pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import generate_brief, on_a_terminal

SCRIPT = Path(sys.executable).with_name("briefcli")


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_brief(tmp_path_factory.mktemp("large") / "brief-2000.yaml", 2000, seed=2)


def _stderr_on_a_terminal(args: list[str]) -> str:
    """Run briefcli with stderr on a pseudo-terminal; what it wrote there."""
    environment = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    return on_a_terminal([str(SCRIPT), *args], environment, stream="stderr")


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["validate"], "Checking"),
        (["actors", "--json"], "Loading the brief"),
        (["--no-pager", "timeline"], "Laying out the answer"),  # a table of 2,000 events
    ],
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
