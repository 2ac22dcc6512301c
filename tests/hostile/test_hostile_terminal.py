"""Terminal attacks through the brief's text: Rich markup, emoji codes, ANSI CSI and OSC
sequences (titles, hyperlinks), other C0/C1 controls and bidi overrides, in every string field
a brief has, through every command and every output format.

What must hold: nothing raw reaches stdout or stderr; people see the hostile text in a visible,
inert form (`\\x1b[31m` as the characters backslash, x, 1, b...); data formats parse and JSON
gives back the exact original strings.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_support import (
    FORMATS,
    HARBOUR,
    SCRIPT,
    Outcome,
    assert_inert,
    json_strings,
    markdown_shown,
    parse_located,
    process_env,
    raw_controls,
    run,
    the_error,
    time_limit,
    visible,
    write_data,
    write_text,
)

from briefcli.exitcodes import ExitCode


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    with time_limit(60):
        yield


PIECES: dict[str, str] = {
    "rich markup": "[red]x[/red]",
    "rich link": "[link=http://evil.example]click[/link]",
    "rich escape": "\\[bold]",
    "emoji code": ":smile:",
    "CSI colour": "\x1b[31m",
    "CSI clear screen": "\x1b[2J",
    "CSI cursor home": "\x1b[H",
    "OSC window title": "\x1b]0;owned\x07",
    "OSC 8 hyperlink": "\x1b]8;;http://evil.example\x1b\\text\x1b]8;;\x1b\\",
    "BEL": "\x07",
    "BS": "\x08",
    "CR": "\r",
    "TAB": "\t",
    "NUL": "\x00",
    "DEL": "\x7f",
    "C1 CSI": "\x9b31m",
    "C1 NEL": "\x85",
    "RLO": "\u202e",
    "LRI RLI FSI PDI": "\u2066\u2067\u2068\u2069",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "zero width": "\u200b\u200d",
    "line separator": "\u2028",
    "BOM": "\ufeff",
}
PAYLOAD = " ".join(PIECES.values())


def hostile(label: str) -> str:
    """A field's text: a label (so the field can be found) around the whole payload."""
    return f"{label} {PAYLOAD} /{label}"


# Raw bytes in the stored source text (not through YAML): the excerpt's context comes from here.
STORED_TEXT = (
    f"Report. {hostile('before')}\r\nTHE EXCERPT {hostile('excerpt')} "
    f"and after it {hostile('after')}\n"
)


def hostile_brief() -> dict[str, Any]:
    """A valid brief with hostile text in every free-text field the format has."""
    return {
        "format": "briefcli/1",
        "meta": {
            "title": hostile("title"),
            "as_of": "2024-01-01",
            "handling": hostile("handling"),
            "authors": [hostile("author")],
            "summary": hostile("summary"),
            "bottom_line": hostile("bottom line"),
            "key_judgments": [
                {
                    "id": "kj-1",
                    "text": hostile("judgment"),
                    "likelihood": "likely",
                    "confidence": "low",
                    "claims": ["c-1"],
                }
            ],
            "gaps": [hostile("gap")],
        },
        "sources": [
            {
                "id": "s-doc",
                "name": hostile("Document"),
                "kind": "outlet",
                "reliability": "B",
                "text": "stored.txt",
                "description": hostile("source description"),
                "url": hostile("url"),
                "language": hostile("language"),
                "published": {
                    "value": "2024-01",
                    "phrase": hostile("published phrase"),
                    "method": "approximate",
                    "reasoning": hostile("published reasoning"),
                },
            },
            {
                "id": "s-anon",
                "name": hostile("Anonymous"),
                "kind": "anonymous",
                "reliability": "C",
                "named": False,
                "via": "s-doc",
                "actor": "a-one",
            },
        ],
        "actors": [
            {
                "id": "a-one",
                "name": hostile("Alpha"),
                "kind": "person",
                "type": hostile("type"),
                "aliases": [
                    {"name": hostile("alias"), "form": "nickname", "note": hostile("note")}
                ],
                "roles": [{"title": hostile("role"), "of": "a-org", "since": "2020"}],
                "status": "detained",
                "status_date": "2023",
                "status_event": "e-1",
                "description": hostile("description"),
            },
            {"id": "a-org", "name": hostile("Organisation"), "kind": "organisation"},
            {"id": "a-bloc", "name": hostile("Bloc"), "kind": "bloc"},
            {"id": "a-state", "name": hostile("State"), "kind": "state"},
            {"id": "a-rival", "name": hostile("Rival"), "kind": "organisation"},
            {"id": "a-alone", "name": hostile("Alone"), "kind": "person"},
        ],
        "places": [
            {
                "id": "p-1",
                "name": hostile("Place"),
                "kind": hostile("place kind"),
                "aliases": [{"name": hostile("place alias")}],
            }
        ],
        "relations": [
            {
                "id": "r-1",
                "subject": "a-one",
                "type": "leads",
                "object": "a-org",
                "claims": ["c-1"],
                "description": hostile("relation description"),
            },
            {"id": "r-2", "subject": "a-org", "type": "member_of", "object": "a-bloc"},
            {"id": "r-3", "subject": "a-org", "type": "backed_by", "object": "a-state"},
            {"id": "r-4", "subject": "a-org", "type": "rival_of", "object": "a-rival"},
            {"id": "r-5", "subject": "a-rival", "type": "allied_with", "object": "a-state"},
        ],
        "events": [
            {
                "id": "e-1",
                "kind": "meeting",
                "title": hostile("Event"),
                "summary": hostile("event summary"),
                "place": "p-1",
                "date": {
                    "value": "2024-01-02",
                    "phrase": hostile("date phrase"),
                    "method": "inferred",
                    "reasoning": hostile("date reasoning"),
                },
                "participants": [
                    {"actor": "a-one", "role": "convener", "note": hostile("participant")},
                    {"actor": "a-org"},
                ],
                "claims": ["c-1"],
            }
        ],
        "claims": [
            {
                "id": "c-1",
                "statement": hostile("statement"),
                "source": "s-anon",
                "credibility": 2,
                "excerpt": f"THE EXCERPT {hostile('excerpt')}",
                "actors": ["a-one", "a-org"],
                "events": ["e-1"],
                "relations": ["r-1"],
            }
        ],
        "notes": [
            {
                "id": "n-1",
                "kind": "caveat",
                "text": hostile("analyst note"),
                "concerns": ["a-one", "c-1"],
            }
        ],
    }


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "stored.txt").write_bytes(STORED_TEXT.encode("utf-8"))
    return write_data(folder / "hostile.yaml", hostile_brief())


