"""Specification of loading: files -> safe YAML -> a brief, every problem located.

A brief file is UTF-8 YAML with a restricted, safe syntax; stored source texts are read from the
brief's own folder; several files merge into one brief. Problems are printed as
`file:line:col: field.path: message` (or `file: message` when no line applies). The briefs are
written to a temporary folder that is also the working directory, so the expected output names
`brief.yaml` as a user would see it.
"""

from __future__ import annotations

import gc
import re
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefcli.brief import loader
from briefcli.brief.loader import BriefError
from briefcli.brief.model import SECTIONS
from briefcli.cli import app
from briefcli.store.loaded import LoadedBrief
from conftest import ROOT, SECOND_BRIEF, BriefWriter

META = """\
meta:
  title: Test brief
  as_of: "2024-03-15"
"""

SOURCE_WITH_TEXT = """\
sources:
  - id: paper
    name: The Courier
    kind: outlet
    reliability: B
    text: {text}
"""


class Check:
    """Writes files into the working directory and loads them as a brief."""

    def __init__(self, write_brief: BriefWriter) -> None:
        self.write_brief = write_brief
        self.folder = write_brief.folder

    def write(self, text: str, name: str = "brief.yaml", **texts: str) -> Path:
        self.write_brief(textwrap.dedent(text), name, **texts)
        return Path(name)

    def write_bytes(self, raw: bytes, name: str = "brief.yaml") -> Path:
        (self.folder / name).write_bytes(raw)
        return Path(name)

    def problems_of(self, *paths: Path) -> list[str]:
        _, problems = loader.check_files(list(paths))
        return [str(problem) for problem in problems]

    def problems(self, text: str, name: str = "brief.yaml", **texts: str) -> list[str]:
        return self.problems_of(self.write(text, name, **texts))

    def load(self, *paths: Path) -> LoadedBrief:
        loaded, problems = loader.check_files(list(paths))
        assert [str(problem) for problem in problems] == []
        assert loaded is not None
        return LoadedBrief.of(loaded)


@pytest.fixture
def check(write_brief: BriefWriter, monkeypatch: pytest.MonkeyPatch) -> Check:
    monkeypatch.chdir(write_brief.folder)
    return Check(write_brief)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------- the second test brief


def test_the_harbour_brief_loads_with_every_excerpt_checked() -> None:
    loaded, problems = loader.check_files([SECOND_BRIEF])
    assert problems == []
    assert loaded is not None
    brief = loaded.brief
    assert brief.meta.title == "Kilbarra port strike and the dockworkers' union dispute"
    assert loaded.excerpts_checked == len(brief.claims) == 13
    counts = [
        len(getattr(brief, section))
        for section in ("actors", "relations", "events", "sources", "places", "notes")
    ]
    assert counts == [14, 11, 7, 4, 4, 5]


def test_the_harbour_brief_exercises_every_part_of_the_format() -> None:
    """Other tests use this brief to prove commands work beyond the bundled one: keep it rich."""
    loaded = loader.check_files([SECOND_BRIEF])[0]
    assert loaded is not None
    brief = loaded.brief
    names = {actor.name for actor in brief.actors}
    assert {"José Álvarez", "Siobhán O'Neill", "Grace Okafor", "Emeka Okafor"} <= names
    assert {"bloc", "organisation", "person"} <= {actor.kind for actor in brief.actors}
    assert {"rival_of", "hostile_to", "aligned_with", "leads", "member_of"} <= {
        r.type for r in brief.relations
    }
    assert {"stated", "inferred", "approximate"} <= {event.date.method for event in brief.events}
    assert any(alias.form == "nickname" for actor in brief.actors for alias in actor.aliases)
    chain = {source.id: source for source in brief.sources}
    anonymous = chain["src-council-official"]
    assert not anonymous.named and anonymous.via == "src-lindqvist"
    assert chain["src-lindqvist"].via == "src-courier"
    assert chain["src-courier"].text == "sources/harbour-report.txt"
    assert len(brief.meta.key_judgments) == 3 and brief.notes


