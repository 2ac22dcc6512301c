"""Property-based: generated valid briefs, full of arbitrary Unicode (controls, bidi, markup,
emoji codes; never surrogates), go through every command in every format. Nothing raises,
data formats parse and keep the text, and no raw control character reaches a terminal.

Also: arbitrary text or bytes given as a brief file end in exit code 0 or 3, never a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hostile_support import (
    FORMATS,
    Outcome,
    assert_inert,
    parse_located,
    run,
    time_limit,
    write_json,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcli.brief.dates import parse_edtf, time_seconds
from briefcli.brief.model import ActorKind, RelationType
from briefcli.exitcodes import ExitCode

HOSTILE_PIECES = [
    "[red]x[/red]",
    "[link=http://evil.example]x[/link]",
    ":smile:",
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b]8;;http://evil.example\x1b\\text\x1b]8;;\x1b\\",
    "\x07",
    "\x08",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x7f",
    "\x9b",
    "\x85",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200f",
    "\u2028",
    "\ufeff",
    "\\",
    "|",
    "*_`#",
    "- ",
    '",\n',
]

# Arbitrary Unicode without surrogates (a brief is UTF-8 text, which cannot hold them).
_ANY_CHARACTER = st.characters(codec="utf-8")
_PIECE = st.one_of(
    st.text(_ANY_CHARACTER, min_size=1, max_size=12),
    st.sampled_from(HOSTILE_PIECES),
    st.text(st.characters(max_codepoint=0x2070, codec="utf-8"), max_size=6),
)
TEXT = st.lists(_PIECE, min_size=1, max_size=4).map("".join).filter(bool)

# Every value the format allows, straight from the model.
ACTOR_KINDS = list(get_args(ActorKind))
RELATION_TYPES = list(get_args(RelationType))


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """A valid restricted-EDTF date: a day, month or year, maybe qualified, maybe a range."""

    def one(day: dt.date) -> str:
        precision = draw(st.sampled_from(["year", "month", "day"]))
        text = {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]
        return text + draw(st.sampled_from(["", "", "?", "~", "%"]))

    first = draw(st.dates(dt.date(1000, 1, 1), dt.date(2998, 12, 31)))
    if draw(st.booleans()):
        return one(first)
    # A later year: an end written as a coarser date (`2000-02/2000`) must not begin before
    # the start, which the brief format refuses.
    second = draw(st.dates(dt.date(first.year + 1, 1, 1), dt.date(2999, 12, 31)))
    return f"{one(first)}/{one(second)}"


@st.composite
def briefs(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A valid brief as data, and the stored source text its claims quote."""
    actor_ids = [f"a-{n}" for n in range(draw(st.integers(1, 5)))]
    actors = []
    for actor_id in actor_ids:
        actor: dict[str, Any] = {
            "id": actor_id,
            "name": draw(TEXT),
            "kind": draw(st.sampled_from(ACTOR_KINDS)),
        }
        if draw(st.booleans()):
            actor["aliases"] = [
                {"name": draw(TEXT), "form": "nickname", "note": draw(TEXT)}
                for _ in range(draw(st.integers(1, 2)))
            ]
        if draw(st.booleans()):
            actor["description"] = draw(TEXT)
            actor["type"] = draw(TEXT)
        if draw(st.booleans()):
            actor["roles"] = [{"title": draw(TEXT), "of": draw(st.sampled_from(actor_ids))}]
        actors.append(actor)

    relations = []
    if len(actor_ids) > 1:
        for number in range(draw(st.integers(0, 6))):
            subject, obj = draw(st.permutations(actor_ids))[:2]
            relations.append(
                {
                    "id": f"r-{number}",
                    "subject": subject,
                    "type": draw(st.sampled_from(RELATION_TYPES)),
                    "object": obj,
                    "description": draw(TEXT),
                }
            )

    claim_count = draw(st.integers(0, 3))
    excerpts = [f"quoted passage {n}: {draw(TEXT)}" for n in range(claim_count)]
    stored = "Report. " + "".join(f"{draw(TEXT)} {excerpt} " for excerpt in excerpts) + "End."

    event_ids = [f"e-{n}" for n in range(draw(st.integers(0, 3)))]
    claim_ids = [f"c-{n}" for n in range(claim_count)]
    event_dates = [draw(edtf_dates()) for _ in event_ids]
    events: list[dict[str, Any]] = [
        {
            "id": event_id,
            "kind": "meeting",
            "title": draw(TEXT),
            "summary": draw(TEXT),
            "date": {"value": value, "phrase": draw(TEXT), "reasoning": draw(TEXT)},
            "participants": [
                {"actor": actor_id, "note": draw(TEXT)}
                for actor_id in draw(st.lists(st.sampled_from(actor_ids), max_size=3, unique=True))
            ],
            "after": [],
            "before": [],
            "claims": draw(st.lists(st.sampled_from(claim_ids), max_size=2, unique=True))
            if claim_ids
            else [],
        }
        for event_id, value in zip(event_ids, event_dates, strict=True)
    ]
    for event, value in zip(events, event_dates, strict=True):
        if parse_edtf(value).start == parse_edtf(value).end and draw(st.booleans()):
            event["time"] = draw(st.sampled_from(["00:00", "17:00:30", "23:59+05:30", "12:00Z"]))
    # Links from earlier events to later ones only, and only those the dates and times allow:
    # none to an event over before the earliest moment of one it would follow, directly or
    # through others (times compare within a day, in UTC when they have an offset).
    earliest: list[tuple[dt.date, float]] = []
    for number, (event, value) in enumerate(zip(events, event_dates, strict=True)):
        days, seconds = parse_edtf(value), time_seconds(event.get("time"))
        moment = (days.start, -math.inf if seconds is None else seconds)
        latest = (days.end, math.inf if seconds is None else seconds)
        candidates = st.lists(st.integers(0, max(number - 1, 0)), max_size=2, unique=True)
        for earlier in draw(candidates) if number else []:
            if earliest[earlier] > latest:
                continue
            moment = max(moment, earliest[earlier])
            if draw(st.booleans()):
                events[number]["after"].append(event_ids[earlier])
            else:
                events[earlier]["before"].append(event_ids[number])
        earliest.append(moment)
    sources = [
        {"id": "s-0", "name": draw(TEXT), "kind": "outlet", "reliability": "B", "text": "t.txt"},
        {
            "id": "s-1",
            "name": draw(TEXT),
            "kind": "anonymous",
            "reliability": draw(st.sampled_from(list("ABCDEF"))),
            "named": False,
            "via": "s-0",
            "description": draw(TEXT),
        },
    ]
    claims = [
        {
            "id": claim_id,
            "statement": draw(TEXT),
            "source": draw(st.sampled_from(["s-0", "s-1"])),
            "credibility": draw(st.integers(1, 6)),
            "excerpt": excerpt,
            "actors": draw(st.lists(st.sampled_from(actor_ids), max_size=2, unique=True)),
        }
        for claim_id, excerpt in zip(claim_ids, excerpts, strict=True)
    ]
    notes = [
        {
            "id": f"n-{n}",
            "kind": "caveat",
            "text": draw(TEXT),
            "concerns": draw(st.lists(st.sampled_from(actor_ids + claim_ids), max_size=2)),
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    brief = {
        "meta": {"title": draw(TEXT), "as_of": draw(edtf_dates()), "summary": draw(TEXT)},
        "sources": sources,
        "actors": actors,
        "places": [{"id": "p-0", "name": draw(TEXT), "aliases": [{"name": draw(TEXT)}]}],
        "relations": relations,
        "events": events,
        "claims": claims,
        "notes": notes,
    }
    return brief, stored


def _commands(brief: dict[str, Any]) -> list[tuple[list[str], list[str], set[int]]]:
    """Every command: its words, its positional arguments (given after `--`, as a name may
    start with `-`), and the exit codes a correct answer may have."""
    first, last = brief["actors"][0], brief["actors"][-1]
    commands: list[tuple[list[str], list[str], set[int]]] = [
        (["actors"], [], {0}),
        (["actor"], [first["id"]], {0}),
        (["actor"], [first["name"]], {0, ExitCode.NOT_FOUND}),  # may be ambiguous or blank
        (["timeline"], [], {0}),
        (["alignments"], [], {0}),
        (["alignments"], [last["id"]], {0}),
        (["sources"], [], {0}),
        (["search"], ["a"], {0}),
        (["search"], [last["name"]], {0, ExitCode.NOT_FOUND}),  # may fold to nothing
    ]
    if first["id"] != last["id"]:
        commands.append((["trace"], [first["id"], last["id"]], {0, ExitCode.NOT_FOUND}))
    if brief["claims"]:
        commands.append((["sources", "--claim", brief["claims"][-1]["id"]], [], {0}))
    return commands


def _check_data(outcome: Outcome, output_format: str) -> Any:
    """JSON and JSON Lines parse; CSV parses into rows of one length."""
    if output_format == "json":
        return json.loads(outcome.stdout)
    if output_format == "jsonl":
        return [json.loads(line) for line in outcome.stdout.splitlines()]
    rows = list(csv.reader(io.StringIO(outcome.stdout)))
    assert len({len(row) for row in rows}) <= 1, "CSV rows of different lengths"
    return rows


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="briefcli-properties-") as name:
        yield Path(name)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)
