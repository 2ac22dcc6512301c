"""Specification of validation: what a brief may contain, and how each mistake is reported.

Every problem is printed as `file:line:col: field.path: message`, pointing at the place in the
YAML where the analyst has to look. The briefs below are written to `brief.yaml` in a temporary
folder that is also the working directory, so the expected lines read as a user would see them.
Line numbers in the comments count from the first line of each YAML text.
"""

from __future__ import annotations

import calendar
import json
import re
import tempfile
import textwrap
import typing
from pathlib import Path

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from briefcli.brief import loader, model, yamlsafe
from briefcli.brief.dates import parse_edtf
from briefcli.brief.excerpts import normalise_excerpt
from briefcli.brief.validate.meaning import MIN_EXCERPT_CHARS
from briefcli.cli import app
from briefcli.store.loaded import LoadedBrief
from conftest import (
    ALTMAN_RETURN_CLAIM,
    ROOT,
    SECOND_BRIEF,
    BriefWriter,
    altman_posts_by_two_routes,
)

PROBLEM_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<field>\S+): (?P<msg>.*)$"
)
HARBOUR_TEXT = (SECOND_BRIEF.parent / "sources" / "harbour-report.txt").read_text(encoding="utf-8")


class Check:
    """Writes a brief (and stored texts) into the working directory and checks it."""

    def __init__(self, write_brief: BriefWriter) -> None:
        self.write_brief = write_brief

    def write(self, text: str, name: str = "brief.yaml", **texts: str) -> Path:
        self.write_brief(textwrap.dedent(text), name, **texts)
        return Path(name)

    def problems(self, text: str, name: str = "brief.yaml", **texts: str) -> list[str]:
        """Every problem, as printed by `briefcli validate`."""
        _, problems = loader.check_files([self.write(text, name, **texts)])
        return [str(problem) for problem in problems]

    def located(self, text: str, **texts: str) -> list[tuple[int, int, str, str]]:
        """Every problem as (line, column, field, message)."""
        found = []
        for line in self.problems(text, **texts):
            match = PROBLEM_LINE.match(line)
            assert match, f"not a located problem: {line}"
            found.append((int(match["line"]), int(match["col"]), match["field"], match["msg"]))
        return found

    def load(self, text: str, **texts: str) -> LoadedBrief:
        """A brief that must be valid."""
        loaded, problems = loader.check_files([self.write(text, **texts)])
        assert [str(problem) for problem in problems] == []
        assert loaded is not None
        return LoadedBrief.of(loaded)


@pytest.fixture
def check(write_brief: BriefWriter, monkeypatch: pytest.MonkeyPatch) -> Check:
    monkeypatch.chdir(write_brief.folder)
    return Check(write_brief)


META = """\
meta:
  title: Test brief
  as_of: "2024-03-15"
"""

# ---------------------------------------------------------------- required and unknown fields


def test_a_missing_required_field_is_reported_at_the_record_that_lacks_it(check: Check) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - id: alice
    kind: person
"""
    )
    # line 5 is "  - id: alice": the record starts at its first key, column 5.
    assert problems == ["brief.yaml:5:5: actors[0]: missing required field 'name'"]


def test_every_missing_required_field_of_a_record_is_reported(check: Check) -> None:
    problems = check.problems(META + "claims:\n  - id: c1\n")
    assert problems == [
        "brief.yaml:5:5: claims[0]: missing required field 'statement'",
        "brief.yaml:5:5: claims[0]: missing required field 'source'",
        "brief.yaml:5:5: claims[0]: missing required field 'credibility'",
        "brief.yaml:5:5: claims[0]: missing required field 'excerpt'",
    ]


def test_a_brief_without_meta_is_reported_for_the_whole_document(check: Check) -> None:
    assert check.problems("actors: []\n") == [
        "brief.yaml:1:1: (document): missing required field 'meta'"
    ]


def test_meta_requires_title_and_as_of(check: Check) -> None:
    assert check.problems("meta:\n  handling: SECRET\n") == [
        "brief.yaml:2:3: meta: missing required field 'title'",
        "brief.yaml:2:3: meta: missing required field 'as_of'",
    ]


def test_meta_names_takes_lists_of_articles_and_titles(check: Check) -> None:
    check.load(META + "  names:\n    articles: [ash]\n    titles: [Governor, Chief Minister]\n")
    problems = check.problems(
        META
        + """\
  names:
    articles: ash
    titles: [Governor, ""]
    title: [Chief Minister]
"""
    )
    assert problems == [
        "brief.yaml:5:15: meta.names.articles: expected a list, got a string 'ash' (write [ash])",
        "brief.yaml:6:24: meta.names.titles[1]: must not be empty",
        "brief.yaml:7:5: meta.names.title: unknown field (did you mean 'titles'?); allowed: "
        "articles, titles",
    ]


def test_an_unknown_field_is_an_error_with_a_did_you_mean(check: Check) -> None:
    found = check.located(
        META
        + """\
events:
  - id: e1
    kind: meeting
    title: Talks
    summery: The talks broke down.
"""
    )
    # line 8 is "    summery: The talks broke down."
    assert [(line, field, message) for line, _, field, message in found] == [
        (
            8,
            "events[0].summery",
            "unknown field (did you mean 'summary'?); allowed: id, kind, title, date, time, "
            "place, participants, claims, summary, after, before",
        )
    ]


def test_an_unknown_field_with_nothing_close_lists_the_allowed_fields(check: Check) -> None:
    found = check.located(
        META + "actors:\n  - id: a\n    name: A\n    kind: person\n    party: Labour\n"
    )
    assert [(line, field, message) for line, _, field, message in found] == [
        (
            8,
            "actors[0].party",
            "unknown field; allowed: id, name, kind, type, aliases, roles, status, status_date, "
            "status_event, country, description, inferred",
        )
    ]


def test_a_misspelt_section_is_an_unknown_top_level_field(check: Check) -> None:
    found = check.located(META + "actor: []\n")
    assert [(line, field, message) for line, _, field, message in found] == [
        (
            4,
            "actor",
            "unknown field (did you mean 'actors'?); allowed: meta, format, vocabulary, sources, "
            "actors, places, relations, events, claims, notes",
        )
    ]


def test_an_unknown_field_is_located_at_its_key(check: Check) -> None:
    problems = check.problems(
        META
        + """\
events:
  - id: e1
    kind: meeting
    title: Talks
    dat:
      value: "2024-03-12"
