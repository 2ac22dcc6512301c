"""`search`: every record whose searched fields match the typed words, best first."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from briefcli.queries.common import LookupProblem
from briefcli.results import (
    SearchHit,
)
from briefcli.search.fields import LAST_SEARCHED_FIELD, relation_label
from briefcli.search.names import fold
from briefcli.search.textindex import THRESHOLD
from briefcli.store.tables import BriefIndex


def search(index: BriefIndex, text: str, limit: int = 20) -> list[SearchHit]:
    """Ranked matches across names, aliases, events, claims, notes, sources and places: best
    score first, then by kind, then by label (then brief order).

    The word index narrows the fields to those sharing a word (or a near spelling of one) with
    the query and gives them folded; they are scored with rapidfuzz's partial ratio. Fields are
    decoded and scored only while they can still make the first `limit` hits: sections are
    taken best ceiling first (the most a field of theirs can score), a section's fields best
    bound first (the score their section's weightiest field would give) and by label among
    equal bounds, and once `limit` records rank above what a field could reach, neither it nor
    the fields after it can change the answer.

    Words in double quotes are a phrase: a field matches only if it has those words together,
    in that order (as they fold)."""

    wanted, _ = scored_query(text)
    has_phrases = _phrase_test(text)
    if not wanted:
        raise LookupProblem("nothing to search for", "give a word or a name")
    if limit < 1:
        return []
    candidates = index.search_candidates(wanted)
    scorer = _scorer(wanted)
    # Each record's best hit, with the place of its field in the record and its rank: (-score,
    # kind, label rank), the order of the answer.
    best: dict[tuple[str, str], tuple[SearchHit, int, _Rank]] = {}
    # The `limit` best ranks, in order (kept as hits come in; a record's rank only improves).
    leading: list[tuple[_Rank, tuple[str, str]]] = []

    def keep(key: tuple[str, str], rank: _Rank, earlier: _Rank | None) -> None:
        """Count a record's new rank (its `earlier` one, if any, no longer stands)."""
        if earlier is not None:
            at = bisect.bisect_left(leading, (earlier, key))
            if at < len(leading) and leading[at] == (earlier, key):
                del leading[at]
        if len(leading) < limit or rank < leading[-1][0]:
            bisect.insort(leading, (rank, key))
            del leading[limit:]

    def cannot_make_it(rank: _Rank) -> bool:
        """True when `limit` records rank above the best a field could reach."""
        return len(leading) == limit and rank > leading[-1][0]

    for section in _SECTIONS_BY_CEILING:
        kind = _SEARCH_KINDS[section]
        if cannot_make_it((-_CEILINGS[section], kind, -1)):
            continue
        fields = candidates.in_section(section)
        # The least partial ratio that can still make the answer (checked again below).
        least = SEARCH_CUTOFF
        if len(leading) == limit:
            bonus = _EXACT_WORD_BONUS if candidates.every_word else 0.0
            needed = -leading[-1][0][0] - _ROUNDING - bonus
            least = max(least, needed / _SECTION_WEIGHTS[section])
            if least > 100.0:
                continue  # a field of this section would need more than a perfect ratio
        scored = _score_all(wanted, fields.texts, least)
        if least > SEARCH_CUTOFF:
            for number in fields.standing_for_many():  # scored alone below
                score = scorer(wanted, fields.texts[number])
                if SEARCH_CUTOFF <= score < least:
                    scored.append((fields.texts[number], score, number))
        label_ranks = index.label_ranks(section)
        bounded = []
        for folded, score, position in scored:
            if _short_and_not_a_word(folded, wanted):
                continue
            record_position, place = fields.place(position)
            if place != LAST_SEARCHED_FIELD and not has_phrases(folded):
                continue
            if place == LAST_SEARCHED_FIELD:  # may stand for many fields, each scored alone
                bound = _CEILINGS[section]
            else:
                bound = _weighted(score, _SECTION_WEIGHTS[section], folded, wanted)
            label_rank = label_ranks[record_position]
            bounded.append((-bound, label_rank, place, score, record_position, folded))
        # Best bound first; by label among equal bounds, then a record's fields in brief order.
        bounded.sort()
        for negative_bound, label_rank, place, score, record_position, folded in bounded:
            if cannot_make_it((negative_bound, kind, label_rank)):
                break  # nor can the fields after it
            record, label, shown_fields = index.searched_fields(section, record_position, place)
            if section == "relations":
                label = relation_label(record, index.actor_name)
            if len(shown_fields) > 1:  # a record with thousands of fields: scored one by one
                matching = []
                for one_field, one_text in shown_fields:
                    folded_text = fold(one_text)
                    ratio = scorer(wanted, folded_text)
                    if (
                        ratio >= SEARCH_CUTOFF
                        and not _short_and_not_a_word(folded_text, wanted)
                        and has_phrases(folded_text)
                    ):
                        matching.append((ratio, one_field, one_text, folded_text))
                if not matching:
                    continue
                # The field that scores best (the first of equals), weights and bonus included.
                score, field, shown, folded = max(
                    matching,
                    key=lambda item: _weighted(
                        item[0], _FIELD_WEIGHTS[section, item[1]], item[3], wanted
                    ),
                )
            else:
                ((field, shown),) = shown_fields
            final = _weighted(score, _FIELD_WEIGHTS[section, field], folded, wanted)
            key = (kind, record.id)
            earlier = best.get(key)
            # A record's best field; among equally good ones, the first in the record.
            if earlier is None or (final, -place) > (earlier[0].score, -earlier[1]):
                hit = SearchHit(
                    kind=kind, id=record.id, name=label, field=field, text=shown, score=final
                )
                rank = (-final, kind, label_rank)
                best[key] = (hit, place, rank)
                keep(key, rank, earlier[2] if earlier else None)
    ranked = sorted(best.values(), key=lambda found: found[2])
    return [hit for hit, _, _ in ranked[:limit]]


# The most of a query that is scored: rapidfuzz's partial ratio costs about the query's length
# squared per field (bench/README.md, "Measured"), so a pasted page is matched on its start.
SCORED_QUERY_CHARACTERS = 128


def scored_query(text: str) -> tuple[str, bool]:
    """The query as it is matched, and whether it was cut: folded, and cut to
    SCORED_QUERY_CHARACTERS at the end of a word (or within one, if the first is longer)."""
    wanted = fold(text)
    if len(wanted) <= SCORED_QUERY_CHARACTERS:
        return wanted, False
    cut = wanted[: SCORED_QUERY_CHARACTERS + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:SCORED_QUERY_CHARACTERS]), True