def test_the_hostile_brief_is_valid_and_its_payload_reaches_the_model(brief: Path) -> None:
    outcome = run("validate", str(brief))
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "1 excerpts checked" in outcome.stdout
    answered = run("actor", "a-one", "--json", briefs=[brief])
    assert json.loads(answered.stdout)["name"] == hostile("Alpha")


COMMANDS: list[list[str]] = [
    ["actors"],
    ["actors", "--kind", "person"],
    ["actors", "--bloc", "a-bloc"],
    ["actor", "a-one"],
    ["actor", "a-org"],
    ["timeline"],
    ["timeline", "--place", "p-1", "--actor", "a-one"],
    ["alignments"],
    ["alignments", "a-one"],
    ["alignments", "a-org"],
    ["trace", "a-one", "a-rival"],
    ["sources"],
    ["sources", "--source", "s-doc"],
    ["sources", "--claim", "c-1"],
    ["search", "alpha"],
    ["search", "owned"],
    ["search", "red"],
    ["brief"],
]
# Commands that shorten long texts to fit a screen: only the start of the payload is shown.
SUMMARISING = {"brief"}


def _shown_text(outcome: Outcome, output_format: str) -> str:
    """What a person reads: Markdown without its escapes; other formats as they are."""
    return markdown_shown(outcome.stdout) if output_format == "markdown" else outcome.stdout


def _unwrapped(text: str) -> str:
    """Text with all whitespace removed, so that wrapped lines compare equal to unwrapped."""
    return "".join(text.split())


def assert_shown_visibly(shown: str) -> None:
    """The whole payload is there, in visible form (possibly wrapped over lines)."""
    assert _unwrapped(visible(PAYLOAD)) in _unwrapped(shown), "hostile text not shown visibly"


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_hostile_text_reaches_the_terminal_only_in_inert_form(
    brief: Path, args: list[str], output_format: str
) -> None:
    outcome = run(*args, "--format", output_format, briefs=[brief])
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    assert_inert(outcome.stdout, f"stdout of {' '.join(args)} --format {output_format}")
    assert "😄" not in outcome.stdout, "an emoji code was rendered"
    if output_format in ("table", "markdown"):
        shown = _shown_text(outcome, output_format)
        if args[0] in SUMMARISING:
            assert visible("\x1b[31m \x1b[2J") in shown, "hostile text not shown visibly"
        else:
            assert_shown_visibly(shown)
        assert "[red]x[/red]" in shown and ":smile:" in shown
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO(outcome.stdout)))
        assert len({len(row) for row in rows}) == 1, "rows of different lengths"
        assert any(visible(PAYLOAD) in cell for row in rows for cell in row)
    else:
        documents = (
            [json.loads(outcome.stdout)]
            if output_format == "json"
            else [json.loads(line) for line in outcome.stdout.splitlines()]
        )
        strings = [text for document in documents for text in json_strings(document)]
        assert any(PAYLOAD in text for text in strings), "JSON lost the exact hostile text"
        assert not any("\\x1b" in text for text in strings), "JSON holds display escapes"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_piped_tables_of_hostile_text_keep_their_columns(brief: Path, args: list[str]) -> None:
    """Without a terminal, a table is tab-separated rows under its header: no tab or line
    break in a brief's text adds a field or a row (they show as `\x09`, or become spaces)."""
    piped = run(*args, briefs=[brief]).stdout
    for block in piped.split("\n\n"):
        rows = [line for line in block.splitlines() if "\t" in line]
        assert len({row.count("\t") for row in rows}) <= 1, block[:2000]


