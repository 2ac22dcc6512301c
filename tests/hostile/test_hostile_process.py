"""The process around the brief: a reader that goes away (`| head`), Ctrl-C, a full disk, a
broken or contended cache. Exit codes are the documented ones and nothing prints a traceback."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from hostile_support import (
    FORMATS,
    HARBOUR,
    SCRIPT,
    assert_inert,
    harbour_text,
    process_env,
    run,
    run_process,
    start_on_a_fifo,
    the_error,
    time_limit,
    with_harbour_report,
    write_data,
    write_text,
)

from briefcli.exitcodes import ExitCode


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    with time_limit(60):
        yield


def _many_actors(count: int) -> dict[str, Any]:
    return {
        "meta": {"title": "Many", "as_of": "2024"},
        "actors": [
            {
                "id": f"a-{number}",
                "name": f"Actor number {number} " + "with a long name " * 12,
                "kind": "person",
                "description": "A long description that makes the output large. " * 6,
            }
            for number in range(count)
        ],
    }


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A brief whose every answer (CSV too) is far larger than a pipe's buffer (64 KiB)."""
    return write_data(tmp_path_factory.mktemp("large") / "large.yaml", _many_actors(1500))


def _read_a_little_then_close(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Start briefcli, read 10 bytes of its output and close the pipe, like `| head -c 10`."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(10)
    process.stdout.close()
    try:
        stderr = process.stderr.read().decode("utf-8", errors="replace")
        code = process.wait(timeout=60)
    finally:
        process.kill()
    assert len(first) == 10
    return code, stderr


# ---------------------------------------------------------------- closed pipes


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_reader_that_goes_away_ends_briefcli_quietly_with_141(
    large: Path, output_format: str
) -> None:
    args = [str(SCRIPT), "--brief", str(large), "actors", "--format", output_format]
    code, stderr = _read_a_little_then_close(args, process_env())
    assert code == ExitCode.BROKEN_PIPE
    assert stderr == "", "no traceback, no 'Exception ignored', no 'Broken pipe' message"


def test_python_dash_m_also_ends_quietly_with_141_on_a_closed_pipe(large: Path) -> None:
    args = [sys.executable, "-m", "briefcli", "--brief", str(large), "actors", "--json"]
    code, stderr = _read_a_little_then_close(args, process_env())
    assert (code, stderr) == (ExitCode.BROKEN_PIPE, "")


def test_a_shell_pipeline_into_head_shows_no_error(large: Path, tmp_path: Path) -> None:
    errors = tmp_path / "stderr.txt"
    pipeline = f"'{SCRIPT}' --brief '{large}' actors --json 2>'{errors}' | head -c 10"
    completed = subprocess.run(
        ["sh", "-c", pipeline], capture_output=True, timeout=60, env=process_env(), check=False
    )
    assert completed.stdout == b"[\n  {\n    "
    assert errors.read_text() == ""


@pytest.mark.parametrize("output_format", ["jsonl", "csv", "markdown"])
def test_a_closed_pipe_exits_141_also_with_unbuffered_python(
    large: Path, output_format: str
) -> None:
    args = [str(SCRIPT), "--brief", str(large), "actors", "--format", output_format]
    code, stderr = _read_a_little_then_close(args, process_env(PYTHONUNBUFFERED="1"))
    assert (code, stderr) == (ExitCode.BROKEN_PIPE, "")


# ---------------------------------------------------------------- Ctrl-C


def _interrupt_while_loading(tmp_path: Path) -> tuple[int, str, str]:
    process, writer = start_on_a_fifo(tmp_path)
    try:
        time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        os.close(writer)
        process.kill()
    return process.returncode, stdout.decode(), stderr.decode()


def test_ctrl_c_while_loading_a_brief_exits_130_without_a_traceback(tmp_path: Path) -> None:
    code, stdout, stderr = _interrupt_while_loading(tmp_path)
    assert code == ExitCode.INTERRUPTED, stderr
    assert stdout == ""
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr


def test_ctrl_c_while_loading_says_interrupted_on_stderr(tmp_path: Path) -> None:
    code, _, stderr = _interrupt_while_loading(tmp_path)
    assert code == ExitCode.INTERRUPTED
    assert stderr.strip() == "briefcli: interrupted"


def test_an_interrupt_inside_a_command_is_exit_130_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefcli.store import cache

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache, "load", interrupted)
    outcome = run("actors", briefs=[HARBOUR])
    assert outcome.exit_code == ExitCode.INTERRUPTED
    assert_inert(outcome.stdout + outcome.stderr, "output")


_CONSOLE_SCRIPT = next(iter(entry_points(group="console_scripts", name="briefcli")))
# Runs the console script's own import and call, with Ctrl-C pressed during its imports.
_CTRL_C_DURING_IMPORTS = f"""
import sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["briefcli", *sys.argv[1:]]
from {_CONSOLE_SCRIPT.module} import {_CONSOLE_SCRIPT.attr} as main
sys.exit(main())
"""


def test_ctrl_c_during_start_up_exits_130_without_a_traceback() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _CTRL_C_DURING_IMPORTS, "--brief", str(HARBOUR), "actors"],
        capture_output=True,
        timeout=60,
        env=process_env(),
        check=False,
    )
    stderr = completed.stderr.decode()
    assert completed.returncode == ExitCode.INTERRUPTED, stderr
    assert "Traceback" not in stderr


