"""Names as people type them: resolve a typed name to one actor, or say why not.

A name is folded (case, diacritics, apostrophes, hyphens), then read with the brief's name
rules (NameRules): its articles (al-, el-, the) are left out wherever more of the name follows
them, and the titles it starts with (Sheikh, Shri, Chief Minister, Dr) when more follows, so
that "The Hindu", "El Al" and "Prime Minister" stay names. The defaults cover Arabic, Persian,
English and South Asian usage; a brief's `meta.names` adds its own.

Matching runs in tiers, and the first tier with any match decides:
1. an id;
2. a name or alias exactly as typed (folded): exact always wins, so "Hezbollah" is the party,
   not also Kata'ib Hezbollah, and "Meghalaya" the alias, not also the Meghalaya Assembly;
3. a name or alias without its articles and titles ("Hadi el-Amiri", "Mr Brockman");
4. every word of the query inside one name ("Kaabi" -> two people: ambiguous);
5. the same consonant skeleton (Moqtada/Muqtada, Amri/Amiri), of two consonants or more,
   with letters mostly alike or vowels in the same places (Sulaymani/Soleimani; but Omar is
   not Amri, nor Hamid Ahmed);
   then tiers 3-5 again without the titles the query starts with ("Sheikh Kaabi" is "Kaabi",
   "Chief Minister Mukul Sangma" is "Mukul Sangma");
6. typos word by word: each typed word a typo of a word of one name ("Sanga" is as close to
   Conrad Sangma as to Mukul Sangma: ambiguous);
7. fuzzy similarity of the whole name (rapidfuzz); not for abbreviations of three letters or
   fewer (US, EU), typed or named. The typed words, leading titles aside, must account for
   the actor's names (see _words_account_for): "Abdul Mahdi" (another man) is not Abu Mahdi
   al-Muhandis, nor "Mojtaba Khamenei" Ali Khamenei. Leaving out the names that do not fit
   never settles an ambiguity.
Several actors in the deciding tier is an ambiguity, never a silent pick, whatever the length
of their names. An acronym typed in capitals (NDA) is never taken for a word with its
consonants (India), nor a name written as one (BJP) for a word typed. What spelling rules
cannot tell apart stays confused: Khomeini has Khamenei's consonants and vowel places; a match
by tiers 5-7 therefore says what it was taken for (`Resolution.spelled_as`), and the CLI says
so on stderr.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property, lru_cache, partial
from itertools import filterfalse

import msgspec

from briefcli.brief.model import Actor, NameRules
from briefcli.store.packed import CorruptStore, Items, Packed, decode, pack

# Name rules by language: articles are left out anywhere in a name, titles at its start, in
# both cases only when more of the name follows. A brief's meta.names adds to these.
DEFAULT_ARTICLES: dict[str, tuple[str, ...]] = {
    "Arabic": ("al", "el", "ul"),  # al-Amiri, el-Sadr, Zia ul-Haq
    "English": ("the",),
}


def _listed(words: str) -> tuple[str, ...]:
    """The words of a space-separated list (a phrase's words joined by hyphens)."""
    return tuple(words.split())


DEFAULT_TITLES: dict[str, tuple[str, ...]] = {
    "Arabic and Persian": _listed(
        "sheikh shaykh sheik shaikh sayyed sayyid sayed seyed seyyed syed haj hajj haji hajji "
        "imam ayatollah grand-ayatollah hojatoleslam hojjatoleslam mullah mufti grand-mufti "
        "maulana mawlana maulvi"
    ),
    "English": _listed(
        "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend "
        "general gen lieutenant-general major-general brigadier-general brigadier colonel col "
        "commander admiral field-marshal president vice-president prime-minister "
        "deputy-prime-minister minister deputy-minister foreign-minister chief-minister "
        "deputy-chief-minister governor lieutenant-governor speaker senator "
        "congressman congresswoman mayor chairman chairwoman chair chief-executive ceo "
        "secretary-general ambassador judge king queen prince princess crown-prince sultan "
        "supreme-leader"
    ),
    "South Asian": _listed(
        "shri sri shree smt shrimati srimati sushri kumari pandit janab begum thiru thirumathi"
    ),
}
# What full-text search leaves out of every text it folds (fold_text), unless that is all the
# text has ("El Al", a search for "the").
_ARTICLES = frozenset({"al", "el", "ul", "the"})
# Apostrophes vanish ("Ka'ab" is "kaab"); separators split words, as whitespace does.
_APOSTROPHES = "'’‘`´ʼʻʿʾ"
_SEPARATORS = '-‐‑‒–—_/.,;:()[]{}"“”«»'
# str.translate looks each character up in a dict, even for ASCII text, where bytes.translate
# is much faster: ASCII goes through bytes, the rest through two regexes.
_ASCII_SEPARATORS = "".join(char for char in _SEPARATORS if char.isascii()).encode()
_ASCII_FOLD_TABLE = bytes.maketrans(_ASCII_SEPARATORS, b" " * len(_ASCII_SEPARATORS))
_ASCII_APOSTROPHES = "".join(char for char in _APOSTROPHES if char.isascii()).encode()
_APOSTROPHE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
_SEPARATOR = re.compile(f"[{re.escape(_SEPARATORS)}]")
# An English possessive ("OpenAI's board"): a name is also indexed without it.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")
# Letters that transliterations of one sound trade (Persian renders ق as gh: Ghasem/Qassem).
# Vowel spellings (ou/u, ee/i, ei/ey) need no rule: skeletons leave vowels out, and shapes
# (_shape) keep only where they are.
TRANSLITERATIONS: tuple[tuple[str, str], ...] = (("gh", "q"),)

FUZZY_THRESHOLD = 80.0
# How alike (fuzz.ratio) a typed word and a word of a name must be to count as a typo of it,
# and a typed name and a name with its consonant skeleton to count as another spelling of it.
_TYPO_LIKENESS = 80.0
_SPELLING_LIKENESS = 70.0
# Names and queries this short (US, EU, MEE) are abbreviations: typos only of the same length.
_ABBREVIATION = 3
# A word of this many capitals or fewer, typed or written so, is an acronym (NDA, BJP, HSPDP).
_ACRONYM = 5
_VOWEL_RUN = re.compile(r"[aeiouy]+")
# Candidates this close to the best fuzzy score are "about equally good".
FUZZY_MARGIN = 4.0


def _spaced(text: str) -> str:
    """Casefolded, without diacritics or apostrophes, with separators as spaces."""
    if text.isascii():
        lowered = text.lower().encode()  # casefold() of ASCII
        return lowered.translate(_ASCII_FOLD_TABLE, _ASCII_APOSTROPHES).decode()
    bare = _without_marks(unicodedata.normalize("NFKD", text)).casefold()
    return _SEPARATOR.sub(" ", _APOSTROPHE.sub("", bare))


def fold_text(text: str) -> str:
    """Casefold, strip diacritics and apostrophes, split on hyphens, drop articles unless they
    are every word (as full-text search folds every text; actor names are read with their
    Rules instead)."""
    words = _spaced(text).split()
    return " ".join(list(filterfalse(_ARTICLES.__contains__, words)) or words)


# What people type and the names they look up repeat; a brief's many texts (indexed once) do not.
fold = lru_cache(maxsize=65536)(fold_text)


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Casefold, strip diacritics and apostrophes, split on hyphens; every word kept."""
    return " ".join(_spaced(text).split())


def _without_marks(decomposed: str) -> str:
    """Drop combining marks (each distinct character is looked up once, not each one)."""
    marks = {ord(char): None for char in set(decomposed) if unicodedata.combining(char)}
    return decomposed.translate(marks) if marks else decomposed


def skeleton(folded: str) -> str:
    """Consonants only, doubled letters collapsed: 'muqtada sadr' -> 'mqtd sdr'."""
    return " ".join(_REPEATS.sub(r"\1", _VOWELS.sub("", word)) or word for word in folded.split())


def _is_acronym(text: str) -> bool:
    """A word written in capitals, of _ACRONYM letters or fewer ("NDA", "BJP"; not "US-led")."""
    text = text.strip()
    return 2 <= len(text) <= _ACRONYM and text.isalpha() and text.isupper()


class Phrases:
    """Words or phrases (folded), looked up at a place in a list of words."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = sorted({phrase for phrase in phrases if phrase})
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in self.phrases:
            words = tuple(phrase.split())
            by_first[words[0]].append(words)
        # Longest first: "chief minister" before "chief".
        self._by_first = {
            first: sorted(found, key=len, reverse=True) for first, found in by_first.items()
        }

    def starts(self, word: str) -> bool:
        """Whether a phrase starts with the word."""
        return word in self._by_first

    def any_starts(self, words: Iterable[str]) -> bool:
        """Whether a phrase starts with one of the words."""
        return not self._by_first.keys().isdisjoint(words)

    def length_at(self, words: Sequence[str], start: int) -> int:
        """How many words the longest phrase starting at words[start] has (0: none)."""
        for phrase in self._by_first.get(words[start], ()):
            if tuple(words[start : start + len(phrase)]) == phrase:
                return len(phrase)
        return 0


class Rules:
    """A brief's name rules, defaults included, applied to folded names."""

    def __init__(self, articles: Iterable[str], titles: Iterable[str]) -> None:
        self.articles = Phrases(articles)
        # Titles are looked for in names without their articles ("leader of opposition").
        self.titles = Phrases(map(self.bare, titles))

    @classmethod
    def of(cls, added: NameRules | None) -> Rules:
        """The defaults, and what the brief adds to them (as written: they are folded here)."""
        articles = [word for words in DEFAULT_ARTICLES.values() for word in words]
        titles = [word for words in DEFAULT_TITLES.values() for word in words]
        if added is not None:
            articles += added.articles
            titles += added.titles
        return cls(map(fold_name, articles), map(fold_name, titles))

    def bare(self, folded: str) -> str:
        """Without articles, where more of the name follows: "hadi al amiri" -> "hadi amiri",
        "el al" -> "al", "the hindu" -> "hindu"."""
        words = folded.split()
        if not self.articles.any_starts(words):  # most names
            return folded
        kept: list[str] = []
        position = 0
        while position < len(words):
            length = self.articles.length_at(words, position)
            if length and position + length < len(words):
                position += length
            else:
                kept.append(words[position])
                position += 1
        return " ".join(kept)

    def untitled(self, bare: str) -> str:
        """Without the titles it starts with, where more of the name follows ("chief minister
        mukul sangma" -> "mukul sangma"; "prime minister" stays)."""
        words = bare.split()
        if not words or not self.titles.starts(words[0]):  # most names
            return bare
        start = 0
        while start < len(words):
            length = self.titles.length_at(words, start)
            if not length or start + length >= len(words):
                break
            start += length
        return " ".join(words[start:])


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
    # matched (tiers 5-7): the user should hear that it is a guess.
    spelled_as: str | None = None

    @property
    def ambiguous(self) -> bool:
        return self.actor is None and len(self.candidates) > 1


class NameRow(msgspec.Struct, frozen=True, array_like=True):
    """One name or alias of an actor, folded once when the brief is indexed."""

    folded: str  # every word kept ("the hindu")
    bare: str  # without articles ("hindu"; Rules.bare)
    untitled: str  # nor the titles it starts with (Rules.untitled)
    name: str  # as written in the brief
    actor: str  # the actor's id


class StoredRules(msgspec.Struct, frozen=True, array_like=True):
    """The name rules the tables were built with (folded), defaults included: a query is read
    with the same rules as the names."""

    articles: list[str]
    titles: list[str]


class NameTables(msgspec.Struct, frozen=True, array_like=True):
    """Every actor's folded names and aliases, with lookup tables into them; stored with the
    brief, so that resolving a name decodes a few tables and rows, not every actor."""

    rules: StoredRules
    rows: Packed  # item i: a MessagePack NameRow
    bare: memoryview  # a MessagePack list[str]: each row's bare name (for fuzzy matching)
    exact: memoryview  # MessagePack dict[str, list[int]]s to row numbers: by folded name,
    compact: memoryview  # by folded name without spaces,
    stripped: memoryview  # by bare and untitled name, with and without spaces,
    skeletons: memoryview  # by consonant skeleton of the bare and untitled name,
    words: memoryview  # and by each word of the bare name


def name_tables(actors: Iterable[Actor], added: NameRules | None = None) -> NameTables:
    """Fold every actor's distinct names and aliases (leaving out those that fold to ""), with
    the default name rules and those the brief adds (`meta.names`). A name with a possessive
    ("OpenAI’s board") is indexed both with and without it."""
    rules = Rules.of(added)
    rows = []
    for actor in actors:
        for name in dict.fromkeys([actor.name, *(alias.name for alias in actor.aliases)]):
            forms = [fold_name(name)]
            if ("'s" in name or "’s" in name) and _POSSESSIVE.search(name):
                forms.append(fold_name(_POSSESSIVE.sub("", name)))
            for folded in dict.fromkeys(forms):
                if folded:
                    bare = rules.bare(folded)
                    rows.append(NameRow(folded, bare, rules.untitled(bare), name, actor.id))
    exact: dict[str, list[int]] = defaultdict(list)
    compact: dict[str, list[int]] = defaultdict(list)
    stripped: dict[str, list[int]] = defaultdict(list)
    skeletons: dict[str, list[int]] = defaultdict(list)
    words: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(rows):
        exact[row.folded].append(number)
        compact[row.folded.replace(" ", "")].append(number)
        stripped_forms = list(dict.fromkeys([row.bare, row.untitled]))
        for form in stripped_forms:
            skeletons[skeleton(form)].append(number)
        spaceless = (form.replace(" ", "") for form in stripped_forms)
        for form in dict.fromkeys([*stripped_forms, *spaceless]):
            stripped[form].append(number)
        for word in dict.fromkeys(row.bare.split()):
            words[word].append(number)
    encode = msgspec.msgpack.Encoder().encode
    return NameTables(
        rules=StoredRules(rules.articles.phrases, rules.titles.phrases),
        rows=pack(encode(row) for row in rows),
        bare=memoryview(encode([row.bare for row in rows])),
        exact=memoryview(encode(exact)),
        compact=memoryview(encode(compact)),
        stripped=memoryview(encode(stripped)),
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
    def rules(self) -> Rules:
        return Rules(self.tables.rules.articles, self.tables.rules.titles)

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
    def _stripped(self) -> dict[str, list[int]]:
        return decode(self.tables.stripped, dict[str, list[int]])

    @cached_property
    def _skeletons(self) -> dict[str, list[int]]:
        return decode(self.tables.skeletons, dict[str, list[int]])

    @cached_property
    def _words(self) -> dict[str, list[int]]:
        return decode(self.tables.words, dict[str, list[int]])

    @cached_property
    def _bare(self) -> list[str]:
        return decode(self.tables.bare, list[str])

    @cached_property
    def _word_list(self) -> list[str]:
        return list(self._words)

    def _with_every_word(self, words: set[str]) -> list[NameRow]:
        """The rows whose bare name has every one of the words, in row order."""
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
        folded = fold_name(query)
        if not folded:
            return Resolution(query)
        acronym = _is_acronym(query)
        bare = self.rules.bare(folded)
        # "Sheikh Kaabi" is "Kaabi", before any typo; but "Imam Ali" is first a brigade's name.
        forms = list(dict.fromkeys([bare, self.rules.untitled(bare)]))
        # Each tier with what it is given, and whether it matches by a similar spelling.
        attempts: list[tuple[Callable[[], list[Candidate]], bool]] = [
            (partial(self._exact_tier, folded), False)
        ]
        for typed in forms:
            attempts += [
                (partial(self._stripped_tier, typed), False),
                (partial(self._words_tier, typed), False),
                (partial(self._skeleton_tier, typed, acronym), True),
            ]
        attempts += [(partial(self._typo_tier, typed, acronym), True) for typed in forms]
        attempts.append((partial(self._fuzzy_tier, bare, acronym), True))
        for tier, by_spelling in attempts:
            candidates = _distinct(tier())
            if len(candidates) == 1:
                (found,) = candidates
                spelled_as = found.matched if by_spelling else None
                return Resolution(query, found.actor, candidates, spelled_as=spelled_as)
            if candidates:
                return Resolution(query, candidates=candidates)
        return Resolution(query, suggestions=self.suggest(bare, acronym=acronym))

    def _exact_tier(self, folded: str) -> list[Candidate]:
        """Names and aliases as typed: decisive, however many other names have its words."""
        numbers = self._exact.get(folded) or self._compact.get(folded.replace(" ", ""), [])
        return [self._candidate(self.row(number), 100.0) for number in numbers]

    def _stripped_tier(self, typed: str) -> list[Candidate]:
        """Names and aliases without their articles and titles, as the query is given."""
        numbers = self._stripped.get(typed) or self._stripped.get(typed.replace(" ", ""), [])
        return [self._candidate(self.row(number), 100.0) for number in numbers]

    def _words_tier(self, typed: str) -> list[Candidate]:
        query_words = set(typed.split())
        return [
            self._candidate(row, 100.0 * len(query_words) / len(row.bare.split()))
            for row in self._with_every_word(query_words)
        ]

    def _skeleton_tier(self, typed: str, acronym: bool) -> list[Candidate]:
        """Another spelling: an acronym, typed or named, has none."""
        consonants = skeleton(typed)
        if acronym or len(consonants.replace(" ", "")) < 2:  # "Mu" and "MEE" are both "m"
            return []
        numbers = self._skeletons.get(consonants)
        if not numbers:
            return []
        from rapidfuzz import fuzz

        found = []
        for row in map(self.row, numbers):
            if _is_acronym(row.name):
                continue
            for form in dict.fromkeys([row.bare, row.untitled]):
                if skeleton(form) == consonants and (
                    fuzz.ratio(typed, form) >= _SPELLING_LIKENESS or _shape(typed) == _shape(form)
                ):
                    found.append(self._candidate(row, 90.0))
                    break
        return found

    def _typo_tier(self, typed: str, acronym: bool) -> list[Candidate]:
        """Names with a word that each typed word is a typo of (fuzz.ratio), those about as
        close as the closest: "Sanga" is Conrad Sangma or Mukul Sangma. Of an actor's names,
        the one with the fewest other words is the one it was taken for ("Soleimani", not
        "General Qassem Soleimani")."""
        from rapidfuzz import fuzz, process

        typed_words = list(dict.fromkeys(typed.split()))
        totals: dict[int, float] | None = None
        for word in typed_words:
            likeness: dict[int, float] = {}
            for name_word, score, _ in process.extract(
                word, self._word_list, scorer=fuzz.ratio, score_cutoff=_TYPO_LIKENESS, limit=None
            ):
                if (
                    min(len(word), len(name_word)) <= _ABBREVIATION
                    and abs(len(word) - len(name_word)) > 1
                ):
                    continue  # "us" is no typo of "use", nor "eu" of "eur"
                for number in self._words[name_word]:
                    likeness[number] = max(score, likeness.get(number, 0.0))
            totals = (
                likeness
                if totals is None
                else {n: totals[n] + score for n, score in likeness.items() if n in totals}
            )
            if not totals:
                return []
        ranked = sorted(
            (-total / len(typed_words), len(self.row(number).bare.split()), number)
            for number, total in (totals or {}).items()
            if not acronym or _is_acronym(self.row(number).name)
        )
        best = -ranked[0][0] if ranked else 0.0
        return [
            self._candidate(self.row(number), -negative)
            for negative, _, number in ranked
            if -negative >= best - FUZZY_MARGIN
        ]

    def _fuzzy_tier(self, bare: str, acronym: bool) -> list[Candidate]:
        """Typos. An abbreviation (three letters or fewer, typed or named) matches only one of
        about its own length: "usa" is "us", but "eu" is not in "reuters", nor "us" in
        "russia"; an acronym typed in capitals only a name written as one."""
        from rapidfuzz import fuzz, process

        # More than are kept: names whose words do not fit are left out after scoring.
        scored = process.extract(bare, self._bare, scorer=fuzz.WRatio, limit=30)
        close = [
            (score, number)
            for name, score, number in scored
            if score >= FUZZY_THRESHOLD
            and (min(len(name), len(bare)) > _ABBREVIATION or abs(len(name) - len(bare)) <= 1)
            and (not acronym or _is_acronym(self.row(number).name))
        ]
        fitting = [
            (score, number)
            for score, number in close
            if self._words_account_for(bare, self._names_of(self.row(number).actor))
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
        """An actor's bare name and aliases."""
        actor = self._actor(actor_id)
        names = (actor.name, *(alias.name for alias in actor.aliases))
        return [self.rules.bare(fold_name(name)) for name in names]

    def _words_account_for(self, typed: str, all_names: list[str]) -> bool:
        """Whether a typed name's words account for an actor one of whose names matched it as
        a typo (bare; `all_names`: every name and alias of the actor), titles it starts with
        aside: each typed word is near a word of one of them (all but one when there are three
        or more), or the typed words joined are near one of them with its spaces left out
        ("HadiAlAmiri"; not one of as many words, or "Ali Amiri" would be "Hadi Amiri"), or the
        typed words begin with one of them ("Reuters news agency"; not "Mojtaba Khamenei")."""
        from rapidfuzz import fuzz

        known = {word for known_name in all_names for word in known_name.split()}
        typed_words = self.rules.untitled(typed).split()
        unknown = sum(
            not any(_near(word, name_word) for name_word in known) for word in typed_words
        )
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

    def suggest(self, bare: str, limit: int = 3, acronym: bool = False) -> list[str]:
        """The closest canonical names, for a 'did you mean' hint (for an acronym, of the
        actors with an acronym)."""
        from rapidfuzz import fuzz, process

        lookalikes = [
            self._candidate(self.row(number), 100.0).actor.name
            for number in self._looking_like(bare)
        ]
        scored = process.extract(bare, self._bare, scorer=fuzz.WRatio, limit=limit * 4)
        names = [
            self._candidate(self.row(number), score).actor.name
            for _, score, number in scored
            if score >= 50 and (not acronym or _is_acronym(self.row(number).name))
        ]
        return list(dict.fromkeys([*lookalikes, *names]))[:limit]

    def _looking_like(self, bare: str) -> list[int]:
        """The rows whose bare name prints like the typed one but is written with other
        letters ("аlice", its "а" Cyrillic, for "alice"): first in a hint, since nothing
        else explains why a name that the user can see is not found."""
        same_length = [number for number, name in enumerate(self._bare) if len(name) == len(bare)]
        if bare.isascii() and all(self._bare[number].isascii() for number in same_length):
            return []  # ASCII lookalikes (0 for o) are left to the eye
        from briefcli.brief.lookalikes import look_alike

        return [number for number in same_length if look_alike(self._bare[number], bare)]

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


def _transliterated(word: str) -> str:
    """The word with TRANSLITERATIONS applied ("ghasem" -> "qasem")."""
    for spelling, common in TRANSLITERATIONS:
        word = word.replace(spelling, common)
    return word


def _near(typed_word: str, name_word: str) -> bool:
    """A typo of the word ("hady" for "hadi") or another spelling of it ("amery" for "amiri",
    "ghasem" for "qassem")."""
    from rapidfuzz import fuzz

    if fuzz.ratio(typed_word, name_word) >= _TYPO_LIKENESS:
        return True
    typed_word, name_word = _transliterated(typed_word), _transliterated(name_word)
    return skeleton(typed_word) == skeleton(name_word) and _shape(typed_word) == _shape(name_word)


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per actor (its best; the first of equals), best first."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.actor.id)
        if kept is None or candidate.score > kept.score:
            best[candidate.actor.id] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.actor.name))
