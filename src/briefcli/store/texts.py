"""Stored source texts as `sources --claim` reads them: normalised as excerpts are matched
(briefcli.brief.excerpts), once. The normalised text is kept in the cache under the hash of the
text it came from, with a hash of its own, and memory-mapped: showing a claim's context then
reads only the pages around its excerpt, however long the text."""

from __future__ import annotations

import mmap
from pathlib import Path

from briefcli.brief.excerpts import normalise_excerpt
from briefcli.brief.stored_texts import UnreadableText, read_stored_text


class NormalisedText:
    """A normalised text in UTF-8, in memory or memory-mapped (its first `size` bytes)."""

    def __init__(self, data: bytes | mmap.mmap, size: int) -> None:
        self._data = data
        self._size = size

    def find(self, excerpt: str) -> tuple[int, int] | None:
        """Where the excerpt is (first and end byte), matched as the validator matches it."""
        needle = normalise_excerpt(excerpt).encode("utf-8", "surrogatepass")
        found = self._data.find(needle, 0, self._size)
        return None if found < 0 or not needle else (found, found + len(needle))

    def around(self, start: int, end: int, characters: int) -> tuple[str, str]:
        """Up to `characters` characters before `start` and after `end`, each with `…` where
        the text goes on."""
        # A character is at most 4 bytes in UTF-8: the window's partial first or last
        # character is left out, and it is then cut to whole characters.
        window = 4 * characters
        low, high = max(0, start - window), min(self._size, end + window)
        before = self._data[low:start].decode("utf-8", "ignore")
        after = self._data[end:high].decode("utf-8", "ignore")
        more_before = low > 0 or len(before) > characters
        more_after = high < self._size or len(after) > characters
        before = ("…" if more_before else "") + before[max(0, len(before) - characters) :]
        after = after[:characters] + ("…" if more_after else "")
        return before, after


def normalised_text(path: Path, digest: str | None) -> NormalisedText | None:
    """The stored text at `path`, normalised: from the cache when it holds the text of this
    `digest` (the hash the cache entry recorded for it), else read, normalised and kept there.
    None if it cannot be read."""
    from briefcli.store import cache

    directory = cache.cache_dir()
    kept = directory / f"{digest}.text" if directory is not None and digest else None
    if kept is not None:
        mapped = cache.read_checked(kept)
        if mapped is not None:
            return NormalisedText(mapped, len(mapped) - cache.CHECK_SIZE)
    try:
        raw = read_stored_text(path)
    except (OSError, UnreadableText):
        return None
    data = normalise_excerpt(raw.decode("utf-8-sig", errors="replace")).encode(
        "utf-8", "surrogatepass"
    )
    del raw
    if kept is not None:
        cache.write_checked(kept, data)
    return NormalisedText(data, len(data))
