"""Specification: names that print alike but are written with other letters are not passed
over silently (issue 20: a Latin and a Cyrillic "Alice Novak" validated silently, and a "did
you mean" hint could look identical to the query). See briefcli.brief.lookalikes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exitcodes import ExitCode

runner = CliRunner()

CYRILLIC_A = "\u0410"  # А


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
