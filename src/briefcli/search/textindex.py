"""An inverted index of folded search texts: a search scores only the texts that can match.

`build` runs once, when the cache is written, and gives msgpack bytes; `candidates` runs per
search on those bytes (zero-copy), decodes only the postings of the vocabulary words related to
the query, and the candidate texts of a group (a range of keys: a section of the brief) only
when the caller asks for it. Texts are numbered group by group, by length within a group, so a
group's candidates are read in the order they are stored, and "texts no longer than the query"
are the first of each group's.

The guarantee. With q a word of the query Q, w a word of a text T (`str.split`), lengths in
characters and `pr` = `fuzz.partial_ratio`, say w relates to q when `pr(q, w) >= 70` and
`3 * len(w) + 2 >= len(q)`: w equal to q, q a prefix or substring of w, w a part of q at least
about a third as long (a phrase typed without a space), or a typo of either. `candidates`
returns every T
1. longer than Q with words relating to query words that make up at least half of Q: a query
   word q counts for its length and a space if T has a word related to it that is not a part
   of it (two or more characters shorter), or else for the lengths of its parts that T has,
   each with a space, up to q's. For "hadi hubijiri", texts with a word like "hubijiri", not
   every text that mentions some Hadi; for "meeting", texts with "meets" or "meet", but not
   every text with "in"; for "graceokafor of", texts with "grace" and "okafor"; or
2. no longer than Q with a w such that `pr(q, w) >= 70` or `pr(Q, w) >= 70`: a short text (a
   name, "us", "pmf") inside the query, which `partial_ratio` scores with the text as the needle.

What it misses: a T with `pr(Q, T) >= 70` and no such word. Its windows scoring 70 either cross
a word boundary, the characters of the query spread over pieces of several words none of which
is close to a query word, or are windows shorter than the query at the very start or end of T
(which `partial_ratio` also tries). At this threshold a 4-letter query needs only 3 letters in
order, so "were" matches "private request" through "e re", and "eorce" a text ending in "here"
through "ere". For a query of several words, a long text whose related words make up less
than half of it can still score 70-85 through such windows ("beoke down" ~ "break down"), and
so can a text whose only link to a query word is a word of one or two letters inside it ("a"
for "aema", "in" for "meeting"). All these are 5.1 % and 3.9 % of the true matches of the
words, phrases, typos and prefixes of the bundled briefs, mostly scoring 70-79 and ranked last
(tests/test_textindex.py checks that every miss crosses a word boundary or an end of the text).
Letting every text with "in" in would make a search for "meeting" in a brief of 100,000 events
score 235,000 texts instead of 78,000.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import accumulate, pairwise
from typing import Literal

import msgspec

from briefcli.store.packed import CorruptStore

THRESHOLD = 70.0  # the score `queries.search` keeps, from fuzz.partial_ratio
_POSITION: Literal["I"] = "I"  # text positions: fewer than 2**32 texts


class _Index(msgspec.Struct, array_like=True):
    """The stored index. Texts are numbered by (group, length, key)."""

    words: str  # the vocabulary, sorted, joined by "\n"
    starts: memoryview  # array(_POSITION): word i's postings are postings[starts[i]:starts[i + 1]]
    postings: memoryview  # array(_POSITION): positions of the texts containing each word, sorted
    groups: memoryview  # array(_POSITION): group g's texts are at groups[g] up to groups[g + 1]
    lengths: memoryview  # array(_POSITION): the length of the text at each position (ascending
    # within each group)
    key_type: Literal["I", "Q"]  # the array typecode of keys
    keys: memoryview  # array(key_type): the key of the text at each position
    text_ends: memoryview  # array("Q"): text i is texts[text_ends[i - 1]:text_ends[i]]
    texts: memoryview  # the texts, UTF-8, at their positions: scored without folding again


def build(texts: Iterable[tuple[int, str]], group_ends: Sequence[int] = ()) -> bytes:
    """An index of folded texts (as `names.fold` returns them: casefolded words joined by single
    spaces) under integer keys (>= 0, not necessarily dense or sorted; a key may appear once).
    The keys below `group_ends[0]` are group 0, those from there and below `group_ends[1]`
    group 1, and so on; the keys from the last end on are one more group."""
    if not _ascending(group_ends):
        raise ValueError(f"group ends must ascend: {list(group_ends)}")
    keys: list[int] = []
    folded: list[str] = []
    for key, text in texts:
        keys.append(key)
        folded.append(text)
    lengths = list(map(len, folded))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    sorted_keys = list(map(keys.__getitem__, order))
    groups = array(_POSITION, [0])
    for end in group_ends:
        groups.append(bisect_left(sorted_keys, end))
    groups.append(len(order))
    del sorted_keys
    for first, end in pairwise(groups):
        # A group's texts by length (the sort is stable: then by key).
        order[first:end] = sorted(order[first:end], key=lengths.__getitem__)
    # The texts copied into position order, so that the loop below reads memory in order:
    # jumping between hundreds of thousands of strings is slow (bench/README.md, "Measured").
    # A folded text has no line breaks.
    ordered = "\n".join([folded[number] for number in order]).split("\n") if order else []
    del folded
    # Postings as arrays, not lists: a list would keep an int object per word of every text.
    by_word: defaultdict[str, array[int]] = defaultdict(partial(array, _POSITION))
    for position, text in enumerate(ordered):
        for word in set(text.split()):
            by_word[word].append(position)
    words = sorted(by_word)
    starts = array(_POSITION, [0])
    postings = array(_POSITION)
    for word in words:
        postings += by_word[word]
        starts.append(len(postings))
    del by_word
    key_type: Literal["I", "Q"] = "I" if max(keys, default=0) < 2**32 else "Q"
    encoded = [text.encode("utf-8", "surrogatepass") for text in ordered]
    text_ends = array("Q", accumulate(map(len, encoded)))
    index = _Index(
        words="\n".join(words),
        starts=memoryview(starts.tobytes()),
        postings=memoryview(postings.tobytes()),
        groups=memoryview(groups.tobytes()),
        lengths=memoryview(array(_POSITION, map(lengths.__getitem__, order)).tobytes()),
        key_type=key_type,
        keys=memoryview(array(key_type, map(keys.__getitem__, order)).tobytes()),
        text_ends=memoryview(text_ends).cast("B"),
        texts=memoryview(b"".join(encoded)),
    )
    return msgspec.msgpack.encode(index)


# What a damaged index raises while it is read.
_DAMAGE = (msgspec.DecodeError, TypeError, IndexError, ValueError)


def candidates(index: bytes | memoryview, folded_query: str) -> Candidates:
    """The texts that may score >= 70 with fuzz.partial_ratio(folded_query, text) (the caller
    scores them). CorruptStore if the index is damaged, now or when a text is read."""
    try:
        stored = msgspec.msgpack.decode(index, type=_Index)
        groups = _groups(stored)
        vocabulary = stored.words.split("\n") if stored.words else []
        positions = _candidate_positions(stored, groups, folded_query, vocabulary)
        every_word = all(map(partial(_is_in, vocabulary), folded_query.split()))
        return Candidates(stored, groups, positions, every_word)
    except _DAMAGE as error:
        raise CorruptStore(f"the word index: {error}") from None


def texts(index: bytes | memoryview) -> list[tuple[int, str]]:
    """Every text of an index with its key, as `build` was given them (in the index's order):
    a changed brief's index is built from them without folding its texts again.
    CorruptStore if the index is damaged."""
    try:
        stored = msgspec.msgpack.decode(index, type=_Index)
        keys = stored.keys.cast(stored.key_type)
        decoded = str(stored.texts, "utf-8", "surrogatepass")
        ends = stored.text_ends.cast("Q")
        if len(ends) != len(keys) or (ends and ends[-1] != len(stored.texts)):
            raise CorruptStore("the word index's texts do not match its keys")
    except _DAMAGE as error:
        raise CorruptStore(f"the word index: {error}") from None
    # The ends count bytes, which are characters when every text is ASCII: then one decode.
    if decoded.isascii():
        return list(
            zip(keys, [decoded[start:end] for start, end in pairwise([0, *ends])], strict=True)
        )
    data = stored.texts
    return [
        (key, str(data[start:end], "utf-8", "surrogatepass"))
        for key, (start, end) in zip(keys, pairwise([0, *ends]), strict=True)
    ]


def _groups(stored: _Index) -> memoryview:
    """The stored group boundaries, checked to put every text in exactly one group: else a
    damaged index would lose texts unseen."""
    groups = stored.groups.cast(_POSITION)
    if not groups or groups[0] != 0 or groups[-1] != len(stored.keys.cast(stored.key_type)):
        raise CorruptStore("the word index's groups do not cover its texts")
    if not _ascending(groups):
        raise CorruptStore("the word index's groups overlap")
    return groups


def _ascending(values: Sequence[int]) -> bool:
    return all(earlier <= later for earlier, later in pairwise(values))


class Candidates:
    """The texts that may match a query; a group's texts are decoded when it is asked for (a
    search that needs only the first group decodes only its texts)."""

    def __init__(
        self, stored: _Index, groups: memoryview, positions: set[int], every_word: bool
    ) -> None:
        # Whether every word of the query is a word of some text: if not, no text has the
        # query as a whole word (or words).
        self.every_word = every_word
        self._positions = sorted(positions)
        self._groups = groups
        self._keys = stored.keys.cast(stored.key_type)
        self._ends = stored.text_ends.cast("Q")
        self._texts = stored.texts

    @property
    def group_count(self) -> int:
        return len(self._groups) - 1

    def in_group(self, group: int) -> tuple[list[int], list[str]]:
        """The keys and texts of a group's candidates, shortest first (then by key)."""
        if not 0 <= group < self.group_count:
            return [], []
        found = self._positions[
            bisect_left(self._positions, self._groups[group]) : bisect_left(
                self._positions, self._groups[group + 1]
            )
        ]
        ends, texts = self._ends, self._texts
        try:
            # A comprehension, not a call per text: a common word has tens of thousands.
            decoded = [
                str(
                    texts[ends[position - 1] if position else 0 : ends[position]],
                    "utf-8",
                    "surrogatepass",
                )
                for position in found
            ]
            return list(map(self._keys.__getitem__, found)), decoded
        except _DAMAGE as error:
            raise CorruptStore(f"the word index: {error}") from None