"""
    )
    assert problems == [
        "brief.yaml:8:5: events[0].dat: unknown field (did you mean 'date'?); allowed: id, "
        "kind, title, date, time, place, participants, claims, summary, after, before"
    ]


# ---------------------------------------------------------------- types and allowed values


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            "  - id: a\n    name: 12\n    kind: person\n",
            "brief.yaml:6:11: actors[0].name: expected a string, got an integer 12 "
            "(quote it: '12')",
        ),
        (
            "  - id: a\n    name: A\n    kind: person\n    aliases: Al\n",
            "brief.yaml:8:14: actors[0].aliases: expected a list of mappings such as [{name: J. "
            "Doe, form: spelling}] (required: name), got a string 'Al'",
        ),
        (
            "  - id: a\n    name: A\n    kind: person\n    roles: [Chair]\n",
            "brief.yaml:8:13: actors[0].roles[0]: expected a mapping such as {title: Secretary, "
            "of: dock-union, since: \"2020\"} (required: title), got a string 'Chair'",
        ),
        (
            "  - id: a\n    name: A\n    kind: person\n    inferred: 1\n",
            "brief.yaml:8:15: actors[0].inferred: expected true or false, got an integer 1",
        ),
    ],
)
def test_a_value_of_the_wrong_type_says_what_was_expected(
    check: Check, record: str, expected: str
) -> None:
    assert check.problems(META + "actors:\n" + record) == [expected]


def test_a_number_field_with_text_and_a_date_given_as_a_number(check: Check) -> None:
    problems = check.problems(
        META
        + """\
places:
  - id: p
    name: P
    latitude: north
events:
  - id: e
    kind: meeting
    title: T
    date: 2020
"""
    )
    assert problems == [
        "brief.yaml:7:15: places[0].latitude: expected a number or null, got a string 'north'",
        'brief.yaml:12:11: events[0].date: expected a date such as "2024-03-12" or a mapping '
        'such as {value: "2024-03-12", phrase: last Tuesday, method: inferred}, got an integer '
        "2020 (quote it: '2020')",
    ]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y", "n"])
def test_yaml_1_1_booleans_are_strings_and_reported_in_a_boolean_field(
    check: Check, word: str
) -> None:
    problems = check.problems(
        META
        + "sources:\n  - id: s\n    name: S\n    kind: outlet\n    reliability: B\n"
        + f"    named: {word}\n"
    )
    assert problems == [
        f"brief.yaml:9:12: sources[0].named: expected true or false, got a string '{word}' "
        "(YAML 1.1 words like yes/no/on/off are not booleans here)"
    ]


@pytest.mark.parametrize(
    ("word", "value"), [("true", True), ("false", False), ("True", True), ("FALSE", False)]
)
def test_true_and_false_are_the_booleans(check: Check, word: str, value: bool) -> None:
    loaded = check.load(
        META
        + "sources:\n  - id: s\n    name: S\n    kind: outlet\n    reliability: B\n"
        + f"    named: {word}\n"
    )
    assert loaded.brief.sources[0].named is value


@pytest.mark.parametrize(
    ("section", "record", "expected"),
    [
        (
            "actors",
            "  - id: a\n    name: A\n    kind: persn\n",
            "brief.yaml:7:11: actors[0].kind: a string 'persn' is not allowed (did you mean "
            "'person'?); expected one of: bloc, jurisdiction, organisation, person, state",
        ),
        (
            "relations",
            "  - id: r\n    subject: a\n    type: allied-with\n    object: b\n",
            "brief.yaml:7:11: relations[0].type: a string 'allied-with' is not allowed (did you "
            "mean 'allied_with'?); expected one of: affiliated_with, aide_to, aligned_with, "
            "allied_with, backed_by, brokered, candidate_for, chairs, employed_by, founded, "
            "holds_role_in, hostile_to, leads, linked_to, loyal_to, member_of, nominated_to_lead, "
            "opposes, parent_of, part_of, related_to, rival_of, spouse_of, "
            "strained_relations_with, succeeded, supports, tasked; or declare it under "
            "vocabulary.relations",
        ),
        (
            "sources",
            "  - id: s\n    name: S\n    kind: outlet\n    reliability: G\n",
            "brief.yaml:8:18: sources[0].reliability: a string 'G' is not allowed; expected one "
            "of: A, B, C, D, E, F",
        ),
        (
            "claims",
            "  - id: c\n    statement: S\n    source: s\n    credibility: 7\n    excerpt: x\n",
            "brief.yaml:8:18: claims[0].credibility: an integer 7 is not allowed; expected one "
            "of: 1, 2, 3, 4, 5, 6",
        ),
        (
            "events",
            "  - id: e\n    kind: meting\n    title: T\n",
            "brief.yaml:6:11: events[0].kind: a string 'meting' is not allowed (did you mean "
            "'meeting'?); expected one of: agreement, appointment, decision, dismissal, election, "
            "founding, killing, meeting, negotiation, offer, other, protest, publication, "
            "rejection, resignation, result, speech, statement, strike, taking-office, tasking, "
            "trip, visit, vote; or declare it under vocabulary.events",
        ),
        (
            "events",
            "  - id: e\n    kind: meeting\n    title: T\n    participants:\n      - actor: a\n"
            "        role: hosts\n",
            "brief.yaml:10:15: events[0].participants[0].role: a string 'hosts' is not allowed "
            "(did you mean 'host'?); expected one of: attendee, author, broker, convener, host, "
            "party, perpetrator, recipient, represented, requester, speaker, subject, target, "
            "traveller; or declare it under vocabulary.participants",
        ),
        (
            "events",
            "  - id: e\n    kind: meeting\n    title: T\n    date:\n      value: '2024'\n"
            "      method: infered\n",
            "brief.yaml:10:15: events[0].date.method: a string 'infered' is not allowed (did you "
            "mean 'inferred'?); expected one of: approximate, inferred, stated, unknown",
        ),
        (
            "notes",
            "  - id: n\n    kind: caveats\n    text: T\n    confidence: Moderate\n",
            "brief.yaml:6:11: notes[0].kind: a string 'caveats' is not allowed (did you mean "
            "'caveat'?); expected one of: caveat, contradiction, gap, inference, spelling, "
            "translation",
        ),
    ],
)
def test_a_value_outside_the_allowed_list_suggests_the_closest(
    check: Check, section: str, record: str, expected: str
) -> None:
    # A relation type, event kind or role is checked with the brief's vocabulary, after the
    # record's structure: the record's other problems (an unknown actor 'a') come too.
    assert expected in check.problems(META + f"{section}:\n" + record)


def test_key_judgments_use_icd_203_likelihood_and_confidence(check: Check) -> None:
    problems = check.problems(
        """\
