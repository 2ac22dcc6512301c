"""Briefs that are valid YAML but wrong as briefs: references to nothing, repeated ids (also
across merged files), relations to oneself, impossible dates, unknown grades; and briefs that
are right but tangled (cycles of relations), which every command must still answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_support import (
    FORMATS,
    assert_inert,
    assert_located,
    harbour_data,
    harbour_text,
    line_at,
    located_error,
    parse_located,
    position,
    process_env,
    replace_line,
    run,
    run_process,
    set_at,
    time_limit,
    with_harbour_report,
    write_data,
    write_text,
)

from briefcli.exitcodes import ExitCode


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    with time_limit(60):
        yield


def _write_changed(folder: Path, steps: tuple[str | int, ...], value: Any) -> tuple[Path, int]:
    """The example brief with one value changed; returns the file and that value's line."""
    with_harbour_report(folder)
    data = harbour_data()
    set_at(data, steps, value)
    path = write_data(folder / "changed.yaml", data)
    return path, line_at(path.read_text(encoding="utf-8"), steps)


def _field(steps: tuple[str | int, ...]) -> str:
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


# ---------------------------------------------------------------- references to nothing

_HARBOUR = harbour_data()
_ACTOR = position(_HARBOUR, "actors", "grace-okafor")
_SOURCE = position(_HARBOUR, "sources", "src-lindqvist")
_EVENT = position(_HARBOUR, "events", "e-walkout")
_CITING = position(_HARBOUR, "claims", "c-stay-out")  # names actors, events and relations

DANGLING: list[tuple[tuple[str | int, ...], str]] = [
    (("meta", "key_judgments", 0, "claims", 0), "claim"),
    (("sources", _SOURCE, "via"), "source"),
    (("sources", _SOURCE, "actor"), "actor"),
    (("actors", _ACTOR, "roles", 0, "of"), "actor"),
    (("actors", _ACTOR, "status_event"), "event"),
    (("actors", _ACTOR, "country"), "actor"),
    (("places", 0, "country"), "actor"),
    (("relations", 0, "subject"), "actor"),
    (("relations", 0, "object"), "actor"),
    (("relations", 0, "claims", 0), "claim"),
    (("events", _EVENT, "place"), "place"),
    (("events", _EVENT, "participants", 0, "actor"), "actor"),
    (("events", _EVENT, "claims", 0), "claim"),
    (("events", _EVENT, "after", 0), "event"),
    (("claims", _CITING, "source"), "source"),
    (("claims", _CITING, "actors", 0), "actor"),
    (("claims", _CITING, "events", 0), "event"),
    (("claims", _CITING, "relations", 0), "relation"),
    (("notes", 0, "concerns", 0), ""),
]


@pytest.mark.parametrize(("steps", "kind"), DANGLING, ids=[_field(s) for s, _ in DANGLING])
def test_a_reference_to_nothing_is_exit_3_at_its_line_and_field(
    tmp_path: Path, steps: tuple[str | int, ...], kind: str
) -> None:
    path, line = _write_changed(tmp_path, steps, "nowhere-to-be-found")
    outcome = run("actors", briefs=[path])
    message = f"unknown {kind} id 'nowhere-to-be-found'" if kind else "'nowhere-to-be-found'"
    assert_located(outcome, path, line, _field(steps), message)


def test_a_reference_to_the_wrong_kind_of_record_is_exit_3(tmp_path: Path) -> None:
    steps: tuple[str | int, ...] = ("relations", 0, "subject")
    path, line = _write_changed(tmp_path, steps, "e-walkout")
    outcome = run("actors", briefs=[path])
    assert_located(outcome, path, line, _field(steps), "'e-walkout' is a")


def test_validate_lists_every_dangling_reference_each_on_its_own_located_line(
    tmp_path: Path,
) -> None:
    with_harbour_report(tmp_path)
    data = harbour_data()
    for number, (steps, _) in enumerate(DANGLING):
        set_at(data, steps, f"nowhere-{number}")
    path = write_data(tmp_path / "many.yaml", data)
    text = path.read_text(encoding="utf-8")
    outcome = run("validate", str(path))
    assert outcome.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(outcome.stdout + outcome.stderr, "validate output")
    reported = {(p.line, p.field) for p in map(parse_located, outcome.stdout.splitlines())}
    for steps, _ in DANGLING:
        assert (line_at(text, steps), _field(steps)) in reported, steps


# ---------------------------------------------------------------- repeated ids


