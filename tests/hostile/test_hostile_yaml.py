"""YAML used as an attack: code-running tags, alias bombs, huge scalars and numbers, repeated
keys. The brief is data: nothing in it runs, nothing expands, nothing is silently dropped."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_support import (
    assert_inert,
    assert_located,
    located_error,
    run,
    run_process,
    time_limit,
    write_text,
)

from briefcli.exitcodes import ExitCode

HEAD = 'meta:\n  as_of: "2024"\n'  # line 3 onwards is the test's own


@pytest.fixture(autouse=True)
def _bounded() -> Iterator[None]:
    with time_limit(30):
        yield


# ---------------------------------------------------------------- code-running tags

PYTHON_TAGS = [
    '!!python/object/apply:os.system ["touch PWNED"]',
    '!!python/object/apply:subprocess.check_output [["touch", "PWNED"]]',
    '!!python/object/new:os.system ["touch PWNED"]',
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:builtins.object {}",
    "!!python/tuple [touch, PWNED]",
    '!<tag:yaml.org,2002:python/object/apply:os.system> ["touch PWNED"]',
    "!!python/object/apply:builtins.exec [\"open('PWNED', 'w').close()\"]",
    '!custom "touch PWNED"',
]


@pytest.mark.parametrize("tag", PYTHON_TAGS)
@pytest.mark.parametrize(
    "preamble", ["", "# R&D notes *draft*\n"], ids=["libyaml-path", "anchor-checking-path"]
)
def test_python_tags_are_refused_at_their_line_and_nothing_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag: str, preamble: str
) -> None:
    """(`&` or `*` anywhere in the text sends it through another loader: both must refuse.)"""
    monkeypatch.chdir(tmp_path)
    path = write_text(tmp_path / "tag.yaml", f"{preamble}{HEAD}  title: {tag}\n")
    line = preamble.count("\n") + 3
    assert_located(
        run("actors", briefs=[path]), path, line, None, "could not determine a constructor"
    )
    assert not (tmp_path / "PWNED").exists()


def test_a_tag_directive_cannot_smuggle_a_python_tag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (
        "%TAG !p! tag:yaml.org,2002:python/\n---\n"
        f'{HEAD}  title: !p!object/apply:os.system ["touch PWNED"]\n'
    )
    path = write_text(tmp_path / "directive.yaml", text)
    assert_located(run("actors", briefs=[path]), path, 5, None, "could not determine a constructor")
    assert not (tmp_path / "PWNED").exists()


def test_a_python_tag_runs_nothing_in_a_real_process_either(tmp_path: Path) -> None:
    path = write_text(tmp_path / "tag.yaml", f"{HEAD}  title: {PYTHON_TAGS[0]}\n")
    for args in (["--brief", str(path), "actors"], ["validate", str(path)]):
        completed = run_process(args, cwd=tmp_path)
        assert completed.returncode == ExitCode.INVALID_BRIEF
        assert_inert(completed.stdout.decode() + completed.stderr.decode(), "output")
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize(
    ("value", "described"),
    [
        ("!!binary aGVsbG8=", "expected a string, got bytes"),
        ("!!timestamp 2024-01-01", "expected a string, got date"),
        ("!!set {a, b}", "expected a string, got set"),
        ("!!omap [a: 1, b: 2]", "expected a string, got a list"),
        ("!!pairs [a: 1]", "expected a string, got a list"),
        ("!!float 1", "expected a string, got a number 1.0"),
        ("!!int 7", "expected a string, got an integer 7"),
        ("!!null ''", "expected a string, got nothing"),
        ("!!bool true", "expected a string, got true or false True"),
        ("!!map {a: 1}", "expected a string, got a mapping"),
    ],
)
def test_standard_tags_give_a_located_type_error_not_a_crash(
    tmp_path: Path, value: str, described: str
) -> None:
    path = write_text(tmp_path / "tags.yaml", f"{HEAD}  title: {value}\n")
    assert_located(run("actors", briefs=[path]), path, 3, "meta.title", described)


def test_an_explicit_string_tag_is_just_a_string(tmp_path: Path) -> None:
    path = write_text(tmp_path / "str.yaml", f'{HEAD}  title: !!str 2024\n  handling: !!str "x"\n')
    outcome = run("actors", "--json", briefs=[path])
    assert outcome.exit_code == 0, outcome.stderr
    assert json.loads(outcome.stdout) == []


# ---------------------------------------------------------------- aliases and anchors


def _billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BOMBS = {
    "billion-laughs": _billion_laughs(),
    "billion-laughs-in-meta": "meta:\n  title: x\n  as_of: '2024'\n  gaps: &g [a, b]\n"
    + "\n".join(f"  x{i}: &x{i} [*{'g' if i == 0 else f'x{i - 1}'}, *g]" for i in range(40))
    + "\n",
    "merge-keys": "a: &a {k0: v, k1: v}\nb: &b {<<: [*a, *a], c: 1}\nc: {<<: [*b, *b]}\n",
    "self-referencing": "a: &a [*a, *a]\n",
    "alias-as-key": "a: &a k\n*a : v\n",
    "ten-thousand-aliases": "a: &a x\nb: [" + ", ".join(["*a"] * 10_000) + "]\n",
}


@pytest.mark.parametrize("text", BOMBS.values(), ids=BOMBS.keys())
def test_alias_bombs_fail_fast_at_the_first_anchor(tmp_path: Path, text: str) -> None:
    path = write_text(tmp_path / "bomb.yaml", text)
    started = time.monotonic()
    outcome = run("actors", briefs=[path])
    elapsed = time.monotonic() - started
    error = located_error(outcome)
    assert "anchors and aliases (&name / *name) are not allowed" in error.message
    first_anchor = next(n for n, line in enumerate(text.split("\n"), 1) if "&" in line)
    assert error.line == first_anchor
    assert elapsed < 2, f"took {elapsed:.1f} s"
    validated = run("validate", str(path))
    assert validated.exit_code == ExitCode.INVALID_BRIEF
    assert_inert(validated.stdout + validated.stderr, "validate output")


def test_ampersands_and_asterisks_inside_text_are_just_text(tmp_path: Path) -> None:
    text = f"{HEAD}  title: 'R&D *draft* & co.'\n  summary: \"a &b *c\"\n  handling: x & y\n"
    path = write_text(tmp_path / "amp.yaml", text)
    outcome = run("validate", str(path))
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr


# ---------------------------------------------------------------- huge scalars and numbers


@pytest.mark.slow
def test_a_10_mb_name_round_trips_exactly_through_json(tmp_path: Path) -> None:
    name = "Ω" + "n" * (10 * 1024 * 1024) + "\u202e"
    brief = {
        "meta": {"title": "big", "as_of": "2024"},
        "actors": [{"id": "big", "name": name, "kind": "person"}],
    }
    path = write_text(tmp_path / "big.yaml", json.dumps(brief))
    outcome = run("actors", "--json", briefs=[path])
    assert outcome.exit_code == 0, outcome.stderr
    assert json.loads(outcome.stdout)[0]["name"] == name
    shown = run("actor", "big", briefs=[path])
    assert shown.exit_code == 0
    assert "n" * 1000 + "\\u202e" in shown.stdout
    assert_inert(shown.stdout, "stdout")


LONG = 1024 * 1024


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (f'meta:\n  title: x\n  as_of: "{"2" * LONG}"\n', 3, "meta.as_of"),
        (
            'meta:\n  title: x\n  as_of: "2024"\nevents:\n  - id: e\n    kind: meeting\n'
            f'    title: t\n    date:\n      value: "{"1" * LONG}"\n',
            9,
            "events[0].date.value",
        ),
        (f'meta:\n  title: x\n  as_of: "2024"\n  ? {"k" * LONG}\n  : 1\n', 4, None),
        (f'meta:\n  title: {"9" * 4000}\n  as_of: "2024"\n', 2, "meta.title"),
    ],
    ids=["date", "event-date", "explicit-key", "number-in-a-text-field"],
)
def test_an_overlong_value_is_shortened_in_its_error_line(
    tmp_path: Path, text: str, line: int, field: str | None
) -> None:
    path = write_text(tmp_path / "long.yaml", text)
    outcome = run("actors", briefs=[path])
    error = located_error(outcome)
    assert error.line == line
    if field is not None:
        assert error.field == field
    assert len(outcome.stderr) < 500, f"a {len(outcome.stderr):,}-character error line"


HUGE_INTEGER = "9" * 5000  # Python refuses int <-> str conversions past 4,300 digits


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f'meta:\n  title: {HUGE_INTEGER}\n  as_of: "2024"\n', 2),
        (f'meta:\n  title: x\n  as_of: "2024"\n  ? {HUGE_INTEGER}\n  : key\n', 4),
        (
            'meta:\n  title: x\n  as_of: "2024"\nclaims:\n  - id: c\n    statement: s\n'
            f"    source: s\n    excerpt: e\n    credibility: {HUGE_INTEGER}\n",
            9,
        ),
        (
            'meta:\n  title: x\n  as_of: "2024"\nplaces:\n  - id: p\n    name: p\n'
            f"    latitude: {HUGE_INTEGER}\n",
            7,
        ),
        (
            'meta:\n  title: x\n  as_of: "2024"\nactors:\n  - id: a\n    name: a\n'
            f"    kind: person\n    inferred: 0{HUGE_INTEGER}\n",
            8,
        ),
    ],
    ids=["string-field", "mapping-key", "grade-field", "number-field", "boolean-field"],
)
def test_a_huge_integer_is_a_located_error_not_a_crash(
    tmp_path: Path, text: str, line: int
) -> None:
    path = write_text(tmp_path / "int.yaml", text)
    error = located_error(run("actors", briefs=[path]))
    assert error.file == str(path)
    assert error.line == line
    validated = run("validate", str(path))
    assert validated.exit_code == ExitCode.INVALID_BRIEF


def test_large_but_convertible_numbers_are_plain_type_errors(tmp_path: Path) -> None:
    text = f'meta:\n  title: {"9" * 4000}\n  as_of: "2024"\n'
    path = write_text(tmp_path / "int.yaml", text)
    assert_located(
        run("actors", briefs=[path]), path, 2, "meta.title", "expected a string, got an integer"
    )


@pytest.mark.parametrize("written", ["007", "1e3", "0e0", "+12", "1.50"])
def test_the_quote_it_hint_repeats_what_was_written(tmp_path: Path, written: str) -> None:
    path = write_text(tmp_path / "number.yaml", f"{HEAD}  title: {written}\n")
    error = assert_located(
        run("actors", briefs=[path]), path, 3, "meta.title", "expected a string, got"
    )
    hinted = re.search(r"quote it: '([^']*)'", error.message)
    assert hinted is None or hinted[1] == written, error.message


# ---------------------------------------------------------------- repeated keys

DUPLICATES = {
    "in-meta": (f"{HEAD}  title: first\n  title: second\n", 4, "title"),
    "top-level-section": (
        f"{HEAD}  title: t\nactors: []\nevents: []\nactors:\n  - id: a\n",
        6,
        "actors",
    ),
    "in-a-list-item": (
        f"{HEAD}  title: t\nactors:\n  - id: a\n    name: A\n    kind: person\n    name: B\n",
        8,
        "name",
    ),
    "quoted-and-plain": (f'{HEAD}  title: first\n  "title": second\n', 4, "title"),
    "flow-mapping": (f"{HEAD}  title: t\nplaces: [{{id: p, name: P, id: q}}]\n", 4, "id"),
    "with-ampersand-path": (f"{HEAD}  title: R&D\n  title: again\n", 4, "title"),
}


@pytest.mark.parametrize(("text", "line", "key"), DUPLICATES.values(), ids=DUPLICATES.keys())
def test_a_repeated_key_is_exit_3_at_the_second_occurrence(
    tmp_path: Path, text: str, line: int, key: str
) -> None:
    path = write_text(tmp_path / "dup.yaml", text)
    assert_located(run("actors", briefs=[path]), path, line, None, f"duplicate key {key!r}")
