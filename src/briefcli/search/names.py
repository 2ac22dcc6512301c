"""Names as people type them: resolve a typed name to one actor, or say why not.

Matching runs in tiers, and the first tier with any match decides:
1. an id;
2. a canonical name or alias, after folding case, diacritics, apostrophes, hyphens and the
   Arabic article (al-/el-/Al ) — unless another actor's name is mostly that same word
   ("Hezbollah" is both the Lebanese party and Kata'ib Hezbollah);
3. every word of the query inside one name ("Kaabi" -> two people: ambiguous);
4. the same consonant skeleton (Moqtada/Muqtada, Amri/Amiri), of two consonants or more,
   with letters mostly alike or vowels in the same places (Sulaymani/Soleimani; but Omar is
   not Amri, nor Hamid Ahmed);
   then tiers 2-4 again without the titles the query starts with ("Sheikh Kaabi" is "Kaabi");
5. fuzzy similarity (rapidfuzz), for typos; not for abbreviations of three letters or fewer
   (US, EU), typed or named. The typed words, leading titles aside, must account for the
   actor's names (see _words_account_for): "Abdul Mahdi" (another man) is not Abu Mahdi
   al-Muhandis, nor "Mojtaba Khamenei" Ali Khamenei. Leaving out the names that do not fit
   never settles an ambiguity.
Several actors in the deciding tier is an ambiguity, never a silent pick. What spelling rules
cannot tell apart stays confused: Khomeini has Khamenei's consonants and vowel places; a match
by tiers 4-5 therefore says what it was taken for (`Resolution.spelled_as`), and the CLI says
so on stderr.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property, lru_cache
from itertools import filterfalse

import msgspec

from briefcli.brief.model import Actor
from briefcli.store.packed import CorruptStore, Items, Packed, decode, pack

_ARTICLES = frozenset({"al", "el", "ul", "the"})
# Apostrophes vanish ("Ka'ab" is "kaab"); separators split words, as whitespace does.
_APOSTROPHES = "'’‘`´ʼʻʿʾ"
_SEPARATORS = '-‐‑‒–—_/.,;:()[]{}"“”«»'
# str.translate looks each character up in a dict unless the text is ASCII, and even then it
# is 6x slower than bytes.translate: ASCII goes through bytes, the rest through two regexes
# (a brief's 540,000 searched texts fold in 2.9 s instead of 4.2, measured).
_ASCII_SEPARATORS = "".join(char for char in _SEPARATORS if char.isascii()).encode()
_ASCII_FOLD_TABLE = bytes.maketrans(_ASCII_SEPARATORS, b" " * len(_ASCII_SEPARATORS))
_ASCII_APOSTROPHES = "".join(char for char in _APOSTROPHES if char.isascii()).encode()
_APOSTROPHE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_SEPARATOR = re.compile(f"[{re.escape(_SEPARATORS)}]")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")

FUZZY_THRESHOLD = 80.0
# How alike (fuzz.ratio) a typed word and a word of a name must be to count as a typo of it,
# and a typed name and a name with its consonant skeleton to count as another spelling of it.
_TYPO_LIKENESS = 80.0
_SPELLING_LIKENESS = 70.0
# Titles typed before a name, which the name itself need not have ("Sheikh Hadi al-Ameri").
_TITLES = frozenset(
    "general gen sheikh shaykh sheik sayyed sayyid sayed seyed syed haj hajj haji hajji imam "  # noqa: SIM905
    "ayatollah grand mullah commander president minister prime mr mrs ms dr".split()
)
_VOWEL_RUN = re.compile(r"[aeiouy]+")
# Names and queries this short (US, EU, MEE) are abbreviations: typos only of the same length.
_ABBREVIATION = 3
# Candidates this close to the best fuzzy score are "about equally good".
FUZZY_MARGIN = 4.0


def fold_text(text: str) -> str:
    """Casefold, strip diacritics and apostrophes, split on hyphens, drop Arabic articles."""
    if text.isascii():
        lowered = text.lower().encode()  # casefold() of ASCII
        spaced = lowered.translate(_ASCII_FOLD_TABLE, _ASCII_APOSTROPHES).decode()
    else:
        bare = _without_marks(unicodedata.normalize("NFKD", text)).casefold()
        spaced = _SEPARATOR.sub(" ", _APOSTROPHE.sub("", bare))
    return " ".join(filterfalse(_ARTICLES.__contains__, spaced.split()))


# What people type and the names they look up repeat; a brief's many texts (indexed once) do not.
fold = lru_cache(maxsize=65536)(fold_text)


def _without_marks(decomposed: str) -> str:
    """Drop combining marks (each distinct character is looked up once, not each one)."""
    marks = {ord(char): None for char in set(decomposed) if unicodedata.combining(char)}
    return decomposed.translate(marks) if marks else decomposed


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
    # The actor's name or alias that the query was taken for, when only a similar spelling
    # matched (tiers 4 and 5): the user should hear that it is a guess.
    spelled_as: str | None = None

    @property
    def ambiguous(self) -> bool:
        return self.actor is None and len(self.candidates) > 1


class NameRow(msgspec.Struct, frozen=True, array_like=True):
    """One name or alias of an actor, folded once when the brief is indexed."""

    folded: str
    name: str  # as written in the brief
    actor: str  # the actor's id


class NameTables(msgspec.Struct, frozen=True, array_like=True):
    """Every actor's folded names and aliases, with lookup tables into them; stored with the
    brief, so that resolving a name decodes a few tables and rows, not every actor."""

    rows: Packed  # item i: a MessagePack NameRow
    folded: memoryview  # a MessagePack list[str]: each row's folded name (for fuzzy matching)
    exact: memoryview  # MessagePack dict[str, list[int]]s to row numbers: by folded name,
    compact: memoryview  # by folded name without spaces,
    skeletons: memoryview  # by consonant skeleton,
    words: memoryview  # and by each word of the folded name


def name_tables(actors: Iterable[Actor]) -> NameTables:
    """Fold every actor's distinct names and aliases (leaving out those that fold to "")."""
    rows = []
    for actor in actors:
        for name in dict.fromkeys([actor.name, *(alias.name for alias in actor.aliases)]):
            folded = fold(name)
            if folded:
                rows.append(NameRow(folded, name, actor.id))
    exact: dict[str, list[int]] = defaultdict(list)
    compact: dict[str, list[int]] = defaultdict(list)
    skeletons: dict[str, list[int]] = defaultdict(list)
    words: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(rows):
        exact[row.folded].append(number)
        compact[row.folded.replace(" ", "")].append(number)
        skeletons[skeleton(row.folded)].append(number)
        for word in dict.fromkeys(row.folded.split()):
            words[word].append(number)
    encode = msgspec.msgpack.Encoder().encode
    return NameTables(
        rows=pack(encode(row) for row in rows),
        folded=memoryview(encode([row.folded for row in rows])),
        exact=memoryview(encode(exact)),
        compact=memoryview(encode(compact)),
        skeletons=memoryview(encode(skeletons)),
        words=memoryview(encode(words)),
    )


