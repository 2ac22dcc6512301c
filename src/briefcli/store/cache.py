"""A cache of validated briefs, so that a large brief is parsed and checked once.

- Where: $BRIEFCLI_CACHE_DIR, else $XDG_CACHE_HOME/briefcli (an absolute path: the XDG spec
  says to ignore a relative one), else ~/.cache/briefcli (none when there is no home
  directory). BRIEFCLI_NO_CACHE=1 turns it off.
- Key: a hash of briefcli's version and every brief file's path and content. An entry records
  what it was built from, each brief file's resolved path and content hash, and each stored
  source text it checked excerpts against; it is used only for exactly those files.
- What it trusts: only files that this user owns and that nobody else may write, opened
  without following symbolic links. Each entry ends with a SHA-256 of the rest, checked before
  the entry is used; an entry that fails a check (damaged, planted, another brief's, another
  user's) is ignored and rebuilt, never answered from. A source's text is read only from the
  folder of a brief file being loaded, whatever an entry says.
- Shortcut: hashing a large brief costs more than answering from it, so a small "stat" file
  per set of paths remembers which entry those files had when their size, mtime, ctime and
  inode were last seen, and the signature of that entry when its hash was last checked. Any
  write to a file changes its ctime, which nobody can set back; a stat file is only written
  for files unchanged since SETTLED_NS before the load began to read them, so that neither a
  change during the load nor one within the file system's timestamp granularity can go
  unseen. Otherwise the contents are hashed, and the entry's hash checked again.
- Format: MessagePack decoded into typed records (msgspec), never pickle: a cache file can hold
  data, not code. The file is memory-mapped and its records decoded when a query needs them
  (index.StoredBrief). A record that turns out not to decode later raises
  packed.CorruptStore, and the command is run again without it.
- Writes go to a temporary file renamed into place, so concurrent writers cannot corrupt it;
  temporary files left by a killed process are swept once they are STALE_NS old.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

import msgspec

from briefcli import __version__, console
from briefcli.brief import loader
from briefcli.brief.stored_texts import UnreadableText, max_bytes, read_stored_text
from briefcli.collector import without_garbage_collection
from briefcli.store.loaded import LoadedBrief
from briefcli.store.packed import Fields, write_msgpack
from briefcli.store.stored import StoredBrief, stored_parts


class Dependency(msgspec.Struct, frozen=True):
    """A file an entry was built from: its resolved path and content hash."""

    path: str
    digest: str


class Entry(msgspec.Struct, frozen=True):
    version: str
    files: list[Dependency]  # the brief files, in the order given
    dependencies: list[Dependency]  # the stored texts whose excerpts were checked
    excerpts_checked: int
    text_roots: dict[str, str]
    warnings: list[str]  # said on every lookup (stored texts not found)
    stored: StoredBrief


class Signature(msgspec.Struct, frozen=True, array_like=True):
    """What os.stat says of a file; any write changes at least its ctime."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class Seen(msgspec.Struct, frozen=True):
    """The entry that files with these signatures had (the stat shortcut), and the entry's own
    signature when its hash was checked."""

    version: str
    entry: str
    files: list[Signature]
    entry_file: Signature


# The layout and meaning of a stored brief (index.StoredBrief) and of the files around it:
# raise it with any change, so that entries written by another build are rebuilt instead of
# misread. Entries also hold arrays in this machine's byte order: another machine's entries
# are not used either.
STORE_LAYOUT = 17
CACHE_VERSION = f"{__version__}/{STORE_LAYOUT}/{sys.byteorder}"

# How long a file must have been left alone before its stat signature is trusted.
SETTLED_NS = 2_000_000_000
# How old a temporary file must be before it counts as left by a killed process.
STALE_NS = 10 * 60 * 1_000_000_000

# The hash that ends each entry file (and each normalised text, store.texts).
_CHECK = hashlib.sha256
CHECK_SIZE = _CHECK().digest_size

# Entries the running command has read, so that a corrupt one can be discarded.
_entries_in_use: list[Path] = []


