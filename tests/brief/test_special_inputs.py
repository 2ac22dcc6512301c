"""Specification: files that are not regular files are read safely (issue 20): a device is read
only up to the size limit, a stored text that is a pipe is refused instead of hanging."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from conftest import BriefWriter

runner = CliRunner()


def test_a_device_as_the_brief_is_read_only_up_to_the_limit() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "briefcli", "--brief", "/dev/zero", "actors"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BRIEFCLI_MAX_BYTES": "1000"},
        check=False,
    )
    assert completed.returncode == ExitCode.INVALID_BRIEF
    assert completed.stderr.splitlines() == [
        "briefcli: error: /dev/zero: is not a file and gave more bytes, over the 1,000-byte "
        "limit (BRIEFCLI_MAX_BYTES)"
    ]


def test_a_brief_from_a_pipe_is_read(tmp_path: Path) -> None:
    text = 'meta: {title: Piped, as_of: "2024"}\nactors:\n  - {id: a, name: Ann, kind: person}\n'
    reader, writer = os.pipe()
    os.write(writer, text.encode())
    os.close(writer)
    result = runner.invoke(app, ["--brief", f"/dev/fd/{reader}", "actors", "--json"])
    os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert '"name": "Ann"' in result.stdout


def test_a_stored_text_that_is_a_pipe_is_refused_not_waited_for(
    write_brief: BriefWriter, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "report.txt")
    brief = write_brief(
        'meta: {title: T, as_of: "2024"}\n'
        "sources:\n  - {id: s, name: S, kind: outlet, reliability: B, text: report.txt}\n"
    )
    completed = subprocess.run(
        [sys.executable, "-m", "briefcli", "validate", str(brief)],
        capture_output=True,
        text=True,
        timeout=30,  # before the fix this waited for a writer for ever
        check=False,
    )
    assert completed.returncode == ExitCode.INVALID_BRIEF
    assert "stored text 'report.txt' is not a regular file" in completed.stdout
