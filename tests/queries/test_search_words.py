"""Specification: a search finds what people mean (issue 21). Every word of a query weighs in
wherever it stands in a field, and a word matches its other forms (Snowball's English stems:
"meeting" and "meet"); a short text (an acronym, an alias like "MEE") matches only as a whole
word of the query, not inside "meeting"; words in double quotes are a phrase."""

from __future__ import annotations

import pytest

from briefcli import queries
from briefcli.brief import loader
from briefcli.search.names import fold
from briefcli.store.loaded import LoadedBrief
from briefcli.store.tables import BriefIndex
from conftest import BUNDLED_BRIEF


@pytest.fixture(scope="module")
def index() -> BriefIndex:
    checked, problems = loader.check_files([BUNDLED_BRIEF])
    assert checked is not None, problems
    return LoadedBrief.of(checked).index


def ids(index: BriefIndex, text: str, limit: int = 20) -> list[str]:
    return [hit.id for hit in queries.search(index, text, limit)]


def test_the_words_of_a_query_are_found_in_any_order_and_form(index: BriefIndex) -> None:
    # The title says "leaders meet in Beirut": its best window for the whole query scores 64.
    assert "ev-beirut-meeting" in ids(index, "Beirut meeting", 5)


def test_a_short_alias_is_not_found_inside_a_longer_word(index: BriefIndex) -> None:
    found = ids(index, "Beirut meeting")
    assert "middle-east-eye" not in found  # its alias "MEE" is inside "meeting"
    assert ids(index, "MEE", 1) == ["middle-east-eye"]  # as the whole query, it is found


def test_a_record_with_every_word_ranks_above_one_with_one(index: BriefIndex) -> None:
    hits = queries.search(index, "Beirut meeting", 40)
    score = {hit.id: hit.score for hit in hits}
    assert score["ev-beirut-meeting"] > score["beirut"]  # the place has only "Beirut"


def test_a_word_half_of_a_query_does_not_carry_it_alone(index: BriefIndex) -> None:
    # "Ali" is inside "aligned": not the word asked for.
    hits = {hit.id: hit.score for hit in queries.search(index, "Ali al-Sistani", 40)}
    assert hits["ali-al-sistani"] == max(hits.values())
    assert hits.get("iran-aligned-iraqi-factions", 0.0) < 77


def test_words_in_quotes_are_found_only_together_and_in_order(index: BriefIndex) -> None:
    """Unquoted, "Beirut meeting" finds the event titled "leaders meet in Beirut"; quoted, only
    fields that say "Beirut meeting" (or "the Beirut-meeting": they fold alike)."""
    hits = queries.search(index, '"Beirut meeting"', 50)
    assert hits and "ev-beirut-meeting" not in [hit.id for hit in hits]
    assert all("beirut meeting" in fold(hit.text) for hit in hits)
    assert queries.search(index, '"meeting Beirut"', 50) == []


def test_a_phrase_narrows_the_other_words_of_the_query(index: BriefIndex) -> None:
    loose = queries.search(index, "factions Tehran", 50)
    narrowed = queries.search(index, 'factions "flew to Tehran"', 50)
    assert 0 < len(narrowed) < len(loose)
    assert all("flew to tehran" in fold(hit.text) for hit in narrowed)


def test_typographic_quotes_make_a_phrase_too(index: BriefIndex) -> None:
    assert ids(index, "“Beirut meeting”", 50) == ids(index, '"Beirut meeting"', 50)
