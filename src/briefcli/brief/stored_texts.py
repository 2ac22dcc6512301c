"""Where a source's stored text may be (inside the folder of the brief file that names it), and
how it is read: a regular file, and no more of it than the size limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

# Brief files and stored texts larger than this are refused (BRIEFCLI_MAX_BYTES overrides it).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


class UnreadableText(Exception):
    """A stored text that is not read: not a regular file, or over the size limit."""


def max_bytes() -> int:
    """The size limit for brief files and stored texts: BRIEFCLI_MAX_BYTES, or the default when
    it is unset or not a whole number."""
    try:
        return int(os.environ.get("BRIEFCLI_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def read_at_most(stream: BinaryIO, limit: int, expected: int) -> bytes:
    """Up to `limit` + 1 bytes of a stream (one more than the limit shows it is over) that
    should hold `expected` bytes: a buffer of that size, not of the limit, is asked for first."""
    first = min(expected, limit) + 1
    data = stream.read(first)
    if len(data) == first and first <= limit:  # more than expected: it grew, or is a device
        data += stream.read(limit + 1 - len(data))
    return data


def stored_text_path(folder: Path, text: str) -> Path | None:
    """Where a source's stored text is, or None unless it is inside the brief's folder (or the
    path cannot be one: a NUL byte, a loop of symbolic links)."""
    if "\0" in text or Path(text).is_absolute():
        return None
    try:
        folder = folder.resolve()
        target = (folder / text).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python 3.11)
        return None
    if not target.is_relative_to(folder):
        return None
    return target


def read_stored_text(path: Path) -> bytes:
    """The bytes of a stored text. UnreadableText unless it is a regular file within the size
    limit, which is counted in bytes read, not trusted from stat(); OSError as the OS says.
    Opened without blocking, so that a pipe put in its place is refused, not waited on."""
    limit = max_bytes()
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableText("is not a regular file")
        data = read_at_most(stream, limit, status.st_size)
    if len(data) > limit:
        raise UnreadableText(f"is over the {limit:,}-byte limit (BRIEFCLI_MAX_BYTES)")
    return data