meta:
  title: T
  as_of: "2024"
  key_judgments:
    - id: kj
      text: The strike goes on.
      likelihood: probable
      confidence: Moderate
"""
    )
    assert problems == [
        "brief.yaml:7:19: meta.key_judgments[0].likelihood: a string 'probable' is not allowed; "
        "expected one of: almost certain, almost no chance, likely, roughly even chance, "
        "unlikely, very likely, very unlikely",
        "brief.yaml:8:19: meta.key_judgments[0].confidence: a string 'Moderate' is not allowed "
        "(did you mean 'moderate'?); expected one of: high, low, moderate",
    ]


def test_a_quoted_credibility_is_not_told_to_mean_itself(check: Check) -> None:
    problems = check.problems(
        META + "claims:\n  - id: c\n    statement: S\n    source: s\n    credibility: '2'\n"
        "    excerpt: x\n"
    )
    assert problems[0].startswith("brief.yaml:8:18: claims[0].credibility: a string '2'")
    assert "did you mean '2'" not in problems[0]


@pytest.mark.parametrize(
    ("bad_id", "message"),
    [
        ("Bad Id", "'Bad Id' is not a valid id: use lowercase letters, digits and - _ . :"),
        ("-leading", "'-leading' is not a valid id: use lowercase letters, digits and - _ . :"),
        (
            "grace/okafor",
            "'grace/okafor' is not a valid id: use lowercase letters, digits and - _ . :",
        ),
        ("a" * 201, "longer than 200 characters"),
    ],
)
def test_ids_are_short_lowercase_words(check: Check, bad_id: str, message: str) -> None:
    problems = check.problems(
        META + f"actors:\n  - id: '{bad_id}'\n    name: A\n    kind: person\n"
    )
    assert problems == [f"brief.yaml:5:9: actors[0].id: {message}"]


def test_ids_may_use_digits_dots_colons_and_underscores(check: Check) -> None:
    loaded = check.load(
        META + "actors:\n  - id: 9th_div.hq:2\n    name: HQ\n    kind: organisation\n"
    )
    assert loaded.brief.actors[0].id == "9th_div.hq:2"


def test_required_text_must_not_be_empty(check: Check) -> None:
    assert check.problems("meta:\n  title: ''\n  as_of: '2024'\n") == [
        "brief.yaml:2:10: meta.title: must not be empty"
    ]


@pytest.mark.parametrize(
    "written",
    [
        "15 March 2024",
        "2024/03/15",
        "24-03-15",
        "2024-3-5",
        "2024-03-15T10:00",
        "２０２４-０３",  # full-width digits, which int() would read as 2024-03
        "٢٠٢٤",  # Arabic-Indic digits
    ],
)
def test_a_date_must_be_written_as_edtf(check: Check, written: str) -> None:
    assert check.problems(f"meta:\n  title: T\n  as_of: '{written}'\n") == [
        f"brief.yaml:3:10: meta.as_of: {written!r} is not a date: write YYYY, YYYY-MM or "
        "YYYY-MM-DD, optionally with ? (uncertain) or ~ (approximate), or START/END for a range"
    ]


def test_an_unquoted_year_in_an_optional_date_is_told_to_quote_it(check: Check) -> None:
    problems = check.problems(
        META + "relations:\n  - id: r\n    subject: a\n    type: leads\n    object: b\n"
        "    since: 2020\n"
    )
    assert (
        "brief.yaml:9:12: relations[0].since: expected a string or null, got an integer 2020 "
        "(quote it: '2020')" in problems
    )


# ---------------------------------------------------------------- ids


def test_a_duplicate_id_is_reported_at_the_second_use(check: Check) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - id: okafor
    name: Grace Okafor
    kind: person
  - id: okafor
    name: Emeka Okafor
    kind: person
"""
    )
    assert problems == [
        "brief.yaml:8:9: actors[1].id: duplicate id 'okafor': already used by actors[0]"
    ]


def test_ids_are_unique_across_sections_and_key_judgments(check: Check) -> None:
    problems = check.problems(
        """\
meta:
  title: T
  as_of: "2024"
  key_judgments:
    - id: strike
      text: It goes on.
      likelihood: likely
      confidence: low
actors:
  - id: port
    name: Port Authority
    kind: organisation
places:
  - id: port
    name: Port
events:
  - id: strike
    kind: strike
    title: Strike
"""
    )
    assert problems == [
        "brief.yaml:14:9: places[0].id: duplicate id 'port': already used by actors[0]",
        "brief.yaml:17:9: events[0].id: duplicate id 'strike': already used by "
        "meta.key_judgments[0]",
    ]


# ---------------------------------------------------------------- references

EVERY_REFERENCE_DANGLING = """\
meta:
  title: T
  as_of: "2024"
  key_judgments:
    - id: kj
      text: K
      likelihood: likely
      confidence: low
      claims: [c-missing]
sources:
  - id: src
    name: S
    kind: outlet
    reliability: B
    via: src-parent
    actor: reporter
actors:
  - id: alice
    name: Alice
    kind: person
    roles:
      - title: Chair
        of: club
    status_event: e-gone
    country: ruritania
places:
  - id: town
    name: Town
    country: ruritani
relations:
  - id: r
    subject: alice
    type: leads
    object: bob
    claims: [c-gone]
events:
  - id: e
    kind: meeting
    title: E
    place: twn
    participants:
      - actor: alicia
    after: [e-before]
    claims: [c2]
claims:
  - id: c1
    statement: S
    source: srcs
    credibility: 2
    excerpt: x
    actors: [bob]
    events: [e-x]
    relations: [r-x]
"""


def test_every_kind_of_reference_must_resolve(check: Check) -> None:
    assert check.problems(EVERY_REFERENCE_DANGLING) == [
        "brief.yaml:9:16: meta.key_judgments[0].claims[0]: unknown claim id 'c-missing'",
        "brief.yaml:15:10: sources[0].via: unknown source id 'src-parent'",
        "brief.yaml:16:12: sources[0].actor: unknown actor id 'reporter'",
        "brief.yaml:23:13: actors[0].roles[0].of: unknown actor id 'club'",
        "brief.yaml:24:19: actors[0].status_event: unknown event id 'e-gone'",
        "brief.yaml:25:14: actors[0].country: unknown actor id 'ruritania'",
        "brief.yaml:29:14: places[0].country: unknown actor id 'ruritani'",
        "brief.yaml:34:13: relations[0].object: unknown actor id 'bob'",
        "brief.yaml:35:14: relations[0].claims[0]: unknown claim id 'c-gone'",
        "brief.yaml:40:12: events[0].place: unknown place id 'twn' (did you mean 'town'?)",
        "brief.yaml:42:16: events[0].participants[0].actor: unknown actor id 'alicia' "
        "(did you mean 'alice'?)",
        "brief.yaml:43:13: events[0].after[0]: unknown event id 'e-before'",
        "brief.yaml:44:14: events[0].claims[0]: unknown claim id 'c2'",
        "brief.yaml:48:13: claims[0].source: unknown source id 'srcs' (did you mean 'src'?)",
        "brief.yaml:51:14: claims[0].actors[0]: unknown actor id 'bob'",
        "brief.yaml:52:14: claims[0].events[0]: unknown event id 'e-x'",
        "brief.yaml:53:17: claims[0].relations[0]: unknown relation id 'r-x'",
    ]