def test_a_repeated_actor_id_is_exit_3_at_the_second_one(tmp_path: Path) -> None:
    with_harbour_report(tmp_path)
    text, line = replace_line(harbour_text(), "- id: usf", "- id: hdwu")
    path = write_text(tmp_path / "dup.yaml", text)
    assert_located(
        run("actors", briefs=[path]),
        path,
        line,
        "actors[1].id",
        "duplicate id 'hdwu': already used by actors[0]",
    )


def test_an_id_repeated_across_sections_is_exit_3(tmp_path: Path) -> None:
    with_harbour_report(tmp_path)
    text, line = replace_line(harbour_text(), "- id: e-march", "- id: hdwu")
    text = text.replace("[e-march]", "[e-talks-collapse]")
    text = text.replace("after: [e-talks-collapse]\n    claims: [c-march]", "")
    path = write_text(tmp_path / "dup.yaml", text)
    error = located_error(run("actors", briefs=[path]))
    assert (error.line, error.field) == (line, f"events[{_HARBOUR_EVENT_MARCH}].id")
    assert "duplicate id 'hdwu'" in error.message


_HARBOUR_EVENT_MARCH = position(_HARBOUR, "events", "e-march")

SECOND_FILE = """\
meta:
  title: a second file
  as_of: "2024"
actors:
  - id: newcomer
    name: Newcomer
    kind: person
  - id: meridian
    name: Another Meridian
    kind: organisation
"""


def test_an_id_repeated_across_merged_briefs_is_exit_3_in_the_later_file(tmp_path: Path) -> None:
    with_harbour_report(tmp_path)
    first = write_text(tmp_path / "first.yaml", harbour_text())
    second = write_text(tmp_path / "second.yaml", SECOND_FILE)
    outcome = run("actors", briefs=[first, second])
    error = assert_located(
        outcome, second, 8, "actors[1].id", "duplicate id 'meridian': already used by actors["
    )
    line = harbour_text().splitlines().index("  - id: meridian") + 1
    assert error.message.endswith(f" in {first}:{line}:9")  # both places named
    validated = run("validate", str(first), str(second))
    assert validated.exit_code == ExitCode.INVALID_BRIEF
    assert validated.stdout.splitlines() == [f"{second}:8:9: {error.field}: {error.message}"]


def test_merged_briefs_without_repeats_answer_together(tmp_path: Path) -> None:
    with_harbour_report(tmp_path)
    first = write_text(tmp_path / "first.yaml", harbour_text())
    second = write_text(tmp_path / "second.yaml", SECOND_FILE.replace("id: meridian", "id: m2"))
    outcome = run("actors", "--json", briefs=[first, second])
    assert outcome.exit_code == 0, outcome.stderr
    assert {"newcomer", "m2", "meridian"} <= {row["id"] for row in json.loads(outcome.stdout)}


def test_the_same_file_given_twice_is_every_id_repeated(tmp_path: Path) -> None:
    with_harbour_report(tmp_path)
    path = write_text(tmp_path / "brief.yaml", harbour_text())
    error = located_error(run("actors", briefs=[path, path]))
    assert error.file == str(path)
    assert "duplicate id" in error.message


# ---------------------------------------------------------------- relations to oneself


def test_a_relation_of_an_actor_to_itself_is_exit_3(tmp_path: Path) -> None:
    steps: tuple[str | int, ...] = ("relations", 0, "object")
    subject = _HARBOUR["relations"][0]["subject"]
    path, line = _write_changed(tmp_path, steps, subject)
    outcome = run("actors", briefs=[path])
    assert_located(outcome, path, line, _field(steps), f"relation of {subject!r} to itself")


def test_a_source_chain_that_loops_is_exit_3_and_does_not_hang(tmp_path: Path) -> None:
    steps: tuple[str | int, ...] = ("sources", 0, "via")
    path, line = _write_changed(tmp_path, steps, "src-council-official")
    outcome = run("actors", briefs=[path])
    assert_located(outcome, path, line, "sources[0].via", "loops back on itself")


def _sources(count: int, via: dict[int, int]) -> dict[str, Any]:
    """A brief of `count` sources; `via` maps a source's number to the one it came through."""
    return {
        "meta": {"title": "Sources", "as_of": "2024"},
        "sources": [
            {"id": f"s-{n}", "name": f"Source {n}", "kind": "outlet", "reliability": "B"}
            | ({"via": f"s-{via[n]}"} if n in via else {})
            for n in range(count)
        ],
    }


