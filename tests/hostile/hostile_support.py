"""What the hostile-brief suite shares: running briefcli (in-process and as a real process),
building briefs to break, and the oracles applied to everything that comes out.

The suite checks three promises for any brief, however broken or malicious:
- nothing crashes: every run ends with a documented exit code, never a traceback;
- nothing leaks into the terminal: no raw control, escape or bidi character reaches
  stdout or stderr, and hostile text shows up in a visible, inert form;
- nothing is lost: data formats (JSON, JSON Lines, CSV) parse and give back the exact text.

This module is not a conftest.py on purpose: tests/conftest.py is imported by other test
modules as `conftest`, and a second conftest.py would clash with it (in mypy and in pytest).
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

import yaml
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode

TESTS = Path(__file__).resolve().parents[1]
HARBOUR = TESTS / "briefs" / "harbour.yaml"
HARBOUR_REPORT = TESTS / "briefs" / "sources" / "harbour-report.txt"
SCRIPT = Path(sys.executable).with_name("briefcli")
FORMATS = ("table", "json", "jsonl", "csv", "markdown")
RUNNER = CliRunner()

# Environment variables that change how output looks; every run starts without them.
_PRESENTATION_VARIABLES = (
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "BRIEFCLI_MAX_BYTES",
    "BRIEFCLI_BRIEF",
    "BRIEFCLI_NO_CACHE",
)

# ---------------------------------------------------------------- time bounds


class TimeLimitExceeded(BaseException):
    """Raised by the alarm when a test runs too long. A BaseException, so that neither
    CliRunner nor the CLI's own handlers can swallow it: a hang fails the test."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail whatever runs inside for longer than `seconds` (SIGALRM, main thread only).
    Nestable: an enclosing limit is restored, less the time spent inside."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    outer_remaining, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_remaining:
            left = outer_remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


# ---------------------------------------------------------------- oracles

# Every character that can drive a terminal or reorder what it shows, except the newline:
# C0 controls (ESC, BEL, BS, CR, TAB, NUL...), DEL, C1 controls (CSI 0x9b, NEL 0x85...),
# the Arabic letter mark, zero-width and directional marks, line/paragraph separators,
# bidi embeddings, overrides and isolates, and the BOM / zero-width no-break space.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """How briefcli must show untrusted text: each control as a visible escape (`\\x1b`,
    `\\u202e`), everything else as it is."""
    return RAW_CONTROL.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text
    )


def raw_controls(text: str) -> list[str]:
    """The raw control characters in `text`, as U+XXXX names (empty when it is inert). A tab
    is not one: it separates a piped table's columns (a tab in a brief's text shows as
    `\x09`), and moves a terminal's cursor to its next tab stop, no more."""
    return sorted({f"U+{ord(char):04X}" for char in RAW_CONTROL.findall(text) if char != "\t"})


def assert_inert(text: str, where: str) -> None:
    """No raw control character and no traceback in what reached the terminal."""
    found = raw_controls(text)
    assert not found, f"raw control characters {found} reached {where}: {text[:3000]!r}"
    assert "Traceback" not in text, f"a traceback reached {where}:\n{text[:3000]}"


_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_shown(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes of ASCII punctuation removed."""
    return _MARKDOWN_ESCAPE.sub(r"\1", markdown)


def json_strings(value: Any) -> Iterator[str]:
    """Every string (keys and values) in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


# ---------------------------------------------------------------- running briefcli


@dataclass(frozen=True)
class Outcome:
    """What one run of briefcli left behind."""

    argv: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str

    @property
    def stderr_lines(self) -> list[str]:
        return self.stderr.splitlines()


def run(
    *args: str,
    briefs: Sequence[Path] = (),
    env: Mapping[str, str | None] | None = None,
) -> Outcome:
    """briefcli in-process (CliRunner). An exception escaping the command is a crash: the
    test fails with its traceback, whatever it expected."""
    argv = tuple(part for path in briefs for part in ("--brief", str(path))) + args
    environment: dict[str, str | None] = dict.fromkeys(_PRESENTATION_VARIABLES)
    environment.update(env or {})
    result = RUNNER.invoke(app, list(argv), env=environment)
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        trace = "".join(traceback.format_exception(exception))
        raise AssertionError(f"briefcli {' '.join(argv)!r} crashed:\n{trace}")
    # Decoded strictly: what briefcli writes is always valid UTF-8.
    return Outcome(
        argv,
        result.exit_code,
        result.stdout_bytes.decode("utf-8"),
        result.stderr_bytes.decode("utf-8"),
    )


def default_signals() -> None:
    """For a child process (preexec_fn): Ctrl-C, hang-up and termination at their defaults,
    whatever the tests run under (a background job ignores SIGINT, nohup SIGHUP; briefcli
    rightly keeps ignoring what it was started ignoring)."""
    for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, signal.SIG_DFL)