def test_a_note_may_concern_any_record_even_a_key_judgment(check: Check) -> None:
    loaded = check.load(
        """\
meta:
  title: T
  as_of: "2024"
  key_judgments:
    - id: kj
      text: K
      likelihood: likely
      confidence: low
sources:
  - id: src
    name: S
    kind: outlet
    reliability: B
actors:
  - id: alice
    name: Alice
    kind: person
  - id: bob
    name: Bob
    kind: person
places:
  - id: town
    name: Town
relations:
  - id: r
    subject: alice
    type: rival_of
    object: bob
events:
  - id: e
    kind: meeting
    title: E
claims:
  - id: c
    statement: S
    source: src
    credibility: 6
    excerpt: x
notes:
  - id: n
    kind: caveat
    text: Every kind of record.
    concerns: [kj, src, alice, town, r, e, c, n]
"""
    )
    assert loaded.brief.notes[0].concerns == ["kj", "src", "alice", "town", "r", "e", "c", "n"]


def test_a_reference_to_a_record_of_the_wrong_kind_names_both_kinds(check: Check) -> None:
    problems = check.problems(
        """\
meta:
  title: T
  as_of: "2024"
  key_judgments:
    - id: kj
      text: K
      likelihood: likely
      confidence: low
      claims: [src]
sources:
  - id: src
    name: S
    kind: outlet
    reliability: B
places:
  - id: town
    name: Town
relations:
  - id: r
    subject: a
    type: leads
    object: b
    claims: [r]
events:
  - id: e
    kind: meeting
    title: E
    place: c
claims:
  - id: c
    statement: S
    source: town
    credibility: 2
    excerpt: x
    relations: [n]
notes:
  - id: n
    kind: gap
    text: N
actors:
  - id: a
    name: A
    kind: person
  - id: b
    name: B
    kind: person
"""
    )
    assert problems == [
        "brief.yaml:9:16: meta.key_judgments[0].claims[0]: 'src' is a source, expected a claim",
        "brief.yaml:23:14: relations[0].claims[0]: 'r' is a relation, expected a claim",
        "brief.yaml:28:12: events[0].place: 'c' is a claim, expected a place",
        "brief.yaml:32:13: claims[0].source: 'town' is a place, expected a source",
        "brief.yaml:35:17: claims[0].relations[0]: 'n' is a note, expected a relation",
    ]


def test_the_wrong_kind_message_uses_an_before_a_vowel(check: Check) -> None:
    problems = check.problems(
        """\
meta:
  title: T
  as_of: "2024"
  key_judgments:
    - id: kj
      text: K
      likelihood: likely
      confidence: low
actors:
  - id: alice
    name: Alice
    kind: person
    status_event: alice
events:
  - id: e
    kind: meeting
    title: E
    participants:
      - actor: e
claims:
  - id: c
    statement: S
    source: kj
    credibility: 2
    excerpt: x
"""
    )
    assert problems == [
        "brief.yaml:13:19: actors[0].status_event: 'alice' is an actor, expected an event",
        "brief.yaml:19:16: events[0].participants[0].actor: 'e' is an event, expected an actor",
        "brief.yaml:23:13: claims[0].source: 'kj' is a key judgment, expected a source",
    ]


def test_an_unknown_id_in_concerns_is_reported_with_a_did_you_mean_from_any_section(
    check: Check,
) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - id: alice
    name: Alice
    kind: person
notes:
  - id: n
    kind: caveat
    text: N
    concerns: [alicia]
"""
    )
    assert problems == [
        "brief.yaml:12:16: notes[0].concerns[0]: unknown id 'alicia' (did you mean 'alice'?)"
    ]


def test_an_unknown_id_in_concerns_with_nothing_close_has_no_suggestion(check: Check) -> None:
    problems = check.problems(
        META + "notes:\n  - id: n\n    kind: gap\n    text: N\n    concerns: [ghost]\n"
    )
    assert problems == ["brief.yaml:8:16: notes[0].concerns[0]: unknown id 'ghost'"]


def test_did_you_mean_is_offered_for_the_first_twenty_unknown_ids_only(check: Check) -> None:
    """A suggestion scans every id; a brief with thousands of typos must stay fast."""
    refs = ", ".join(f"alice{n:02d}" for n in range(25))
    problems = check.problems(
        META
        + "actors:\n  - id: alice\n    name: Alice\n    kind: person\n"
        + f"notes:\n  - id: n\n    kind: gap\n    text: N\n    concerns: [{refs}]\n"
    )
    assert len(problems) == 25
    assert all(p.endswith("(did you mean 'alice'?)") for p in problems[:20])
    assert problems[20:] == [
        f"brief.yaml:12:{16 + 9 * n}: notes[0].concerns[{n}]: unknown id 'alice{n:02d}'"
        for n in range(20, 25)
    ]


def test_a_reference_to_an_invalid_record_is_not_reported_a_second_time(check: Check) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - id: alice
    name: Alice
    kind: persn
  - id: bob
    name: Bob
    kind: person
relations:
  - id: r
    subject: alice
    type: leads
    object: bob
"""
    )
    assert problems == [
        "brief.yaml:7:11: actors[0].kind: a string 'persn' is not allowed (did you mean "
        "'person'?); expected one of: bloc, jurisdiction, organisation, person, state"
    ]


def test_a_relation_of_an_actor_to_itself_is_reported_at_its_object(check: Check) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - id: hdwu
    name: HDWU
    kind: organisation
relations:
  - id: r
    subject: hdwu
    type: rival_of
    object: hdwu
"""
    )
    assert problems == ["brief.yaml:12:13: relations[0].object: relation of 'hdwu' to itself"]


# ---------------------------------------------------------------- dates

DATED_EVERYWHERE = """\
meta:
  title: T
  as_of: "{as_of}"
sources:
  - id: s
    name: S
    kind: outlet
    reliability: B
    published:
      value: "{published}"
