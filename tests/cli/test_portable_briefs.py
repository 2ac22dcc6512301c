"""Specification: a brief copied away from its stored source texts still answers (issue 21:
every command, even `actors`, exited 3). Each missing text is a note on stderr and its
excerpts go unchecked; `validate` still requires every stored text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import SECOND_BRIEF

runner = CliRunner()
MISSING = (
    "stored text 'sources/harbour-report.txt' not found (looked in {folder}/sources); its "
    "excerpts are not checked (`validate` requires it)"
)


def test_a_brief_copied_without_its_texts_answers_with_a_note(tmp_path: Path) -> None:
    copied = Path(shutil.copy(SECOND_BRIEF, tmp_path / "harbour.yaml"))

    result = runner.invoke(app, ["--brief", str(copied), "actors", "--json"])

    assert result.exit_code == ExitCode.OK
    assert len(json.loads(result.stdout)) == 14
    assert result.stderr == (
        f"briefcli: note: {copied}:61:11: sources[0].text: "
        + MISSING.format(folder=tmp_path)
        + "\n"
    )


def test_its_claims_say_their_excerpt_was_not_checked(tmp_path: Path) -> None:
    copied = Path(shutil.copy(SECOND_BRIEF, tmp_path / "harbour.yaml"))

    result = runner.invoke(app, ["--brief", str(copied), "sources", "--claim", "c-stay-out"])

    assert result.exit_code == ExitCode.OK
    assert "(not checked: the stored text of The Kilbarra Courier was not found)" in (result.stdout)


def test_validate_still_requires_every_stored_text(tmp_path: Path) -> None:
    copied = Path(shutil.copy(SECOND_BRIEF, tmp_path / "harbour.yaml"))

    result = runner.invoke(app, ["validate", str(copied)])

    assert result.exit_code == ExitCode.INVALID_BRIEF
    assert "stored text 'sources/harbour-report.txt' not found" in result.stdout