# Straight and typographic double quotes, as a phrase may be typed or pasted.
_PHRASE = re.compile(r'["“”„]([^"“”„]+)["“”„]')


def _phrase_test(text: str) -> Callable[[str], bool]:
    """Whether a folded field has every phrase quoted in the query, each as whole words."""
    phrases = [f" {fold(p)} " for p in _PHRASE.findall(text) if fold(p)]
    if not phrases:
        return lambda folded: True
    return lambda folded: all(phrase in f" {folded} " for phrase in phrases)


# Texts this short (an acronym, an alias such as "MEE") match only as a whole word of the query:
# otherwise "MEE" is found inside "meeting".
SHORT_TEXT = 4


def _short_and_not_a_word(folded: str, wanted: str) -> bool:
    return len(folded) <= SHORT_TEXT and f" {folded} " not in f" {wanted} "


def _score_all(wanted: str, texts: list[str], least: float) -> list[tuple[str, float, int]]:
    """(text, score, position) of every text scoring at least `least`, as _scorer scores them;
    for a query of several words, each word's partial ratio is taken in one pass of rapidfuzz
    over all the texts, and a text's words are stemmed only where that can lift it to `least`."""
    from rapidfuzz import fuzz, process

    words = wanted.split()
    if len(words) < 2:
        return process.extract(
            wanted, texts, scorer=fuzz.partial_ratio, score_cutoff=least, limit=None
        )

    def all_scores(query: str) -> list[float]:
        scores = [0.0] * len(texts)
        for _, score, position in process.extract(
            query, texts, scorer=fuzz.partial_ratio, limit=None
        ):
            scores[position] = score
        return scores

    whole = all_scores(wanted)
    by_word = [all_scores(word) for word in words]
    stems = _english_stems()
    wanted_stems = stems(words)
    found: list[tuple[str, float, int]] = []
    for position, text in enumerate(texts):
        ratios = [scores[position] for scores in by_word]
        score = max(whole[position], _of_words(words, ratios))
        if score < 100.0 and _of_words(words, [100.0] * len(words)) >= least:
            text_stems = set(stems(text.split()))
            lifted = [
                100.0 if stem in text_stems else ratio
                for ratio, stem in zip(ratios, wanted_stems, strict=True)
            ]
            score = max(score, _of_words(words, lifted))
        if score >= least:
            found.append((text, score, position))
    return found


