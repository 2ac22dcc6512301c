"""Specification of problem messages that teach (issue 22, "errors that teach").

A new user writing a first brief from the README should learn the format from its problems:

1. a value of the wrong shape is told the shape wanted, with the required keys and an example
   written from the model (`{actor: jane-doe, role: attendee}`), on one line;
2. a plain date where a date as the source gave it goes (`date: 2024-04-30`) is accepted as
   short for `{value: "2024-04-30"}`; a string that is no date is told the EDTF forms;
3. an unknown field is told the field meant: a word people use for it (`description` on an
   event means `summary`) or a close spelling;
4. an excerpt not found in its stored text is told the closest passage, with its line.

The briefs are small, written around the harbour brief's report (tests/briefs/sources), into a
temporary folder that is the working directory, so problems read as a user sees them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import msgspec
import msgspec.inspect as mi
import pytest
from typer.testing import CliRunner

from briefcli.brief import loader, yamlsafe
from briefcli.brief.excerpts import closest_passages
from briefcli.brief.model import Brief, Event, FuzzyDate
from briefcli.brief.validate import BRIEF_INFO, check_structure, convert
from briefcli.brief.validate import meaning as meaning_module
from briefcli.brief.validate.hints import EXAMPLES, SYNONYMS, flow
from briefcli.brief.validate.structure import with_dates_written_out
from briefcli.cli import app
from briefcli.store.loaded import LoadedBrief
from conftest import BriefWriter, copy_harbour

BASE = """\
meta:
  title: Kilbarra port strike
  as_of: "2024-03-15"
sources:
  - id: src-courier
    name: The Kilbarra Courier
    kind: outlet
    reliability: B
    text: sources/harbour-report.txt
actors:
  - id: grace-okafor
    name: Grace Okafor
    kind: person
  - id: hdwu
    name: Harbour and Dock Workers' Union
    kind: organisation
"""
# BASE is 16 lines long: what follows it starts on line 17.


class Check:
    """Writes a brief beside the harbour report and checks it."""

    def __init__(self, folder: Path, write_brief: BriefWriter) -> None:
        self.folder = folder
        self.write_brief = write_brief

    def problems(self, text: str) -> list[str]:
        """Every problem, as `briefcli validate` prints it."""
        path = self.write_brief(textwrap.dedent(text))
        _, problems = loader.check_files([Path(path.name)])
        return [str(problem) for problem in problems]

    def load(self, text: str) -> LoadedBrief:
        path = self.write_brief(textwrap.dedent(text))
        checked, problems = loader.check_files([Path(path.name)])
        assert [str(problem) for problem in problems] == []
        assert checked is not None
        return LoadedBrief.of(checked)


@pytest.fixture
def check(write_brief: BriefWriter, monkeypatch: pytest.MonkeyPatch) -> Check:
    copy_harbour(write_brief.folder)
    monkeypatch.chdir(write_brief.folder)
    return Check(write_brief.folder, write_brief)


EVENT = """\
events:
  - id: e-walkout
    kind: strike
    title: Dockers walk out