# ---------------------------------------------------------------- full disk

DEV_FULL = Path("/dev/full")
_STDOUT_COMMANDS: list[list[str]] = [
    ["actors", "--json"],
    ["actors"],
    ["validate"],
    ["export", "-", "--to", "markdown"],
]


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", _STDOUT_COMMANDS, ids=" ".join)
def test_a_full_disk_on_stdout_is_exit_4_with_one_line(tmp_path: Path, args: list[str]) -> None:
    with_harbour_report(tmp_path)
    brief = write_text(tmp_path / "brief.yaml", harbour_text())
    with DEV_FULL.open("wb") as full:
        completed = subprocess.run(
            [str(SCRIPT), "--brief", str(brief), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            env=process_env(),
            check=False,
        )
    stderr = completed.stderr.decode()
    assert completed.returncode == ExitCode.OUTPUT_ERROR, stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("briefcli: error: ")
    assert "No space left on device" in stderr


@pytest.fixture
def previous_export(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A brief, and an earlier export of it that must survive a failed new one."""
    with_harbour_report(tmp_path)
    brief = write_text(tmp_path / "brief.yaml", harbour_text())
    out = tmp_path / "out" / "handout.md"
    out.parent.mkdir()
    previous = b"# the previous export, which must survive\n"
    out.write_bytes(previous)
    return brief, out, previous


def test_a_full_disk_during_export_keeps_the_previous_file_intact(
    previous_export: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief, out, previous = previous_export

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    outcome = run("export", str(out), "--to", "markdown", "--force", briefs=[brief])
    message = the_error(outcome, ExitCode.OUTPUT_ERROR)
    assert message == f"cannot write {out}: No space left on device"
    assert out.read_bytes() == previous
    assert sorted(path.name for path in out.parent.iterdir()) == [out.name], "a temporary file"


def test_a_full_disk_during_a_csv_export_leaves_no_partial_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_harbour_report(tmp_path)
    brief = write_text(tmp_path / "brief.yaml", harbour_text())
    folder = tmp_path / "tables"
    written: list[int] = []

    def full_after_two_files(descriptor: int) -> None:
        written.append(descriptor)
        if len(written) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_after_two_files)
    outcome = run("export", str(folder), "--to", "csv", briefs=[brief])
    message = the_error(outcome, ExitCode.OUTPUT_ERROR)
    assert message.endswith("No space left on device")
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_export_never_overwrites_without_force(
    previous_export: tuple[Path, Path, bytes],
) -> None:
    brief, out, previous = previous_export
    outcome = run("export", str(out), "--to", "markdown", briefs=[brief])
    assert the_error(outcome, ExitCode.OUTPUT_ERROR) == (
        f"{out} already exists (use --force to overwrite it)"
    )
    assert out.read_bytes() == previous


# ---------------------------------------------------------------- the cache


def _answer(brief: Path, env: dict[str, str | None] | None = None) -> Any:
    outcome = run("actors", "--json", briefs=[brief], env=env)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    return json.loads(outcome.stdout)


@pytest.fixture
def harbour_brief(tmp_path: Path) -> Path:
    with_harbour_report(tmp_path)
    return write_text(tmp_path / "brief.yaml", harbour_text())


def test_an_unusable_cache_directory_changes_nothing(harbour_brief: Path, tmp_path: Path) -> None:
    expected = _answer(harbour_brief, {"BRIEFCLI_NO_CACHE": "1"})
    not_a_directory = write_text(tmp_path / "cache-is-a-file", "x")
    assert _answer(harbour_brief, {"BRIEFCLI_CACHE_DIR": str(not_a_directory)}) == expected
    inside_a_file = not_a_directory / "sub"
    assert _answer(harbour_brief, {"BRIEFCLI_CACHE_DIR": str(inside_a_file)}) == expected


def test_a_corrupted_cache_entry_is_ignored_and_rebuilt(
    harbour_brief: Path, isolated_cache: Path
) -> None:
    expected = _answer(harbour_brief)
    entries = list(isolated_cache.glob("*.msgpack"))
    assert entries, "the first run should have written a cache entry"
    for entry in entries:
        entry.write_bytes(b"\x93\xa5bogus" + os.urandom(64))
    assert _answer(harbour_brief) == expected
    for entry in isolated_cache.glob("*.msgpack"):
        entry.write_bytes(b"")
    assert _answer(harbour_brief) == expected


def test_a_cache_entry_never_outlives_a_change_to_the_brief(harbour_brief: Path) -> None:
    _answer(harbour_brief)
    text = harbour_brief.read_text(encoding="utf-8").replace(
        "name: Norland Freight", "name: Norland Freight Renamed"
    )
    write_text(harbour_brief, text)
    names = {row["name"] for row in _answer(harbour_brief)}
    assert "Norland Freight Renamed" in names


def test_concurrent_processes_share_the_cache_safely(harbour_brief: Path) -> None:
    processes = [
        subprocess.Popen(
            [str(SCRIPT), "--brief", str(harbour_brief), "actors", "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=process_env(),
        )
        for _ in range(6)
    ]
    results = [process.communicate(timeout=60) for process in processes]
    assert [process.returncode for process in processes] == [0] * 6, results
    outputs = {stdout for stdout, _ in results}
    assert len(outputs) == 1
    assert all(stderr == b"" for _, stderr in results)
    assert run_process(["--brief", str(harbour_brief), "actors", "--json"]).stdout in outputs
