"""Specification: names as people type them on a command line (issue 21). A command that takes
one name takes it quoted or not (the words are joined); `trace` takes two quoted names, or
"A to B", or unquoted words that split into two names only one way; a name given unquoted to
an option gets a hint to quote it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode

runner = CliRunner()


def answer(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["actor", "Hadi", "al-Amiri", "--json"],
        ["actor", "Hadi al-Amiri", "--json"],
        ["alignments", "Hadi", "al-Amiri", "--json"],
    ],
    ids=["actor unquoted", "actor quoted", "alignments unquoted"],
)
def test_one_name_is_taken_quoted_or_not(command: list[str]) -> None:
    code, out, err = answer(*command)

    assert code == ExitCode.OK, err
    found = json.loads(out)
    assert "hadi-al-amiri" in json.dumps(found)


def test_search_takes_its_words_unquoted() -> None:
    unquoted = answer("search", "popular", "crowd", "--json")
    quoted = answer("search", "popular crowd", "--json")

    assert unquoted == quoted
    assert unquoted[0] == ExitCode.OK


@pytest.mark.parametrize(
    "names",
    [
        ["Hadi al-Amiri", "Hassan Nasrallah"],
        ["Hadi", "al-Amiri", "to", "Hassan", "Nasrallah"],
        ["Hadi", "al-Amiri", "Nasrallah"],
    ],
    ids=["two quoted", "A to B", "one way to split"],
)
def test_trace_finds_its_two_names(names: list[str]) -> None:
    code, out, err = answer("trace", *names, "--json")

    assert code == ExitCode.OK, err
    found = json.loads(out)
    assert (found["source"]["id"], found["target"]["id"]) == ("hadi-al-amiri", "hassan-nasrallah")


@pytest.mark.parametrize(
    ("names", "said"),
    [
        (["Amiri"], "trace needs two actors"),
        (["Zzyzx", "Qwvr", "Plonk"], "found no two actors in 'Zzyzx Qwvr Plonk'"),
    ],
)
def test_trace_without_two_names_says_how_to_give_them(names: list[str], said: str) -> None:
    code, out, err = answer("trace", *names)

    assert code == ExitCode.USAGE
    assert out == ""
    assert err == (
        f'briefcli: error: {said} (hint: quote each name ("Hadi al-Amiri" "Hassan '
        'Nasrallah"), or write A to B)\n'
    )


def test_a_name_of_several_words_given_unquoted_to_an_option_gets_a_hint() -> None:
    code, _, err = answer("timeline", "--actor", "Hadi", "al-Amiri")

    assert code == ExitCode.USAGE
    assert 'quote a name of several words (--actor "Hadi al-Amiri")' in err
