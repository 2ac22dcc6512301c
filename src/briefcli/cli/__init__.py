"""The command line: parse arguments, load the brief, call a query, hand the answer to a
renderer. Nothing here computes or formats an answer: see queries.py, views.py and render/.

- `_app`: the Typer app, global options, loading and name resolution shared by commands, and
  which module defines each command (a command's module loads only when it is used);
- `lookups`: actors, actor, timeline, alignments, trace, sources, search;
- `listings`: relations, claims, notes, places;
- `reports`: brief, export, diff;
- `checks`: validate, lint, schema;
- `authoring`: init, rm, fmt, and what the commands that write a brief share; `adding`: add;
  `editing`: edit; `importing`: import; `asking`: questions at a terminal.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from briefcli.collector import paused_for_start_up
from briefcli.exitcodes import ExitCode

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer
    from typer import Typer

    from briefcli.cli._app import app

__all__ = ["app", "main"]

# Write errors on stdout that mean "the output cannot be written" (exit code 4).
_OUTPUT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS, errno.EBADF}
)


def _load_app() -> Typer:
    """Import the app (Typer...) only now, inside main()'s handlers: Ctrl-C during start-up is
    then an exit code, not a traceback. Commands load when used (`_app.COMMAND_MODULES`)."""
    from briefcli.cli._app import app

    return app


def __getattr__(name: str) -> object:
    """`from briefcli.cli import app` (tests, completion) still works."""
    if name == "app":
        return _load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _ClosedStdout(io.RawIOBase):
    """Stdout of a program started without one (`briefcli actors >&-`, where Python sets
    sys.stdout to None): output written to it fails as on a closed descriptor, which is exit
    code 4; a command that writes nothing there (`export --to markdown FILE`) still works."""

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _buffered_stdout() -> None:
    """Under `python -u` or PYTHONUNBUFFERED, stdout's text layer sits on a raw file, which
    silently drops the rest of a short write (a reader gone): give it a buffer, which does not."""
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_ClosedStdout(), encoding="utf-8", write_through=True)
        return
    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, io.RawIOBase):
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(raw),
            encoding=sys.stdout.encoding,
            errors=sys.stdout.errors,
            line_buffering=True,
        )


def _run_once_more_without_a_corrupt_cache(app: Typer) -> None:
    """Run the command; if part of the cache entry it read turns out not to decode (the file
    was damaged after it was written), discard the entry and run the command again (without
    the cache, if the entry could not be removed)."""
    try:
        app()
    except Exception as error:
        from briefcli.store.packed import CorruptStore

        if not isinstance(error, CorruptStore):
            raise
        from briefcli.store import cache

        if not cache.discard_entries_in_use():
            os.environ["BRIEFCLI_NO_CACHE"] = "1"
        app()


# The signals that stop briefcli as Ctrl-C does (cleaning up its temporary files), with what
# it says and its exit code (128 + the signal's number, as a shell reports it).
_STOPPING: dict[int, tuple[str, ExitCode]] = {
    signal.SIGTERM: ("terminated", ExitCode.TERMINATED),
    signal.SIGHUP: ("hung up", ExitCode.HUNG_UP),
}
_stopped_by: list[int] = []  # the signal that stopped the command, if one did


def _stop(signum: int, frame: FrameType | None) -> None:
    """Stop the command as Ctrl-C would: the KeyboardInterrupt unwinds through every clean-up."""
    _stopped_by.append(signum)
    raise KeyboardInterrupt


def _stop_on_signals() -> None:
    for signum in _STOPPING:
        if signal.getsignal(signum) is signal.SIG_DFL:  # not one ignored (nohup) or handled
            signal.signal(signum, _stop)


def _stopped() -> NoReturn:
    """Exit after an interruption: Ctrl-C, or a signal that stops briefcli like it."""
    from briefcli import console

    said, code = _STOPPING[_stopped_by[0]] if _stopped_by else ("interrupted", ExitCode.INTERRUPTED)
    console.to_stderr(f"\nbriefcli: {said}\n")
    sys.exit(code)


def main() -> None:
    """Console-script entry point: exit codes for Ctrl-C (130), SIGTERM (143), SIGHUP (129),
    closed pipes (141) and output that cannot be written (4), never a traceback."""
    _stop_on_signals()
    with paused_for_start_up():
        _main()


def _replace_what_cannot_be_encoded() -> None:
    """On a stream that is not UTF-8 (PYTHONIOENCODING=ascii, a latin-1 terminal), write what
    it cannot encode as backslash escapes rather than fail with a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _main() -> None:
    try:
        _buffered_stdout()
        _replace_what_cannot_be_encoded()
        app = _load_app()
        try:
            _run_once_more_without_a_corrupt_cache(app)
        finally:
            sys.stdout.flush()  # a write error now, not as "Exception ignored" at exit
    except KeyboardInterrupt:
        _stopped()
    except SystemExit as stop:
        if stop.code == ExitCode.INTERRUPTED:  # Typer turns Ctrl-C inside a command into this
            _stopped()
        raise
    except BrokenPipeError:  # output written outside briefcli.output (e.g. --help)
        from briefcli import console

        console.silence_stdout()
        sys.exit(ExitCode.BROKEN_PIPE)
    except OSError as error:
        if error.errno not in _OUTPUT_ERRNOS:
            raise
        from briefcli import console

        console.silence_stdout()
        console.error(f"cannot write the output: {error.strerror or error}")
        sys.exit(ExitCode.OUTPUT_ERROR)
