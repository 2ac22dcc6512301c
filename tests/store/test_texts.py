"""Specification: a stored text is normalised once (issue 20: `sources --claim` read and
normalised the whole file on every call, even with the cache warm). The normalised text is
kept in the cache under the hash of the text, checked against a hash of its own, and the
context around an excerpt is read from it as from the text itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli.brief import stored_texts
from briefcli.brief.excerpts import normalise_excerpt
from briefcli.store import cache, texts
from briefcli.store.texts import NormalisedText
from conftest import copy_harbour

TEXT_NAME = "sources/harbour-report.txt"
CLAIM = "c-stay-out"


def reference_context(text: str, excerpt: str, characters: int) -> tuple[str, str] | None:
    """The context as defined on the normalised text as a string, character by character."""
    flat, needle = normalise_excerpt(text), normalise_excerpt(excerpt)
    position = flat.find(needle)
    if position < 0 or not needle:
        return None
    start = max(0, position - characters)
    end = min(len(flat), position + len(needle) + characters)
    before = ("…" if start > 0 else "") + flat[start:position]
    after = flat[position + len(needle) : end] + ("…" if end < len(flat) else "")
    return before, after


letters = st.sampled_from([*"ab é€𝄞 \n\t“”'\"", "\u2028", "\x85"])


@given(
    text=st.text(letters, max_size=300),
    cut=st.tuples(st.integers(0, 300), st.integers(1, 40)),
    characters=st.integers(1, 60),
)
def test_the_context_read_from_bytes_is_the_context_of_the_text(
    text: str, cut: tuple[int, int], characters: int
) -> None:
    flat = normalise_excerpt(text)
    start = min(cut[0], len(flat))
    excerpt = flat[start : start + cut[1]]
    data = flat.encode("utf-8")
    normalised = NormalisedText(data, len(data))

    found = normalised.find(excerpt)
    expected = reference_context(text, excerpt, characters)

    assert (found is None) == (expected is None)
    if found is not None:
        assert normalised.around(*found, characters) == expected


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    return copy_harbour(tmp_path / "brief")


def _context(brief: Path) -> tuple[str, str]:
    loaded = cache.load([brief])
    found = loaded.document(CLAIM)
    assert found is not None
    text = found[1]
    where = text.find(loaded.index.claims[CLAIM].excerpt)
    assert where is not None
    return text.around(*where, 240)


def _kept(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.text"))


def test_the_normalised_text_is_kept_and_the_text_is_not_read_again(
    brief: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _context(brief)
    assert len(_kept(isolated_cache)) == 1

    def unread(path: Path) -> bytes:
        raise AssertionError(f"{path} was read and normalised again")

    monkeypatch.setattr(texts, "read_stored_text", unread)
    assert _context(brief) == first


def test_a_damaged_normalised_text_is_not_used(brief: Path, isolated_cache: Path) -> None:
    expected = _context(brief)
    (kept,) = _kept(isolated_cache)
    damaged = bytearray(kept.read_bytes())
    damaged[10] ^= 0x20
    kept.write_bytes(bytes(damaged))

    assert _context(brief) == expected
    assert kept.read_bytes() != bytes(damaged)  # written again


def test_without_a_cache_the_text_is_normalised_in_memory(
    brief: Path, monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    expected = _context(brief)
    monkeypatch.setenv("BRIEFCLI_NO_CACHE", "1")
    reads: list[Path] = []
    real = stored_texts.read_stored_text

    def counted(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(texts, "read_stored_text", counted)

    assert _context(brief) == expected
    assert len(reads) == 1
