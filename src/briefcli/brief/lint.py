"""Analytic checks of a valid brief (`briefcli lint`): places where the analysis says more than
its evidence carries. Each is a warning, not an error; docs/lint.md gives every rule with an
example.

Pure functions from a merged Brief to Findings, each located as BriefChecker's problems are:
by record, (section, index) in the merged brief ("key_judgments" for those in meta), and the
steps to a field inside it; the loader's Origins turns that into file:line:col. The origins of
sources (the root sources each came through) come from the caller, the store's
BriefIndex.origins: the brief layer does not import the store.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import get_args

from briefcli.brief.dates import DateError, DayRange, parse_edtf
from briefcli.brief.evidence import corroborated, independent, supporting_claims
from briefcli.brief.model import (
    Actor,
    Brief,
    Claim,
    Confidence,
    GradingRule,
    LintCheck,
    Source,
)
from briefcli.brief.validate.structure import Path, Record

# Every check, by the name a warning carries and meta.lint_accept names.
CHECKS: tuple[str, ...] = get_args(LintCheck)

# The origins of a source: ids of the root sources it came through (BriefIndex.origins).
OriginsOf = Callable[[str], frozenset[str]]

LEVELS: tuple[Confidence, ...] = ("low", "moderate", "high")
STRONG_LIKELIHOODS = ("very likely", "almost certain")


@dataclass(frozen=True)
class Finding:
    """One warning: which check, the record it is about (by id, as meta.lint_accept names
    it), where that record is in the merged brief, the field, and what is wrong."""

    check: str
    record_id: str
    where: Record
    steps: Path
    message: str


@dataclass(frozen=True)
class Linted:
    """What lint found: warnings to show, and those meta.lint_accept acknowledges."""

    warnings: list[Finding]
    accepted: list[Finding]


def lint(brief: Brief, origins_of: OriginsOf) -> Linted:
    """Run every check; set aside the findings meta.lint_accept acknowledges."""
    evidence = _Evidence(brief, origins_of)
    findings = [
        *_confidence_above_evidence(brief, evidence),
        *_judgment_above_evidence(brief, evidence),
        *_grade_differs_from_siblings(brief),
        *_single_origin_corroborated(brief, evidence),
        *_inference_phrased_as_fact(brief, evidence),
        *_date_window_narrower_than_phrases(brief, evidence),
        *_names_look_alike(brief),
    ]
    accepted = {(entry.check, entry.record) for entry in brief.meta.lint_accept}
    return Linted(
        [f for f in findings if (f.check, f.record_id) not in accepted],
        [f for f in findings if (f.check, f.record_id) in accepted],
    )


class _Evidence:
    """What the checks share: claims by id, what each supports, each claim's origins."""

    def __init__(self, brief: Brief, origins_of: OriginsOf) -> None:
        self.sources: dict[str, Source] = {source.id: source for source in brief.sources}
        self.claims: dict[str, Claim] = {claim.id: claim for claim in brief.claims}
        self.support = supporting_claims(brief)  # relation or event id -> its claims
        by_source: dict[str, frozenset[str]] = {}
        self.origins: dict[str, frozenset[str]] = {}
        for claim in brief.claims:
            if claim.source not in by_source:
                by_source[claim.source] = origins_of(claim.source)
            self.origins[claim.id] = by_source[claim.source]
        # Claim id -> the relations and events it supports.
        self.supported: dict[str, list[str]] = {}
        for record_id, claims in self.support.items():
            for claim in claims:
                self.supported.setdefault(claim.id, []).append(record_id)

    def ceiling(self, claims: Sequence[Claim]) -> tuple[Confidence, str]:
        """The highest confidence these claims defend, and why not higher (docs/lint.md):
        high from a claim graded 1-2 of a source graded A-C, or from two claims graded 1-3
        on independent origins; moderate from a claim graded 1-3; otherwise low."""
        if any(c.credibility <= 2 and self._reliability(c) in "ABC" for c in claims):
            return "high", ""
        fair = {self.origins[c.id] for c in claims if c.credibility <= 3}
        if any(independent(a, b) for a, b in combinations(fair, 2)):
            return "high", ""
        why_not_high = (
            "no claim graded 1-2 from a source graded A-C, and no two graded 1-3 "
            "on independent origins"
        )
        if fair:
            return "moderate", why_not_high
        return "low", "every claim is graded 4-6"

    def _reliability(self, claim: Claim) -> str:
        source = self.sources.get(claim.source)
        return source.reliability if source is not None else "F"