"""

# ---------------------------------------------------------------- 1. shapes with examples


def test_a_participant_written_as_an_id_is_shown_the_mapping_with_actor(check: Check) -> None:
    problems = check.problems(BASE + EVENT + "    participants: [grace-okafor]\n")
    assert problems == [
        "brief.yaml:21:20: events[0].participants[0]: expected a mapping such as {actor: "
        "jane-doe, role: attendee} (required: actor), got a string 'grace-okafor'"
    ]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            EVENT + "    participants: grace-okafor\n",
            "events[0].participants: expected a list of mappings such as [{actor: jane-doe, "
            "role: attendee}] (required: actor), got a string 'grace-okafor'",
        ),
        (
            EVENT + "    claims: c-walkout\n",
            "events[0].claims: expected a list, got a string 'c-walkout' (write [c-walkout])",
        ),
        (
            "relations:\n  id: r-leads\n",
            "relations: expected a list of mappings such as [{id: r-doe-leads, subject: "
            "jane-doe, type: leads, object: dock-union}] (required: id, subject, type, object), "
            "got a mapping",
        ),
        (
            "places:\n  - Kilbarra\n",
            "places[0]: expected a mapping such as {id: harbour-town, name: Harbour Town, kind: "
            "town} (required: id, name), got a string 'Kilbarra'",
        ),
    ],
)
def test_a_value_of_the_wrong_shape_is_shown_an_example_of_the_right_one(
    check: Check, record: str, expected: str
) -> None:
    problems = check.problems(BASE + record)
    assert [problem.split(": ", 1)[1] for problem in problems] == [expected]


def _mapping_types(info: mi.Type, found: dict[type, mi.StructType]) -> dict[type, mi.StructType]:
    """Every record and nested mapping type of the format, from the brief down."""
    if isinstance(info, mi.StructType) and info.cls not in found:
        found[info.cls] = info
        for field in info.fields:
            _mapping_types(field.type, found)
    elif isinstance(info, mi.ListType):
        _mapping_types(info.item_type, found)
    elif isinstance(info, mi.UnionType):
        for option in info.types:
            _mapping_types(option, found)
    return found


MAPPING_TYPES = _mapping_types(BRIEF_INFO, {})


def test_there_is_one_example_for_each_mapping_of_the_format() -> None:
    assert Brief in MAPPING_TYPES
    assert set(EXAMPLES) == set(MAPPING_TYPES)


@pytest.mark.parametrize("record", list(MAPPING_TYPES), ids=lambda record: record.__name__)
def test_every_mapping_of_the_format_has_a_valid_example_from_its_own_fields(
    record: type[msgspec.Struct],
) -> None:
    example = EXAMPLES[record]
    fields = {field.encode_name: field for field in msgspec.structs.fields(record)}
    assert set(example) <= set(fields)
    assert {name for name, field in fields.items() if field.required} <= set(example)
    info = MAPPING_TYPES[record]
    assert list(check_structure(example, info, ())) == []
    msgspec.convert(with_dates_written_out(example, info), record)
    # As shown in a message, the example is YAML that reads back as itself.
    assert "\n" not in flow(example)
    assert yamlsafe.parse(f"example: {flow(example)}\n") == {"example": example}


@pytest.mark.parametrize("record", list(MAPPING_TYPES), ids=lambda record: record.__name__)
def test_a_mapping_of_the_wrong_shape_is_told_its_required_keys_on_one_line(
    record: type[msgspec.Struct],
) -> None:
    [(_, message)] = check_structure(["a list"], MAPPING_TYPES[record], ())
    assert "\n" not in message
    assert f"such as {flow(EXAMPLES[record])}" in message
    required = [field.encode_name for field in msgspec.structs.fields(record) if field.required]
    if required:
        assert f"(required: {', '.join(required)})" in message


def test_examples_are_written_as_yaml_would_read_them_back() -> None:
    assert flow({"actor": "jane-doe", "role": "attendee"}) == "{actor: jane-doe, role: attendee}"
    assert flow({"value": "2024-04-30", "named": False}) == '{value: "2024-04-30", named: false}'
    for text in ["yes", "2024", "a: b", "#tag", "[x]", "it's", "null", "Tom, Ana", " x"]:
        assert yamlsafe.parse(f"x: {flow(text)}\n") == {"x": text}


# ---------------------------------------------------------------- 2. plain dates


@pytest.mark.parametrize("written", ["2024-04-30", '"2024-04-30"', "'2024-04-30'"])
def test_a_plain_date_is_short_for_a_stated_date(check: Check, written: str) -> None:
    loaded = check.load(BASE + EVENT + f"    date: {written}\n")
    assert loaded.brief.events[0].date == FuzzyDate(value="2024-04-30")
    assert loaded.brief.events[0].date.method == "stated"
    assert loaded.brief.events[0].date.confidence == "high"


def test_a_plain_date_works_for_a_sources_publication_date_and_for_any_edtf_form(
    check: Check,
) -> None:
    text = BASE.replace("    text: sources", "    published: 2024-03-15\n    text: sources")
    loaded = check.load(
        text
        + EVENT
        + '    date: "2024-03-12/2024-03-14?"\n'
        + '  - id: e-talks\n    kind: meeting\n    title: Talks\n    date: "2024-03~"\n'
    )
    assert loaded.brief.sources[0].published == FuzzyDate(value="2024-03-15")
    assert [event.date.value for event in loaded.brief.events] == [
        "2024-03-12/2024-03-14?",
        "2024-03~",
    ]


def test_a_string_that_is_not_a_date_is_told_the_edtf_forms_and_the_mapping(check: Check) -> None:
    problems = check.problems(BASE + EVENT + "    date: 30 April 2024\n")
    assert problems == [
        "brief.yaml:21:11: events[0].date: '30 April 2024' is not a date: write YYYY, YYYY-MM "
        "or YYYY-MM-DD, optionally with ? (uncertain) or ~ (approximate), or START/END for a "
        'range; or a mapping such as {value: "2024-03-12", phrase: last Tuesday, method: '
        "inferred}"
    ]


def test_a_plain_date_that_does_not_exist_is_reported_at_the_date_as_written(
    check: Check,
) -> None:
    problems = check.problems(BASE + EVENT + "    date: 2024-02-30\n")
    assert problems == [
        "brief.yaml:21:11: events[0].date: '2024-02-30' is not a real date (day is out of range "
        "for month)"
    ]


def test_a_year_written_as_a_number_is_told_to_quote_it(check: Check) -> None:
    problems = check.problems(
        BASE.replace("    text: sources", "    published: 2024\n    text: sources")
    )
    assert problems == [
        'brief.yaml:9:16: sources[0].published: expected a date such as "2024-03-12" or a '
        'mapping such as {value: "2024-03-12", phrase: last Tuesday, method: inferred} or null, '
        "got an integer 2024 (quote it: '2024')"
    ]


def test_plain_dates_read_in_parts_give_what_the_whole_document_gives(
    check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = "".join(
        f"  - id: e-{number}\n    kind: strike\n    title: Day {number}\n"
        f"    date: 2024-03-{number:02}\n"
        for number in range(1, 31)
    )
    text = BASE + "events:\n" + events + "  - id: e-bad\n    kind: strike\n    title: X\n"
    text += "    date: 2024-02-30\n  - id: e-typo\n    kind: strike\n    title: X\n"
    text += "    date: 2024-03-01\n    summery: The dockers walked out.\n"
    in_parts, problems = loader.check_contents([Path("brief.yaml")], [text.encode()])[:2]
    assert loader.parse_file(Path("brief.yaml"), text.encode()).layout is not None
    monkeypatch.setattr(yamlsafe, "split", lambda data, sections: None)
    whole, whole_problems = loader.check_contents([Path("brief.yaml")], [text.encode()])[:2]
    assert problems == whole_problems
    assert [str(problem).split(": ", 1)[1] for problem in problems] == [
        "events[30].date: '2024-02-30' is not a real date (day is out of range for month)",
        "events[31].summery: unknown field (did you mean 'summary'?); allowed: id, kind, title, "
        "date, time, place, participants, claims, summary, after, before",
    ]
    assert in_parts is not None and whole is not None
    assert in_parts.brief == whole.brief
    assert in_parts.brief.events[0].date == FuzzyDate(value="2024-03-01")


def test_a_plain_date_is_written_out_without_changing_the_parsed_data() -> None:
    data: dict[str, Any] = {
        "meta": {"title": "T", "as_of": "2024"},
        "events": [{"id": "e", "kind": "strike", "title": "T", "date": "2024-04-30"}],
    }
    converted = convert(data)
    assert converted.issues == []
    assert converted.brief is not None
    assert converted.brief.events == [
        Event(id="e", kind="strike", title="T", date=FuzzyDate(value="2024-04-30"))
    ]
    assert data["events"][0]["date"] == "2024-04-30"


def _schema_validator() -> jsonschema.Draft202012Validator:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    return jsonschema.Draft202012Validator(msgspec.json.decode(result.stdout))


def test_the_schema_takes_a_plain_date_or_a_mapping_where_a_date_as_given_goes() -> None:
    validator = _schema_validator()
    brief: dict[str, Any] = {
        "meta": {"title": "T", "as_of": "2024"},
        "sources": [
            {"id": "s", "name": "S", "kind": "outlet", "reliability": "B", "published": "2024-03"}
        ],
        "events": [
            {"id": "e", "kind": "strike", "title": "T", "date": "2024-04-30"},
            {"id": "f", "kind": "strike", "title": "T", "date": {"value": "2024-04-30"}},
        ],
    }
    assert list(validator.iter_errors(brief)) == []
    brief["events"][0]["date"] = "30 April 2024"
    brief["sources"][0]["published"] = 2024
    assert len(list(validator.iter_errors(brief))) == 2


# ---------------------------------------------------------------- 3. unknown fields


@pytest.mark.parametrize(
    ("record", "field", "meant"),
    [
        (EVENT + "    description: The dockers walked out.\n", "events[0].description", "summary"),
        (EVENT + "    name: Dockers walk out\n", "events[0].name", "title"),
        (
            "relations:\n  - id: r\n    subject: grace-okafor\n    type: leads\n"
            "    object: hdwu\n    date: '2024'\n",
            "relations[0].date",
            "since",
        ),
        (
            # Another actor, after BASE's two.
            "  - id: a\n    name: A\n    kind: person\n    roles:\n"
            "      - {title: Chair, date: '2024'}\n",
            "actors[2].roles[0].date",
            "since",
        ),
        (
            "claims:\n  - id: c\n    text: S\n",
            "claims[0].text",
            "statement",
        ),
        ("claims:\n  - id: c\n    quote: S\n", "claims[0].quote", "excerpt"),
        ("claims:\n  - id: c\n    source_text: S\n", "claims[0].source_text", "excerpt"),
        (EVENT + "    summery: The dockers walked out.\n", "events[0].summery", "summary"),
    ],
)
def test_an_unknown_field_is_told_the_field_people_mean_by_it(
    check: Check, record: str, field: str, meant: str
) -> None:
    problems = [problem.split(": ", 1)[1] for problem in check.problems(BASE + record)]
    unknown = [problem for problem in problems if problem.startswith(f"{field}: ")]
    assert len(unknown) == 1
    assert unknown[0].startswith(f"{field}: unknown field (did you mean {meant!r}?); allowed: ")


def test_an_event_description_is_told_summary(check: Check) -> None:
    problems = check.problems(BASE + EVENT + "    description: The dockers walked out.\n")
    assert problems == [
        "brief.yaml:21:5: events[0].description: unknown field (did you mean 'summary'?); "
        "allowed: id, kind, title, date, time, place, participants, claims, summary, after, "
        "before"
    ]


@pytest.mark.parametrize("record", list(SYNONYMS), ids=lambda record: record.__name__)
def test_each_word_for_a_field_is_no_field_itself_and_names_a_field(
    record: type[msgspec.Struct],
) -> None:
    fields = {field.encode_name for field in msgspec.structs.fields(record)}
    for word, meant in SYNONYMS[record].items():
        assert word not in fields
        assert meant in fields, (record.__name__, word)


# ---------------------------------------------------------------- 4. the closest passage


CLAIM = """\
claims:
  - id: c-stay-out
    statement: Okafor says her members will stay out.
    source: src-courier
    credibility: 2
    excerpt: {excerpt}
