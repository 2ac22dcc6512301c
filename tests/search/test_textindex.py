"""The search index: `candidates` must return every text that `fuzz.partial_ratio` scores
70 or more against the query, bar matches across word boundaries or at an end of a text, and
few others; with the text itself, and CorruptStore for a damaged index."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from briefcli.brief.loader import check_files
from briefcli.brief.model import Brief
from briefcli.search import textindex
from briefcli.search.names import fold
from briefcli.store.packed import CorruptStore
from conftest import BUNDLED_BRIEF, SECOND_BRIEF

THRESHOLD = 70


def candidate_texts(index: bytes | memoryview, query: str) -> list[tuple[int, str]]:
    """(key, text) of every candidate in every group, sorted by key."""
    found = textindex.candidates(index, query)
    every = [found.in_group(group) for group in range(found.group_count)]
    return sorted(pair for keys, texts in every for pair in zip(keys, texts, strict=True))


def candidates(index: bytes | memoryview, query: str) -> list[int]:
    """The keys of the candidates (their texts are checked on their own, below)."""
    return [key for key, _ in candidate_texts(index, query)]


def _candidates(texts: list[str], query: str, group_ends: Sequence[int] = ()) -> list[int]:
    return candidates(textindex.build(enumerate(texts), group_ends), query)


def _thirds(texts: list[str]) -> list[int]:
    """Group ends that cut the texts in three groups, as a brief's sections cut its index."""
    return [len(texts) // 3, 2 * len(texts) // 3]


def _search_texts(brief: Brief) -> list[str]:
    """Every text `queries.search` scores, folded, in its order."""
    texts: list[str] = []
    for actor in brief.actors:
        texts += [actor.name, *(alias.name for alias in actor.aliases), actor.description or ""]
    for event in brief.events:
        texts += [event.title, event.summary or ""]
    for claim in brief.claims:
        texts += [claim.statement, claim.excerpt]
    texts += [note.text for note in brief.notes]
    texts += [source.name for source in brief.sources]
    for place in brief.places:
        texts += [place.name, *(alias.name for alias in place.aliases)]
    return [fold(text) for text in texts if text]


@cache
def _brief_texts(path: Path) -> list[str]:
    loaded, problems = check_files([path])
    assert loaded is not None, problems
    return _search_texts(loaded.brief)


def _typos(text: str) -> set[str]:
    """Each character dropped, swapped with the next, or replaced."""
    typos: set[str] = set()
    for i, char in enumerate(text):
        typos.add(text[:i] + text[i + 1 :])
        typos.add(text[:i] + text[i + 1 : i + 2] + char + text[i + 2 :])
        typos.add(text[:i] + ("a" if char == "e" else "e") + text[i + 1 :])
    return {typo for typo in typos if typo != text and typo.strip() == typo and "  " not in typo}


def _queries(texts: list[str]) -> set[str]:
    """Every word and 2- and 3-word phrase, typos and prefixes of 4 or more chars (all for words,
    one in 7 typos and one in 3 prefixes for phrases)."""
    words: set[str] = set()
    phrases: set[str] = set()
    for text in texts:
        split = text.split()
        words.update(split)
        for size in (2, 3):
            phrases.update(" ".join(split[i : i + size]) for i in range(len(split) - size + 1))
    queries = words | phrases
    for query in words | phrases:
        queries |= _typos(query) if query in words else set(sorted(_typos(query))[::7])
        step = 1 if query in words else 3
        queries.update(query[:end].rstrip() for end in range(4, len(query), step))
    return queries


def _across_words_or_at_an_edge(query: str, text: str) -> bool:
    """The best window crosses a word boundary, or is shorter than the query at an end of text."""
    where = fuzz.partial_ratio_alignment(query, text)
    assert where is not None
    window = text[where.dest_start : where.dest_end]
    at_an_edge = len(window) < len(query) and (where.dest_start == 0 or where.dest_end == len(text))
    return " " in window or " " in query[where.src_start : where.src_end] or at_an_edge


@pytest.mark.parametrize(
    ("path", "every"),
    [(BUNDLED_BRIEF, 8), (SECOND_BRIEF, 1)],  # one query in 8 of the bundled brief's: time
    ids=lambda value: value.name if isinstance(value, Path) else str(value),
)
@pytest.mark.slow
def test_real_briefs_lose_only_matches_across_words_or_at_an_edge(path: Path, every: int) -> None:
    texts = _brief_texts(path)
    index = textindex.build(enumerate(texts), _thirds(texts))
    matched = missed = 0
    for query in sorted(_queries(texts))[::every]:
        found = set(candidates(index, query))
        scores = process.extract(
            query, texts, scorer=fuzz.partial_ratio, score_cutoff=THRESHOLD, limit=None
        )
        for _, _, key in scores:
            matched += 1
            if key not in found:
                missed += 1
                assert _across_words_or_at_an_edge(query, texts[key]), (query, texts[key])
    assert missed <= 0.06 * matched  # 5.1 % and 3.9 % (scoring 70-85; see textindex)


@pytest.mark.slow
@pytest.mark.parametrize("path", [BUNDLED_BRIEF, SECOND_BRIEF], ids=lambda path: path.name)
def test_every_word_and_phrase_finds_the_texts_it_comes_from(path: Path) -> None:
    texts = _brief_texts(path)
    index = textindex.build(enumerate(texts), _thirds(texts))
    for key, text in enumerate(texts):
        split = text.split()
        for phrase in {" ".join(split[i : i + 3]) for i in range(len(split))}:
            assert key in candidates(index, phrase), (phrase, text)


_WORDS = st.text(alphabet="abdeilmnorsu", min_size=1, max_size=9)
_TEXTS = st.lists(st.lists(_WORDS, min_size=1, max_size=6).map(" ".join), max_size=12)
_QUERIES = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)
_GROUP_ENDS = st.lists(st.integers(min_value=0, max_value=14), max_size=4).map(sorted)


