"""Excerpts as the validator matches them against stored texts (and `sources --claim` shows
them in context): whitespace runs and typographic quotes do not count."""

import re

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