def _above(level: Confidence, ceiling: Confidence) -> bool:
    return LEVELS.index(level) > LEVELS.index(ceiling)


def _default_hint(level: Confidence) -> str:
    return " (moderate is also the default: write `confidence: low`)" if level == "moderate" else ""


def _confidence_above_evidence(brief: Brief, evidence: _Evidence) -> Iterator[Finding]:
    """A relation more confident than its claims defend (one with no claims is
    inference-phrased-as-fact's)."""
    for index, relation in enumerate(brief.relations):
        claims = evidence.support.get(relation.id)
        if not claims:
            continue
        ceiling, why = evidence.ceiling(claims)
        if _above(relation.confidence, ceiling):
            yield Finding(
                "confidence-above-evidence",
                relation.id,
                ("relations", index),
                ("confidence",),
                f"confidence {relation.confidence!r} is above what "
                + (
                    "its claim supports"
                    if len(claims) == 1
                    else f"its {len(claims)} claims support"
                )
                + f" ({ceiling!r}): {why}"
                + _default_hint(relation.confidence),
            )


def _judgment_above_evidence(brief: Brief, evidence: _Evidence) -> Iterator[Finding]:
    """A key judgment more confident than the relations and events its claims support (or,
    when they support none, than the claims themselves), or "very likely" / "almost certain"
    on claims graded 3-6 only."""
    relations = {relation.id: relation for relation in brief.relations}
    for index, judgment in enumerate(brief.meta.key_judgments):
        claims = [evidence.claims[c] for c in judgment.claims if c in evidence.claims]
        if not claims:
            continue
        where = ("key_judgments", index)
        records = list(
            dict.fromkeys(r for claim in claims for r in evidence.supported.get(claim.id, ()))
        )
        levels: list[tuple[str, Confidence]] = []
        for record_id in records:
            relation = relations.get(record_id)
            if relation is not None:
                levels.append((record_id, relation.confidence))
            else:
                levels.append((record_id, evidence.ceiling(evidence.support[record_id])[0]))
        if levels:
            ceiling = max((level for _, level in levels), key=LEVELS.index)
            shown = ", ".join(f"{record_id} {level}" for record_id, level in levels[:4])
            shown += ", …" if len(levels) > 4 else ""
            basis = f"the relations and events its claims support ({shown})"
        else:
            ceiling, why = evidence.ceiling(claims)
            basis = f"its claims, which support no relation or event ({why or 'all graded 1-3'})"
        if _above(judgment.confidence, ceiling):
            yield Finding(
                "judgment-above-evidence",
                judgment.id,
                where,
                ("confidence",),
                f"confidence {judgment.confidence!r} is above {ceiling!r}, the best of {basis}",
            )
        if judgment.likelihood in STRONG_LIKELIHOODS and all(c.credibility >= 3 for c in claims):
            yield Finding(
                "judgment-above-evidence",
                judgment.id,
                where,
                ("likelihood",),
                f"{judgment.likelihood!r} rests only on claims graded 3-6 (possibly true at best)",
            )


def _grade_differs_from_siblings(brief: Brief) -> Iterator[Finding]:
    """A claim graded otherwise than meta.grading grades the claims of its source."""
    rules: dict[str, GradingRule] = {}
    for rule in brief.meta.grading:
        rules.setdefault(rule.source, rule)
    for index, claim in enumerate(brief.claims):
        ruled = rules.get(claim.source)
        if ruled is None or claim.credibility == ruled.credibility:
            continue
        yield Finding(
            "grade-differs-from-siblings",
            claim.id,
            ("claims", index),
            ("credibility",),
            f"graded {claim.credibility}, but meta.grading grades the claims of source "
            f"{claim.source!r} {ruled.credibility} ({ruled.reason})",
        )


