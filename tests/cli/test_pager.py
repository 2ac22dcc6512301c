"""Specification: output taller than the terminal goes through a pager, as git and gh do it
(issue 21): $BRIEFCLI_PAGER, then $PAGER, then `less -FRX`; --no-pager, an empty value or
`cat` prints straight out; a pipe never gets a pager. Run on a pseudo-terminal, with a pager
that copies what it is given into a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import on_a_terminal

SCRIPT = Path(sys.executable).with_name("briefcli")


def shown(args: list[str], env: dict[str, str]) -> str:
    """Run briefcli with stdout on a pseudo-terminal 100 columns by 20 lines; what it showed."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PAGER", "BRIEFCLI_PAGER", "NO_COLOR", "FORCE_COLOR")
    }
    settings = {"TERM": "xterm", "COLUMNS": "100", "LINES": "20", **env}
    return on_a_terminal([str(SCRIPT), *args], {**environment, **settings}, timeout=60)


@pytest.mark.parametrize("variable", ["BRIEFCLI_PAGER", "PAGER"])
def test_long_output_goes_through_the_pager(tmp_path: Path, variable: str) -> None:
    paged = tmp_path / "paged.txt"
    text = shown(["actors"], {variable: f"sh -c 'cat > {paged}'"})

    assert "Actors (37)" in paged.read_text(encoding="utf-8")
    assert "Actors (37)" not in text


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager", "actors"], {}),
        (["actors"], {"BRIEFCLI_PAGER": ""}),
        (["actors"], {"BRIEFCLI_PAGER": "cat"}),
        (["actor", "Hadi al-Amiri", "--json"], {}),  # data is never paged
    ],
    ids=["--no-pager", "empty", "cat", "json"],
)
def test_no_pager_prints_straight_out(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    paged = tmp_path / "paged.txt"
    environment = {"PAGER": f"sh -c 'cat > {paged}'", **env}
    text = shown(args, environment)

    assert not paged.exists()
    assert "al-" in text


def test_a_short_answer_is_not_paged(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    text = shown(["actors", "--kind", "state"], {"PAGER": f"sh -c 'cat > {paged}'"})
    assert not paged.exists()
    assert "Iran" in text


def test_a_pipe_is_never_paged(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    completed = subprocess.run(
        [str(SCRIPT), "actors"],
        capture_output=True,
        text=True,
        env={**os.environ, "PAGER": f"sh -c 'cat > {paged}'"},
        check=True,
    )
    assert not paged.exists()
    assert "Abu Doaa al-Issawi" in completed.stdout
