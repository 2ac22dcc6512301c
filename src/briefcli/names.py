"""Names as people type them: resolve a typed name to one actor, or say why not.

Matching runs in tiers, and the first tier with any match decides:
1. an id;
2. a canonical name or alias, after folding case, diacritics, apostrophes, hyphens and the
   Arabic article (al-/el-/Al ) — unless another actor's name is mostly that same word
   ("Hezbollah" is both the Lebanese party and Kata'ib Hezbollah);
3. every word of the query inside one name ("Kaabi" -> two people: ambiguous);
4. the same consonant skeleton (Moqtada/Muqtada, Amri/Amiri);
5. fuzzy similarity (rapidfuzz), for typos.
Several actors in the deciding tier is an ambiguity, never a silent pick.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

import msgspec

from briefcli.model import Actor

_ARTICLES = frozenset({"al", "el", "ul", "the"})
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/.,;:()\[\]{}\"“”«»]+")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")

FUZZY_THRESHOLD = 80.0
# Candidates this close to the best fuzzy score are "about equally good".
FUZZY_MARGIN = 4.0


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Casefold, strip diacritics and apostrophes, split on hyphens, drop Arabic articles."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = _APOSTROPHES.sub("", bare.casefold())
    words = [word for word in _SEPARATORS.split(bare) if word and word not in _ARTICLES]
    return " ".join(words)


def skeleton(folded: str) -> str:
    """Consonants only, doubled letters collapsed: 'muqtada sadr' -> 'mqtd sdr'."""
    return " ".join(_REPEATS.sub(r"\1", _VOWELS.sub("", word)) or word for word in folded.split())


class Candidate(msgspec.Struct, frozen=True):
    actor: Actor
    matched: str  # the name or alias that matched
    score: float


class Resolution(msgspec.Struct):
    """The outcome: exactly one actor, several candidates, or none with suggestions."""

    query: str
    actor: Actor | None = None
    candidates: list[Candidate] = []
    suggestions: list[str] = []

    @property
    def ambiguous(self) -> bool:
        return self.actor is None and len(self.candidates) > 1


class NameIndex:
    """Folded names and aliases of every actor, built once per brief."""

    def __init__(self, actors: list[Actor]) -> None:
        self.by_id = {actor.id: actor for actor in actors}
        self.names: list[tuple[str, str, Actor]] = []  # (folded, original, actor)
        self.exact: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
        self.compact: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
        self.skeletons: dict[str, list[tuple[str, Actor]]] = defaultdict(list)
        for actor in actors:
            for name in dict.fromkeys([actor.name, *(alias.name for alias in actor.aliases)]):
                folded = fold(name)
                if not folded:
                    continue
                self.names.append((folded, name, actor))
                self.exact[folded].append((name, actor))
                self.compact[folded.replace(" ", "")].append((name, actor))
                self.skeletons[skeleton(folded)].append((name, actor))

    def resolve(self, query: str) -> Resolution:
        if query in self.by_id:
            return Resolution(query, actor=self.by_id[query])
        folded = fold(query)
        if not folded:
            return Resolution(query)
        for tier in (self._exact, self._words, self._skeleton, self._fuzzy):
            candidates = _distinct(tier(folded))
            if len(candidates) == 1:
                return Resolution(query, actor=candidates[0].actor, candidates=candidates)
            if candidates:
                return Resolution(query, candidates=candidates)
        return Resolution(query, suggestions=self.suggest(folded))

    def _exact(self, folded: str) -> list[Candidate]:
        hits = self.exact.get(folded) or self.compact.get(folded.replace(" ", ""), [])
        found = [Candidate(actor, name, 100.0) for name, actor in hits]
        if len({c.actor.id for c in found}) != 1:
            return found
        # An exact hit is decisive unless another actor's name is mostly this same word.
        query_words = set(folded.split())
        for other_folded, name, actor in self.names:
            words = other_folded.split()
            if (
                actor.id != found[0].actor.id
                and query_words <= set(words)
                and 2 * len(query_words) >= len(words)
            ):
                found.append(Candidate(actor, name, 100.0 * len(query_words) / len(words)))
        return found

    def _words(self, folded: str) -> list[Candidate]:
        query_words = set(folded.split())
        return [
            Candidate(actor, name, 100.0 * len(query_words) / len(other.split()))
            for other, name, actor in self.names
            if query_words <= set(other.split())
        ]

    def _skeleton(self, folded: str) -> list[Candidate]:
        return [
            Candidate(actor, name, 90.0) for name, actor in self.skeletons.get(skeleton(folded), [])
        ]

    def _fuzzy(self, folded: str) -> list[Candidate]:
        from rapidfuzz import fuzz, process

        choices = [other for other, _, _ in self.names]
        scored = process.extract(folded, choices, scorer=fuzz.WRatio, limit=10)
        best = max((score for _, score, _ in scored), default=0.0)
        if best < FUZZY_THRESHOLD:
            return []
        return [
            Candidate(self.names[position][2], self.names[position][1], score)
            for _, score, position in scored
            if score >= best - FUZZY_MARGIN
        ]

    def suggest(self, folded: str, limit: int = 3) -> list[str]:
        """The closest canonical names, for a 'did you mean' hint."""
        from rapidfuzz import fuzz, process

        choices = [other for other, _, _ in self.names]
        scored = process.extract(folded, choices, scorer=fuzz.WRatio, limit=limit * 4)
        names = [self.names[position][2].name for _, score, position in scored if score >= 50]
        return list(dict.fromkeys(names))[:limit]

    def complete(self, prefix: str, limit: int = 50) -> list[str]:
        """Names and aliases that start with what was typed (ignoring case), one per actor.

        Shells keep only completions that start with the typed text exactly, so each is
        returned with the user's own spelling of the prefix ("moq" -> "moqtada al-Sadr").
        """
        wanted = prefix.casefold()
        found: dict[str, str] = {}
        for _, name, actor in self.names:
            if actor.id not in found and name.casefold().startswith(wanted):
                found[actor.id] = prefix + name[len(prefix) :]
        return list(found.values())[:limit]


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per actor (its best), best first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.actor.id)
        if kept is None or candidate.score > kept.score:
            best[candidate.actor.id] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.actor.name))
