"""The one place that writes to the terminal, and that makes untrusted text safe to show.

Text from a brief is data: it is never parsed as Rich markup or emoji codes, and control
characters, escape sequences and bidirectional overrides are shown as visible escapes
(`\\x1b`, `\\u202e`) instead of reaching the terminal raw.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import IO, TYPE_CHECKING

from briefcli.exitcodes import ExitCode

if TYPE_CHECKING:
    from rich.console import Console

# Characters that can move the cursor, change colours, retitle the window, make hyperlinks,
# or reorder what is shown: C0 and C1 controls, DEL, bidi embeddings/overrides/isolates,
# zero-width marks and line/paragraph separators.
_INVISIBLE = [
    *range(0x00, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    *(0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0xFEFF,
]
_VISIBLE_ESCAPES = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _INVISIBLE
}
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in _INVISIBLE if code >= 0x7F}
# A regex for the same characters, compiled on first use (re caches it): ASCII text needs only
# a look for DEL.
_JSON_ESCAPED = "[" + "".join(re.escape(chr(code)) for code in _JSON_ESCAPES) + "]"
_INLINE = dict(_VISIBLE_ESCAPES)
_MULTILINE = {**_VISIBLE_ESCAPES, ord("\n"): "\n"}


def safe(text: str, multiline: bool = False) -> str:
    """Untrusted text with every control, escape and bidi character made visible."""
    return text.translate(_MULTILINE if multiline else _INLINE)


def safe_json(encoded: str) -> str:
    """JSON text with C1, DEL and bidi characters written as \\u escapes (same data). Most
    output has none, and finding that out is far cheaper than translating non-ASCII text."""
    if (encoded.isascii() and "\x7f" not in encoded) or not re.search(_JSON_ESCAPED, encoded):
        return encoded
    return encoded.translate(_JSON_ESCAPES)


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# Piped tables are not wrapped (nothing is cut): they are laid out at this width.
PIPE_WIDTH = 100_000


def _stdout_width() -> int | None:
    """COLUMNS if set; else PIPE_WIDTH when stdout is neither a terminal nor forced to colour;
    None lets Rich ask the terminal."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    terminal = is_terminal(sys.stdout) or bool(os.environ.get("FORCE_COLOR"))
    return None if terminal else PIPE_WIDTH


def plain_stdout() -> bool:
    """Whether stdout_console() would print uncoloured UTF-8 text at PIPE_WIDTH: what Rich's
    console decides from the same stream and variables (TTY_COMPATIBLE=1 forces a terminal)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
    return (
        _stdout_width() == PIPE_WIDTH
        and os.environ.get("TTY_COMPATIBLE") != "1"
        and encoding.startswith("utf")
    )


def screen_size() -> tuple[int, int | None] | None:
    """The width and height a page of results should fit: None when stdout is plain (a pipe or
    a file); the height is $LINES, else the terminal's, else None (not known)."""
    if plain_stdout():
        return None
    lines = os.environ.get("LINES", "")
    if lines.isdigit() and int(lines) > 0:
        height: int | None = int(lines)
    elif is_terminal(sys.stdout):
        height = os.get_terminal_size(sys.stdout.fileno()).lines
    else:
        height = None
    return stdout_console().width, height


def stdout_console() -> Console:
    """Rich console for results: unwrapped and without colour when piped, honouring COLUMNS,
    NO_COLOR, FORCE_COLOR and TERM=dumb (Rich reads the last three itself)."""
    from rich.console import Console

    return Console(
        file=sys.stdout, highlight=False, markup=False, emoji=False, width=_stdout_width()
    )


@contextmanager
def closed_pipe_exits() -> Iterator[None]:
    """A reader that goes away (`| head`) ends the program quietly with exit code 141."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise SystemExit(ExitCode.BROKEN_PIPE) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush at exit cannot fail again (a stdout
    that was closed from the start has no descriptor and nothing left to flush)."""
    try:
        stdout = sys.stdout.fileno()
    except OSError:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stdout)


def write(text: str) -> None:
    """Plain text to stdout (JSON, CSV, Markdown): no Rich involved."""
    sys.stdout.write(text)
    if text and not text.endswith("\n"):
        sys.stdout.write("\n")


def write_bytes(data: bytes) -> None:
    """Binary output (an image) to stdout."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# Quoted text in a message (a query, a name: Python's repr) longer than this is cut, so that
# a 10 KB query is not echoed whole.
QUOTED_SHOWN = 200
_QUOTED_CHARACTER = {quote: rf"(?:[^{quote}\\]|\\.)" for quote in "'\""}
_LONG_QUOTED = re.compile(
    "|".join(
        f"{quote}({each}{{{QUOTED_SHOWN}}}){each}+{quote}"
        for quote, each in _QUOTED_CHARACTER.items()
    )
)


def clip_quoted(message: str) -> str:
    """The message with each quoted text longer than QUOTED_SHOWN characters cut, with `…`."""
    if len(message) <= QUOTED_SHOWN:
        return message
    return _LONG_QUOTED.sub(
        lambda match: f"'{match[1]}…'" if match[1] is not None else f'"{match[2]}…"', message
    )


def to_stderr(text: str) -> None:
    """Write to stderr, if it can be written: a closed or full stderr loses the message but
    never changes the command's exit code (nor makes Python's exit fail on flushing it)."""
    if sys.stderr is None:
        return
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.stderr = io.StringIO()  # what is written later is dropped with it at exit


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr: `briefcli: error: MESSAGE (hint: HINT)`."""
    line = f"briefcli: error: {clip_quoted(message)}" + (
        f" (hint: {clip_quoted(hint)})" if hint else ""
    )
    to_stderr(safe(line) + "\n")


# False with --quiet: notes are left out, errors are not.
notes_wanted = True


def note(message: str) -> None:
    """One line on stderr that does not stop the command: `briefcli: note: MESSAGE` (lost,
    not an error, when stderr is closed or cannot be written)."""
    if not notes_wanted:
        return
    to_stderr(safe(f"briefcli: note: {clip_quoted(message)}") + "\n")


# Work on fewer bytes than this ends too soon for a spinner to be worth showing.
SPINNER_MIN_BYTES = 2 * 1024 * 1024


def working(
    message: str, size: int, least: int = SPINNER_MIN_BYTES
) -> AbstractContextManager[object]:
    """A spinner on stderr while work on `size` bytes goes on, only when a person is watching
    (stderr a terminal) and the work is large enough to take a moment (`least` bytes)."""
    if size < least or not is_terminal(sys.stderr):
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(message)


# False with --no-pager.
pager_wanted = True


def pager_command() -> list[str] | None:
    """The pager to show long output through, as git and gh choose it: $BRIEFCLI_PAGER, then
    $PAGER, then `less -FRX` (an empty value, or `cat`, means none); None with --no-pager."""
    import shlex
    import shutil

    if not pager_wanted:
        return None
    for variable in ("BRIEFCLI_PAGER", "PAGER"):
        chosen = os.environ.get(variable)
        if chosen is not None:
            command = shlex.split(chosen)
            return command if command and command != ["cat"] else None
    less = shutil.which("less")
    return [less, "-FRX"] if less else None


def page(text: str, command: list[str]) -> bool:
    """Show text through the pager; whether it could be started (else print it yourself). The
    reader quitting early is not an error."""
    import subprocess

    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    pager.wait()
    return True
