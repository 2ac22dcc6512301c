"""A changed brief written in place of the old one, only when it is valid, only if the file
is still what was read, and atomically: a failure at any step leaves the file as it was."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from briefcli.brief import loader
from briefcli.exitcodes import ExitCode
from briefcli.store import cache
from briefcli.store.loaded import LoadedBrief


class NotWritten(Exception):
    """The brief was left as it was: why, in one line, and the exit code to end with."""

    def __init__(self, message: str, code: ExitCode, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.hint = hint


class BriefOnDisk:
    """A brief file as read for a change: where it really is (a link is followed, so that the
    file it points to is changed, not replaced by a copy) and its bytes."""

    def __init__(self, path: Path) -> None:
        self.shown = path
        self.path = path.resolve()
        self.data = loader.read_bytes(self.path)

    def checked(self, new: bytes) -> LoadedBrief:
        """The brief `new` would be, checked as `validate` checks it (BriefError if not
        valid) and stored in the cache for the next command."""
        return cache.load_to_be_written([self.path], [new])

    def replace(self, new: bytes) -> None:
        """Write `new` in place of the file, atomically, if the file is still as it was read
        (NotWritten, and the file as it was, otherwise)."""
        # Read-only by its mode is refused even to root, who could write it: the mode is the
        # owner's word that it must not change.
        try:
            mode = self.path.stat().st_mode
        except OSError as error:
            raise NotWritten(
                f"{self.shown}: {error.strerror or error}", ExitCode.OUTPUT_ERROR
            ) from None
        if not mode & 0o222 or not os.access(self.path, os.W_OK):
            raise NotWritten(f"{self.shown}: the file is read-only", ExitCode.OUTPUT_ERROR)
        self._still_as_read()
        temporary = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.briefcli-tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.fchmod(descriptor, mode & 0o7777)  # the brief's own mode, whatever the umask
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(new)
                    stream.flush()
                    os.fsync(stream.fileno())
                self._still_as_read()
                temporary.replace(self.path)
            finally:
                temporary.unlink(missing_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise NotWritten(
                f"{self.shown}: not written: {reason}",
                ExitCode.OUTPUT_ERROR,
                "the brief is unchanged",
            ) from None

    def _still_as_read(self) -> None:
        try:
            now = self.path.read_bytes()
        except OSError as error:
            raise NotWritten(
                f"{self.shown}: {error.strerror or error}", ExitCode.OUTPUT_ERROR
            ) from None
        if now != self.data:
            raise NotWritten(
                f"{self.shown} changed on disk while briefcli was changing it",
                ExitCode.OUTPUT_ERROR,
                "nothing was written; run the command again",
            )