actors:
  - id: a
    name: A
    kind: person
    status: detained
    status_date: "{status_date}"
    roles:
      - title: Chair
        since: "{since}"
        until: "{until}"
  - id: b
    name: B
    kind: person
relations:
  - id: r
    subject: a
    type: leads
    object: b
    since: "{since}"
    until: "{until}"
events:
  - id: e
    kind: meeting
    title: E
    date:
      value: "{value}"
      method: inferred
"""

# (field, line, column) of each date in DATED_EVERYWHERE.
DATE_FIELDS = [
    ("as_of", "meta.as_of", 3, 10),
    ("published", "sources[0].published.value", 10, 14),
    ("status_date", "actors[0].status_date", 16, 18),
    ("since", "actors[0].roles[0].since", 19, 16),
    ("until", "actors[0].roles[0].until", 20, 16),
    ("since", "relations[0].since", 29, 12),
    ("until", "relations[0].until", 30, 12),
    ("value", "events[0].date.value", 36, 14),
]
VALID_DATES = {
    "as_of": "2024",
    "published": "2024",
    "status_date": "2024",
    "since": "2020",
    "until": "2024",
    "value": "2024",
}


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2020-02-30", r"'2020-02-30' is not a real date \(.+\)"),
        ("2023-02-29", r"'2023-02-29' is not a real date \(.+\)"),
        ("2020-13", r"'2020-13' is not a real date \(month must be in 1\.\.12\)"),
        ("2020-00", r"'2020-00' is not a real date \(month must be in 1\.\.12\)"),
        ("2020-04-31~", r"'2020-04-31' is not a real date \(.+\)"),
        ("2020-05/2020-01", r"interval '2020-05/2020-01' ends before it starts"),
        ("2020-01-31/2020-02-30", r"'2020-02-30' is not a real date \(.+\)"),
    ],
)
def test_an_impossible_date_is_reported_wherever_it_is_written(
    check: Check, date: str, message: str
) -> None:
    for key, field, line, column in DATE_FIELDS:
        dates = {**VALID_DATES, key: date}
        if key in ("since", "until"):  # two fields share the placeholder: both are reported
            expected = [(ln, col, fld) for k, fld, ln, col in DATE_FIELDS if k == key]
        else:
            expected = [(line, column, field)]
        found = check.located(DATED_EVERYWHERE.format(**dates))
        assert [(ln, col, fld) for ln, col, fld, _ in found] == expected
        for *_, found_message in found:
            assert re.fullmatch(message, found_message), found_message


@pytest.mark.parametrize(
    ("since", "until"),
    [("2024-03", "2024-02"), ("2024-03-15", "2024-03-14"), ("2025", "2024-12-31")],
)
def test_a_period_may_not_end_before_it_begins(check: Check, since: str, until: str) -> None:
    dates = {**VALID_DATES, "since": since, "until": until}
    assert check.problems(DATED_EVERYWHERE.format(**dates)) == [
        f"brief.yaml:20:16: actors[0].roles[0].until: until {until!r} is before since {since!r}",
        f"brief.yaml:30:12: relations[0].until: until {until!r} is before since {since!r}",
    ]


def test_a_period_may_begin_and_end_within_the_same_month(check: Check) -> None:
    dates = {**VALID_DATES, "since": "2024-03", "until": "2024-03-01"}
    check.load(DATED_EVERYWHERE.format(**dates))


@pytest.mark.parametrize(
    "date",
    [
        "2024",
        "2024-02-29",
        "2024-03~",
        "2024-03-15?",
        "2024%",
        "2023-10/2023-12",
        "2023~/2024-01?",
        "2024-03-12/2024-03-12",
    ],
)
def test_real_dates_with_qualifiers_and_ranges_are_accepted(check: Check, date: str) -> None:
    check.load(DATED_EVERYWHERE.format(**dict.fromkeys(VALID_DATES, date)))


@pytest.mark.parametrize(
    ("date_yaml", "expected"),
    [
        # Reported at the method, or at the date when the method is left to its default.
        (
            "{value: '2024-03', method: unknown}",
            "8:38: events[0].date.method: method is 'unknown' but a value is given",
        ),
        (
            "{method: inferred, phrase: last Tuesday}",
            "8:20: events[0].date.method: method is 'inferred' but no value",
        ),
        ("{phrase: last week}", "8:11: events[0].date.method: method is 'stated' but no value"),
    ],
)
def test_a_date_method_must_agree_with_its_value(
    check: Check, date_yaml: str, expected: str
) -> None:
    problems = check.problems(
        META + f"events:\n  - id: e\n    kind: meeting\n    title: E\n    date: {date_yaml}\n"
    )
    assert problems == [f"brief.yaml:{expected}"]


def test_an_unknown_date_is_written_without_value_or_as_no_date_at_all(check: Check) -> None:
    loaded = check.load(
        META
        + """\
events:
  - id: e1
    kind: meeting
    title: E1
    date: {method: unknown, phrase: some time ago}
  - id: e2
    kind: meeting
    title: E2
"""
    )
    assert [event.date.value for event in loaded.brief.events] == [None, None]
    assert loaded.brief.events[1].date.method == "unknown"


_years = st.integers(min_value=1000, max_value=2999)


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """A valid single EDTF date of the supported subset."""
    year = draw(_years)
    precision = draw(st.sampled_from(["year", "month", "day"]))
    text = f"{year:04d}"
    if precision != "year":
        month = draw(st.integers(min_value=1, max_value=12))
        text += f"-{month:02d}"
        if precision == "day":
            day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
            text += f"-{day:02d}"
    return text + draw(st.sampled_from(["", "?", "~", "%"]))


@given(first=edtf_dates(), second=edtf_dates())
def test_any_real_date_parses_and_a_range_must_run_forwards(first: str, second: str) -> None:
    one, other = parse_edtf(first), parse_edtf(second)
    assert one.start <= one.end
    assert one.uncertain == (first[-1] in "?%")
    assert one.approximate == (first[-1] in "~%")
    # A range may not end before it begins; its halves may overlap ("2020-01-15/2020-01": from
    # the 15th to some day in January).
    if one.start <= other.end:
        interval = parse_edtf(f"{first}/{second}")
        assert (interval.start, interval.end) == (one.start, other.end)
    else:
        with pytest.raises(ValueError, match="ends before it starts"):
            parse_edtf(f"{first}/{second}")


# ---------------------------------------------------------------- the order of events

EVENT = """\
  - id: {id}
    kind: meeting
    title: {id}
