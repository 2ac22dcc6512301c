"""Writing exports safely: never half a file, never an unasked-for overwrite.

A file is written to a temporary file in the same directory, flushed to disk, then renamed
over the target, so the target is either the old file or the whole new one. On any failure
the temporary file is removed and the old file, if any, is left as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
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


def _write_temporary(target: Path, data: bytes) -> Path:
    """The data in a new temporary file beside `target`, with the mode `target` should have."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
    return temporary


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
    temporary: Path | None = None
    try:
        temporary = _write_temporary(target, data)
        temporary.replace(target)
    except OSError as error:
        if temporary is not None:
            with suppress(OSError):
                temporary.unlink()
        raise OutputProblem(f"cannot write {target}: {_reason(error)}") from None


def write_folder(folder: Path, files: Mapping[str, bytes], force: bool) -> None:
    """Write each file into `folder` (created if missing). An existing non-empty folder needs
    `force`; files in it that are not being written are left alone. Every file is written to a
    temporary file first, and only when all are written are they renamed into place."""
    if folder.exists() and not folder.is_dir():
        raise OutputProblem(f"cannot write into {folder}: it is not a directory")
    if folder.is_dir() and any(folder.iterdir()) and not force:
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
            written[target] = _write_temporary(target, data)
        for target, temporary in written.items():
            temporary.replace(target)
    except OSError as error:
        for temporary in written.values():
            with suppress(OSError):
                temporary.unlink()
        raise OutputProblem(f"cannot write into {folder}: {_reason(error)}") from None