def _json(brief: Path, *args: str) -> Any:
    outcome = run(*args, "--json", briefs=[brief])
    assert outcome.exit_code == 0, outcome.stderr
    return json.loads(outcome.stdout)


def test_json_gives_back_every_hostile_string_exactly(brief: Path) -> None:
    profile = _json(brief, "actor", "a-one")
    assert profile["name"] == hostile("Alpha")
    assert profile["type"] == hostile("type")
    assert profile["description"] == hostile("description")
    assert profile["aliases"][0] == {
        "name": hostile("alias"),
        "form": "nickname",
        "note": hostile("note"),
    }
    assert profile["roles"][0]["title"] == hostile("role")
    assert profile["roles"][0]["of"]["name"] == hostile("Organisation")
    assert profile["status_event"]["name"] == hostile("Event")
    assert profile["notes"][0]["text"] == hostile("analyst note")
    assert profile["claims"][0]["statement"] == hostile("statement")
    assert profile["claims"][0]["excerpt"] == f"THE EXCERPT {hostile('excerpt')}"
    assert [s["name"] for s in profile["claims"][0]["chain"]] == [
        hostile("Anonymous"),
        hostile("Document"),
    ]
    event = profile["events"][0]
    assert (event["title"], event["place"]["name"]) == (hostile("Event"), hostile("Place"))
    assert event["date"]["phrase"] == hostile("date phrase")
    assert event["date"]["reasoning"] == hostile("date reasoning")

    (entry,) = _json(brief, "timeline")
    assert entry["summary"] == hostile("event summary")
    assert [p["name"] for p in entry["participants"]] == [hostile("Alpha"), hostile("Organisation")]

    detail = _json(brief, "sources", "--claim", "c-1")
    assert detail["claim"]["statement"] == hostile("statement")
    assert detail["document"]["name"] == hostile("Document")
    assert "\x1b]0;owned\x07" in detail["context_before"]
    assert "\x1b[2J" in detail["context_after"]

    lines = run("actors", "--format", "jsonl", briefs=[brief]).stdout.splitlines()
    assert len(lines) == 6, "a record was split over lines (raw U+2028 or CR?)"
    assert {json.loads(line)["name"] for line in lines} == {
        hostile(name) for name in ("Alpha", "Organisation", "Bloc", "State", "Rival", "Alone")
    }


def test_csv_keeps_each_hostile_value_in_its_own_cell(brief: Path) -> None:
    outcome = run("actors", "--format", "csv", briefs=[brief])
    rows = list(csv.DictReader(io.StringIO(outcome.stdout)))
    assert len(rows) == 6
    alpha = next(row for row in rows if row["id"] == "a-one")
    assert alpha["name"] == visible(hostile("Alpha"))
    assert alpha["type"] == visible(hostile("type"))


def test_forced_colour_adds_only_rich_styling_never_the_briefs_escapes(brief: Path) -> None:
    for args in (["actor", "a-one"], ["alignments"], ["sources", "--claim", "c-1"]):
        outcome = run(*args, briefs=[brief], env={"FORCE_COLOR": "1"})
        assert outcome.exit_code == 0, outcome.stderr
        styling = re.compile(r"\x1b\[[0-9;]*m")
        assert styling.search(outcome.stdout), "FORCE_COLOR should colour the output"
        assert_inert(styling.sub("", outcome.stdout), "stdout without Rich's own styling")
        assert_shown_visibly(styling.sub("", outcome.stdout))