def _is_in(vocabulary: list[str], word: str) -> bool:
    """Whether a word is in the (sorted) vocabulary."""
    at = bisect_left(vocabulary, word)
    return at < len(vocabulary) and vocabulary[at] == word


def _candidate_positions(
    stored: _Index, groups: memoryview, folded_query: str, vocabulary: list[str]
) -> set[int]:
    """The positions of the texts the module docstring's guarantee calls for."""
    if not vocabulary or not folded_query:
        return set()
    starts = stored.starts.cast(_POSITION)
    postings = stored.postings.cast(_POSITION)
    lengths = stored.lengths.cast(_POSITION)
    # Each group's first position, then the first after its texts no longer than the query.
    cuts = []
    for first, end in pairwise(groups):
        cuts += [first, bisect_right(lengths, len(folded_query), first, end)]
    positions: set[int] = set()
    query_words = set(folded_query.split())
    half = sum(len(word) + 1 for word in query_words) / 2
    # Related words that make up less than half the query: a longer text needs several.
    partial: defaultdict[str, list[tuple[int, array[int]]]] = defaultdict(list)
    for query_word, related in _related(vocabulary, query_words):
        for number, weight in related:
            found = postings[starts[number] : starts[number + 1]]
            if weight >= half:  # short or longer, every text with the word
                positions.update(found)
                continue
            short, longer = _short_and_longer(found, cuts)
            positions.update(short)
            if weight:
                partial[query_word].append((weight, longer))
    positions.update(_covering_half(partial, half))
    if " " in folded_query:
        for _, _, number in _similar(folded_query, vocabulary):
            short, _ = _short_and_longer(postings[starts[number] : starts[number + 1]], cuts)
            positions.update(short)
    return positions