# ---------------------------------------------------------------- YAML rules


def test_an_unquoted_date_stays_a_string_and_loads(check: Check) -> None:
    loaded = check.load(
        check.write("meta:\n  title: T\n  as_of: 2024-03-15\n  authors: [2024-03-15]\n")
    )
    assert loaded.brief.meta.as_of == "2024-03-15"
    assert loaded.brief.meta.authors == ["2024-03-15"]


def test_a_yaml_1_1_boolean_word_is_a_string_and_reported(check: Check) -> None:
    problems = check.problems(
        META
        + "sources:\n  - id: s\n    name: S\n    kind: outlet\n    reliability: B\n    named: yes\n"
    )
    assert problems == [
        "brief.yaml:9:12: sources[0].named: expected true or false, got a string 'yes' "
        "(YAML 1.1 words like yes/no/on/off are not booleans here)"
    ]


def test_yes_and_no_in_text_fields_stay_text(check: Check) -> None:
    loaded = check.load(
        check.write("meta:\n  title: no\n  as_of: '2024'\n  authors: [yes, on, off, Norway]\n")
    )
    assert loaded.brief.meta.title == "no"
    assert loaded.brief.meta.authors == ["yes", "on", "off", "Norway"]


def test_a_time_of_day_in_a_text_field_is_not_turned_into_a_number(check: Check) -> None:
    problems = check.problems("meta:\n  title: 10:30\n  as_of: '2024'\n")
    assert problems == [] or "10:30" in problems[0]


def test_a_duplicate_key_is_reported_at_the_second_key(check: Check) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - id: a
    name: Grace Okafor
    kind: person
    name: Emeka Okafor
"""
    )
    assert problems == [
        "brief.yaml:8:5: duplicate key 'name' in one mapping (the later one would silently win)"
    ]


def test_a_duplicate_section_is_reported_too(check: Check) -> None:
    problems = check.problems(META + "actors: []\nplaces: []\nactors: []\n")
    assert problems == [
        "brief.yaml:6:1: duplicate key 'actors' in one mapping (the later one would silently win)"
    ]


def test_anchors_and_aliases_are_refused(check: Check) -> None:
    problems = check.problems(
        META
        + """\
actors:
  - &grace
    id: grace
    name: Grace
    kind: person
  - *grace