@pytest.mark.parametrize("columns", ["20", "45", "80"])
def test_wrapping_to_a_narrow_terminal_never_produces_raw_controls(
    brief: Path, columns: str
) -> None:
    for args in (["actors"], ["actor", "a-one"], ["alignments"], ["trace", "a-one", "a-rival"]):
        outcome = run(*args, briefs=[brief], env={"COLUMNS": columns})
        assert outcome.exit_code == 0, outcome.stderr
        assert_inert(outcome.stdout, f"stdout at {columns} columns")


_CLEAN_COMMANDS = [
    ["actors"],
    ["actor", "hdwu"],
    ["timeline"],
    ["alignments"],
    ["alignments", "meridian"],
    ["trace", "grace-okafor", "emeka-okafor"],
    ["sources"],
    ["sources", "--claim", "c-losses"],
    ["search", "crane"],
    ["brief"],
]
CLEAN_CASES = [
    pytest.param(args, output_format, id=f"{' '.join(args)}-{output_format}")
    for args in _CLEAN_COMMANDS
    for output_format in FORMATS
]


@pytest.mark.parametrize(("args", "output_format"), CLEAN_CASES)
def test_a_brief_without_control_characters_shows_no_escapes(
    args: list[str], output_format: str
) -> None:
    """Visible escapes are for the brief's own control characters, never for line breaks
    or layout the renderers add themselves."""
    outcome = run(*args, "--format", output_format, briefs=[HARBOUR])
    assert outcome.exit_code == 0, outcome.stderr
    found = re.search(r"\\+(x[0-9a-f]{2}|u[0-9a-f]{4})", outcome.stdout)
    assert found is None, outcome.stdout[max(0, found.start() - 60) : found.end() + 20]


# ---------------------------------------------------------------- errors that quote the brief

LOOKUP_FAILURES: list[tuple[list[str], int]] = [
    (["actor", PAYLOAD], ExitCode.NOT_FOUND),
    (["actor", hostile("Alpha") + " typo"], ExitCode.NOT_FOUND),
    (["alignments", PAYLOAD], ExitCode.NOT_FOUND),
    (["trace", "a-one", PAYLOAD], ExitCode.NOT_FOUND),
    (["trace", "a-one", "a-one"], ExitCode.NOT_FOUND),
    (["trace", "a-one", "a-alone"], ExitCode.NOT_FOUND),
    (["timeline", "--place", PAYLOAD], ExitCode.NOT_FOUND),
    (["timeline", "--actor", PAYLOAD], ExitCode.NOT_FOUND),
    (["timeline", "--from", PAYLOAD], ExitCode.USAGE),
    (["sources", "--source", PAYLOAD + " nowhere"], ExitCode.NOT_FOUND),
    (["sources", "--claim", PAYLOAD], ExitCode.NOT_FOUND),
    (["actors", "--bloc", PAYLOAD], ExitCode.NOT_FOUND),
    (["search", "\u2028 \t\u3000"], ExitCode.NOT_FOUND),
]


@pytest.mark.parametrize(
    ("args", "exit_code"), LOOKUP_FAILURES, ids=[str(n) for n in range(len(LOOKUP_FAILURES))]
)
def test_lookup_errors_quote_queries_and_names_inert(
    brief: Path, args: list[str], exit_code: int
) -> None:
    for output_format in FORMATS:
        outcome = run(*args, "--format", output_format, briefs=[brief])
        message = the_error(outcome, exit_code)
        assert message, "an error without a message"


def test_an_ambiguous_hostile_name_lists_the_candidates_inert(tmp_path: Path) -> None:
    data = hostile_brief()
    data["actors"][4]["name"] = hostile("Alpha")
    (tmp_path / "stored.txt").write_bytes(STORED_TEXT.encode("utf-8"))
    path = write_data(tmp_path / "twins.yaml", data)
    message = the_error(run("actor", hostile("Alpha"), briefs=[path]), ExitCode.NOT_FOUND)
    assert "matches 2 actors" in message
    assert visible(hostile("Alpha")) in message


def _invalid_hostile_brief() -> dict[str, Any]:
    data = hostile_brief()
    data["meta"][PAYLOAD] = "an unknown key that is itself hostile"
    data["actors"][0]["kind"] = hostile("kind")
    data["actors"][1]["id"] = hostile("id")
    data["relations"][0]["object"] = "ok-id-" + "x" * 10
    data["relations"][1]["since"] = hostile("date")
    data["events"][0]["participants"][0]["role"] = PAYLOAD
    data["claims"][0]["credibility"] = PAYLOAD
    data["sources"][0]["text"] = "missing-" + "\x1b[2J" + ".txt"
    data[hostile("section")] = []
    return data