def _short_and_longer(found: memoryview, cuts: list[int]) -> tuple[array[int], array[int]]:
    """The positions in a posting list of texts no longer than the query, and of longer ones,
    given each group's first position and the first of its longer texts (`cuts`)."""
    at = [bisect_left(found, cut) for cut in cuts]
    at.append(len(found))
    short, longer = array(_POSITION), array(_POSITION)
    for group in range(0, len(cuts), 2):
        short.frombytes(found[at[group] : at[group + 1]].cast("B"))
        longer.frombytes(found[at[group + 1] : at[group + 2]].cast("B"))
    return short, longer


def _covering_half(partial: dict[str, list[tuple[int, array[int]]]], half: float) -> set[int]:
    """The positions of the texts whose words make up at least `half`, given for each query
    word the (weight, positions) of its related words that make up less: a query word counts
    in full for a text with a word that is not a part of it, else for its parts (a few more
    characters than the module docstring promises when a text has parts that add up to more
    than the query word: the index then returns more texts, never fewer). Counted in C, a
    text once for each unit of weight."""
    counts: Counter[int] = Counter()
    texts_in = _in_two_lists_or_more(partial)
    for query_word, lists in partial.items():
        whole = len(query_word) + 1
        full = set().union(*(texts_in(found) for weight, found in lists if weight == whole))
        for _ in range(whole):
            counts.update(full)
        for weight, found in lists:
            if weight < whole:
                parts = texts_in(found).difference(full)
                for _ in range(weight):
                    counts.update(parts)
    return {position for position, count in counts.items() if count >= half}