"""


def test_an_excerpt_slightly_off_is_told_the_closest_passage_and_its_line(check: Check) -> None:
    excerpt = "stay out until every job is guarantied in writing"
    problems = check.problems(BASE + CLAIM.format(excerpt=excerpt))
    assert problems == [
        "brief.yaml:22:14: claims[0].excerpt: excerpt not found in the text of source "
        "'src-courier'; closest, line 10: \"stay out until every job is guaranteed in writing\""
    ]


def test_a_long_closest_passage_is_clipped_to_one_short_line(check: Check) -> None:
    excerpt = (
        "Kilbarra's container terminal stood idle again on Thursday as a strike by the Harbor "
        "and Dock Workers' Union (HDWU) entered its second week"
    )
    [problem] = check.problems(BASE + CLAIM.format(excerpt=f'"{excerpt}"'))
    passage = problem.split("; closest, line 8: ", 1)[1]
    assert passage.startswith("\"Kilbarra's container terminal stood idle again on Thursday")
    assert passage.endswith('…"')
    assert len(passage) == 102  # 100 characters and the quotes


def test_an_excerpt_like_nothing_in_the_text_is_not_told_a_passage(check: Check) -> None:
    excerpt = "zebras graze quietly beside the frozen lake"
    assert check.problems(BASE + CLAIM.format(excerpt=excerpt)) == [
        "brief.yaml:22:14: claims[0].excerpt: excerpt not found in the text of source 'src-courier'"
    ]


def test_the_closest_passage_is_sought_only_for_excerpts_not_found(
    check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(text: str, excerpt: str, limit: int = 3) -> list[Any]:
        raise AssertionError("sought for an excerpt that was found")

    monkeypatch.setattr(meaning_module, "closest_passages", refuse)
    loaded = check.load(BASE + CLAIM.format(excerpt="stay out until every job is guaranteed"))
    assert loaded.excerpts_checked == 1


def test_the_closest_passage_is_told_for_the_first_ten_excerpts_not_found(check: Check) -> None:
    claims = "claims:\n" + "".join(
        f"  - id: c-{number}\n    statement: S\n    source: src-courier\n    credibility: 2\n"
        f"    excerpt: stay out until every job is guarantied in writing\n"
        for number in range(12)
    )
    problems = check.problems(BASE + claims)
    told = ["; closest, line 10: " in problem for problem in problems]
    assert told == [True] * 10 + [False] * 2


def test_authoring_finds_passages_with_the_validators_search() -> None:
    from briefcli.authoring import passages

    assert passages.closest_passages is closest_passages
    text = "one line\nstay out until every job\nis guaranteed in writing\n"
    [passage] = closest_passages(text, "stay out until every job is guarantied in writing")
    assert (passage.line, passage.text) == (2, "stay out until every job is guaranteed in writing")
