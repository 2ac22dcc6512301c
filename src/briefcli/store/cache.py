"""A cache of validated briefs, so that a large brief is parsed and checked once.

- Where: $BRIEFCLI_CACHE_DIR, else $XDG_CACHE_HOME/briefcli, else ~/.cache/briefcli (none
  when the home directory does not exist). BRIEFCLI_NO_CACHE=1 turns it off.
- Key: a hash of briefcli's version and every brief file's path and content. An entry also
  records the hash of each stored source text it checked excerpts against; any change to a
  brief file or to one of those texts misses the cache.
- Shortcut: hashing a large brief costs more than answering from it, so a small "stat" file
  per set of paths remembers which entry those files had when their size, mtime, ctime and
  inode were last seen. Any write to a file changes its ctime, which nobody can set back; a
  stat file is only written for files unchanged since SETTLED_NS before the load began to read
  them, so that neither a change during the load nor one within the file system's timestamp
  granularity can go unseen. Otherwise the contents are hashed.
- Format: MessagePack decoded into typed records (msgspec), never pickle: a cache file can hold
  data, not code. The file is memory-mapped and its records decoded when a query needs them
  (index.StoredBrief). A file that does not decode is ignored and rebuilt; a record that turns
  out not to decode later raises packed.CorruptStore, and the command is run again without it.
- Writes go to a temporary file renamed into place, so concurrent writers cannot corrupt it.
"""

from __future__ import annotations

import mmap
import os
import sys
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from pathlib import Path

import msgspec

from briefcli import __version__, console
from briefcli.brief import loader
from briefcli.collector import without_garbage_collection
from briefcli.store.loaded import LoadedBrief
from briefcli.store.packed import Fields, write_msgpack
from briefcli.store.stored import StoredBrief, stored_parts

# Files smaller than this load too fast for a spinner to be worth showing.
SPINNER_MIN_BYTES = 2 * 1024 * 1024


class Dependency(msgspec.Struct, frozen=True):
    path: str
    digest: str


class Entry(msgspec.Struct, frozen=True):
    version: str
    dependencies: list[Dependency]
    excerpts_checked: int
    text_roots: dict[str, str]
    stored: StoredBrief


