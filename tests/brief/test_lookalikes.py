"""Specification: names that print alike but are written with other letters are found, and
told apart letter by letter (issue 20: Latin/Cyrillic lookalike names validated silently, and
a "did you mean" hint could look identical to the query)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from briefcli.brief.lookalikes import (
    difference,
    look_alike,
    mixed_script_words,
    scripts_in,
    skeleton,
)

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