class NameIndex:
    """Resolves typed names against an actor table's folded names and aliases."""

    def __init__(self, tables: NameTables, actors: Mapping[str, Actor]) -> None:
        self.tables = tables
        self.by_id = actors
        self._rows: dict[int, NameRow] = {}

    @cached_property
    def _encoded_rows(self) -> Items:
        return Items(self.tables.rows)

    def row(self, number: int) -> NameRow:
        row = self._rows.get(number)
        if row is None:
            row = self._rows[number] = decode(self._encoded_rows[number], NameRow)
        return row

    @cached_property
    def _exact(self) -> dict[str, list[int]]:
        return decode(self.tables.exact, dict[str, list[int]])

    @cached_property
    def _compact(self) -> dict[str, list[int]]:
        return decode(self.tables.compact, dict[str, list[int]])

    @cached_property
    def _skeletons(self) -> dict[str, list[int]]:
        return decode(self.tables.skeletons, dict[str, list[int]])

    @cached_property
    def _words(self) -> dict[str, list[int]]:
        return decode(self.tables.words, dict[str, list[int]])

    @cached_property
    def _folded(self) -> list[str]:
        return decode(self.tables.folded, list[str])

    def _with_every_word(self, words: set[str]) -> list[NameRow]:
        """The rows whose folded name has every one of the words, in row order."""
        found: set[int] | None = None
        for word in words:
            numbers = set(self._words.get(word, ()))
            found = numbers if found is None else found & numbers
            if not found:
                return []
        return [self.row(number) for number in sorted(found or ())]

    def _actor(self, actor_id: str) -> Actor:
        """The actor a name row belongs to (CorruptStore if there is none)."""
        actor = self.by_id.get(actor_id)
        if actor is None:
            raise CorruptStore(f"a name of {actor_id!r}, which is not an actor")
        return actor

    def _candidate(self, row: NameRow, score: float) -> Candidate:
        return Candidate(self._actor(row.actor), row.name, score)

    def resolve(self, query: str) -> Resolution:
        if query in self.by_id:
            return Resolution(query, actor=self.by_id[query])
        folded = fold(query)
        if not folded:
            return Resolution(query)
        # Each tier, and whether it matches by a similar spelling rather than by the words.
        tiers = [(self._exact_tier, False), (self._words_tier, False), (self._skeleton_tier, True)]
        attempts = [(tier, folded, by_spelling) for tier, by_spelling in tiers]
        untitled = " ".join(_untitled(folded.split()))
        if untitled and untitled != folded:  # "Sheikh Kaabi" is "Kaabi", before any typo
            attempts += [(tier, untitled, by_spelling) for tier, by_spelling in tiers]
        for tier, typed, by_spelling in [*attempts, (self._fuzzy_tier, folded, True)]:
            candidates = _distinct(tier(typed))
            if len(candidates) == 1:
                (found,) = candidates
                spelled_as = found.matched if by_spelling else None
                return Resolution(query, found.actor, candidates, spelled_as=spelled_as)
            if candidates:
                return Resolution(query, candidates=candidates)
        return Resolution(query, suggestions=self.suggest(folded))

    def _exact_tier(self, folded: str) -> list[Candidate]:
        numbers = self._exact.get(folded) or self._compact.get(folded.replace(" ", ""), [])
        found = [self._candidate(self.row(number), 100.0) for number in numbers]
        if len({c.actor.id for c in found}) != 1:
            return found
        # An exact hit is decisive unless another actor's name is mostly this same word.
        query_words = set(folded.split())
        for row in self._with_every_word(query_words):
            words = row.folded.split()
            if row.actor != found[0].actor.id and 2 * len(query_words) >= len(words):
                found.append(self._candidate(row, 100.0 * len(query_words) / len(words)))
        return found

    def _words_tier(self, folded: str) -> list[Candidate]:
        query_words = set(folded.split())
        return [
            self._candidate(row, 100.0 * len(query_words) / len(row.folded.split()))
            for row in self._with_every_word(query_words)
        ]

    def _skeleton_tier(self, folded: str) -> list[Candidate]:
        from rapidfuzz import fuzz

        consonants = skeleton(folded)
        if len(consonants.replace(" ", "")) < 2:  # "Mu" and "MEE" are both "m": too little
            return []
        rows = map(self.row, self._skeletons.get(consonants, []))
        return [
            self._candidate(row, 90.0)
            for row in rows
            if fuzz.ratio(folded, row.folded) >= _SPELLING_LIKENESS
            or _shape(folded) == _shape(row.folded)
        ]

    def _fuzzy_tier(self, folded: str) -> list[Candidate]:
        """Typos. An abbreviation (three letters or fewer, typed or named) matches only one of
        about its own length: "usa" is "us", but "eu" is not in "reuters", nor "us" in
        "russia"."""
        from rapidfuzz import fuzz, process

        # More than are kept: names whose words do not fit are left out after scoring.
        scored = process.extract(folded, self._folded, scorer=fuzz.WRatio, limit=30)
        close = [
            (score, number)
            for name, score, number in scored
            if score >= FUZZY_THRESHOLD
            and (min(len(name), len(folded)) > _ABBREVIATION or abs(len(name) - len(folded)) <= 1)
        ]
        fitting = [
            (score, number)
            for score, number in close
            if _words_account_for(folded, self._names_of(self.row(number).actor))
        ]
        kept = self._about_the_best(fitting)
        everyone = self._about_the_best(close)
        # Leaving out names that do not fit never settles an ambiguity ("Sadr movement" is
        # Muqtada al-Sadr or the Sadrist movement, though only "Sadr" is a name of one).
        settled = len(_distinct(kept)) == 1 and len(_distinct(everyone)) > 1
        if settled and kept[0].actor.id in {candidate.actor.id for candidate in everyone}:
            return everyone
        return kept

    def _about_the_best(self, scored: list[tuple[float, int]]) -> list[Candidate]:
        """The candidates scoring about as well as the best of them ((score, row number))."""
        best = max((score for score, _ in scored), default=0.0)
        return [
            self._candidate(self.row(number), score)
            for score, number in scored
            if score >= best - FUZZY_MARGIN
        ]

    def _names_of(self, actor_id: str) -> list[str]:
        """An actor's folded name and aliases."""
        actor = self._actor(actor_id)
        return [fold(name) for name in (actor.name, *(alias.name for alias in actor.aliases))]

    def suggest(self, folded: str, limit: int = 3) -> list[str]:
        """The closest canonical names, for a 'did you mean' hint."""
        from rapidfuzz import fuzz, process

        scored = process.extract(folded, self._folded, scorer=fuzz.WRatio, limit=limit * 4)
        names = [
            self._candidate(self.row(number), score).actor.name
            for _, score, number in scored
            if score >= 50
        ]
        return list(dict.fromkeys(names))[:limit]

    def complete(self, prefix: str, limit: int = 50) -> list[str]:
        """Names and aliases that start with what was typed (ignoring case), one per actor.

        Shells keep only completions that start with the typed text exactly, so each is
        returned with the user's own spelling of the prefix ("moq" -> "moqtada al-Sadr").
        """
        wanted = prefix.casefold()
        found: dict[str, str] = {}
        for number in range(len(self._encoded_rows)):
            row = self.row(number)
            if row.actor not in found and row.name.casefold().startswith(wanted):
                found[row.actor] = prefix + row.name[len(prefix) :]
        return list(found.values())[:limit]