def _of_words(words: list[str], ratios: list[float]) -> float:
    """The score of a query of several words from each word's: their mean, a word below the
    threshold counting 0; and 0 unless the words that count make up at least half the query
    (each word and a space), as the word index finds candidates (search.textindex)."""
    counted = [ratio >= THRESHOLD for ratio in ratios]
    covered = sum(len(word) + 1 for word, counts in zip(words, counted, strict=True) if counts)
    if 2 * covered < sum(len(word) + 1 for word in words) - 1:
        return 0.0
    return sum(ratio for ratio, counts in zip(ratios, counted, strict=True) if counts) / len(words)


def _scorer(wanted: str) -> Callable[..., float]:
    """How a field is scored against the query: rapidfuzz's partial ratio; for a query of
    several words, also the score of its words (_of_words), whichever is higher, so that every
    word weighs in wherever it stands ("Beirut meeting" finds "leaders meet in Beirut", whose
    best single window scores 64). A word scores 100 where the field has a word of the same
    English stem (Snowball: "meeting" and "meet"), else its partial ratio."""
    from rapidfuzz import fuzz

    words = wanted.split()
    if len(words) < 2:
        return fuzz.partial_ratio
    stems = _english_stems()
    wanted_stems = list(zip(words, stems(words), strict=True))

    def each_word(query: str, text: str, **_: object) -> float:
        whole = fuzz.partial_ratio(query, text)
        if whole == 100.0:
            return whole
        text_stems = set(stems(text.split()))
        ratios = [
            100.0 if stem in text_stems else fuzz.partial_ratio(word, text)
            for word, stem in wanted_stems
        ]
        return max(whole, _of_words(words, ratios))

    return each_word


@cache  # one stemmer per process: each section of a search asks for it
def _english_stems() -> Callable[[list[str]], list[str]]:
    """Snowball's English stemmer (PyStemmer), over a list of words."""
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWords  # type: ignore[no-any-return]


# A search hit's place in the answer: (-score, kind, label rank).
_Rank = tuple[float, str, int]


def _weighted(score: float, weight: float, folded: str, wanted: str) -> float:
    """A hit's score: the field's partial ratio times its weight, plus a bonus when the query
    is a whole word of the field."""
    has_word = f" {wanted} " in f" {folded} "
    return round(score * weight + (_EXACT_WORD_BONUS if has_word else 0.0), 1)


# The lowest partial_ratio a match may have: the word index's guarantee is stated for it.
SEARCH_CUTOFF = THRESHOLD


_SEARCH_KINDS = {
    "actors": "actor",
    "events": "event",
    "claims": "claim",
    "notes": "note",
    "sources": "source",
    "places": "place",
    "relations": "relation",
    "key_judgments": "judgment",
    "gaps": "gap",
}


# How much a match in each field counts, relative to a match in a name.
_FIELD_WEIGHTS = {
    ("actors", "name"): 1.0,
    ("actors", "alias"): 0.98,
    ("actors", "description"): 0.8,
    ("events", "title"): 0.95,
    ("events", "summary"): 0.8,
    ("claims", "statement"): 0.85,
    ("claims", "excerpt"): 0.8,
    ("notes", "text"): 0.8,
    ("sources", "name"): 0.9,
    ("sources", "description"): 0.75,
    ("places", "name"): 0.9,
    ("places", "alias"): 0.88,
    ("relations", "description"): 0.75,
    ("key_judgments", "text"): 0.8,
    ("gaps", "text"): 0.75,
}


_SECTION_WEIGHTS = {
    section: max(weight for (name, _), weight in _FIELD_WEIGHTS.items() if name == section)
    for section, _ in _FIELD_WEIGHTS
}


_EXACT_WORD_BONUS = 10.0  # when the query is a whole word of the field


_ROUNDING = 0.1  # scores are rounded to 0.1: one this much lower may round up to a tie


# The most a field of each section can score, and the sections in that order.
_CEILINGS = {
    section: round(100.0 * weight + _EXACT_WORD_BONUS, 1)
    for section, weight in _SECTION_WEIGHTS.items()
}


_SECTIONS_BY_CEILING = sorted(_CEILINGS, key=lambda section: -_CEILINGS[section])