def _single_origin_corroborated(brief: Brief, evidence: _Evidence) -> Iterator[Finding]:
    """A claim graded 1 (confirmed by other sources) that nothing from another origin
    corroborates."""
    groups = ([claim.id for claim in claims] for claims in evidence.support.values())
    backed = corroborated(groups, evidence.origins)
    for index, claim in enumerate(brief.claims):
        if claim.credibility != 1 or claim.id in backed:
            continue
        rests_on = ", ".join(sorted(evidence.origins[claim.id])) or claim.source
        if claim.id in evidence.supported:
            why = "no relation or event it supports has a claim resting on other origins"
        else:
            why = "it supports no relation or event"
        yield Finding(
            "single-origin-corroborated",
            claim.id,
            ("claims", index),
            ("credibility",),
            f"graded 1 (confirmed by other sources), but it rests on {rests_on} alone: {why}",
        )


def _inference_phrased_as_fact(brief: Brief, evidence: _Evidence) -> Iterator[Finding]:
    """Inference that does not say how sure it is or what it rests on, and outside knowledge
    not marked as inference."""
    for index, note in enumerate(brief.notes):
        if note.kind == "inference" and note.confidence is None:
            yield Finding(
                "inference-phrased-as-fact",
                note.id,
                ("notes", index),
                ("confidence",),
                "an inference with no confidence: say how sure it is (low, moderate or high)",
            )
    explained = {
        record_id for note in brief.notes if note.kind == "inference" for record_id in note.concerns
    }
    sourced_actors: set[str] = {actor for claim in brief.claims for actor in claim.actors}
    sourced_actors.update(source.actor for source in brief.sources if source.actor)
    for relation in brief.relations:
        if relation.id in evidence.support:
            sourced_actors.update((relation.subject, relation.object))
    for event in brief.events:
        if event.id in evidence.support:
            sourced_actors.update(participant.actor for participant in event.participants)
    for index, relation in enumerate(brief.relations):
        if relation.id in evidence.support:
            continue
        if not relation.inferred:
            yield Finding(
                "inference-phrased-as-fact",
                relation.id,
                ("relations", index),
                ("claims",),
                "no claim supports it and it is not marked `inferred: true`",
            )
        elif not relation.description and relation.id not in explained:
            yield Finding(
                "inference-phrased-as-fact",
                relation.id,
                ("relations", index),
                ("inferred",),
                "inferred, with no claims, no description and no inference note: say what "
                "it is inferred from",
            )
    for index, actor in enumerate(brief.actors):
        if actor.inferred or actor.id in sourced_actors:
            continue
        yield Finding(
            "inference-phrased-as-fact",
            actor.id,
            ("actors", index),
            ("inferred",),
            "no claim names it, nor a supported relation or event it is part of, and it is "
            "not marked `inferred: true`",
        )


# Relative dates `date-window-narrower-than-phrases` recomputes: a weekday, or a day next to
# the day of publication.
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY_PHRASE = re.compile(
    r"\b(?:(last|next|on|this)\s+)?(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE
)
_DAY_PHRASE = re.compile(r"\b(yesterday|today|tomorrow)\b", re.IGNORECASE)
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tomorrow": 1}


@dataclass(frozen=True)
class _Relative:
    """A relative date in a phrase: a weekday with its word, or a day's offset."""

    word: str  # last, next, on, this, "" (a bare weekday), or yesterday/today/tomorrow
    weekday: int | None = None


def relative_date(phrase: str) -> _Relative | None:
    """The one relative date a phrase holds; None for none, several ("last Thursday ... last
    Sunday"), or a phrase with digits (a date written out)."""
    if any(character.isdigit() for character in phrase):
        return None
    weekdays = _WEEKDAY_PHRASE.findall(phrase)
    days = _DAY_PHRASE.findall(phrase)
    if len(weekdays) + len(days) != 1:
        return None
    if days:
        return _Relative(days[0].lower())
    word, name = weekdays[0]
    return _Relative(word.lower(), _WEEKDAYS[name.lower()])


def _day_of(relative: _Relative, published: dt.date, forward: bool) -> dt.date:
    """The day a relative date means in a text published on `published`."""
    if relative.weekday is None:
        return published + dt.timedelta(days=_DAY_OFFSETS[relative.word])
    same_day_counts = relative.word not in ("last", "next")
    if relative.word == "next" or (relative.word != "last" and forward):
        ahead = (relative.weekday - published.weekday()) % 7
        return published + dt.timedelta(days=ahead or (0 if same_day_counts else 7))
    back = (published.weekday() - relative.weekday) % 7
    return published - dt.timedelta(days=back or (0 if same_day_counts else 7))