"""
    )
    assert problems == [
        "brief.yaml:5:5: anchors and aliases (&name / *name) are not allowed in a brief"
    ]


def test_an_unused_anchor_is_refused_as_well(check: Check) -> None:
    problems = check.problems("meta: &m\n  title: T\n  as_of: '2024'\n")
    assert problems == [
        "brief.yaml:1:7: anchors and aliases (&name / *name) are not allowed in a brief"
    ]


def test_an_ampersand_or_asterisk_in_text_is_just_text(check: Check) -> None:
    loaded = check.load(check.write("meta:\n  title: 'Q&A: the *real* story'\n  as_of: '2024'\n"))
    assert loaded.brief.meta.title == "Q&A: the *real* story"


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_billion_laughs_document_fails_fast(check: Check) -> None:
    started = time.perf_counter()
    problems = check.problems(BILLION_LAUGHS)
    assert time.perf_counter() - started < 1.0
    assert problems == [
        "brief.yaml:1:4: anchors and aliases (&name / *name) are not allowed in a brief"
    ]


def test_a_python_tag_is_refused_without_running_anything(check: Check) -> None:
    marker = check.folder / "pwned"
    problems = check.problems(
        f'meta:\n  title: !!python/object/apply:os.system ["touch {marker}"]\n  as_of: "2024"\n'
    )
    assert not marker.exists()
    assert problems == [
        "brief.yaml:2:10: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' (custom tags such as !!python/... "
        "are not allowed)"
    ]


@pytest.mark.parametrize(
    ("tagged", "tag"),
    [
        ("!!python/name:os.system ''", "tag:yaml.org,2002:python/name:os.system"),
        ("!secret T", "!secret"),
    ],
)
def test_every_custom_tag_is_refused(check: Check, tagged: str, tag: str) -> None:
    problems = check.problems(f"meta:\n  title: {tagged}\n  as_of: '2024'\n")
    assert problems == [
        f"brief.yaml:2:10: could not determine a constructor for the tag '{tag}' (custom tags "
        "such as !!python/... are not allowed)"
    ]


def test_a_tab_after_the_indentation_is_reported_as_a_tab(check: Check) -> None:
    problems = check.problems('meta:\n  title: T\n  \tas_of: "2024"\n')
    assert len(problems) == 1
    assert problems[0].startswith("brief.yaml:3:")
    assert "tab" in problems[0]


def test_a_line_indented_with_a_tab_says_so(check: Check) -> None:
    problems = check.problems("meta:\n\ttitle: T\n\tas_of: '2024'\n")
    assert len(problems) == 1
    assert problems[0].startswith("brief.yaml:2:1: ")
    assert "tab" in problems[0]


def test_a_yaml_syntax_error_gives_its_line_and_column(check: Check) -> None:
    problems = check.problems("meta:\n  title: [unclosed\n  as_of: '2024'\n")
    assert problems == [
        "brief.yaml:3:8: while parsing a flow sequence: did not find expected ',' or ']'"
    ]


def test_an_unclosed_quote_is_a_syntax_error(check: Check) -> None:
    problems = check.problems("meta:\n  title: \"The port\n  as_of: '2024'\n")
    assert len(problems) == 1
    assert re.match(r"brief\.yaml:\d+:\d+: while scanning a quoted scalar: ", problems[0])


# ---------------------------------------------------------------- bytes and files


def test_bytes_that_are_not_utf8_are_located(check: Check) -> None:
    path = check.write_bytes(b'meta:\n  title: "caf\xe9"\n  as_of: "2024"\n')
    assert check.problems_of(path) == [
        "brief.yaml:2:14: not UTF-8 text (byte 0xe9); save the brief as UTF-8"
    ]


def test_a_nul_byte_is_located(check: Check) -> None:
    path = check.write_bytes(b'meta:\n  title: T\n  summary: "a\x00b"\n  as_of: "2024"\n')
    assert check.problems_of(path) == [
        "brief.yaml:3:14: contains a NUL byte: this is not a text file"
    ]


def test_a_utf8_byte_order_mark_is_accepted(check: Check) -> None:
    path = check.write_bytes("\ufeffmeta:\n  title: Café\n  as_of: '2024'\nactors: 3\n".encode())
    # The mark is dropped before parsing, so line numbers stay those of the text.
    assert check.problems_of(path) == [
        "brief.yaml:4:9: actors: expected a list of mappings such as [{id: jane-doe, name: Jane "
        "Doe, kind: person}] (required: id, name, kind), got an integer 3"
    ]
    path = check.write_bytes("\ufeffmeta:\n  title: Café\n  as_of: '2024'\n".encode())
    assert check.load(path).brief.meta.title == "Café"


def test_windows_line_endings_keep_line_numbers(check: Check) -> None:
    path = check.write_bytes(
        b"meta:\r\n  title: T\r\n  as_of: '2024'\r\n"
        b"actors:\r\n  - id: a\r\n    name: A\r\n    kind: persn\r\n"
    )
    assert check.problems_of(path) == [
        "brief.yaml:7:11: actors[0].kind: a string 'persn' is not allowed (did you mean "
        "'person'?); expected one of: bloc, jurisdiction, organisation, person, state"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_an_empty_file_is_an_empty_brief(check: Check, text: str) -> None:
    assert check.problems(text) == ["brief.yaml:1:1: (document): the brief is empty"]


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("- meta\n- actors\n", "a list"),
        ("just some text\n", "a string 'just some text'"),
        ("42\n", "an integer 42"),
    ],
)
def test_a_brief_must_be_a_mapping(check: Check, text: str, got: str) -> None:
    assert check.problems(text) == [
        "brief.yaml:1:1: (document): a brief must be a mapping such as {meta: {title: Port "
        f'strike, as_of: "2024-04-30"}}}} (required: meta), got {got}'
    ]


def test_a_directory_is_not_a_brief(check: Check) -> None:
    (check.folder / "briefs").mkdir()
    assert check.problems_of(Path("briefs")) == ["briefs: is a directory, not a brief file"]


def test_a_missing_file_is_reported_by_name(check: Check) -> None:
    assert check.problems_of(Path("nowhere.yaml")) == ["nowhere.yaml: no such file"]


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    check: Check, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = check.write(META)
    monkeypatch.setenv("BRIEFCLI_MAX_BYTES", "40")
    assert check.problems_of(path) == [
        f"brief.yaml: is {len(META)} bytes, over the 40-byte limit (BRIEFCLI_MAX_BYTES)"
    ]


def test_an_unsupported_format_is_reported(check: Check) -> None:
    problems = check.problems("format: briefcli/2\n" + META)
    assert problems == [
        "brief.yaml:1:9: format: unsupported format 'briefcli/2'; expected 'briefcli/1'"
    ]


def test_the_format_line_may_be_left_out(check: Check) -> None:
    assert check.load(check.write(META)).brief.format == "briefcli/1"


# ---------------------------------------------------------------- stored source texts


def test_a_stored_text_is_read_relative_to_the_brief_not_the_working_directory(
    check: Check, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    check.write(META + SOURCE_WITH_TEXT.format(text="texts/report.txt"))
    (check.folder / "texts").mkdir()
    (check.folder / "texts" / "report.txt").write_text("The port is closed.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    loaded, problems = loader.check_files([check.folder / "brief.yaml"])
    assert problems == []
    assert loaded is not None and loaded.brief.sources[0].text == "texts/report.txt"


def test_a_missing_stored_text_is_reported_at_its_source(check: Check) -> None:
    problems = check.problems(META + SOURCE_WITH_TEXT.format(text="report.txt"))
    assert problems == [
        "brief.yaml:9:11: sources[0].text: stored text 'report.txt' not found "
        f"(looked in {check.folder.resolve()})"
    ]


@pytest.mark.parametrize("escape", ["../outside.txt", "texts/../../outside.txt"])
def test_a_stored_text_outside_the_brief_folder_is_refused(check: Check, escape: str) -> None:
    (check.folder / "inner").mkdir()
    (check.folder / "outside.txt").write_text(
        "secret\n", encoding="utf-8"
    )  # it exists: refused anyway
    check.write(META + SOURCE_WITH_TEXT.format(text=escape), name="inner/brief.yaml")
    assert check.problems_of(Path("inner/brief.yaml")) == [
        f"inner/brief.yaml:9:11: sources[0].text: '{escape}' must be a path inside the "
        "brief's folder"
    ]


def test_an_absolute_stored_text_path_is_refused(check: Check) -> None:
    absolute = check.folder / "report.txt"
    absolute.write_text(
        "The port is closed.\n", encoding="utf-8"
    )  # inside the folder, yet absolute
    problems = check.problems(META + SOURCE_WITH_TEXT.format(text=absolute))
    assert problems == [
        f"brief.yaml:9:11: sources[0].text: '{absolute}' must be a path inside the brief's folder"
    ]


def test_a_symbolic_link_out_of_the_brief_folder_is_refused(check: Check) -> None:
    (check.folder / "inner").mkdir()
    (check.folder / "outside.txt").write_text("secret\n", encoding="utf-8")
    (check.folder / "inner" / "report.txt").symlink_to(check.folder / "outside.txt")
    check.write(META + SOURCE_WITH_TEXT.format(text="report.txt"), name="inner/brief.yaml")
    assert check.problems_of(Path("inner/brief.yaml")) == [
        "inner/brief.yaml:9:11: sources[0].text: 'report.txt' must be a path inside the "
        "brief's folder"
    ]


def test_a_stored_text_that_is_not_utf8_is_reported(check: Check) -> None:
    (check.folder / "report.txt").write_bytes(b"caf\xe9\n")
    problems = check.problems(META + SOURCE_WITH_TEXT.format(text="report.txt"))
    assert len(problems) == 1
    assert problems[0].startswith(
        "brief.yaml:9:11: sources[0].text: cannot read stored text 'report.txt': "
    )


def test_a_stored_text_may_start_with_a_byte_order_mark(check: Check) -> None:
    (check.folder / "report.txt").write_bytes("\ufeffThe port is closed.\n".encode())
    path = check.write(
        META
        + SOURCE_WITH_TEXT.format(text="report.txt")
        + "claims:\n  - id: c\n    statement: S\n    source: paper\n    credibility: 2\n"
        "    excerpt: The port is closed.\n"
    )
    assert check.load(path).excerpts_checked == 1


# ---------------------------------------------------------------- several files, one brief

FIRST = """\
meta:
  title: First file
  as_of: "2024-03-15"
