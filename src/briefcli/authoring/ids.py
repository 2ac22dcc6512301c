"""Ids made from names, as the brief already makes them: its own prefix for a section (`c-` for
claims when most of its claims have it), lower-case ASCII words joined by hyphens, and a number
added when the id is taken."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from briefcli.search.names import fold_name

# The prefix a section's ids get when the brief has none of its own yet.
DEFAULT_PREFIXES = {
    "sources": "src-",
    "actors": "",
    "places": "",
    "relations": "r-",
    "events": "e-",
    "claims": "c-",
    "notes": "n-",
}

# How many words of a statement or title an id keeps.
ID_WORDS = 5

_NOT_ID = re.compile(r"[^a-z0-9]+")


def slug(text: str, words: int = ID_WORDS) -> str:
    """`text` as an id: folded to ASCII lower case, its first `words` words joined by hyphens
    ("" for a text with no Latin letters or digits)."""
    parts = [part for part in _NOT_ID.split(fold_name(text)) if part]
    return "-".join(parts[:words])


def prefix_of(section: str, ids: Iterable[str]) -> str:
    """The prefix most of the section's ids share (`ev-`, `rel-`), if most do; else the
    default for the section."""
    if not DEFAULT_PREFIXES[section]:
        return ""  # actors and places are named by their names alone
    listed = list(ids)
    heads = Counter(i.split("-", 1)[0] + "-" for i in listed if "-" in i)
    if heads:
        head, count = heads.most_common(1)[0]
        if 2 * count > len(listed) and len(head) <= 5:
            return head
    return DEFAULT_PREFIXES[section]


def new_id(
    section: str, text: str, taken: set[str], section_ids: Iterable[str], words: int = ID_WORDS
) -> str:
    """An id for a new record of `section` made from `text`, not in `taken`."""
    prefix = prefix_of(section, section_ids)
    base = prefix + (slug(text, words) or section.rstrip("s"))
    if base.endswith("-"):
        base = base.rstrip("-")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
