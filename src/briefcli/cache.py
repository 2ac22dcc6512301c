"""A cache of validated briefs, so that a large brief is parsed and checked once.

- Where: $BRIEFCLI_CACHE_DIR, else $XDG_CACHE_HOME/briefcli, else ~/.cache/briefcli.
  BRIEFCLI_NO_CACHE=1 turns it off.
- Key: a hash of briefcli's version and every brief file's path and content. An entry also
  records the hash of each stored source text it checked excerpts against; any change to a
  brief file or to one of those texts misses the cache.
- Format: MessagePack decoded into typed records (msgspec), never pickle: a cache file can hold
  data, not code. A file that does not decode is ignored and rebuilt.
- Writes go to a temporary file renamed into place, so concurrent writers cannot corrupt it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from pathlib import Path

import msgspec

from briefcli import __version__, console, loader
from briefcli.model import Brief

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
    brief: Brief


def cache_dir() -> Path | None:
    if os.environ.get("BRIEFCLI_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("BRIEFCLI_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefcli"


def _key(paths: Sequence[Path], contents: Sequence[bytes]) -> str:
    parts = [__version__.encode()]
    for path, content in zip(paths, contents, strict=True):
        parts.append(str(path.resolve()).encode("utf-8", "surrogateescape"))
        parts.append(loader.digest(content).encode())
    return loader.digest(b"\0".join(parts))


def _read_entry(file: Path) -> Entry | None:
    try:
        entry = msgspec.msgpack.decode(file.read_bytes(), type=Entry)
    except (OSError, msgspec.DecodeError):
        return None
    if entry.version != __version__:
        return None
    for dependency in entry.dependencies:
        try:
            if loader.digest(Path(dependency.path).read_bytes()) != dependency.digest:
                return None
        except OSError:
            return None
    return entry


def _write_entry(file: Path, entry: Entry) -> None:
    """Atomically replace `file`; any failure leaves the cache as it was (it is only a cache)."""
    with suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(msgspec.msgpack.encode(entry))
            Path(temporary).replace(file)
        except OSError:
            with suppress(OSError):
                Path(temporary).unlink()


def load(paths: Sequence[Path]) -> loader.LoadedBrief:
    """Load a valid brief through the cache (see module docstring); raise BriefError if invalid."""
    contents = [loader.read_bytes(path) for path in paths]
    directory = cache_dir()
    file = directory / f"{_key(paths, contents)}.msgpack" if directory else None
    if file is not None:
        entry = _read_entry(file)
        if entry is not None:
            return loader.LoadedBrief(
                entry.brief, list(paths), entry.excerpts_checked, entry.text_roots
            )
    with _spinner(sum(len(content) for content in contents)):
        loaded, dependencies = loader.load_contents(paths, contents)
    if file is not None:
        recorded = [Dependency(str(path), digest) for path, digest in dependencies]
        entry = Entry(
            __version__, recorded, loaded.excerpts_checked, loaded.text_roots, loaded.brief
        )
        _write_entry(file, entry)
    return loaded


def _spinner(size: int) -> AbstractContextManager[object]:
    """A spinner on stderr while a large brief is parsed, only when a person is watching."""
    if size < SPINNER_MIN_BYTES or not console.is_terminal(sys.stderr):
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status("Loading the brief (first time; later runs use a cache)…")