def test_a_loop_of_sources_is_reported_once_at_its_first_source(tmp_path: Path) -> None:
    # s-0 and s-6 lead into the loop s-2 -> s-3 -> s-4 -> s-5 -> s-2, whose first is s-2.
    via = {0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 2, 6: 4}
    path = write_data(tmp_path / "loop.yaml", _sources(7, via))
    outcome = run("validate", str(path))
    assert outcome.exit_code == ExitCode.INVALID_BRIEF
    (problem,) = outcome.stdout.splitlines()
    located = parse_located(problem)
    assert located.field == "sources[2].via"
    assert located.line == line_at(path.read_text(encoding="utf-8"), ("sources", 2, "via"))
    assert located.message.endswith("s-2 -> s-3 -> s-4 -> s-5 -> s-2")


def test_a_long_chain_of_sources_loads_within_seconds(tmp_path: Path) -> None:
    path = write_data(tmp_path / "chain.yaml", _sources(3000, {n: n + 1 for n in range(2999)}))
    completed = run_process(
        ["validate", str(path)], env=process_env(BRIEFCLI_NO_CACHE="1"), timeout=6
    )
    assert completed.returncode == 0, completed.stderr


# ---------------------------------------------------------------- cycles that are allowed


def _actor(actor_id: str, kind: str = "organisation") -> dict[str, Any]:
    return {"id": actor_id, "name": actor_id.replace("-", " ").title(), "kind": kind}


def _relation(subject: str, kind: str, obj: str) -> dict[str, Any]:
    return {"id": f"r-{subject}-{kind}-{obj}", "subject": subject, "type": kind, "object": obj}


def _tangled() -> dict[str, Any]:
    """Every kind of loop the model allows between distinct actors (events may not loop: see
    test_events_that_follow_each_other_in_a_loop_are_refused_with_the_loop_named)."""
    relations = [
        _relation("alpha", "backed_by", "beta"),
        _relation("beta", "backed_by", "gamma"),
        _relation("gamma", "backed_by", "alpha"),
        _relation("alpha", "allied_with", "beta"),
        _relation("beta", "allied_with", "alpha"),
        _relation("alpha", "rival_of", "gamma"),
        _relation("gamma", "rival_of", "alpha"),
        _relation("alpha", "member_of", "beta"),
        _relation("beta", "member_of", "alpha"),
        _relation("alpha", "member_of", "bloc-one"),
        _relation("bloc-one", "member_of", "bloc-two"),
        _relation("bloc-two", "member_of", "bloc-one"),
        _relation("boss", "leads", "alpha"),
        _relation("alpha", "leads", "boss"),
        _relation("boss", "loyal_to", "gamma"),
        _relation("gamma", "hostile_to", "boss"),
        _relation("lonely", "rival_of", "far-away"),
    ]
    boss = _actor("boss", "person") | {"roles": [{"title": "Chief", "of": "alpha"}]}
    return {
        "meta": {"title": "Tangled", "as_of": "2024"},
        "actors": [
            _actor("alpha"),
            _actor("beta"),
            _actor("gamma"),
            _actor("bloc-one", "bloc"),
            _actor("bloc-two", "bloc"),
            boss,
            _actor("lonely"),
            _actor("far-away", "state"),
        ],
        "relations": relations,
        "events": [
            {"id": "e-one", "kind": "meeting", "title": "One", "date": {"value": "2024-01-01"}},
            {
                "id": "e-two",
                "kind": "meeting",
                "title": "Two",
                "date": {"value": "2024-01-01"},
                "after": ["e-one", "e-three"],
            },
            {
                "id": "e-three",
                "kind": "meeting",
                "title": "Three",
                "date": {"value": "2024-01-01"},
                "before": ["e-one"],
            },
        ],
    }


TANGLED_COMMANDS = [
    ["validate"],
    ["actors"],
    ["actors", "--bloc", "bloc-one"],
    ["actors", "--affiliated-with", "alpha"],
    ["actor", "alpha"],
    ["timeline"],
    ["alignments"],
    ["alignments", "alpha"],
    ["alignments", "boss"],
    ["alignments", "bloc-one"],
    ["trace", "boss", "gamma"],
    ["trace", "bloc-two", "lonely", "--max-hops", "12"],
    ["sources"],
    ["search", "alpha"],
]


@pytest.fixture
def tangled(tmp_path: Path) -> Path:
    return write_data(tmp_path / "tangled.yaml", _tangled())


@pytest.mark.parametrize("args", TANGLED_COMMANDS, ids=" ".join)
def test_every_command_answers_a_brief_full_of_cycles(tangled: Path, args: list[str]) -> None:
    formats = [[]] if args == ["validate"] else [["--format", f] for f in FORMATS]
    for chosen in formats:
        with time_limit(10):
            outcome = run(*args, *chosen, briefs=[tangled])
        not_connected = args[0] == "trace" and "lonely" in args
        expected = ExitCode.NOT_FOUND if not_connected else ExitCode.OK
        assert outcome.exit_code == expected, outcome.stderr
        assert_inert(outcome.stdout + outcome.stderr, "output")