def start_on_a_fifo(
    tmp_path: Path, preexec: Callable[[], None] = default_signals
) -> tuple[subprocess.Popen[bytes], int]:
    """briefcli reading its brief from a FIFO that this test holds open: a load that is
    guaranteed to be in progress (past start-up) until the test lets it finish. `preexec`:
    the child's signals (default_signals by default). Returns it and the write end."""
    fifo = tmp_path / "brief.yaml"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [str(SCRIPT), "--brief", str(fifo), "actors", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(BRIEFCLI_NO_CACHE="1"),
        preexec_fn=preexec,
    )
    deadline = time.monotonic() + 30
    while True:  # opening the write end fails (ENXIO) until briefcli has opened the read end
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as error:
            assert error.errno == errno.ENXIO, error
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "briefcli never opened its brief"
            time.sleep(0.01)
    os.set_blocking(writer, True)
    os.write(writer, harbour_text().encode("utf-8")[:2000])  # part of a brief, then nothing
    return process, writer


def process_env(**overrides: str) -> dict[str, str]:
    """The environment for a real briefcli process: this one's (with the test's isolated
    cache), without presentation variables, and with normal (buffered) standard streams."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in _PRESENTATION_VARIABLES and key != "PYTHONUNBUFFERED"
    }
    environment.update(overrides)
    return environment


def run_process(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """The installed console script as a real process; a hang fails after `timeout`."""
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        timeout=timeout,
        env=dict(env) if env is not None else process_env(),
        cwd=cwd,
        check=False,
    )


@dataclass(frozen=True)
class Measured:
    """A real process's exit code, output, wall time and peak resident memory."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int


def run_measured(args: Sequence[str], folder: Path, timeout: float) -> Measured:
    """Run the console script and read its own peak RSS from wait4's rusage."""
    out_path, err_path = folder / "measured.out", folder / "measured.err"
    started = time.monotonic()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen([str(SCRIPT), *args], stdout=out, stderr=err, env=process_env())
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            process.returncode = -9
            raise AssertionError(f"briefcli {' '.join(args)} still running after {timeout} s")
        time.sleep(0.01)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        process.returncode,
        out_path.read_text("utf-8", errors="replace"),
        err_path.read_text("utf-8", errors="replace"),
        seconds,
        usage.ru_maxrss * 1024,  # kilobytes on Linux
    )


# ---------------------------------------------------------------- errors

ERROR_PREFIX = "briefcli: error: "
# `file:line:col: field: message`, or `file:line:col: message` when no field applies.
_LOCATED = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): "
    r"(?:(?P<field>\(document\)|[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\]|\.[A-Za-z_][A-Za-z0-9_]*)*): )?"
    r"(?P<message>\S.*)$"
)


@dataclass(frozen=True)
class Located:
    file: str
    line: int
    column: int
    field: str | None
    message: str


def parse_located(text: str) -> Located:
    """Split a `file:line:col: field: message` line; fail the test if it has another shape."""
    match = _LOCATED.match(text)
    assert match, f"not of the shape file:line:col: [field: ]message: {text!r}"
    return Located(
        match["file"], int(match["line"]), int(match["column"]), match["field"], match["message"]
    )


def the_error(outcome: Outcome, exit_code: int) -> str:
    """The one error line of a failed run, without its `briefcli: error: ` prefix, after
    checking the exit code, that stdout is empty and that stderr is that one inert line."""
    assert outcome.exit_code == exit_code, (
        f"exit code {outcome.exit_code}, expected {exit_code}; stderr: {outcome.stderr!r}"
    )
    assert_inert(outcome.stderr, "stderr")
    assert_inert(outcome.stdout, "stdout")
    assert outcome.stdout == "", f"a failed command printed a result: {outcome.stdout[:500]!r}"
    lines = outcome.stderr_lines
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {outcome.stderr!r}"
    assert lines[0].startswith(ERROR_PREFIX), lines[0]
    return lines[0].removeprefix(ERROR_PREFIX)