"""


def _events(*records: str) -> str:
    """META and an events section of records, each `EVENT` plus its own extra lines."""
    return META + "events:\n" + "".join(records)


def test_times_of_day_and_before_links_are_accepted(check: Check) -> None:
    loaded = check.load(
        _events(
            EVENT.format(id="e-talks")
            + '    date: {value: "2024-06-03"}\n    time: 17:00-08:00\n    before: [e-walkout]\n',
            EVENT.format(id="e-walkout")
            + '    date: {value: "2024-06-04"}\n    time: "06:30:15Z"\n',
        )
    )
    talks, walkout = loaded.brief.events
    assert (talks.time, talks.before, walkout.time) == ("17:00-08:00", ["e-walkout"], "06:30:15Z")


@pytest.mark.parametrize("time", ["24:00", "5pm", "17:00:60", "17.00", "7:00", "17:00-15:00"])
def test_a_time_of_day_of_the_wrong_shape_says_how_to_write_one(check: Check, time: str) -> None:
    found = check.located(
        _events(EVENT.format(id="e1") + f'    date: {{value: "2024-06-03"}}\n    time: "{time}"\n')
    )
    assert found == [
        (
            9,
            11,
            "events[0].time",
            f"{time!r} is not a time of day: write HH:MM or HH:MM:SS (24-hour, 00:00 to "
            "23:59:59), optionally with a UTC offset such as -08:00, +05:30 or Z",
        )
    ]


def test_a_time_of_day_needs_a_date_of_one_day(check: Check) -> None:
    found = check.located(
        _events(
            EVENT.format(id="e1") + '    date: {value: "2024-06"}\n    time: "17:00"\n',
            EVENT.format(id="e2") + '    time: "17:00"\n',
            EVENT.format(id="e3") + '    date: {value: "2024-06-03?"}\n    time: "17:00"\n',
        )
    )
    assert [(line, field, message) for line, _, field, message in found] == [
        (9, "events[0].time", "a time of day needs a date of one day (the date is '2024-06')"),
        (13, "events[1].time", "a time of day needs a date of one day (the date is unknown)"),
    ]


def test_before_must_name_events(check: Check) -> None:
    found = check.located(
        META
        + "actors:\n  - id: alice\n    name: Alice\n    kind: person\n"
        + "events:\n"
        + EVENT.format(id="e1")
        + "    before: [e2, alice, e-nowhere]\n"
        + EVENT.format(id="e2")
    )
    assert [(line, column, field, message) for line, column, field, message in found] == [
        (12, 18, "events[0].before[1]", "'alice' is an actor, expected an event"),
        (12, 25, "events[0].before[2]", "unknown event id 'e-nowhere'"),
    ]


def test_events_that_follow_each_other_in_a_loop_are_one_problem_at_its_first_link(
    check: Check,
) -> None:
    found = check.located(
        _events(
            EVENT.format(id="e-a") + '    date: {value: "2024-06-03"}\n',
            EVENT.format(id="e-b") + "    after: [e-d]\n",  # line 12
            EVENT.format(id="e-c") + "    after: [e-b]\n    before: [e-d]\n",
            EVENT.format(id="e-d"),
            EVENT.format(id="e-x") + "    after: [e-x]\n",  # line 24
        )
    )
    assert found == [
        (
            12,
            13,
            "events[1].after[0]",
            "events follow each other in a loop: e-b -> e-c -> e-d -> e-b (each comes before "
            "the next)",
        ),
        (24, 13, "events[4].after[0]", "'e-x' comes after itself"),
    ]


def test_a_loop_names_the_other_events_whose_links_loop_with_it(check: Check) -> None:
    found = check.located(
        _events(
            EVENT.format(id="e-a") + "    after: [e-b]\n    before: [e-c]\n",
            EVENT.format(id="e-b") + "    after: [e-a]\n",
            EVENT.format(id="e-c") + "    before: [e-b]\n",
        )
    )
    assert [(line, field, message) for line, _, field, message in found] == [
        (
            8,
            "events[0].after[0]",
            "events follow each other in a loop: e-a -> e-b -> e-a (each comes before the "
            "next); other loops run through these and e-c",
        )
    ]


def test_a_link_the_dates_contradict_is_reported_where_it_is_written(check: Check) -> None:
    found = check.located(
        _events(
            EVENT.format(id="e-early") + '    date: {value: "2024-06-01"}\n    after: [e-late]\n',
            EVENT.format(id="e-late") + '    date: {value: "2024-06-10/2024-06-12"}\n',
            EVENT.format(id="e-undated") + "    after: [e-late]\n    before: [e-june]\n",
            EVENT.format(id="e-june") + '    date: {value: "2024-06-05~"}\n',
            EVENT.format(id="e-five") + '    date: {value: "2024-06-20"}\n    time: "17:00"\n',
            EVENT.format(id="e-nine")
            + '    date: {value: "2024-06-20"}\n    time: "09:00"\n    after: [e-five]\n',
        )
    )
    assert found == [
        (
            9,
            13,
            "events[0].after[0]",
            "'e-early' cannot come after 'e-late': 'e-early' (2024-06-01) ends before "
            "'e-late' (2024-06-10/2024-06-12) begins",
        ),
        (
            18,
            14,
            "events[2].before[0]",
            "'e-june' cannot come after 'e-undated': 'e-june' (2024-06-05~) ends before "
            "'e-late' (2024-06-10/2024-06-12) begins, and 'e-undated' comes after 'e-late'",
        ),
        (
            33,
            13,
            "events[5].after[0]",
            "'e-nine' cannot come after 'e-five': 'e-nine' (2024-06-20 09:00) ends before "
            "'e-five' (2024-06-20 17:00) begins",
        ),
    ]


def test_links_the_dates_allow_are_no_problem(check: Check) -> None:
    check.load(
        _events(
            EVENT.format(id="e-june") + '    date: {value: "2024-06"}\n    after: [e-tenth]\n',
            EVENT.format(id="e-tenth") + '    date: {value: "2024-06-10"}\n    time: "23:00"\n',
            EVENT.format(id="e-undated") + "    after: [e-tenth]\n    before: [e-eleventh]\n",
            # 01:00 on the 11th in UTC+05:00 is 20:00 on the 10th in UTC: the days decide.
            EVENT.format(id="e-eleventh")
            + '    date: {value: "2024-06-11"}\n    time: "01:00+05:00"\n',
        )
    )


# ---------------------------------------------------------------- source chains


def test_a_source_chain_that_loops_is_reported_once_per_loop(check: Check) -> None:
    problems = check.problems(
        META
        + """\
sources:
  - id: reporter
    name: Reporter
    kind: journalist
    reliability: B
    via: paper
  - id: paper
    name: Paper
    kind: outlet
    reliability: B
    via: reporter
  - id: self-cited
    name: Echo
    kind: social-media
    reliability: E
    via: self-cited
