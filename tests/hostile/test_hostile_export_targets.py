"""Specification: an export never replaces what is not a file (issue 20). Renaming a temporary
file over a device or a pipe would put a regular file in its place; as root, `export --force`
onto /dev/null turned it into an 11 KB file."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode

runner = CliRunner()


def fifo(path: Path) -> Iterator[Path]:
    os.mkfifo(path)
    yield path


def unix_socket(path: Path) -> Iterator[Path]:
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        yield path


def link_to_fifo(path: Path) -> Iterator[Path]:
    os.mkfifo(path.with_name("pipe"))
    path.symlink_to(path.with_name("pipe"))
    yield path


MAKERS: dict[str, Callable[[Path], Iterator[Path]]] = {
    "a named pipe": fifo,
    "a socket": unix_socket,
    "a link to a named pipe": link_to_fifo,
}


@pytest.mark.parametrize("kind", list(MAKERS))
@pytest.mark.parametrize("force", [False, True])
def test_export_refuses_to_replace_what_is_not_a_file(
    tmp_path: Path, kind: str, force: bool
) -> None:
    for special in MAKERS[kind](tmp_path / "out.md"):
        before = os.lstat(special)
        args = ["export", "--to", "markdown", str(special), *(["--force"] if force else [])]
        result = runner.invoke(app, args)
        assert result.exit_code == ExitCode.OUTPUT_ERROR
        assert "not a file" in result.stderr and result.stderr.count("\n") == 1
        after = os.lstat(special)
        assert (stat.S_IFMT(after.st_mode), after.st_ino) == (
            stat.S_IFMT(before.st_mode),
            before.st_ino,
        )


def test_a_pipe_among_the_csv_tables_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    os.mkfifo(folder / "actors.csv")
    result = runner.invoke(app, ["export", "--to", "csv", str(folder), "--force"])
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert stat.S_ISFIFO(os.lstat(folder / "actors.csv").st_mode)
    assert not (folder / "claims.csv").exists()  # nothing is half written