sources:
  - id: paper
    name: The Courier
    kind: outlet
    reliability: B
    text: report.txt
actors:
  - id: grace-okafor
    name: Grace Okafor
    kind: person
"""

SECOND = """\
meta:
  title: Second file
  as_of: "2020"
actors:
  - id: hdwu
    name: HDWU
    kind: organisation
relations:
  - id: r-leads
    subject: grace-okafor
    type: leads
    object: hdwu
claims:
  - id: c-stay-out
    statement: The union stays out.
    source: paper
    credibility: 2
    excerpt: stay out
"""


def test_merged_files_form_one_brief_under_the_first_files_meta(check: Check) -> None:
    (check.folder / "part2").mkdir()
    first = check.write(FIRST, report="members would stay out until")
    second = check.write(SECOND, name="part2/brief.yaml")
    loaded = check.load(first, second)
    assert loaded.brief.meta.title == "First file"
    assert [actor.id for actor in loaded.brief.actors] == ["grace-okafor", "hdwu"]
    assert loaded.files == [first, second]
    # The claim of the second file is checked against the text stored beside the first file.
    assert loaded.excerpts_checked == 1


def test_an_excerpt_is_checked_against_the_text_beside_the_file_defining_its_source(
    check: Check,
) -> None:
    (check.folder / "part2").mkdir()
    first = check.write(FIRST, report="members would walk out")
    second = check.write(SECOND, name="part2/brief.yaml")
    assert check.problems_of(first, second) == [
        "part2/brief.yaml:18:14: claims[0].excerpt: excerpt not found in the text of source "
        "'paper'; closest, line 1: \"walk out\""
    ]


def test_ids_must_be_unique_across_merged_files(check: Check) -> None:
    first = check.write(FIRST, report="stay out")
    second = check.write(
        SECOND
        + "  - id: grace-okafor\n    statement: S\n    source: paper\n    credibility: 3\n"
        + "    excerpt: stay out\n",
        name="second.yaml",
    )
    assert check.problems_of(first, second) == [
        "second.yaml:19:9: claims[1].id: duplicate id 'grace-okafor': already used by actors[0] "
        "in brief.yaml:11:9"
    ]


def test_each_file_reports_its_own_problems_with_its_own_name(check: Check) -> None:
    first = check.write(FIRST.replace("kind: person", "kind: persn"), report="stay out")
    second = check.write(SECOND.replace("object: hdwu", "object: hdwu2"), name="second.yaml")
    missing = Path("third.yaml")
    assert check.problems_of(first, second, missing) == [
        "brief.yaml:13:11: actors[0].kind: a string 'persn' is not allowed (did you mean "
        "'person'?); expected one of: bloc, jurisdiction, organisation, person, state",
        "second.yaml:12:13: relations[0].object: unknown actor id 'hdwu2' (did you mean 'hdwu'?)",
        "third.yaml: no such file",
    ]


def test_load_contents_raises_with_every_problem(check: Check) -> None:
    raw = textwrap.dedent(
        META + "actors:\n  - id: a\n    kind: person\n  - id: B\n    name: B\n    kind: person\n"
    ).encode()
    with pytest.raises(BriefError) as caught:
        loader.load_contents([Path("brief.yaml")], [raw])
    assert [str(problem) for problem in caught.value.problems] == [
        "brief.yaml:5:5: actors[0]: missing required field 'name'",
        "brief.yaml:7:9: actors[1].id: 'B' is not a valid id: use lowercase letters, digits "
        "and - _ . :",
    ]
    assert str(caught.value) == "brief.yaml:5:5: actors[0]: missing required field 'name'"


# ---------------------------------------------------------------- through the command line


def test_validate_accepts_the_bundled_brief_by_default() -> None:
    code, out, err = invoke("validate")
    assert (code, err) == (0, ""), out
    assert re.fullmatch(
        r"the bundled brief: ok: \d+ actors, \d+ relations, \d+ events, "
        r"(\d+) claims \((\d+) excerpts checked against source texts\), \d+ sources, "
        r"\d+ places, \d+ notes\n",
        out,
    )


def test_validate_accepts_the_harbour_brief() -> None:
    code, out, err = invoke("validate", str(SECOND_BRIEF))
    assert (code, err) == (0, "")
    assert out == (
        f"{SECOND_BRIEF}: ok: 14 actors, 11 relations, 7 events, 13 claims (13 excerpts checked "
        "against source texts), 4 sources, 4 places, 5 notes\n"
    )


def test_validate_runs_no_garbage_collection_while_it_holds_the_checked_brief(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A collection then could free nothing and would walk every object of the parsed brief.
    from briefcli.cli import checks

    collections: list[int] = []
    holding = False
    real_check_files, real_checked = loader.check_files, checks._checked

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and holding:
            collections.append(info["generation"])

    def check_files(*args: Any) -> Any:
        nonlocal holding
        result = real_check_files(*args)
        holding = True
        return result

    def checked(*args: Any) -> Any:
        nonlocal holding
        try:
            return real_checked(*args)
        finally:
            holding = False

    monkeypatch.setattr(loader, "check_files", check_files)
    monkeypatch.setattr(checks, "_checked", checked)
    thresholds = gc.get_threshold()
    gc.callbacks.append(record)
    gc.set_threshold(1, 1, 1)  # any allocation collects while the collector runs
    try:
        code, out, _ = invoke("validate", str(SECOND_BRIEF))
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(record)

    assert (code, collections) == (0, [])
    assert ": ok: 14 actors, 11 relations" in out


def test_validate_uses_the_brief_options_and_merges_them(check: Check) -> None:
    first = check.write(FIRST, report="members would stay out")
    second = check.write(SECOND, name="second.yaml")
    code, out, err = invoke("--brief", str(first), "--brief", str(second), "validate")
    assert (code, err) == (0, "")
    assert out == (
        "brief.yaml, second.yaml: ok: 2 actors, 1 relations, 0 events, 1 claims (1 excerpts "
        "checked against source texts), 1 sources, 0 places, 0 notes\n"
    )


def test_validate_prints_every_problem_and_exits_3(check: Check) -> None:
    path = check.write(
        META
        + """\