"""
    )
    # One problem per loop, at its first source in the file.
    assert problems == [
        "brief.yaml:9:10: sources[0].via: source chain loops back on itself: "
        "reporter -> paper -> reporter",
        "brief.yaml:19:10: sources[2].via: source chain loops back on itself: "
        "self-cited -> self-cited",
    ]


def test_via_may_be_one_id_or_a_list_and_each_entry_must_resolve(check: Check) -> None:
    problems = check.problems(
        META
        + """\
sources:
  - id: post
    name: A post
    kind: social-media
    reliability: B
    via: [paper, nowhere]
  - id: paper
    name: Paper
    kind: outlet
    reliability: B
  - id: reporter
    name: Reporter
    kind: journalist
    reliability: B
    via: paper
"""
    )
    assert problems == ["brief.yaml:9:18: sources[0].via[1]: unknown source id 'nowhere'"]


def test_a_loop_through_a_via_list_is_reported_once_at_the_entry_that_closes_it(
    check: Check,
) -> None:
    problems = check.problems(
        META
        + """\
sources:
  - id: paper
    name: Paper
    kind: outlet
    reliability: B
  - id: reporter
    name: Reporter
    kind: journalist
    reliability: B
    via: [paper, wire]
  - id: wire
    name: Wire
    kind: outlet
    reliability: B
    via: [paper, reporter]
"""
    )
    # reporter -> wire -> reporter: its first source in the file is reporter, whose second
    # entry (wire) closes the loop; the route through paper ends well.
    assert problems == [
        "brief.yaml:13:18: sources[1].via[1]: source chain loops back on itself: "
        "reporter -> wire -> reporter"
    ]


def test_a_source_by_two_routes_validates_with_its_excerpts_in_either_text(
    tmp_path: Path,
) -> None:
    """Altman's posts as one source via ProPakistani and bahsegels.com: one claim quotes the
    first outlet's text, the other only the second's; both are checked and found."""
    path = altman_posts_by_two_routes(tmp_path)
    checked, problems = loader.check_files([path])
    assert [str(problem) for problem in problems] == []
    assert checked is not None and checked.excerpts_checked == len(checked.brief.claims) == 44
    data = yamlsafe.parse(path.read_text(encoding="utf-8"))
    position = [claim["id"] for claim in data["claims"]].index(ALTMAN_RETURN_CLAIM)
    data["claims"][position]["excerpt"] = "in service of keeping the team and its mission"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML
    _, problems = loader.check_files([path])
    assert [problem.message for problem in problems] == [
        "excerpt not found in the text of sources 'src-propakistani' or 'src-bahsegels'; "
        "closest, line 15 of 'src-bahsegels': \"in service of keeping this team and its mission\""
    ]
    assert [problem.field for problem in problems] == [f"claims[{position}].excerpt"]


# ---------------------------------------------------------------- excerpts

REPORT = """\
The union's general secretary said her members would "stay out
until every job is guaranteed   in writing".
"""

CITED = (
    META
    + """\
sources:
  - id: paper
    name: The Courier
    kind: outlet
    reliability: B
    text: report.txt
  - id: reporter
    name: Reporter
    kind: journalist
    reliability: B
    via: paper
  - id: insider
    name: Council official
    kind: anonymous
    reliability: C
    named: false
    via: reporter
  - id: rumour
    name: Rumour
    kind: social-media
    reliability: F
claims:
  - id: c1
    statement: S
    source: {source}
    credibility: 3
    excerpt: {excerpt}
"""
)


def test_an_excerpt_must_be_found_in_the_stored_text_of_its_source(check: Check) -> None:
    text = CITED.format(source="paper", excerpt="'members would \"stay home\"'")
    _, problems = loader.check_files([check.write(text, report=REPORT)])
    assert [str(p) for p in problems] == [
        "brief.yaml:30:14: claims[0].excerpt: excerpt not found in the text of source 'paper'; "
        """closest, line 1: 'members would "stay out until'"""
    ]


def test_an_excerpt_is_found_despite_other_whitespace_and_curly_quotes(check: Check) -> None:
    excerpt = (
        "'general  secretary said her members would “stay out until every job is guaranteed "
        "in writing”.'"
    )
    loaded = check.load(CITED.format(source="paper", excerpt=excerpt), report=REPORT)
    assert loaded.excerpts_checked == 1


def test_an_excerpt_with_typographic_apostrophe_matches_a_straight_one(check: Check) -> None:
    loaded = check.load(
        CITED.format(source="paper", excerpt="The union’s general secretary"), report=REPORT
    )
    assert loaded.excerpts_checked == 1


def test_an_excerpt_is_checked_against_the_first_stored_text_along_the_via_chain(
    check: Check,
) -> None:
    text = CITED.format(source="insider", excerpt="members would strike")
    assert check.problems(text, report=REPORT) == [
        "brief.yaml:30:14: claims[0].excerpt: excerpt not found in the text of source 'paper'; "
        """closest, line 1: 'her members would "stay'"""
    ]
    loaded = check.load(
        CITED.format(source="insider", excerpt="guaranteed in writing"), report=REPORT
    )
    assert loaded.excerpts_checked == 1


def test_an_excerpt_must_quote_at_least_eight_characters(check: Check) -> None:
    """Two words could be found anywhere: an excerpt must identify its passage."""
    assert MIN_EXCERPT_CHARS == 8
    problems = check.problems(CITED.format(source="paper", excerpt="'  members '"), report=REPORT)
    assert problems == [
        "brief.yaml:30:14: claims[0].excerpt: excerpt too short to check (7 characters; quote "
        "at least 8)"
    ]
    loaded = check.load(CITED.format(source="paper", excerpt="said her"), report=REPORT)
    assert loaded.excerpts_checked == 1


def test_a_claim_with_no_stored_text_along_its_chain_is_not_checked(check: Check) -> None:
    loaded = check.load(CITED.format(source="rumour", excerpt="anything at all"), report=REPORT)
    assert loaded.excerpts_checked == 0


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("ab \t\n\u00a0'\"‘’“”«»"), max_size=30))
def test_normalising_an_excerpt_twice_changes_nothing(text: str) -> None:
    once = normalise_excerpt(text)
    assert normalise_excerpt(once) == once
    assert "  " not in once and once == once.strip()
    assert not set(once) & set("\t\n\u00a0‘’“”«»")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab \t\n\r\u00a0\u2028'\"‘’‛′`´“”„‟″«»"), max_size=30))
def test_normalising_an_excerpt_is_folding_quotes_then_whitespace(text: str) -> None:
    # The fast paths (no quote, nothing to fold) give what the plain definition gives.
    quotes: dict[str, str | int | None] = {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
    }
    quotes |= dict.fromkeys("“”„‟″«»", '"')
    plain = re.sub(r"\s+", " ", text.translate(str.maketrans(quotes))).strip()
    assert normalise_excerpt(text) == plain


_CURLY = {"'": ["’", "‘"], '"': ["“", "”", "«", "»"]}


@st.composite
def perturbed_excerpts(draw: st.DrawFn) -> tuple[str, str]:
    """A piece of the harbour report, and the same piece retyped: other spacing, curly quotes."""
    start = draw(st.integers(min_value=0, max_value=len(HARBOUR_TEXT) - 1))
    end = draw(st.integers(min_value=start + 1, max_value=min(len(HARBOUR_TEXT), start + 300)))
    piece = HARBOUR_TEXT[start:end]
    retyped = []
    for char in piece:
        if char.isspace():
            retyped.append(draw(st.sampled_from([" ", "  ", "\n", "\t", " \n  ", "\u00a0"])))
        elif char in _CURLY and draw(st.booleans()):
            retyped.append(draw(st.sampled_from(_CURLY[char])))
        else:
            retyped.append(char)
    return piece, "".join(retyped)


@given(perturbed_excerpts())
def test_any_retyped_piece_of_a_stored_text_is_found_in_it(pair: tuple[str, str]) -> None:
    _, retyped = pair
    assert normalise_excerpt(retyped) in normalise_excerpt(HARBOUR_TEXT)


@settings(max_examples=25, deadline=None)
@given(perturbed_excerpts())
def test_any_retyped_piece_of_a_stored_text_passes_validation(pair: tuple[str, str]) -> None:
    piece, retyped = pair
    assume(len(normalise_excerpt(piece)) >= MIN_EXCERPT_CHARS)  # shorter ones are refused
    with tempfile.TemporaryDirectory() as folder:
        brief = Path(folder) / "brief.yaml"
        (Path(folder) / "report.txt").write_text(HARBOUR_TEXT, encoding="utf-8")
        brief.write_text(
            CITED.format(source="paper", excerpt=json.dumps(retyped, ensure_ascii=False)),
            encoding="utf-8",
        )
        loaded, problems = loader.check_files([brief])
    assert [str(problem) for problem in problems] == []
    assert loaded is not None and loaded.excerpts_checked == 1


# ---------------------------------------------------------------- every problem at once


def test_every_problem_of_a_brief_is_reported_in_one_run(check: Check) -> None:
    text = """\
