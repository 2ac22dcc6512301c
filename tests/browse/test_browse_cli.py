"""Specification of the `browse` command itself: it needs a terminal (one line and exit code 2
without one), and the global --brief and --as-of reach the browser, run as a real process on
a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from briefcli.exitcodes import ExitCode
from conftest import SECOND_BRIEF

SCRIPT = Path(sys.executable).with_name("briefcli")
# Escape sequences a terminal acts on (CSI, OSC, and the two-character ones), to read the text.
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[=>]")


def test_with_its_output_piped_browse_says_it_needs_a_terminal_in_one_line() -> None:
    master, terminal = pty.openpty()  # a terminal for input: only the output is piped
    try:
        result = subprocess.run(
            [str(SCRIPT), "browse"],
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(master)
    assert result.returncode == ExitCode.USAGE
    assert result.stdout == ""
    assert result.stderr == (
        "briefcli: error: browse needs a terminal, and standard output is not one (hint: run "
        "it in a terminal; for output to a pipe or a file, use the other commands)\n"
    )


def test_with_no_terminal_for_its_input_browse_says_so() -> None:
    master, terminal = pty.openpty()  # a terminal for output: only the input is not one
    try:
        result = subprocess.run(
            [str(SCRIPT), "browse"],
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(master)
    assert result.returncode == ExitCode.USAGE
    assert result.stderr.startswith(
        "briefcli: error: browse needs a terminal, and standard input is not one"
    )
    assert result.stderr.count("\n") == 1


def on_a_terminal(
    argv: list[str], drawn: str, keys: list[str], size: tuple[int, int]
) -> tuple[int, str]:
    """Run a command on a pseudo-terminal of `size` (columns, lines), type `keys` once it has
    drawn `drawn`, one at a time; its exit code and the text it showed, escape sequences
    taken out."""
    master, terminal = pty.openpty()
    columns, lines = size
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen(
        argv, stdin=terminal, stdout=terminal, stderr=terminal, env=env, start_new_session=True
    )
    os.close(terminal)
    shown = bytearray()

    def read(seconds: float, until: bytes | None = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not (until and until in shown):
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the terminal closed: the process is done
                    return
                if not chunk:
                    return
                shown.extend(chunk)

    try:
        read(30, until=drawn.encode())
        for key in keys:
            os.write(master, key.encode())
            read(1)
        code = process.wait(timeout=30)
        read(1)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    return code, ESCAPES.sub("", shown.decode("utf-8", "replace"))


@pytest.mark.parametrize(
    "args",
    [
        ["--brief", str(SECOND_BRIEF), "--as-of", "2024-06-01", "browse"],
        ["browse", "--brief", str(SECOND_BRIEF), "--as-of", "2024-06-01"],  # after it, too
    ],
)
def test_the_brief_and_the_day_chosen_reach_the_browser_and_q_quits(args: list[str]) -> None:
    code, shown = on_a_terminal([str(SCRIPT), *args], "Grace Okafor", ["q"], size=(160, 30))
    assert code == 0, shown[-2000:]
    assert "as of 2024-06-01 · Kilbarra port strike" in shown
    assert "Grace Okafor" in shown  # an actor of that brief, listed
    assert "Traceback" not in shown
