"""Names that look alike but are written with other letters: a Cyrillic "А" for a Latin "A", a
digit "0" for an "O". Two such names print identically, so a reader cannot tell which actor a
line is about, and a lookup can land on the wrong one.

The letters that look alike are Unicode's confusables (UTS #39, confusables.txt, as the
confusable-homoglyphs package ships it), grouped: two texts look alike when, with
compatibility forms unfolded (NFKD) and each letter replaced by the first of its group, they
are the same. Letters and their scripts come from the same package; it loads (about 1 MB of
tables) only when a check needs it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Scripts that every script shares (digits, punctuation, combining marks): not a mix.
_SHARED_SCRIPTS = frozenset({"COMMON", "INHERITED", "Unknown"})


@cache
def _first_of_group() -> dict[str, str]:
    """Each letter that has lookalikes, and the first (lowest) letter of its group."""
    from confusable_homoglyphs.confusables import confusables_data

    parent: dict[str, str] = {}

    def root(letter: str) -> str:
        parent.setdefault(letter, letter)
        while parent[letter] != letter:
            parent[letter] = parent[parent[letter]]
            letter = parent[letter]
        return letter

    for letter, lookalikes in confusables_data.items():
        if len(letter) != 1:
            continue  # sequences ("rn" for "m") are left out: letters are compared one by one
        for lookalike in lookalikes:
            if len(lookalike["c"]) == 1:
                first, second = root(letter), root(lookalike["c"])
                if first != second:
                    parent[max(first, second)] = min(first, second)
    return {letter: root(letter) for letter in parent if root(letter) != letter}


def skeleton(text: str) -> str:
    """The text as it looks: two texts with the same skeleton are read as the same."""
    groups = _first_of_group()
    unfolded = unicodedata.normalize("NFKD", text)
    return "".join(groups.get(letter, letter) for letter in unfolded)


def look_alike(first: str, second: str) -> bool:
    """Whether two different texts look the same."""
    return first != second and skeleton(first) == skeleton(second)


def script_of(letter: str) -> str:
    """A letter's script, as Unicode names it (LATIN, CYRILLIC, GREEK...)."""
    from confusable_homoglyphs.categories import alias

    return str(alias(letter))


def mixed_script_words(text: str) -> list[str]:
    """The words of a text that mix letters of two or more scripts ("Аlice", its first letter
    Cyrillic): a sign of a letter put in for its look."""
    return [
        word
        for word in text.split()
        if len({script_of(letter) for letter in word} - _SHARED_SCRIPTS) > 1
    ]


def letter_named(letter: str) -> str:
    """`Cyrillic А (U+0410)`: a letter, its script and its code point."""
    script = script_of(letter)
    shown = script.title() if script not in _SHARED_SCRIPTS else "the character"
    return f"{shown} {letter} (U+{ord(letter):04X})"


def difference(written: str, other: str) -> str:
    """Where two lookalike texts differ, letter by letter (the first three places):
    `Cyrillic А (U+0410) where the other has Latin A (U+0041)`."""
    places = [
        (mine, theirs)
        for mine, theirs in zip(
            unicodedata.normalize("NFC", written), unicodedata.normalize("NFC", other), strict=False
        )
        if mine != theirs
    ]
    if not places:
        return "the same letters in another Unicode form"
    said = "; ".join(
        f"{letter_named(mine)} where the other has {letter_named(theirs)}"
        for mine, theirs in places[:3]
    )
    return said + (f"; and {len(places) - 3} more" if len(places) > 3 else "")


def scripts_in(word: str) -> str:
    """`Cyrillic А (U+0410) among Latin letters`: what is mixed in a word."""
    scripts: dict[str, list[str]] = {}
    for letter in word:
        script = script_of(letter)
        if script not in _SHARED_SCRIPTS:
            scripts.setdefault(script, []).append(letter)
    main = max(scripts, key=lambda script: len(scripts[script]))
    others = [letter for script, letters in scripts.items() if script != main for letter in letters]
    named = ", ".join(letter_named(letter) for letter in others[:3])
    return f"{named} among {main.title()} letters"