format: briefcli/1
meta:
  title: Port strike
  as_of: "2024-13"
sources:
  - id: paper
    name: Courier
    kind: outlet
    reliability: B
    text: report.txt
  - id: ghost
    name: Ghost
    kind: anonymous
    reliability: X
  - id: blog
    name: Blog
    kind: social-media
    reliability: E
    text: ../outside.txt
actors:
  - id: hdwu
    name: HDWU
    kind: organisation
  - id: hdwu
    name: Dockers
    kind: organisation
  - id: meridian
    name: Meridian
    kind: organisation
    party: employers
relations:
  - id: r1
    subject: hdwu
    type: rival_of
    object: usf
events:
  - id: e1
    kind: strike
    title: Walkout
    date:
      value: "2024-03-04"
      method: unknown
claims:
  - id: c1
    statement: They walked out.
    source: paper
    credibility: 2
    excerpt: walked out of the meeting
  - id: c2
    statement: S
    source: paper
    credibility: 9
    excerpt: x
"""
    problems = check.problems(text, report=REPORT)
    assert sorted(problems) == sorted(
        [
            "brief.yaml:4:10: meta.as_of: '2024-13' is not a real date (month must be in 1..12)",
            "brief.yaml:14:18: sources[1].reliability: a string 'X' is not allowed; expected one "
            "of: A, B, C, D, E, F",
            "brief.yaml:19:11: sources[2].text: '../outside.txt' must be a path inside the brief's "
            "folder",
            "brief.yaml:24:9: actors[1].id: duplicate id 'hdwu': already used by actors[0]",
            "brief.yaml:30:5: actors[2].party: unknown field; allowed: id, name, kind, type, "
            "aliases, roles, status, status_date, status_event, country, description, inferred",
            "brief.yaml:35:13: relations[0].object: unknown actor id 'usf'",
            "brief.yaml:42:15: events[0].date.method: method is 'unknown' but a value is given",
            "brief.yaml:48:14: claims[0].excerpt: excerpt not found in the text of source 'paper'",
            "brief.yaml:52:18: claims[1].credibility: an integer 9 is not allowed; expected one "
            "of: 1, 2, 3, 4, 5, 6",
        ]
    )


# ---------------------------------------------------------------- the JSON Schema for editors


def _printed_schema() -> dict[str, object]:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema: dict[str, object] = json.loads(result.stdout)
    return schema


def test_schema_prints_a_draft_2020_12_json_schema() -> None:
    schema = _printed_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "briefcli brief"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_schema_accepts_the_harbour_brief() -> None:
    validator = jsonschema.Draft202012Validator(_printed_schema())
    data = yamlsafe.parse(SECOND_BRIEF.read_text(encoding="utf-8"))
    assert [error.message for error in validator.iter_errors(data)] == []


def test_the_schema_refuses_what_validate_refuses() -> None:
    validator = jsonschema.Draft202012Validator(_printed_schema())
    data = yamlsafe.parse(SECOND_BRIEF.read_text(encoding="utf-8"))
    data["actors"][0]["kind"] = "persn"
    data["actors"][1]["party"] = "Labour"
    data["claims"][0]["credibility"] = 7
    data["sources"][0]["named"] = "yes"
    del data["meta"]["as_of"]
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert messages == sorted(
        [
            "'persn' is not one of ['bloc', 'jurisdiction', 'organisation', 'person', 'state']",
            "Additional properties are not allowed ('party' was unexpected)",
            "7 is not one of [1, 2, 3, 4, 5, 6]",
            "'yes' is not of type 'boolean'",
            "'as_of' is a required property",
        ]
    )


def test_the_format_reference_documents_every_allowed_value() -> None:
    reference = (ROOT / "docs" / "brief-format.md").read_text(encoding="utf-8")
    for name in dir(model):
        literal = getattr(model, name)
        if typing.get_origin(literal) is not typing.Literal:
            continue
        for value in typing.get_args(literal):
            assert f"`{value}`" in reference, f"{name} value {value!r} is not documented"