def test_alignments_along_a_backing_cycle_list_each_relation_once(tangled: Path) -> None:
    outcome = run("alignments", "alpha", "--json", briefs=[tangled])
    assert outcome.exit_code == 0, outcome.stderr
    chain = json.loads(outcome.stdout)
    upward = [link["relation"]["id"] for link in chain["upward"]]
    assert len(upward) == len(set(upward))
    assert {
        "r-alpha-backed_by-beta",
        "r-beta-backed_by-gamma",
        "r-gamma-backed_by-alpha",
    } <= set(upward)
    allies = [link["relation"]["id"] for link in chain["allies"]]
    assert len(allies) == len(set(allies))
    hostile = {link["relation"]["id"] for link in chain["hostile"]}
    assert {"r-alpha-rival_of-gamma", "r-gamma-rival_of-alpha"} <= hostile


def test_trace_through_cycles_finds_the_shortest_path(tangled: Path) -> None:
    outcome = run("trace", "boss", "gamma", "--json", briefs=[tangled])
    assert outcome.exit_code == 0, outcome.stderr
    result = json.loads(outcome.stdout)
    assert result["length"] == 1
    assert all(len(path["hops"]) == 1 for path in result["paths"])


def test_events_that_follow_each_other_are_each_listed_once(tangled: Path) -> None:
    outcome = run("timeline", "--json", briefs=[tangled])
    assert outcome.exit_code == 0, outcome.stderr
    assert [entry["id"] for entry in json.loads(outcome.stdout)] == ["e-three", "e-one", "e-two"]


def test_events_that_follow_each_other_in_a_loop_are_refused_with_the_loop_named(
    tmp_path: Path,
) -> None:
    data = _tangled()
    data["events"][1]["before"] = ["e-three"]  # which comes before e-one, before e-two
    path = write_data(tmp_path / "loop.yaml", data)
    text = path.read_text(encoding="utf-8")
    outcome = run("timeline", "--json", briefs=[path])
    # Reported once, at the loop's first link in the brief.
    assert_located(
        outcome,
        path,
        line_at(text, ("events", 1, "after", 0)),
        "events[1].after[0]",
        "events follow each other in a loop: e-one -> e-two -> e-three -> e-one (each comes "
        "before the next)",
    )


def _membership_ring(size: int) -> dict[str, Any]:
    return {
        "meta": {"title": "Ring", "as_of": "2024"},
        "actors": [_actor(f"org-{n}") for n in range(size)] + [_actor("the-bloc", "bloc")],
        "relations": [
            _relation(f"org-{n}", "member_of", f"org-{(n + 1) % size}") for n in range(size)
        ]
        + [_relation("org-0", "member_of", "the-bloc")],
    }


def test_a_small_membership_ring_puts_every_member_in_the_bloc(tmp_path: Path) -> None:
    path = write_data(tmp_path / "ring.yaml", _membership_ring(50))
    outcome = run("actors", "--bloc", "the-bloc", "--json", briefs=[path])
    assert outcome.exit_code == 0, outcome.stderr
    assert len(json.loads(outcome.stdout)) == 50


def test_actors_answers_a_long_membership_ring_within_seconds(tmp_path: Path) -> None:
    """Each actor's blocs must not cost a walk of the whole ring (that was quadratic)."""
    path = write_data(tmp_path / "ring.yaml", _membership_ring(4000))
    completed = run_process(
        ["--brief", str(path), "actors", "--json"],
        env=process_env(BRIEFCLI_NO_CACHE="1"),
        timeout=4,
    )
    assert completed.returncode == 0


# ---------------------------------------------------------------- impossible dates

IMPOSSIBLE_DATES: list[tuple[tuple[str | int, ...], str, str]] = [
    (("meta", "as_of"), "2023-02-29", "is not a real date"),
    (("actors", _ACTOR, "roles", 0, "since"), "2024-13", "is not a real date"),
    (("actors", _ACTOR, "status_date"), "2024-00", "is not a real date"),
    (("relations", 0, "since"), "2024-04-31", "is not a real date"),
    (("relations", 0, "until"), "0000", "is not a real date"),
    (("events", _EVENT, "date", "value"), "2024-03-10/2024-03-01", "ends before it starts"),
    (("events", _EVENT, "date", "value"), "2024-02-30~", "is not a real date"),
    (("sources", 0, "published", "value"), "2024-02-31?", "is not a real date"),
    (("meta", "as_of"), "yesterday", "is not a date: write YYYY"),
    (("events", _EVENT, "date", "value"), "2024/03/01", "is not a date: write YYYY"),
    (("relations", 0, "since"), "24-03-01", "is not a date: write YYYY"),
    # A trailing newline slipped past `$`, and int() then failed with a traceback.
    (("events", _EVENT, "date", "value"), "2024-03-15?\n", "is not a date: write YYYY"),
    (("meta", "as_of"), "2024-03-15?\n", "is not a date: write YYYY"),
]