def located_error(outcome: Outcome, exit_code: int = ExitCode.INVALID_BRIEF) -> Located:
    """The one located error line of a run that refused a brief."""
    return parse_located(the_error(outcome, exit_code))


def assert_located(
    outcome: Outcome,
    path: Path,
    line: int,
    field: str | None,
    message: str | re.Pattern[str],
    exit_code: int = ExitCode.INVALID_BRIEF,
) -> Located:
    """The run failed with one `path:line:col: field: message` line naming this place."""
    error = located_error(outcome, exit_code)
    assert error.file == str(path), error
    assert error.line == line, f"reported line {error.line}, the problem is on line {line}"
    assert error.field == field, error
    if isinstance(message, str):
        assert message in error.message, error
    else:
        assert message.search(error.message), error
    return error


# ---------------------------------------------------------------- briefs


@cache
def _harbour_text() -> str:
    return HARBOUR.read_text(encoding="utf-8")


def harbour_text() -> str:
    """The complete valid example brief, as text."""
    return _harbour_text()


@cache
def _harbour_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_harbour_text())
    return data


def harbour_data() -> dict[str, Any]:
    """A fresh, mutable copy of the example brief's data."""
    return copy.deepcopy(_harbour_data())


def with_harbour_report(folder: Path) -> None:
    """Put the example brief's stored source text where its `text:` path points."""
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / HARBOUR_REPORT.name).write_bytes(HARBOUR_REPORT.read_bytes())


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def write_data(path: Path, data: Any) -> Path:
    r"""Data as YAML, every non-ASCII or control character as a YAML escape (`"\e[31m"`,
    `"\u202E"`), so that each reaches the brief exactly. (With allow_unicode=True PyYAML
    writes some, such as U+0085, raw in a quoted scalar, where YAML reads a line break.)"""
    return write_text(
        path, yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1_000_000)
    )


# Characters YAML does not accept raw in a file, or reads as line breaks inside a scalar.
_NOT_RAW_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def write_json(path: Path, data: Any) -> Path:
    r"""Data as JSON, which is also YAML 1.2: every string quoted, so that no string can be
    read as a number (PyYAML, a YAML 1.1 emitter, writes the string "0e0" unquoted, and YAML
    1.2 reads that as 0.0). Characters YAML takes as breaks or refuses raw become \u escapes;
    other non-ASCII text, bidi controls included, stays raw UTF-8."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return write_text(path, _NOT_RAW_IN_YAML.sub(lambda m: f"\\u{ord(m[0]):04x}", text))


def replace_line(text: str, old: str, new: str) -> tuple[str, int]:
    """Replace the one line equal to `old` (stripped) and return the text and its line number."""
    lines = text.split("\n")
    found = [number for number, line in enumerate(lines) if line.strip() == old.strip()]
    assert len(found) == 1, f"{old!r} is on {len(found)} lines of the brief, expected one"
    number = found[0]
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    lines[number] = indent + new.strip()
    return "\n".join(lines), number + 1


def line_of(text: str, needle: str) -> int:
    """The line number of the one line containing `needle`."""
    found = [number for number, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on {len(found)} lines, expected one"
    return found[0]


def line_at(text: str, steps: Sequence[str | int]) -> int:
    """The line where the value at `steps` (keys and list positions) is written."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None, "an empty document"
    for step in steps:
        if isinstance(step, int):
            assert isinstance(node, yaml.SequenceNode), (steps, step)
            node = node.value[step]
        else:
            assert isinstance(node, yaml.MappingNode), (steps, step)
            node = next(value for key, value in node.value if key.value == step)
    return int(node.start_mark.line) + 1


def set_at(data: Any, steps: Sequence[str | int], value: Any) -> None:
    """Set (or add) the value at `steps` in nested data; a list position past the end appends."""
    *parents, last = steps
    for step in parents:
        data = data[step]
    if isinstance(last, int) and isinstance(data, list) and last >= len(data):
        data.append(value)
    else:
        data[last] = value


def position(data: dict[str, Any], section: str, record_id: str) -> int:
    """The list position of the record with this id in a section of brief data."""
    return next(n for n, item in enumerate(data[section]) if item["id"] == record_id)