def _promised(query: str, text: str) -> bool:
    """The module's guarantee: for a text longer than the query, words relating to query words
    that make up half the query (a query word counts for its own length, or for its parts' of
    two or more characters less); for a shorter one, a word close to a query word or to it."""
    query_words = set(query.split())
    if len(text) > len(query):
        counted = 0
        for query_word in query_words:
            related = {
                word
                for word in text.split()
                if fuzz.partial_ratio(query_word, word) >= THRESHOLD
                and 3 * len(word) + 2 >= len(query_word)
            }
            whole = len(query_word) + 1
            parts = [len(word) + 1 for word in related if len(word) + 2 <= len(query_word)]
            counted += whole if len(parts) < len(related) else min(sum(parts), whole)
        half = sum(len(word) + 1 for word in query_words) / 2
        return counted >= half
    return any(
        fuzz.partial_ratio(query_word, word) >= THRESHOLD
        or fuzz.partial_ratio(query, word) >= THRESHOLD
        for word in text.split()
        for query_word in query_words
    )


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _QUERIES, _GROUP_ENDS)
def test_every_text_with_a_word_close_to_a_query_word_is_a_candidate(
    texts: list[str], query: str, group_ends: list[int]
) -> None:
    found = _candidates(texts, query, group_ends)
    assert found == sorted(set(found))
    assert {key for key, text in enumerate(texts) if _promised(query, text)} <= set(found)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, _QUERIES, _GROUP_ENDS)
def test_candidates_are_only_texts_with_a_related_word(
    texts: list[str], query: str, group_ends: list[int]
) -> None:
    """No text comes back without a word related to the query: the index is selective."""
    for key in _candidates(texts, query, group_ends):
        assert any(
            fuzz.partial_ratio(part, word) >= THRESHOLD
            for word in texts[key].split()
            for part in [query, *query.split()]
        )


def test_keys_may_be_sparse_unordered_and_large() -> None:
    index = textindex.build([(2**40, "hadi amiri"), (7, "muqtada sadr"), (0, "hadi badr")])
    assert candidates(index, "hadi") == [0, 2**40]
    assert candidates(index, "sadr") == [0, 7]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nasrallah", [0]),  # the word
        ("nasr", [0]),  # a prefix
        ("nasralah", [0]),  # a typo
        ("hassan nasrallah", [0, 1]),  # a name: either word
        ("hassannasrallah", [0, 1]),  # typed without the space
        ("businesses", [2]),  # a short text inside a longer query word
        ("qassem", [1]),
        ("tehran", []),
        ("", []),
    ],
)
def test_what_a_query_finds(query: str, expected: list[int]) -> None:
    texts = ["leader of hezbollah hassan nasrallah met them in beirut", "hassan qassem", "us"]
    assert _candidates(texts, query) == expected


def test_a_short_word_inside_a_query_word_counts_only_for_its_own_length() -> None:
    """ "in" is inside "meeting", but a text with nothing closer is not worth scoring."""
    texts = ["talks in beirut", "the meeting in beirut", "they meet in tehran", "a visit"]
    assert _candidates(texts, "meeting") == [1, 2]
    assert _candidates(texts, "aema") == []  # "a": one letter of four


