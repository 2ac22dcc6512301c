"""Specification: files that are not regular files are read safely (issue 20): a device is read
only up to the size limit, a stored text that is a pipe is refused instead of hanging."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
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


def _validate(brief: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefcli", "validate", str(brief)],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, **env},
        check=False,
    )


def _with_text(write_brief: BriefWriter, text: str) -> Path:
    return write_brief(
        'meta: {title: T, as_of: "2024"}\n'
        f"sources:\n  - {{id: s, name: S, kind: outlet, reliability: B, text: {text}}}\n"
    )


def test_a_stored_text_over_the_byte_limit_is_refused_at_its_field(
    write_brief: BriefWriter, tmp_path: Path
) -> None:
    (tmp_path / "report.txt").write_text("x" * 5000, encoding="utf-8")
    brief = _with_text(write_brief, "report.txt")

    completed = _validate(brief, BRIEFCLI_MAX_BYTES="1000")

    assert completed.returncode == ExitCode.INVALID_BRIEF
    assert (
        "brief.yaml:3:58: sources[0].text: stored text 'report.txt' is over the 1,000-byte "
        "limit (BRIEFCLI_MAX_BYTES)" in completed.stdout
    )


def test_a_stored_text_linked_to_a_device_is_refused(
    write_brief: BriefWriter, tmp_path: Path
) -> None:
    (tmp_path / "report.txt").symlink_to("/dev/zero")
    completed = _validate(_with_text(write_brief, "report.txt"))

    assert completed.returncode == ExitCode.INVALID_BRIEF
    assert "'report.txt' must be a path inside the brief's folder" in completed.stdout


@pytest.mark.parametrize(
    "text", ['"report\\0.txt"', "loop.txt"], ids=["NUL byte", "symbolic link loop"]
)
def test_a_stored_text_path_that_cannot_name_a_file_is_a_located_error(
    write_brief: BriefWriter, tmp_path: Path, text: str
) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    completed = _validate(_with_text(write_brief, text))

    assert completed.returncode == ExitCode.INVALID_BRIEF
    assert "Traceback" not in completed.stderr
    assert "sources[0].text: " in completed.stdout


def test_a_brief_path_that_is_a_symbolic_link_loop_is_exit_3(tmp_path: Path) -> None:
    loop = tmp_path / "brief.yaml"
    loop.symlink_to(loop)
    for command in (["actors"], ["validate"]):
        completed = subprocess.run(
            [sys.executable, "-m", "briefcli", "--brief", str(loop), *command],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert completed.returncode == ExitCode.INVALID_BRIEF, completed.stderr
        said = completed.stderr if command == ["actors"] else completed.stdout
        assert "Traceback" not in completed.stderr
        assert f"{loop}: cannot read: Too many levels of symbolic links\n" in said
