"""Specification: names that print alike but are written with other letters are found, and
told apart letter by letter (issue 20: Latin/Cyrillic lookalike names validated silently, and
a "did you mean" hint could look identical to the query)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefcli.brief.lookalikes import (
    difference,
    look_alike,
    mixed_script_words,
    scripts_in,
    skeleton,
)
from briefcli.cli import app
from briefcli.exitcodes import ExitCode

runner = CliRunner()

CYRILLIC_A = "\u0410"  # А
GREEK_OMICRON = "\u039f"  # Ο


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Alice", f"{CYRILLIC_A}lice"),
        ("Oslo", f"{GREEK_OMICRON}slo"),
        ("Alice", "Ａｌｉｃｅ"),  # full-width forms
        ("Mainz", "Ma\u0456nz"),  # Cyrillic і
    ],
)
def test_texts_that_print_alike_have_one_skeleton(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)
    assert look_alike(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Alice", "Alice"), ("José", "Jose"), ("Maïga", "Maiga"), ("Alice", "alice")],
    ids=["the same text", "an accent", "a diaeresis", "case"],
)
def test_texts_that_differ_visibly_do_not_look_alike(first: str, second: str) -> None:
    assert not look_alike(first, second)


def test_a_word_that_mixes_scripts_is_found_and_one_script_is_not() -> None:
    assert mixed_script_words(f"{CYRILLIC_A}lice Smith") == [f"{CYRILLIC_A}lice"]
    assert mixed_script_words("Арсений Яценюк") == []
    assert mixed_script_words("علي الأمين") == []
    assert mixed_script_words("Choguel Maïga 总理 (PM)") == []  # scripts in separate words


def test_the_difference_names_each_letter_its_script_and_code_point() -> None:
    assert difference(f"{CYRILLIC_A}lice", "Alice") == (
        "Cyrillic А (U+0410) where the other has Latin A (U+0041)"
    )
    assert scripts_in(f"{CYRILLIC_A}lice") == "Cyrillic А (U+0410) among Latin letters"


def test_a_difference_of_many_letters_names_three_and_counts_the_rest() -> None:
    cyrillic = "\u0410\u0412\u0421\u0415\u041d"  # АВСЕН
    assert difference(cyrillic, "ABCEH").endswith("; and 2 more")


# ---------------------------------------------------------------- lint and lookups


def _write(folder: Path, *names: str) -> Path:
    actors = "".join(
        f"  - {{id: a{number}, name: {name}, kind: person, inferred: true}}\n"
        for number, name in enumerate(names)
    )
    path = folder / "brief.yaml"
    path.write_text(f'meta: {{title: T, as_of: "2024"}}\nactors:\n{actors}', encoding="utf-8")
    return path


def _lint(path: Path) -> list[dict[str, str]]:
    result = runner.invoke(app, ["lint", str(path), "--format", "json"])
    assert result.exit_code == ExitCode.OK, result.stderr
    return [r for r in json.loads(result.stdout) if r["check"] == "names-look-alike"]


def test_lint_warns_at_the_second_of_two_names_that_look_alike(tmp_path: Path) -> None:
    found = _lint(_write(tmp_path, "Alice Novak", f"{CYRILLIC_A}lice Novak"))

    assert [(w["field"], w["message"].split(":")[0]) for w in found] == [
        ("actors[1].name", f"'{CYRILLIC_A}lice' mixes scripts in one word"),
        (
            "actors[1].name",
            f"'{CYRILLIC_A}lice Novak' looks like 'Alice Novak' (actor 'a0') but is written "
            "with other letters",
        ),
    ]


def test_lint_leaves_ascii_lookalikes_and_other_scripts_alone(tmp_path: Path) -> None:
    assert _lint(_write(tmp_path, "B0B Marley", "BOB Marley", "Арсений Яценюк")) == []


def test_a_lookup_of_a_name_printed_alike_says_how_it_differs(tmp_path: Path) -> None:
    cyrillic = "\u0410l\u0456\u0441\u0435 N\u043ev\u0430k"  # only l, N, v and k are Latin
    brief = _write(tmp_path, cyrillic, "Bob Smith")

    result = runner.invoke(app, ["--brief", str(brief), "actor", "Alice Novak"])

    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith(
        f"briefcli: error: no actor matches 'Alice Novak' (hint: did you mean {cyrillic} (it "
        "looks the same, but has Cyrillic А (U+0410) where the other has Latin A (U+0041); "
    )


def test_a_name_found_by_its_look_says_so_in_its_note(tmp_path: Path) -> None:
    brief = _write(tmp_path, f"{CYRILLIC_A}lice Novak", "Bob Smith")

    result = runner.invoke(app, ["--brief", str(brief), "actor", "Alice Novak", "--json"])

    assert result.exit_code == ExitCode.OK
    assert result.stderr.endswith(
        "(it looks the same, but has Cyrillic А (U+0410) where the other has Latin A (U+0041))\n"
    )
