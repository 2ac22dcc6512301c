"""Writing exports safely: never half a file, never an unasked-for overwrite.

A file is written to a temporary file in the same directory, flushed to disk, then renamed
over the target, so the target is either the old file or the whole new one. On any failure
the temporary file is removed and the old file, if any, is left as it was.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path


class OutputProblem(Exception):
    """The output could not be written; the message names the file and says why."""


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _new_file_mode() -> int:
    """The permissions a new file gets from the process umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# Temporary names are `.{the target's name, cut to this many bytes}.{random}.tmp`: within
# NAME_MAX (255 bytes) whatever the target's name.
_NAME_BYTES_KEPT = 200
_TEMPORARY_SUFFIX = ".tmp"
# How old a temporary file must be before it counts as left by a killed export.
STALE_SECONDS = 10 * 60


def _temporary_prefix(name: str) -> str:
    # Cut in bytes, then back to whole characters (bytes that are not UTF-8 are left out).
    kept = os.fsencode(name)[:_NAME_BYTES_KEPT].decode("utf-8", "ignore")
    return f".{kept}."


def _is_temporary_of(entry: str, names: set[str]) -> bool:
    """Whether a folder entry is an export's temporary file for one of `names`."""
    return entry.endswith(_TEMPORARY_SUFFIX) and any(
        entry.startswith(_temporary_prefix(name)) for name in names
    )


def _temporary_for(target: Path) -> Path:
    """A new name for a temporary file beside `target`. Named before the file is made, so that
    whoever makes it can remove it whenever it stops (a signal included)."""
    return target.parent / f"{_temporary_prefix(target.name)}{secrets.token_hex(4)}.tmp"


def _write_temporary(target: Path, data: bytes, temporary: Path) -> None:
    """The data in the new file `temporary` beside `target`, with the mode `target` should
    have; the caller removes it on failure."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    with os.fdopen(os.open(temporary, flags, 0o600), "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    temporary.chmod(mode)


def _check_parent(target: Path) -> None:
    parent = target.parent
    if not parent.is_dir():
        raise OutputProblem(f"cannot write {target}: directory {parent} does not exist")


def _through_links(target: Path) -> Path:
    """The file a symbolic link points to (written there, as a shell's `>` would, so that the
    link stays a link), or the target itself; OutputProblem for a link that loops."""
    if not target.is_symlink():
        return target
    try:
        return target.resolve(strict=False)
    except (RuntimeError, OSError):  # RuntimeError: a loop, on Python 3.11 and 3.12
        raise OutputProblem(f"cannot write {target}: it is a symbolic link that loops") from None


# What an export may never replace, even with --force: renaming a file over a device or a
# pipe would put a regular file in its place (as root, /dev/null itself).
_SPECIAL_FILES = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


def _refuse_special(target: Path) -> None:
    """OutputProblem when `target` (or what its links lead to) is not a file to replace."""
    try:
        kind = stat.S_IFMT(target.stat().st_mode)
    except OSError:  # missing, or a dangling link: a new file is written there
        return
    if kind in _SPECIAL_FILES:
        raise OutputProblem(
            f"cannot write {target}: it is {_SPECIAL_FILES[kind]}, not a file; to send the "
            "export there, write it to standard output (-) and redirect it"
        )


def write_file(target: Path, data: bytes, force: bool) -> None:
    """Write `data` to `target` atomically; refuse to replace an existing file unless `force`
    (a symbolic link exists even when what it points to does not), and never replace a device,
    a pipe or a socket."""
    if target.is_dir():
        raise OutputProblem(f"cannot write {target}: it is a directory")
    _refuse_special(target)
    if os.path.lexists(target) and not force:
        raise OutputProblem(f"{target} already exists (use --force to overwrite it)")
    target = _through_links(target)
    _check_parent(target)
    temporary = _temporary_for(target)
    try:
        _write_temporary(target, data, temporary)
        temporary.replace(target)
    except BaseException as error:  # a signal too: no temporary file is left behind
        with suppress(OSError):
            temporary.unlink()
        if not isinstance(error, OSError):
            raise
        raise OutputProblem(f"cannot write {target}: {_reason(error)}") from None


def write_folder(folder: Path, files: Mapping[str, bytes], force: bool) -> None:
    """Write each file into `folder` (created if missing). An existing non-empty folder needs
    `force`; files in it that are not being written are left alone. Every file is written to a
    temporary file first, and only when all are written are they renamed into place."""
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(f"cannot write into {folder}: it is not a directory")
    if folder.is_dir() and not force and _holds_more_than_leftovers(folder, set(files)):
        raise OutputProblem(f"{folder} exists and is not empty (use --force to write into it)")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as error:
        raise OutputProblem(f"cannot create {folder}: {_reason(error)}") from None
    targets: dict[Path, bytes] = {}
    real_paths: set[str] = set()
    for name, data in files.items():
        if (folder / name).is_dir():
            raise OutputProblem(f"cannot write {folder / name}: it is a directory")
        _refuse_special(folder / name)
        target = _through_links(folder / name)
        real_path = os.path.realpath(target)
        if real_path in real_paths:  # two names linked to one file: one table would be lost
            raise OutputProblem(f"cannot write {folder / name}: it is the same file as another")
        real_paths.add(real_path)
        targets[target] = data
    written: dict[Path, Path] = {}
    try:
        for target, data in targets.items():
            written[target] = _temporary_for(target)
            _write_temporary(target, data, written[target])
        for target, temporary in written.items():
            temporary.replace(target)
    except BaseException as error:  # a signal too: no temporary file is left behind
        for temporary in written.values():
            with suppress(OSError):
                temporary.unlink()
        if not isinstance(error, OSError):
            raise
        raise OutputProblem(f"cannot write into {folder}: {_reason(error)}") from None


def _holds_more_than_leftovers(folder: Path, names: set[str]) -> bool:
    """Whether `folder` holds anything but temporary files that an export of these `names`
    killed before it could remove them (those older than STALE_SECONDS are removed now)."""
    import time

    stale_before = time.time() - STALE_SECONDS
    held = False
    for entry in folder.iterdir():
        if not _is_temporary_of(entry.name, names):
            held = True
            continue
        with suppress(OSError):
            if entry.lstat().st_mtime < stale_before:
                entry.unlink()
    return held