def _in_two_lists_or_more(
    partial: dict[str, list[tuple[int, array[int]]]],
) -> Callable[[array[int]], set[int]]:
    """A function giving the texts of a list worth counting. Every weight is below half the
    query, so only a text in two lists or more can make it; when one list is longer than all
    the others together (a word like "in"), its texts in no other list are left out first."""
    lists = sorted((found for lists in partial.values() for _, found in lists), key=len)
    if not lists or sum(map(len, lists[:-1])) >= len(lists[-1]):
        return set
    seen: set[int] = set()
    several: set[int] = set()
    for found in lists[:-1]:
        texts = set(found)
        several |= seen & texts
        seen |= texts
    several |= seen.intersection(lists[-1])
    return several.intersection


def _related(
    vocabulary: list[str], query_words: set[str]
) -> Iterator[tuple[str, list[tuple[int, int]]]]:
    """For each query word: (number, weight) of each vocabulary word related to it: what the
    word counts for in a text longer than the query (see the module docstring), 0 for a word
    too short to count there (only texts no longer than the query take it)."""
    for query_word in query_words:
        yield (
            query_word,
            [
                (number, _weight(len(word), len(query_word)))
                for word, _, number in _similar(query_word, vocabulary)
            ],
        )


def _weight(word: int, query_word: int) -> int:
    """What a word of this length counts for, related to a query word of that length: the
    query word's length and a space, or the word's own if it is only a part of it (two or
    more characters shorter); 0 below a third of it."""
    if 3 * word + 2 < query_word:
        return 0
    return (query_word if word + 1 >= query_word else word) + 1


def _similar(text: str, vocabulary: list[str]) -> list[tuple[str, float, int]]:
    from rapidfuzz import fuzz, process

    return process.extract(
        text, vocabulary, scorer=fuzz.partial_ratio, score_cutoff=THRESHOLD, limit=None
    )