def test_validate_shows_an_invalid_hostile_brief_inert_one_problem_per_line(
    tmp_path: Path,
) -> None:
    path = write_data(tmp_path / "invalid.yaml", _invalid_hostile_brief())
    outcome = run("validate", str(path))
    assert outcome.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(outcome.stdout + outcome.stderr, "validate output")
    problems = outcome.stdout.splitlines()
    assert len(problems) >= 8
    for problem in problems:
        located = parse_located(problem)
        assert located.file == str(path)
    assert any(visible("[red]x[/red] [link=") in problem for problem in problems)
    for args in (["actors"], ["actor", "a-one"], ["sources", "--claim", "c-1"]):
        for output_format in FORMATS:
            refused = run(*args, "--format", output_format, briefs=[path])
            assert parse_located(the_error(refused, ExitCode.INVALID_BRIEF)).file == str(path)


def test_a_hostile_file_name_is_shown_inert(tmp_path: Path) -> None:
    name = "brief \x1b]0;owned\x07 \x1b[2J \u202eegassem.yaml"
    folder = tmp_path / "dir\x1b[31m"
    folder.mkdir()
    (folder / "stored.txt").write_bytes(STORED_TEXT.encode("utf-8"))
    path = write_data(folder / name, hostile_brief())
    valid = run("validate", str(path))
    assert valid.exit_code == 0, valid.stdout + valid.stderr
    assert_inert(valid.stdout, "validate output")
    assert visible(str(path)) in valid.stdout
    broken = write_text(folder / f"broken {name}", "meta: [\n")
    missing = folder / f"missing {name}"
    for path_shown in (broken, missing):
        message = the_error(run("actors", briefs=[path_shown]), ExitCode.INVALID_BRIEF)
        assert message.startswith(visible(str(path_shown)) + ":")


USAGE_ERRORS = [
    pytest.param(["actors", "--status", PAYLOAD], id="bad-choice"),
    pytest.param(["actors", "--format", PAYLOAD], id="bad-format"),
    pytest.param(["actors", f"--{PAYLOAD}"], id="unknown-option-with-equals"),
    pytest.param(["actors", PAYLOAD], id="extra-argument"),
    pytest.param(["actors", "--x\u202e\u2066y"], id="unknown-option"),
    pytest.param([PAYLOAD], id="unknown-command"),
    pytest.param(["trace", "a-one", "a-org", "--max-hops", PAYLOAD], id="bad-integer"),
    pytest.param(["search", "x", "--limit", PAYLOAD], id="bad-limit"),
]


@pytest.mark.parametrize("args", USAGE_ERRORS)
def test_usage_errors_quote_hostile_arguments_inert(brief: Path, args: list[str]) -> None:
    outcome = run(*args, briefs=[brief])
    assert outcome.exit_code == ExitCode.USAGE
    assert_inert(outcome.stdout + outcome.stderr, "usage error")


# ---------------------------------------------------------------- export and diff


@pytest.mark.parametrize("target", ["markdown", "mermaid", "dot", "stix", "graphml"])
def test_export_to_standard_output_is_inert(brief: Path, target: str) -> None:
    outcome = run("export", "-", "--to", target, briefs=[brief])
    assert outcome.exit_code == 0, outcome.stderr
    assert_inert(outcome.stdout + outcome.stderr, f"export --to {target}")


@pytest.mark.parametrize("output_format", FORMATS)
def test_diff_of_hostile_briefs_is_inert(brief: Path, tmp_path: Path, output_format: str) -> None:
    changed = hostile_brief()
    changed["actors"][0]["name"] = hostile("Changed")
    (tmp_path / "stored.txt").write_bytes(STORED_TEXT.encode("utf-8"))
    later = write_data(tmp_path / "later.yaml", changed)
    outcome = run("diff", str(brief), str(later), "--format", output_format)
    assert outcome.exit_code == ExitCode.NOT_FOUND, outcome.stderr  # 1: the briefs differ
    assert_inert(outcome.stdout + outcome.stderr, "diff output")
    assert not raw_controls(outcome.stdout)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("output_format", ["table", "json", "csv"])
def test_output_to_a_stream_that_is_not_utf8_degrades_to_escapes(
    tmp_path: Path, encoding: str, output_format: str
) -> None:
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        'meta: {title: Mopti talks, as_of: "2024"}\n'
        "actors:\n  - {id: maiga, name: Choguel Kokalla Maïga — 总理, kind: person}\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [str(SCRIPT), "--brief", str(brief), "actors", "--format", output_format],
        capture_output=True,
        env=process_env(PYTHONIOENCODING=encoding),
        timeout=60,
    )

    assert completed.returncode == ExitCode.OK, completed.stderr
    assert completed.stderr == b""
    assert b"\\u603b\\u7406" in completed.stdout  # 总理, which neither encoding has