def phrase_window(
    relative: _Relative, published: DayRange, forward: bool = False
) -> tuple[dt.date, dt.date]:
    """The first and last day a relative date can mean for a text published on any day of
    `published`: the day it means for the first and for the last possible day (the day
    moves with the publication day, never back). `forward`: a bare or "on"/"this" weekday
    read as the next one (the event lies after the publication)."""
    return (
        _day_of(relative, published.start, forward),
        _day_of(relative, published.end, forward),
    )


def _publications(source_id: str, sources: dict[str, Source]) -> list[Source]:
    """On each route from a source, the first with a publication date, nearest first."""
    found: dict[str, Source] = {}
    walked: set[str] = set()
    waiting = [source_id]
    for current in waiting:  # breadth first: the list grows as it is walked
        if current in walked or current not in sources:
            continue
        walked.add(current)
        source = sources[current]
        if source.published is not None and source.published.value is not None:
            found[current] = source
        else:
            waiting.extend(source.via_ids)
    return list(found.values())


def _date_window_narrower_than_phrases(brief: Brief, evidence: _Evidence) -> Iterator[Finding]:
    """An inferred event date whose window misses days its relative phrase ("last Thursday",
    "yesterday") can mean, given when the text of its claims was published."""
    for index, event in enumerate(brief.events):
        date = event.date
        if date.method != "inferred" or date.value is None or date.phrase is None:
            continue
        relative = relative_date(date.phrase)
        claims = evidence.support.get(event.id)
        if relative is None or not claims:
            continue
        try:
            record = parse_edtf(date.value)
        except DateError:
            continue
        windows: list[tuple[Source, tuple[dt.date, dt.date]]] = []
        for claim in claims:
            for source in _publications(claim.source, evidence.sources):
                assert source.published is not None and source.published.value is not None
                try:
                    published = parse_edtf(source.published.value)
                except DateError:
                    continue
                forward = record.start > published.end
                windows.append((source, phrase_window(relative, published, forward)))
        if not windows or any(
            record.start <= first and last <= record.end for _, (first, last) in windows
        ):
            continue
        source, (first, last) = windows[0]
        assert source.published is not None
        days = first.isoformat() if first == last else f"{first} to {last}"
        wider = first.isoformat() if first == last else f"{first}/{last}"
        yield Finding(
            "date-window-narrower-than-phrases",
            event.id,
            ("events", index),
            ("date", "value"),
            f"{date.value!r} does not cover every day {date.phrase!r} can mean: {days}, "
            f"for a text published {source.published.value!r} (source {source.id!r}); "
            f"write {wider!r}",
        )


def _names_look_alike(brief: Brief) -> Iterator[Finding]:
    """An actor's name or alias that looks like another actor's but is written with other
    letters, or a word of one that mixes scripts (briefcli.brief.lookalikes)."""
    from briefcli.brief.lookalikes import difference, look_alike, mixed_script_words, scripts_in

    # ASCII lookalikes (0 for O, l for I) are left to the eye, and most briefs end here.
    if all(name.isascii() for actor in brief.actors for name in _names_of(actor)):
        return
    from briefcli.brief.lookalikes import skeleton

    first_by_look: dict[str, tuple[str, str]] = {}  # skeleton -> (actor id, name as written)
    for index, actor in enumerate(brief.actors):
        for place, name in enumerate(_names_of(actor)):
            steps: Path = ("name",) if place == 0 else ("aliases", place - 1, "name")
            for word in mixed_script_words(name):
                yield Finding(
                    "names-look-alike",
                    actor.id,
                    ("actors", index),
                    steps,
                    f"{word!r} mixes scripts in one word: {scripts_in(word)}",
                )
            seen = first_by_look.setdefault(skeleton(name), (actor.id, name))
            both_ascii = name.isascii() and seen[1].isascii()
            if seen[0] != actor.id and not both_ascii and look_alike(name, seen[1]):
                yield Finding(
                    "names-look-alike",
                    actor.id,
                    ("actors", index),
                    steps,
                    f"{name!r} looks like {seen[1]!r} (actor {seen[0]!r}) but is written with "
                    f"other letters: {difference(name, seen[1])}",
                )


def _names_of(actor: Actor) -> list[str]:
    return [actor.name, *(alias.name for alias in actor.aliases)]
