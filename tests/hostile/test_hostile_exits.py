"""Specification: however briefcli is stopped or wherever its messages cannot go, it exits
with its documented code and leaves nothing behind. SIGTERM and SIGHUP stop it as Ctrl-C does
(143 and 129, temporary files removed); what a SIGKILL left is swept or ignored later; a
closed or full stderr loses the message, not the exit code; echoed input is clipped."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hostile_support import (
    SCRIPT,
    default_signals,
    harbour_text,
    process_env,
    run,
    start_on_a_fifo,
    with_harbour_report,
)

from briefcli.exitcodes import ExitCode
from briefcli.exporters import files
from conftest import generate_brief

STOPS = [
    (signal.SIGTERM, ExitCode.TERMINATED, "terminated"),
    (signal.SIGHUP, ExitCode.HUNG_UP, "hung up"),
    (signal.SIGINT, ExitCode.INTERRUPTED, "interrupted"),
]


@pytest.mark.parametrize(("signum", "code", "said"), STOPS, ids=lambda v: str(v))
def test_a_stopping_signal_while_loading_exits_with_its_code_and_says_so(
    tmp_path: Path, signum: int, code: int, said: str
) -> None:
    process, writer = start_on_a_fifo(tmp_path)
    try:
        time.sleep(0.1)
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        os.close(writer)
        process.kill()

    assert process.returncode == code, stderr
    assert (stdout, stderr.decode().strip()) == (b"", f"briefcli: {said}")


@pytest.mark.parametrize(("signum", "code", "said"), STOPS[:2], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_during_the_cache_write_leaves_no_temporary_file(
    tmp_path: Path, signum: int, code: int, said: str
) -> None:
    brief = generate_brief(tmp_path / "brief" / "brief-3000.yaml", 3000, seed=5)
    for attempt in range(5):  # until the signal lands while the entry is being written
        directory = tmp_path / f"cache-{attempt}"
        directory.mkdir()
        process = subprocess.Popen(
            [str(SCRIPT), "--brief", str(brief), "actors", "--json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=process_env(BRIEFCLI_CACHE_DIR=str(directory)),
            preexec_fn=default_signals,
        )
        while process.poll() is None and not list(directory.glob(".tmp-*.msgpack")):
            time.sleep(0.001)
        if process.poll() is not None:
            continue  # finished before it was caught writing
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
        if process.returncode == 0:
            continue  # the write ended just before the signal
        assert process.returncode == code, stderr
        assert stderr.decode().strip() == f"briefcli: {said}"
        # (the entry itself may be there: the write can end before the signal lands)
        assert list(directory.glob(".tmp-*")) == []
        return
    pytest.fail("the signal never landed during a cache write")


def test_a_ctrl_c_between_export_files_removes_those_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = files._write_temporary
    written: list[Path] = []

    def interrupted_on_the_third(target: Path, data: bytes, temporary: Path) -> None:
        if len(written) == 2:
            temporary.write_bytes(b"half")  # made, then interrupted before it was finished
            raise KeyboardInterrupt
        real(target, data, temporary)
        written.append(temporary)

    monkeypatch.setattr(files, "_write_temporary", interrupted_on_the_third)
    out = tmp_path / "csv"
    with pytest.raises(KeyboardInterrupt):
        files.write_folder(out, {f"t{n}.csv": b"x" for n in range(5)}, force=False)

    assert len(written) == 2
    assert list(out.iterdir()) == []


def test_a_csv_export_ignores_its_own_leftovers_from_a_killed_run(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    stale = out / ".actors.csv.k1ll3d00.tmp"
    stale.write_text("half a table")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    young = out / ".claims.csv.runn1ng0.tmp"  # another export's, perhaps still writing
    young.write_text("half a table")

    outcome = run("export", "--to", "csv", str(out))

    assert outcome.exit_code == ExitCode.OK, outcome.stderr
    assert not stale.exists()
    assert young.exists()
    assert (out / "actors.csv").is_file()


def test_another_hidden_file_still_makes_the_folder_not_empty(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    (out / ".notes.txt").write_text("mine")

    outcome = run("export", "--to", "csv", str(out))

    assert outcome.exit_code == ExitCode.OUTPUT_ERROR
    assert "exists and is not empty" in outcome.stderr


@pytest.mark.parametrize("length", [242, 250, 255])
def test_an_export_name_up_to_the_longest_legal_one_is_written(tmp_path: Path, length: int) -> None:
    target = tmp_path / ("b" * (length - 3) + ".md")
    assert len(target.name.encode()) == length

    outcome = run("export", "--to", "markdown", str(target))

    assert outcome.exit_code == ExitCode.OK, outcome.stderr
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_a_multibyte_name_is_cut_for_the_temporary_name_on_a_character_boundary(
    tmp_path: Path,
) -> None:
    target = tmp_path / ("é" * 125 + ".md")  # 253 bytes
    outcome = run("export", "--to", "markdown", str(target))

    assert outcome.exit_code == ExitCode.OK, outcome.stderr
    assert target.is_file()


# ---------------------------------------------------------------- stderr that cannot be written


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--brief", "/nonexistent/brief.yaml", "actors"], ExitCode.INVALID_BRIEF),
        (["actor", "Nobody-at-all"], ExitCode.NOT_FOUND),
        (["actors", "--no-such-option"], ExitCode.USAGE),
    ],
    ids=["invalid brief", "not found", "usage"],
)
@pytest.mark.parametrize("stderr", ["full", "closed"])
def test_an_unwritable_stderr_keeps_the_documented_exit_code(
    args: list[str], code: int, stderr: str
) -> None:
    if stderr == "full":
        with Path("/dev/full").open("w") as full:
            completed = subprocess.run(
                [str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=full, env=process_env()
            )
    else:
        completed = subprocess.run(
            ["sh", "-c", '"$0" "$@" 2>&-', str(SCRIPT), *args],
            stdout=subprocess.PIPE,
            env=process_env(),
        )

    assert completed.returncode == code


# ---------------------------------------------------------------- echoed input


@pytest.mark.parametrize("command", ["actor", "timeline --actor", "trace Okafor"])
def test_a_10_kb_query_is_not_echoed_whole(tmp_path: Path, command: str) -> None:
    with_harbour_report(tmp_path)
    brief = tmp_path / "brief.yaml"
    brief.write_text(harbour_text(), encoding="utf-8")
    query = "zq" * 5000

    outcome = run(*command.split(), query, briefs=[brief])

    assert outcome.exit_code == ExitCode.NOT_FOUND
    assert len(outcome.stderr) < 1000, outcome.stderr[:300]
    assert "zqzq…" in outcome.stderr


def test_a_hang_up_that_nohup_ignores_stays_ignored(tmp_path: Path) -> None:
    def ignoring_hang_ups() -> None:
        default_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    with_harbour_report(tmp_path)
    process, writer = start_on_a_fifo(tmp_path, ignoring_hang_ups)
    try:
        time.sleep(0.2)
        process.send_signal(signal.SIGHUP)
        time.sleep(0.2)
        assert process.poll() is None, "a hang-up that was ignored stopped briefcli"
        os.write(writer, harbour_text().encode("utf-8")[2000:])
    finally:
        os.close(writer)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (0, b"")