class Signature(msgspec.Struct, frozen=True, array_like=True):
    """What os.stat says of a file; any write changes at least its ctime."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class Seen(msgspec.Struct, frozen=True):
    """The entry that files with these signatures had (the stat shortcut)."""

    version: str
    entry: str
    files: list[Signature]


# The layout and meaning of a stored brief (index.StoredBrief): raise it with any change, so
# that entries written by another build are rebuilt instead of misread. Entries also hold
# arrays in this machine's byte order: another machine's entries are not used either.
STORE_LAYOUT = 12
CACHE_VERSION = f"{__version__}/{STORE_LAYOUT}/{sys.byteorder}"

# How long a file must have been left alone before its stat signature is trusted.
SETTLED_NS = 2_000_000_000

# Entries the running command has read, so that a corrupt one can be discarded.
_entries_in_use: list[Path] = []


def cache_dir() -> Path | None:
    if os.environ.get("BRIEFCLI_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("BRIEFCLI_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "briefcli"
    home = Path.home()
    if not home.is_dir():  # a service user's HOME=/nonexistent: do not create it
        return None
    return home / ".cache" / "briefcli"


def _key(paths: Sequence[Path], contents: Sequence[bytes]) -> str:
    parts = [__version__.encode()]
    for path, content in zip(paths, contents, strict=True):
        parts.append(str(path.resolve()).encode("utf-8", "surrogateescape"))
        parts.append(loader.digest(content).encode())
    return loader.digest(b"\0".join(parts))


def _map(file: Path) -> mmap.mmap | None:
    try:
        with file.open("rb") as stream:
            return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None


def _read_entry(file: Path, check_dependencies: bool = True) -> Entry | None:
    mapped = _map(file)
    if mapped is None:
        return None
    try:
        entry = msgspec.msgpack.decode(mapped, type=Entry)
    except msgspec.DecodeError:
        return None
    if entry.version != CACHE_VERSION:
        return None
    for dependency in entry.dependencies if check_dependencies else []:
        try:
            if loader.digest(Path(dependency.path).read_bytes()) != dependency.digest:
                return None
        except OSError:
            return None
    _entries_in_use.append(file)
    return entry


def _signature(path: str) -> Signature | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return Signature(path, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _seen_file(directory: Path, paths: Sequence[Path]) -> Path:
    names = "\0".join(str(path.resolve()) for path in paths)
    return directory / f"{loader.digest(names.encode('utf-8', 'surrogateescape'))}.stat"


def _entry_by_signature(directory: Path, paths: Sequence[Path]) -> Entry | None:
    """The entry these files had when last seen, if none of them has changed since."""
    try:
        seen = msgspec.msgpack.decode(_seen_file(directory, paths).read_bytes(), type=Seen)
    except (OSError, msgspec.DecodeError):
        return None
    if seen.version != CACHE_VERSION or not seen.entry.isalnum():
        return None
    wanted = [str(path.resolve()) for path in paths]
    if [signature.path for signature in seen.files[: len(wanted)]] != wanted:
        return None
    if any(_signature(signature.path) != signature for signature in seen.files):
        return None
    if any(s.size > loader.max_bytes() for s in seen.files[: len(wanted)]):
        return None  # read as a new file, which is refused with the reason
    return _read_entry(directory / f"{seen.entry}.msgpack", check_dependencies=False)


def _remember_signatures(paths: Sequence[Path], file: Path, entry: Entry, began_ns: int) -> None:
    """Write the stat shortcut for this entry, if no file changed since SETTLED_NS before the
    load began (`began_ns`): the signatures taken now are then those of the bytes it read."""
    names = [str(path.resolve()) for path in paths] + [d.path for d in entry.dependencies]
    signatures = [_signature(name) for name in names]
    settled_before = began_ns - SETTLED_NS
    if all(s is not None and max(s.mtime_ns, s.ctime_ns) < settled_before for s in signatures):
        files = [s for s in signatures if s is not None]
        seen = Seen(CACHE_VERSION, file.stem, files)
        _write_atomically(_seen_file(file.parent, paths), seen)


def discard_entries_in_use() -> bool:
    """Remove the entries this process has read (one turned out to be corrupt); whether all
    of them could be removed."""
    removed = True
    while _entries_in_use:
        try:
            _entries_in_use.pop().unlink(missing_ok=True)
        except OSError:
            removed = False
    return removed


def _write_atomically(file: Path, value: object) -> bool:
    """Replace `file` with `value` in MessagePack (see packed.write_msgpack); any failure leaves
    the cache as it was (it is only a cache). Whether the file was written."""
    with suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=file.suffix)
        try:
            with os.fdopen(handle, "wb") as stream:
                write_msgpack(stream, value, msgspec.msgpack.Encoder().encode)
            Path(temporary).replace(file)
            return True
        except BaseException as error:  # Ctrl-C too: no half-written file is left behind
            with suppress(OSError):
                Path(temporary).unlink()
            if not isinstance(error, OSError):
                raise
    return False


def load(paths: Sequence[Path]) -> LoadedBrief:
    """Load a valid brief through the cache (see module docstring); raise BriefError if invalid."""
    began_ns = time.time_ns()
    directory = cache_dir()
    if directory is not None:
        entry = _entry_by_signature(directory, paths)
        if entry is not None:
            return _loaded(entry, paths)
    contents = [loader.read_bytes(path) for path in paths]
    file = directory / f"{_key(paths, contents)}.msgpack" if directory else None
    if file is not None:
        entry = _read_entry(file)
        if entry is not None:
            _remember_signatures(paths, file, entry, began_ns)
            return _loaded(entry, paths)
    with _spinner(sum(len(content) for content in contents)):
        # The collector stays paused until the parsed brief is let go: resumed in between, its
        # first pass would walk every object the parse made, to free none.
        return without_garbage_collection(_load_and_store, paths, contents, file, began_ns)


def _load_and_store(
    paths: Sequence[Path], contents: list[bytes], file: Path | None, began_ns: int
) -> LoadedBrief:
    """Parse and check a brief not in the cache, write its entry (when there is a cache
    directory) and read that back."""
    checked, dependencies = loader.load_contents(paths, contents)
    loaded = LoadedBrief.of(checked)
    contents.clear()  # the brief's bytes are no longer needed
    if file is None:
        return loaded
    recorded = [Dependency(str(path), digest) for path, digest in dependencies]
    head = [CACHE_VERSION, recorded, loaded.excerpts_checked, loaded.text_roots]
    # Written part by part, then read back like any cached brief: the parsed brief is let go,
    # and a first run holds little more than a later one (see index.stored_parts).
    parts = stored_parts(checked.brief, checked.event_links)
    entry_parts = Fields(Entry, [*head, Fields(StoredBrief, parts)])
    if not _write_atomically(file, entry_parts):
        return loaded
    entry = _read_entry(file, check_dependencies=False)
    if entry is None:
        return loaded
    _remember_signatures(paths, file, entry, began_ns)
    return _loaded(entry, paths)


def _loaded(entry: Entry, paths: Sequence[Path]) -> LoadedBrief:
    return LoadedBrief(entry.stored, list(paths), entry.excerpts_checked, entry.text_roots)


def _spinner(size: int) -> AbstractContextManager[object]:
    """A spinner on stderr while a large brief is parsed, only when a person is watching."""
    if size < SPINNER_MIN_BYTES or not console.is_terminal(sys.stderr):
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status("Loading the brief (first time; later runs use a cache)…")