def test_words_related_to_different_query_words_add_up() -> None:
    texts = ["hadi al amiri", "hadi al badr", "al qaeda in iraq", "hadi of the badr organisation"]
    # "alamiri" typed for "al amiri": "amiri" counts for 5 letters of 7, "al" for 2, and
    # either with "hadi" makes up half the query; "al" alone does not
    assert _candidates(texts, "hadi alamiri") == [0, 1]


def test_an_empty_index_finds_nothing() -> None:
    assert candidates(textindex.build([]), "anything") == []


def test_the_index_is_plain_msgpack() -> None:
    index = textindex.build([(0, "hadi amiri")])
    assert isinstance(msgspec.msgpack.decode(index), list)
    assert candidates(memoryview(index), "amiri") == [0]


def test_candidates_come_with_their_folded_texts() -> None:
    texts = ["hadi al amiri", "muqtada sadr", "the amiri family", "qaïs"]
    index = textindex.build(enumerate(texts))
    assert candidate_texts(index, "amiri") == [(0, texts[0]), (2, texts[2])]
    assert candidate_texts(index, "qaïs") == [(3, "qaïs")]


def test_candidates_are_read_a_group_of_keys_at_a_time_shortest_first() -> None:
    keyed = [(7, "amiri of badr"), (1, "hadi amiri"), (12, "amiri"), (4, "sadr"), (9, "al amiri")]
    found = textindex.candidates(textindex.build(keyed, [7, 12]), "amiri")
    assert found.group_count == 3
    assert found.in_group(0) == ([1], ["hadi amiri"])
    assert found.in_group(1) == ([9, 7], ["al amiri", "amiri of badr"])
    assert found.in_group(2) == ([12], ["amiri"])
    assert found.in_group(3) == ([], [])


def test_texts_no_longer_than_the_query_are_found_in_every_group() -> None:
    """A short text inside the query ("us") is a candidate whichever group it is in."""
    keyed = [(0, "us"), (1, "the us army"), (2, "us"), (3, "an us army base"), (4, "us")]
    for ends in ([], [1], [2, 4], [1, 2, 3, 4], [9]):
        found = textindex.candidates(textindex.build(keyed, ends), "businesses")
        keys = sorted(key for group in range(found.group_count) for key in found.in_group(group)[0])
        assert keys == [0, 2, 4], ends


@pytest.mark.parametrize(
    ("query", "every_word"),
    [("amiri", True), ("hadi amiri", True), ("amir", False), ("hadi zaid", False), ("", True)],
)
def test_candidates_say_whether_every_query_word_is_a_word_of_some_text(
    query: str, every_word: bool
) -> None:
    # Search raises its cutoff for a section when no text can have the query as whole words.
    index = textindex.build([(1, "hadi amiri"), (2, "amiri of badr"), (3, "zaidan")])
    assert textindex.candidates(index, query).every_word is every_word
    assert textindex.candidates(textindex.build([]), "amiri").every_word is False


def test_group_ends_must_ascend() -> None:
    with pytest.raises(ValueError, match="ascend"):
        textindex.build([(0, "amiri"), (5, "hadi amiri")], [3, 1])


def _with_groups(index: bytes, groups: list[int]) -> bytes:
    """The index with its group boundaries replaced (a damaged or hostile cache file)."""
    fields = msgspec.msgpack.decode(index)
    fields[3] = array("I", groups).tobytes()  # _Index.groups
    return msgspec.msgpack.encode(fields)


@pytest.mark.parametrize(
    "groups",
    [[1, 2, 4], [0, 2, 3], [0, 3, 2, 4], [0, 2, 5], [], [0]],
    ids=["first-not-0", "last-short", "decreasing", "last-beyond", "none", "only-0"],
)
def test_groups_that_do_not_cover_every_text_once_are_damage(groups: list[int]) -> None:
    """A text outside every group would be lost without a word; overlapping groups would give
    a text twice."""
    index = textindex.build(enumerate(["us", "hadi al amiri", "the amiri family", "amiri"]), [2])
    assert textindex.candidates(_with_groups(index, [0, 2, 4]), "amiri").group_count == 2
    with pytest.raises(CorruptStore):
        textindex.candidates(_with_groups(index, groups), "amiri")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"amiri", b"\xff\xfe\xfd\xfc\xfb"),
        lambda data: bytes(len(data)),
    ],
    ids=["truncated", "not-utf-8", "zeros"],
)
def test_a_damaged_index_raises_corrupt_store(damage: Callable[[bytes], bytes]) -> None:
    index = textindex.build(enumerate(["hadi al amiri", "the amiri family"]))
    with pytest.raises(CorruptStore):
        candidate_texts(damage(index), "amiri")
