"""The passages of a stored text closest to an excerpt that is not in it, with their lines, so
that a user can copy the right one (or take it with `--from-line`). The search itself lives with
the validator, which names the closest passage in its message (brief.excerpts)."""

from __future__ import annotations

from briefcli.brief.excerpts import (
    LEAST_SIMILAR,
    MAX_PASSAGES,
    Passage,
    closest_passages,
    normalise_excerpt,
)

__all__ = ["LEAST_SIMILAR", "MAX_PASSAGES", "Passage", "closest_passages", "lines_of"]


def lines_of(text: str, first: int, last: int) -> str:
    """Lines `first` to `last` (1-based, inclusive) of a stored text, as one excerpt."""
    lines = text.split("\n")
    if not 1 <= first <= last <= len(lines):
        raise ValueError(f"the text has lines 1-{len(lines)}")
    excerpt = normalise_excerpt(" ".join(lines[first - 1 : last]))
    if not excerpt:
        raise ValueError("those lines are blank")
    return excerpt