def _shape(folded: str) -> str:
    """Where the vowels are: each run of vowels as "a", doubled letters once ("sulaymani" and
    "soleimani" are both "salamana", "omar" is "amar" and "amri" "amra")."""
    return _REPEATS.sub(r"\1", _VOWEL_RUN.sub("a", folded))


def _near(typed_word: str, name_word: str) -> bool:
    """A typo of the word ("hady" for "hadi") or another spelling of it ("amery" for "amiri",
    "ghasem" for "qassem": Persian renders ق as gh)."""
    from rapidfuzz import fuzz

    if fuzz.ratio(typed_word, name_word) >= _TYPO_LIKENESS:
        return True
    typed_word, name_word = (word.replace("gh", "q") for word in (typed_word, name_word))
    return skeleton(typed_word) == skeleton(name_word) and _shape(typed_word) == _shape(name_word)


def _untitled(words: list[str]) -> list[str]:
    """The words without the titles they start with ("sheikh hadi amiri": "hadi amiri")."""
    start = 0
    while start < len(words) - 1 and words[start] in _TITLES:
        start += 1
    return words[start:]


def _words_account_for(typed: str, all_names: list[str]) -> bool:
    """Whether a typed name's words account for an actor one of whose names matched it as a
    typo (folded; `all_names`: every name and alias of the actor), titles it starts with aside:
    each typed word is near a word of one of them (all but one when there are three or more), or the
    typed words joined are near one of them with its spaces left out ("HadiAlAmiri"; not one
    of as many words, or "Ali Amiri" would be "Hadi Amiri"), or the typed words begin with one
    of them ("Reuters news agency"; not "Mojtaba Khamenei")."""
    from rapidfuzz import fuzz

    known = {word for known_name in all_names for word in known_name.split()}
    typed_words = _untitled(typed.split())
    unknown = sum(not any(_near(word, name_word) for name_word in known) for word in typed_words)
    if unknown == 0 or (unknown == 1 and len(typed_words) >= 3):
        return True
    compact = "".join(typed_words)
    for known_name in all_names:
        words, joined = known_name.split(), known_name.replace(" ", "")
        if (
            len(words) != len(typed_words)
            and abs(len(joined) - len(compact)) <= 2
            and fuzz.ratio(compact, joined) >= _TYPO_LIKENESS
        ):
            return True
        if typed_words[: len(words)] == words:
            return True
    return False


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per actor (its best), best first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.actor.id)
        if kept is None or candidate.score > kept.score:
            best[candidate.actor.id] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.actor.name))