def cache_dir() -> Path | None:
    """Where the cache is, or None: turned off, or no usable home directory (see the module's
    docstring). Relative paths in the environment are ignored, as the XDG spec says."""
    if os.environ.get("BRIEFCLI_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("BRIEFCLI_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if Path(xdg).is_absolute():
        return Path(xdg) / "briefcli"
    home = _home()
    if home is None:
        return None
    return home / ".cache" / "briefcli"


def _home() -> Path | None:
    """The home directory if there is one: $HOME when it is set (an empty or relative one is
    no home), else the user's entry in the password database."""
    home = os.environ.get("HOME")
    if home is None:
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (KeyError, ImportError):  # a uid with no entry (a container's random uid)
            return None
    # A service user's HOME=/nonexistent is not created.
    if not Path(home).is_absolute() or not Path(home).is_dir():
        return None
    return Path(home)


def _resolved(path: Path) -> str:
    """The path with symbolic links resolved as far as they go (a loop stops there, and is
    then reported when the file is read)."""
    return os.path.realpath(path)


def _key(resolved: Sequence[str], contents: Sequence[bytes]) -> str:
    parts = [__version__.encode()]
    for path, content in zip(resolved, contents, strict=True):
        parts.append(path.encode("utf-8", "surrogateescape"))
        parts.append(loader.digest(content).encode())
    return loader.digest(b"\0".join(parts))


def _open_own(file: Path) -> int | None:
    """A descriptor of a cache file, if it can be trusted: a regular file (not a symbolic
    link) that this user owns and that nobody else may write. Else None."""
    try:
        descriptor = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError):
        return None
    status = os.fstat(descriptor)
    if (
        stat.S_ISREG(status.st_mode)
        and status.st_uid == os.geteuid()
        and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        return descriptor
    os.close(descriptor)
    return None


def _map(file: Path) -> mmap.mmap | None:
    descriptor = _open_own(file)
    if descriptor is None:
        return None
    try:
        return mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    finally:
        os.close(descriptor)


def read_checked(file: Path) -> mmap.mmap | None:
    """A cache file this user wrote, memory-mapped, if its closing hash matches the rest."""
    mapped = _map(file)
    if mapped is None or len(mapped) < CHECK_SIZE:
        return None
    if _CHECK(memoryview(mapped)[:-CHECK_SIZE]).digest() != mapped[-CHECK_SIZE:]:
        return None
    return mapped


def write_checked(file: Path, data: bytes) -> bool:
    """Write `data` and its closing hash as a cache file; whether it was written."""

    def fill(stream: BinaryIO) -> None:
        stream.write(data)
        stream.write(_CHECK(data).digest())

    return _write_atomically(file, fill)


def _read_entry(file: Path, files: list[Dependency], verify: bool = True) -> Entry | None:
    """The entry in `file` if it is one this user wrote from exactly these brief `files`, and
    its stored texts are unchanged. `verify`: check its hash, the brief files' hashes and the
    texts' (not needed when the stat shortcut says nothing changed since they were checked;
    the paths are compared still)."""
    mapped = _map(file)
    if mapped is None or len(mapped) < CHECK_SIZE:
        return None
    body = memoryview(mapped)[:-CHECK_SIZE]
    if verify and _CHECK(body).digest() != mapped[-CHECK_SIZE:]:
        return None
    try:
        entry = msgspec.msgpack.decode(body, type=Entry)
    except msgspec.DecodeError:
        return None
    if entry.version != CACHE_VERSION:
        return None
    if [d.path for d in entry.files] != [d.path for d in files]:
        return None
    if verify and entry.files != files:
        return None
    for dependency in entry.dependencies if verify else []:
        if dependency.digest == loader.MISSING:  # the entry holds while the text is missing
            if os.path.lexists(dependency.path):
                return None
            continue
        try:
            text = read_stored_text(Path(dependency.path))
        except (OSError, UnreadableText):
            return None
        if loader.digest(text) != dependency.digest:
            return None
    _entries_in_use.append(file)
    return entry


def _signature(path: str) -> Signature | None:
    try:
        status = Path(path).stat()
    except (OSError, ValueError):
        return None
    return Signature(path, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _seen_file(directory: Path, resolved: Sequence[str]) -> Path:
    names = "\0".join(resolved)
    return directory / f"{loader.digest(names.encode('utf-8', 'surrogateescape'))}.stat"


def _entry_by_signature(directory: Path, resolved: list[str]) -> Entry | None:
    """The entry these files had when last seen, if none of them (nor the entry) has changed
    since."""
    descriptor = _open_own(_seen_file(directory, resolved))
    if descriptor is None:
        return None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            seen = msgspec.msgpack.decode(stream.read(), type=Seen)
    except (OSError, msgspec.DecodeError):
        return None
    if seen.version != CACHE_VERSION or not seen.entry.isalnum():
        return None
    if [signature.path for signature in seen.files[: len(resolved)]] != resolved:
        return None
    if any(_signature(signature.path) != signature for signature in seen.files):
        return None
    if any(s.size > max_bytes() for s in seen.files[: len(resolved)]):
        return None  # read as a new file, which is refused with the reason
    file = directory / f"{seen.entry}.msgpack"
    if _signature(str(file)) != seen.entry_file:
        return None
    return _read_entry(file, [Dependency(path, "") for path in resolved], verify=False)


def _remember_signatures(resolved: list[str], file: Path, entry: Entry, began_ns: int) -> None:
    """Write the stat shortcut for this entry, just checked, if no file changed since
    SETTLED_NS before the load began (`began_ns`): the signatures taken now are then those of
    the bytes it read."""
    names = resolved + [d.path for d in entry.dependencies]
    signatures = [_signature(name) for name in names]
    entry_file = _signature(str(file))
    settled_before = began_ns - SETTLED_NS
    if entry_file is not None and all(
        s is not None and max(s.mtime_ns, s.ctime_ns) < settled_before for s in signatures
    ):
        files = [s for s in signatures if s is not None]
        seen = Seen(CACHE_VERSION, file.stem, files, entry_file)
        encoded = msgspec.msgpack.encode(seen)
        _write_atomically(_seen_file(file.parent, resolved), lambda stream: stream.write(encoded))


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


class _Checked:
    """A binary stream that also hashes what is written to it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.check = _CHECK()

    def write(self, data: bytes | memoryview) -> int:
        self.check.update(data)
        return self.stream.write(data)


def _write_atomically(file: Path, fill: Callable[[BinaryIO], object]) -> bool:
    """Replace `file` with what `fill` writes into a temporary file beside it; any failure
    leaves the cache as it was (it is only a cache). Whether the file was written."""
    with suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        # Named before it is created (not by mkstemp): a signal landing just after the file
        # is made, before its name is known here, would otherwise leave it behind.
        temporary = file.parent / f".tmp-{secrets.token_hex(8)}{file.suffix}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
            with os.fdopen(os.open(temporary, flags, 0o600), "wb") as stream:
                fill(stream)
            temporary.replace(file)
            return True
        except BaseException as error:  # Ctrl-C too: no half-written file is left behind
            with suppress(OSError):
                temporary.unlink()
            if not isinstance(error, OSError):
                raise
    return False


def _write_entry(stream: BinaryIO, entry_parts: Fields) -> None:
    """An entry in MessagePack, written part by part (packed.write_msgpack), then its hash."""
    hashing = _Checked(stream)
    write_msgpack(hashing, entry_parts, msgspec.msgpack.Encoder().encode)
    stream.write(hashing.check.digest())


def _sweep_stale_temporary_files(directory: Path) -> None:
    """Remove this user's temporary files that a killed process left (older than STALE_NS)."""
    stale_before = time.time_ns() - STALE_NS
    with suppress(OSError):
        for leftover in directory.glob(".tmp-*"):
            with suppress(OSError):
                status = leftover.lstat()
                if status.st_uid == os.geteuid() and status.st_mtime_ns < stale_before:
                    leftover.unlink()


def load(paths: Sequence[Path], cached: bool = True) -> LoadedBrief:
    """Load a valid brief through the cache (see module docstring); raise BriefError if invalid.
    `cached=False`: neither read nor write the cache (a brief written out for one command)."""
    began_ns = time.time_ns()
    directory = cache_dir() if cached else None
    resolved = [_resolved(path) for path in paths]
    if directory is not None:
        entry = _entry_by_signature(directory, resolved)
        if entry is not None:
            return _loaded(entry, paths)
    contents = [loader.read_bytes(path) for path in paths]
    file, files = _entry_of(directory, resolved, contents)
    if file is not None:
        entry = _read_entry(file, files)
        if entry is not None:
            _remember_signatures(resolved, file, entry, began_ns)
            return _loaded(entry, paths)
    size = sum(len(content) for content in contents)
    with console.working("Loading the brief (first time; later runs use a cache)…", size):
        # The collector stays paused until the parsed brief is let go: resumed in between, its
        # first pass would walk every object the parse made, to free none.
        return without_garbage_collection(_load_and_store, paths, contents, file, files, began_ns)


def load_to_be_written(paths: Sequence[Path], contents: Sequence[bytes]) -> LoadedBrief:
    """Check a brief whose files are about to be replaced by `contents` (`add`, `edit`) and
    store its entry, so that the next command finds it in the cache; raise BriefError if it is
    invalid. The files' signatures are not remembered: they are still the old files'."""
    resolved = [_resolved(path) for path in paths]
    file, files = _entry_of(cache_dir(), resolved, contents)
    return without_garbage_collection(_load_and_store, paths, list(contents), file, files, None)


def store_to_be_written(
    paths: Sequence[Path],
    contents: Sequence[bytes],
    checked: loader.CheckedBrief,
    dependencies: Sequence[tuple[Path, str]],
    search_texts: Iterable[tuple[int, str]] | None = None,
) -> LoadedBrief:
    """load_to_be_written() of a brief already checked by other means (an `add` or `edit`
    checks only what it changed): its entry is stored for `contents`. `search_texts`: its
    folded search texts, when they are known already (stored.stored_parts)."""
    resolved = [_resolved(path) for path in paths]
    file, files = _entry_of(cache_dir(), resolved, contents)
    return without_garbage_collection(
        _stored, paths, checked, dependencies, file, files, None, search_texts
    )


def _entry_of(
    directory: Path | None, resolved: list[str], contents: Sequence[bytes]
) -> tuple[Path | None, list[Dependency]]:
    """The entry file for these files with these contents (None: no cache directory), and the
    files as the entry records them."""
    file = directory / f"{_key(resolved, contents)}.msgpack" if directory else None
    files = [
        Dependency(path, loader.digest(content))
        for path, content in zip(resolved, contents, strict=True)
    ]
    return file, files


def _load_and_store(
    paths: Sequence[Path],
    contents: list[bytes],
    file: Path | None,
    files: list[Dependency],
    began_ns: int | None,
) -> LoadedBrief:
    """Parse and check a brief not in the cache, then store it (_stored)."""
    checked, dependencies = loader.load_contents(paths, contents)
    contents.clear()  # the brief's bytes are no longer needed
    return _stored(paths, checked, dependencies, file, files, began_ns)


def _stored(
    paths: Sequence[Path],
    checked: loader.CheckedBrief,
    dependencies: Sequence[tuple[Path, str]],
    file: Path | None,
    files: list[Dependency],
    began_ns: int | None,
    search_texts: Iterable[tuple[int, str]] | None = None,
) -> LoadedBrief:
    """A checked brief, its entry written to `file` (when there is a cache directory) and read
    back; the files' signatures remembered if `began_ns` says when they were read."""
    loaded = LoadedBrief.of(checked, dependencies)
    if file is None:
        return loaded
    _sweep_stale_temporary_files(file.parent)
    recorded = [Dependency(str(path), digest) for path, digest in dependencies]
    head = [
        CACHE_VERSION,
        files,
        recorded,
        loaded.excerpts_checked,
        loaded.text_roots,
        checked.warnings,
    ]
    # Written part by part, then read back like any cached brief: the parsed brief is let go,
    # and a first run holds little more than a later one (see index.stored_parts).
    parts = stored_parts(checked.brief, checked.event_links, search_texts)
    entry_parts = Fields(Entry, [*head, Fields(StoredBrief, parts)])
    if not _write_atomically(file, lambda stream: _write_entry(stream, entry_parts)):
        return loaded
    entry = _read_entry(file, files, verify=False)
    if entry is None:
        return loaded
    if began_ns is not None:
        _remember_signatures([d.path for d in files], file, entry, began_ns)
    return _loaded(entry, paths)


def _loaded(entry: Entry, paths: Sequence[Path]) -> LoadedBrief:
    digests = {dependency.path: dependency.digest for dependency in entry.dependencies}
    return LoadedBrief(
        entry.stored,
        list(paths),
        entry.excerpts_checked,
        entry.text_roots,
        None,
        digests,
        entry.warnings,
        [dependency.digest for dependency in entry.files],
    )
