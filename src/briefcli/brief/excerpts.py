"""Excerpts as the validator matches them against stored texts (and `sources --claim` shows
them in context): whitespace runs and typographic quotes do not count. For an excerpt not
found, the passages of the text closest to it, with their lines."""

import re
from typing import NamedTuple

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
    }
)
_TYPOGRAPHIC = re.compile("[" + "".join(map(chr, _QUOTES)) + "]")
_SPACE = re.compile(r"\s+")
_SPACE_TO_FOLD = re.compile(r"\s\s|[^\S ]")  # two whitespace characters, or one not a space


def normalise_excerpt(text: str) -> str:
    """Fold whitespace runs to one space and typographic quotes to plain ones."""
    if _TYPOGRAPHIC.search(text):  # str.replace per quote: faster than translate
        for quote, plain in _QUOTES.items():
            text = text.replace(chr(quote), plain)
    if _SPACE_TO_FOLD.search(text):
        text = _SPACE.sub(" ", text)
    return text.strip()


# How many passages to offer, and the least similarity (rapidfuzz, 0-100) worth offering.
MAX_PASSAGES = 3
LEAST_SIMILAR = 60.0
# A passage may run on into the next lines: a window of this many lines is searched from each.
_WINDOW_LINES = 9


class Passage(NamedTuple):
    """A passage of a stored text, where it starts and how like the excerpt it is."""

    line: int  # 1-based, where the passage starts
    text: str
    score: float


def closest_passages(text: str, excerpt: str, limit: int = MAX_PASSAGES) -> list[Passage]:
    """Windows of the text as long as the excerpt that are most like it, best first, one per
    line at most, so that a user can copy the right one. For an excerpt not found only: each
    line of the text is compared."""
    from rapidfuzz import fuzz

    wanted = normalise_excerpt(excerpt)
    if not wanted:
        return []
    # Each line normalised once: a window of them joined by spaces is the window normalised.
    lines = [normalise_excerpt(line) for line in text.split("\n")]
    found: list[Passage] = []
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        following = lines[number - 1 : number - 1 + _WINDOW_LINES]
        window = " ".join(filter(None, following))
        alignment = fuzz.partial_ratio_alignment(wanted, window)
        if alignment is None or alignment.score < LEAST_SIMILAR:
            continue
        if alignment.dest_start >= len(line):
            continue  # it starts on a later line: found from that line
        start = window.rfind(" ", 0, alignment.dest_start + 1) + 1  # whole words
        end = window.find(" ", max(alignment.dest_end - 1, start))
        words = _trimmed(window[start : end if end != -1 else len(window)], wanted)
        if words:
            found.append(Passage(number, words, alignment.score))
    found.sort(key=lambda passage: (-passage.score, passage.line))
    chosen: list[Passage] = []
    for candidate in found:
        if all(
            candidate.text not in other.text and other.text not in candidate.text
            for other in chosen
        ):
            chosen.append(candidate)
        if len(chosen) == limit:
            break
    return chosen


_LEADING, _TRAILING = re.compile(r"^\W+"), re.compile(r"\W+$")


def _trimmed(words: str, excerpt: str) -> str:
    """A passage without the punctuation around it that the excerpt does without (the quotes
    and full stop of `"stay out … in writing".` for `stay out … in writing`)."""
    if not _LEADING.match(excerpt):
        words = _LEADING.sub("", words)
    if not _TRAILING.search(excerpt):
        words = _TRAILING.sub("", words)
    return words