@pytest.mark.slow
@given(generated=briefs())
def test_every_command_answers_any_valid_brief_in_every_format(
    folder: Path, generated: tuple[dict[str, Any], str]
) -> None:
    brief, stored = generated
    (folder / "t.txt").write_bytes(stored.encode("utf-8"))
    path = write_json(folder / "brief.yaml", brief)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == brief, "YAML lost the data"

    with time_limit(60):
        validated = run("validate", str(path))
        assert validated.exit_code == 0, validated.stdout + validated.stderr
        assert_inert(validated.stdout + validated.stderr, "validate output")
        for args, positional, allowed in _commands(brief):
            for output_format in FORMATS:
                outcome = run(*args, "--format", output_format, "--", *positional, briefs=[path])
                assert outcome.exit_code in allowed, (args, outcome.exit_code, outcome.stderr)
                assert_inert(outcome.stderr, "stderr")
                if outcome.exit_code != 0:
                    continue
                if output_format in ("table", "markdown", "csv"):
                    assert_inert(outcome.stdout, f"{' '.join(args)} --format {output_format}")
                if output_format != "table" and output_format != "markdown":
                    answer = _check_data(outcome, output_format)
                    if args == ["actors"] and output_format == "json":
                        names = sorted(row["name"] for row in answer)
                        assert names == sorted(a["name"] for a in brief["actors"])
                    if args == ["timeline"] and output_format == "jsonl":
                        assert sorted(e["id"] for e in answer) == sorted(
                            e["id"] for e in brief["events"]
                        )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(content=st.one_of(st.binary(max_size=300), st.text(_ANY_CHARACTER, max_size=300)))
def test_any_file_content_ends_in_an_answer_or_one_located_error(
    folder: Path, content: bytes | str
) -> None:
    path = folder / "fuzzed.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    with time_limit(20):
        outcome = run("actors", "--json", briefs=[path])
    assert outcome.exit_code in (0, ExitCode.INVALID_BRIEF), outcome.stderr
    assert_inert(outcome.stdout + outcome.stderr, "output")
    if outcome.exit_code == 0:
        json.loads(outcome.stdout)
    else:
        (line,) = outcome.stderr.splitlines()
        assert parse_located(line.removeprefix("briefcli: error: ")).file == str(path)
