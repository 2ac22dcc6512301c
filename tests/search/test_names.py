"""Name resolution: people type names however they remember them; briefcli must find the one
actor they mean, list the candidates when several fit about equally well, and suggest the
closest names when none does."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefcli.brief.model import Actor, Alias, NameRules
from briefcli.search.names import NameIndex, fold, name_tables, skeleton


def _actor(actor_id: str, name: str, *aliases: str, kind: str = "person") -> Actor:
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,  # type: ignore[arg-type]
        aliases=[Alias(name=alias) for alias in aliases],
    )


ACTORS = [
    _actor("hadi-al-amiri", "Hadi al-Amiri", "Al-Amri"),
    _actor("united-states", "United States", "US", kind="state"),
    _actor("reuters", "Reuters", kind="organisation"),
    _actor("middle-east-eye", "Middle East Eye", "MEE", kind="organisation"),
    _actor("muqtada-al-sadr", "Muqtada al-Sadr", "Moqtada al-Sadr", "Sadr"),
    _actor("akram-al-kaabi", "Akram al-Kaabi"),
    _actor("abu-yasser-al-kaabi", "Abu Yasser al-Kaabi"),
    _actor("abu-mahdi-al-muhandis", "Abu Mahdi al-Muhandis", "the engineer"),
    _actor("hezbollah", "Hezbollah", "Lebanese Hezbollah", kind="organisation"),
    _actor("kataib-hezbollah", "Kata'ib Hezbollah", "Hezbollah Brigades", kind="organisation"),
    _actor("nujaba", "Harakat Hezbollah al-Nujaba", "Al-Nujaba Movement", kind="organisation"),
    _actor("iran", "Iran", kind="state"),
    _actor("iran-aligned-factions", "Iran-aligned Iraqi factions", kind="bloc"),
    _actor("jose-alvarez", "José Álvarez"),
    _actor("siobhan-oneill", "Siobhán O'Neill"),
    _actor("ali-khamenei", "Ali Khamenei", "Khamenei"),
    _actor("sadrist-movement", "Sadrist movement", kind="organisation"),
]
NAMES = NameIndex(name_tables(ACTORS), {actor.id: actor for actor in ACTORS})


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # ids and canonical names
        ("hadi-al-amiri", "hadi-al-amiri"),
        ("Hadi al-Amiri", "hadi-al-amiri"),
        # case, article variants, hyphens
        ("hadi amiri", "hadi-al-amiri"),
        ("HADI EL-AMIRI", "hadi-al-amiri"),
        ("Hadi Al Amiri", "hadi-al-amiri"),
        # an alias, and the literal translation of a name
        ("al-Amri", "hadi-al-amiri"),
        ("the engineer", "abu-mahdi-al-muhandis"),
        ("Engineer", "abu-mahdi-al-muhandis"),
        # one word of a longer name
        ("Amiri", "hadi-al-amiri"),
        ("Muhandis", "abu-mahdi-al-muhandis"),
        # transliteration variants (consonant skeleton)
        ("Moqtada", "muqtada-al-sadr"),
        ("Muqtada al Sadr", "muqtada-al-sadr"),
        ("Amri", "hadi-al-amiri"),
        ("Ameri", "hadi-al-amiri"),
        ("Hady al-Ameri", "hadi-al-amiri"),  # every vowel another, in the same places
        ("Sayyed Muqtada al-Sader", "muqtada-al-sadr"),
        ("Sheikh Hadi al-Ameri", "hadi-al-amiri"),  # a title the brief does not have
        # apostrophes
        ("Kataib Hezbollah", "kataib-hezbollah"),
        ("Kata’ib Hezbollah", "kataib-hezbollah"),
        ("oneill", "siobhan-oneill"),
        # diacritics
        ("Jose Alvarez", "jose-alvarez"),
        ("álvarez", "jose-alvarez"),
        # typos, through the fuzzy matcher, and an abbreviation's
        ("Hezbolah Brigades", "kataib-hezbollah"),
        ("USA", "united-states"),
        # a title or a word more
        ("Grand Ayatollah al-Amiri", "hadi-al-amiri"),
        ("Ayatollah Khamenei", "ali-khamenei"),
        ("Reuters news agency", "reuters"),
        ("Hadi al-Amiry", "hadi-al-amiri"),
        ("HadiAlAmiri", "hadi-al-amiri"),
        # a short exact name is not confused with a long name that merely contains it
        ("Iran", "iran"),
        ("Nujaba", "nujaba"),
        # an exact name wins over the names that have it as a word: the Lebanese party, not
        # also Kata'ib Hezbollah and Harakat Hezbollah al-Nujaba
        ("Hezbollah", "hezbollah"),
    ],
)
def test_a_typed_name_resolves_to_the_one_actor_meant(typed: str, expected: str) -> None:
    resolution = NAMES.resolve(typed)
    assert resolution.actor is not None, resolution
    assert resolution.actor.id == expected


@pytest.mark.parametrize(
    ("typed", "spelled_as"),
    [
        # by an id, a name, an alias or words of one: nothing to own up to
        ("hadi-al-amiri", None),
        ("Hadi al-Amiri", None),
        ("al-Amri", None),
        ("Amiri", None),
        ("Moqtada", None),
        ("Ayatollah Khamenei", None),  # a title set aside, then an alias
        # by a similar spelling only: the name or alias it was taken for
        ("Ameri", "Al-Amri"),
        ("Hady al-Ameri", "Hadi al-Amiri"),
        ("Sheikh Hadi al-Ameri", "Hadi al-Amiri"),
        ("Hadi al-Amiry", "Hadi al-Amiri"),
        ("Hezbolah Brigades", "Hezbollah Brigades"),
        ("USA", "US"),
    ],
)
def test_a_name_found_only_by_its_spelling_says_which_name_it_was_taken_for(
    typed: str, spelled_as: str | None
) -> None:
    resolution = NAMES.resolve(typed)
    assert resolution.actor is not None
    assert resolution.spelled_as == spelled_as


@pytest.mark.parametrize(
    ("typed", "candidates"),
    [
        # two different people share a surname: never merge, never pick one silently
        ("al-Kaabi", {"akram-al-kaabi", "abu-yasser-al-kaabi"}),
        ("Kaabi", {"akram-al-kaabi", "abu-yasser-al-kaabi"}),
        ("Sheikh al-Kaabi", {"akram-al-kaabi", "abu-yasser-al-kaabi"}),  # nor with a title
        ("Imam Kaabi", {"akram-al-kaabi", "abu-yasser-al-kaabi"}),
        # leaving out names whose words do not fit never settles an ambiguity
        ("Sadr movement", {"muqtada-al-sadr", "sadrist-movement"}),
    ],
)
def test_a_name_that_fits_several_actors_lists_them_all(typed: str, candidates: set[str]) -> None:
    resolution = NAMES.resolve(typed)
    assert resolution.actor is None
    assert resolution.ambiguous
    assert {candidate.actor.id for candidate in resolution.candidates} == candidates


def _index(*actors: Actor, rules: NameRules | None = None) -> NameIndex:
    return NameIndex(name_tables(actors, rules), {actor.id: actor for actor in actors})


# Three people of one surname, the third with a name of three words, and no alias "Sangma".
SANGMAS = _index(
    _actor("conrad-sangma", "Conrad Sangma"),
    _actor("mukul-sangma", "Mukul Sangma"),
    _actor("pa-sangma", "P A Sangma"),
    _actor("ganga-prasad", "Ganga Prasad", "Governor Ganga Prasad"),
)


@pytest.mark.parametrize(
    "typed",
    [
        "Sangma",  # the surname
        "Sangmaa",  # a typo of it, as close to each of the three names
        "Sanga",
        "Shri Sangma",  # a title before it
        "Dr. Sangma",
    ],
)
def test_ambiguity_lists_every_actor_matching_about_as_well_whatever_its_words(
    typed: str,
) -> None:
    resolution = SANGMAS.resolve(typed)
    assert resolution.actor is None
    assert {candidate.actor.id for candidate in resolution.candidates} == {
        "conrad-sangma",
        "mukul-sangma",
        "pa-sangma",
    }


@pytest.mark.parametrize(
    "title",
    [
        "Chief Minister",
        "Deputy Chief Minister",
        "Governor",
        "Prime Minister",
        "Minister",
        "President",
        "Speaker",
        "Senator",
        "CEO",
        "General",
        "Mr",
        "Mrs.",
        "Ms",
        "Dr",
        "Prof.",
        "Sir",
        "Shri",
        "Smt.",
        "Sri",
        "Sheikh",
        "Sayyid",
        "Sayyed",
        "Ayatollah",
        "Grand Ayatollah",
        "Haj",
        "Imam",
        "Shri Chief Minister",  # titles one after another
    ],
)
def test_the_titles_of_several_languages_before_a_name_are_left_out(title: str) -> None:
    resolution = SANGMAS.resolve(f"{title} Mukul Sangma")
    assert resolution.actor is not None and resolution.actor.id == "mukul-sangma"
    assert resolution.spelled_as is None


# The Hindu (a newspaper) and El Al (an airline) are nothing but an article and a word, or two
# articles; other names have their words.
PAPERS = _index(
    _actor("the-hindu", "The Hindu", kind="organisation"),
    _actor("hindu-mahasabha", "Hindu Mahasabha", kind="organisation"),
    _actor("el-al", "El Al", kind="organisation"),
    _actor("al-jazeera", "Al Jazeera", kind="organisation"),
    _actor("pm", "Prime Minister", kind="person"),
    _actor("pm-office", "Prime Minister's Office", "PMO", kind="organisation"),
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("The Hindu", "the-hindu"),  # not also Hindu Mahasabha
        ("the hindu", "the-hindu"),
        ("El Al", "el-al"),
        ("EL-AL", "el-al"),
        ("Al Jazeera", "al-jazeera"),
        ("Jazeera", "al-jazeera"),  # the article left out where more of the name follows
        ("Prime Minister", "pm"),  # a title alone is a name
        ("PMO", "pm-office"),
    ],
)
def test_an_article_or_title_is_left_out_only_when_more_of_the_name_follows(
    typed: str, expected: str
) -> None:
    resolution = PAPERS.resolve(typed)
    assert resolution.actor is not None, resolution
    assert resolution.actor.id == expected


def test_an_exact_name_wins_over_one_found_without_its_article() -> None:
    names = _index(
        _actor("the-hindu", "The Hindu", kind="organisation"),
        _actor("hindu", "Hindu", "Hindoo", kind="person"),
    )
    found = {typed: names.resolve(typed).actor for typed in ("The Hindu", "Hindu", "Hindoo")}
    assert {typed: actor.id if actor else None for typed, actor in found.items()} == {
        "The Hindu": "the-hindu",
        "Hindu": "hindu",
        "Hindoo": "hindu",
    }


def test_an_acronym_is_no_other_spelling_of_a_word_nor_a_word_of_one() -> None:
    names = _index(
        _actor("india", "India", kind="state"),
        _actor("bjp", "BJP", kind="organisation"),
        _actor("us", "United States", "US", kind="state"),
    )
    assert names.resolve("NDA").actor is None  # the consonants of India
    assert names.resolve("NDA").suggestions == []
    assert names.resolve("Bajap").actor is None  # those of BJP
    assert names.resolve("Inda").actor is not None  # a typo of a word is one
    resolution = names.resolve("USA")  # and an acronym's typo of an acronym
    assert resolution.actor is not None and resolution.spelled_as == "US"


def test_a_brief_adds_its_own_articles_and_titles() -> None:
    actors = (_actor("mukul-sangma", "Mukul Sangma"), _actor("sharaa", "Ahmed al-Sharaa"))
    rules = NameRules(articles=["ash"], titles=["Hon'ble", "Leader of the Opposition"])
    typed = [
        "Hon'ble Leader of the Opposition Mukul Sangma",
        "Leader of Opposition Mukul Sangma",  # "of the" as names are read: articles left out
        "Ahmed ash-Sharaa",  # ash- is al- before a sun letter
        "ash-Sharaa",
    ]

    def found(names: NameIndex) -> list[str | None]:
        """The actor each name is found as, by its words rather than by a similar spelling."""
        resolutions = map(names.resolve, typed)
        return [r.actor.id if r.actor and not r.spelled_as else None for r in resolutions]

    assert found(_index(*actors, rules=rules)) == [
        "mukul-sangma",
        "mukul-sangma",
        "sharaa",
        "sharaa",
    ]
    assert found(_index(*actors)) == [None, None, None, None]  # the defaults do not have them


def test_an_unknown_name_matches_nothing_and_suggests_the_closest() -> None:
    resolution = NAMES.resolve("Amirri Hadee")
    assert resolution.actor is None
    assert not resolution.ambiguous
    assert resolution.candidates == []
    assert resolution.suggestions[0] == "Hadi al-Amiri"


@pytest.mark.parametrize(
    "typed",
    [
        "Russia",  # "us" is inside it: not a typo of the alias US
        "EU",  # inside "Reuters"
        "Mu",  # the consonant skeleton of "MEE" too, but one consonant says too little
        "Omar",  # the skeleton of "Al-Amri", but another name
        "Abdul Mahdi",  # another man: one word of Abu Mahdi al-Muhandis's name is not enough
        "Mahdi Army",  # nor for a militia
        "Ali al-Amiri",  # nor a surname for another man
        "Ali al-Amri",  # nor an alias that is one
        "Mojtaba Khamenei",  # his son: a one-word name among the words is not enough
    ],
)
def test_a_name_that_is_not_in_the_brief_resolves_to_no_actor(typed: str) -> None:
    resolution = NAMES.resolve(typed)
    assert resolution.actor is None, resolution.actor
    assert resolution.candidates == []


def test_a_name_like_nothing_in_the_brief_gets_no_suggestion() -> None:
    assert NAMES.resolve("Zbigniew").suggestions == []


def test_an_empty_or_punctuation_only_name_matches_nothing() -> None:
    assert NAMES.resolve("").actor is None
    assert NAMES.resolve(" -- ' ").actor is None


def test_completion_offers_names_and_aliases_starting_with_what_was_typed() -> None:
    assert NAMES.complete("Had") == ["Hadi al-Amiri"]
    assert NAMES.complete("Moq") == ["Moqtada al-Sadr"]  # an alias, as typed
    assert NAMES.complete("moq") == ["moqtada al-Sadr"]  # keeps the user's case
    assert set(NAMES.complete("Abu")) == {"Abu Yasser al-Kaabi", "Abu Mahdi al-Muhandis"}
    assert all(name.startswith("S") for name in NAMES.complete("S"))
    assert NAMES.complete("Zz") == []


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Al-Amiri", "amiri"),
        ("Kata'ib Hezbollah", "kataib hezbollah"),
        ("  José   ÁLVAREZ ", "jose alvarez"),
        ("el-Sadr", "sadr"),
        ("The Engineer", "engineer"),
    ],
)
def test_folding(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_skeleton_ignores_vowel_spelling() -> None:
    assert skeleton(fold("Moqtada")) == skeleton(fold("Muqtada")) == "mqtd"
    assert skeleton(fold("al-Amri")) == skeleton(fold("Amiri"))


@given(st.text(max_size=40))
def test_folding_is_idempotent_and_never_fails(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.sampled_from(ACTORS))
def test_every_actor_is_found_by_its_own_id_and_name(actor: Actor) -> None:
    by_id = NAMES.resolve(actor.id)
    assert by_id.actor is not None and by_id.actor.id == actor.id
    by_name = NAMES.resolve(actor.name)
    assert by_name.actor is not None and by_name.actor.id == actor.id  # exact names win


def reference_fold(text: str) -> str:
    """fold's definition, written the slow, obvious way."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    bare = re.sub(r"['’‘`´ʼʻʿʾ]", "", bare.casefold())
    separators = r"[\s\-‐‑‒–—_/.,;:()\[\]{}\"“”«»]+"
    words = [word for word in re.split(separators, bare) if word]
    # Articles go, unless they are every word ("The" alone is a name still).
    return " ".join([word for word in words if word not in {"al", "el", "ul", "the"}] or words)


@settings(max_examples=500)
@given(
    st.text(
        alphabet=st.sampled_from("aAl-el the_ 'ʿ’é\u0301ﬁ\u00a0\u2003\x1c\t.,;()“”«»Ḥasan")
        | st.characters(),
        max_size=40,
    )
)
def test_fold_is_its_definition(text: str) -> None:
    assert fold(text) == reference_fold(text)