@pytest.mark.parametrize(
    ("steps", "value", "message"),
    IMPOSSIBLE_DATES,
    ids=[f"{_field(s)}={v}" for s, v, _ in IMPOSSIBLE_DATES],
)
def test_an_impossible_date_is_exit_3_at_its_line(
    tmp_path: Path, steps: tuple[str | int, ...], value: str, message: str
) -> None:
    path, line = _write_changed(tmp_path, steps, value)
    assert_located(run("timeline", briefs=[path]), path, line, _field(steps), message)


# ---------------------------------------------------------------- unknown grades and kinds

_CLAIM = position(_HARBOUR, "claims", "c-closer")

UNKNOWN_VALUES: list[tuple[tuple[str | int, ...], Any, str]] = [
    (("sources", 0, "reliability"), "G", "expected one of: A, B, C, D, E, F"),
    (("sources", 0, "reliability"), "b", "did you mean 'B'"),
    (("sources", 0, "reliability"), 1, "expected one of: A, B, C, D, E, F"),
    (("claims", _CLAIM, "credibility"), 0, "expected one of: 1, 2, 3, 4, 5, 6"),
    (("claims", _CLAIM, "credibility"), 7, "expected one of: 1, 2, 3, 4, 5, 6"),
    (("claims", _CLAIM, "credibility"), "2", "write the number 2 without quotes"),
    (("claims", _CLAIM, "credibility"), 2.5, "expected one of: 1, 2, 3, 4, 5, 6"),
    (("claims", _CLAIM, "credibility"), True, "expected one of: 1, 2, 3, 4, 5, 6"),
    (("meta", "key_judgments", 0, "likelihood"), "probable", "almost no chance"),
    (("meta", "key_judgments", 0, "confidence"), "very high", "did you mean 'high'"),
    (("relations", 0, "confidence"), "HIGH", "did you mean 'high'"),
    (("relations", 0, "type"), "allied", "did you mean"),
    (("actors", _ACTOR, "kind"), "persn", "did you mean 'person'"),
    (("actors", _ACTOR, "status"), "alive", "expected one of"),
    (("events", _EVENT, "date", "method"), "guessed", "expected one of"),
    (("notes", 0, "kind"), "aside", "expected one of"),
]


@pytest.mark.parametrize(
    ("steps", "value", "message"),
    UNKNOWN_VALUES,
    ids=[f"{_field(s)}={v!r}" for s, v, _ in UNKNOWN_VALUES],
)
def test_an_unknown_grade_or_kind_is_exit_3_at_its_line(
    tmp_path: Path, steps: tuple[str | int, ...], value: Any, message: str
) -> None:
    path, line = _write_changed(tmp_path, steps, value)
    assert_located(run("sources", briefs=[path]), path, line, _field(steps), message)


@pytest.mark.parametrize(
    ("steps", "value"),
    [(("actors", _ACTOR, "id"), "alice\n"), (("relations", 0, "type"), "ally\n")],
    ids=["id", "relation type"],
)
def test_an_id_or_word_with_a_trailing_newline_is_refused(
    tmp_path: Path, steps: tuple[str | int, ...], value: str
) -> None:
    # It would print exactly like the same id without the newline.
    path, line = _write_changed(tmp_path, steps, value)
    located = located_error(run("actors", briefs=[path]))
    assert (located.line, located.field) == (line, _field(steps))


def test_every_command_refuses_an_invalid_brief_the_same_way(tmp_path: Path) -> None:
    steps: tuple[str | int, ...] = ("sources", 0, "reliability")
    path, line = _write_changed(tmp_path, steps, "G")
    for args in (
        ["actors"],
        ["actor", "hdwu"],
        ["timeline"],
        ["alignments"],
        ["alignments", "hdwu"],
        ["trace", "hdwu", "usf"],
        ["sources"],
        ["sources", "--claim", "c-closer"],
        ["search", "union"],
    ):
        for output_format in FORMATS:
            outcome = run(*args, "--format", output_format, briefs=[path])
            assert_located(outcome, path, line, _field(steps), "'G' is not allowed")