actors:
  - id: a
    name: A
    kind: persn
  - id: a
    name: B
    kind: person
relations:
  - id: r
    subject: a
    type: leads
    object: nobody
"""
    )
    code, out, err = invoke("validate", str(path))
    assert code == 3
    assert out.splitlines() == [
        "brief.yaml:7:11: actors[0].kind: a string 'persn' is not allowed (did you mean "
        "'person'?); expected one of: bloc, jurisdiction, organisation, person, state",
        "brief.yaml:15:13: relations[0].object: unknown actor id 'nobody'",
    ]
    assert err == "briefcli: error: 2 problem(s) found\n"


def test_validate_exits_3_on_a_missing_file(check: Check) -> None:
    code, out, err = invoke("validate", "nowhere.yaml")
    assert (code, out, err) == (
        3,
        "nowhere.yaml: no such file\n",
        "briefcli: error: 1 problem(s) found\n",
    )


def test_validate_shows_control_characters_from_the_brief_as_escapes(check: Check) -> None:
    path = check.write(
        META + 'actors:\n  - id: a\n    name: A\n    kind: person\n    "\\e[31mred": x\n'
    )
    code, out, _ = invoke("validate", str(path))
    assert code == 3
    assert "\x1b" not in out
    assert out.startswith("brief.yaml:8:5: actors[0].\\x1b[31mred: unknown field; allowed: ")


# ---------------------------------------------------------------- the format reference

FORMAT_DOC = ROOT / "docs" / "brief-format.md"


def test_the_name_rules_example_of_the_format_reference_is_a_valid_brief_they_apply_to(
    check: Check,
) -> None:
    section = FORMAT_DOC.read_text(encoding="utf-8").split("#### Name rules (`meta.names`)")[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example is not None
    loaded = check.load(check.write(example[1]))
    assert loaded.brief.meta.names is not None and loaded.brief.meta.names.titles
    # the sentence after the example says what the rules find
    typed = re.search(r"`briefcli actor \"([^\"]+)\"` finds", section)
    assert typed is not None
    found = loaded.index.names.resolve(typed[1])
    assert found.actor is not None and found.actor.id == "mukul-sangma"
    assert found.spelled_as is None


# An example of the events section: a YAML block of events, and the prose after it.
_EVENTS_EXAMPLE = re.compile(r"```yaml\n(events:\n.*?)```(.*?)(?=```|\Z)", re.DOTALL)


def test_the_format_reference_s_event_examples_are_valid_and_ordered_as_it_says(
    check: Check,
) -> None:
    section = FORMAT_DOC.read_text(encoding="utf-8").split("### `events`")[1]
    section = section.split("\n### ")[0]
    examples = _EVENTS_EXAMPLE.findall(section)
    assert examples, "no YAML example of events in the events section"
    for number, (events, prose) in enumerate(examples):
        meta = 'meta:\n  title: Example\n  as_of: "2024-06-10"\n'
        loaded = check.load(check.write(meta + events, name=f"example-{number}.yaml"))
        said = re.search(r"the timeline reads (.*?):", prose, re.DOTALL)
        if said is not None:
            index = loaded.index
            order = [index.events.at(position).id for position in index.chronological]
            assert order == re.findall(r"`([^`]+)`", said.group(1))


def test_the_worked_example_of_the_format_reference_is_a_valid_brief(check: Check) -> None:
    example = FORMAT_DOC.read_text(encoding="utf-8").split("## 10. A complete worked example")[1]
    blocks = dict(re.findall(r"```(text|yaml)\n(.*?)```", example, re.DOTALL))
    (check.folder / "sources").mkdir()
    (check.folder / "sources" / "ferry-report.txt").write_text(blocks["text"], encoding="utf-8")
    loaded = check.load(check.write(blocks["yaml"], name="ferry.yaml"))
    brief = loaded.brief
    assert loaded.excerpts_checked == len(brief.claims) == 3
    assert all(getattr(brief, section) for section in SECTIONS)
    assert brief.meta.key_judgments and brief.meta.gaps
