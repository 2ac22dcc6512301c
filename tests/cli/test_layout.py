"""Specification: every command's table output fits the terminal in front of the user (issue 21,
item 2). At 80, 120 and 200 columns no line is wider than the screen, no id, date or grade is
broken across lines (text wraps at spaces), and the briefing fits the screen's height too. The
output at each width is a golden file under tests/golden/layout/, to review by eye."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner, Result

from briefcli.cli import app
from conftest import BUNDLED_BRIEF, TERMINAL_VARIABLES, TEST_BRIEFS, Golden

runner = CliRunner()

# (columns, lines): a small terminal, a laptop's, a wide monitor's.
SCREENS = [(80, 24), (120, 40), (200, 60)]

# Each command that prints a table or a document, with arguments for the bundled brief.
COMMANDS = {
    "actors": ["actors"],
    "actor": ["actor", "Hadi al-Amiri"],
    "timeline": ["timeline"],
    "alignments": ["alignments"],
    "alignments-actor": ["alignments", "Hadi al-Amiri"],
    "trace": ["trace", "Hadi al-Amiri", "to", "Muqtada al-Sadr"],
    "sources": ["sources"],
    "sources-claim": ["sources", "--claim", "c-lead-amiri-new-head"],
    "search": ["search", "popular crowd"],
    "relations": ["relations", "--actor", "Hadi al-Amiri"],
    "claims": ["claims", "--about", "Hadi al-Amiri"],
    "notes": ["notes"],
    "places": ["places"],
    "brief": ["brief"],
}


def on_screen(columns: int, lines: int, *args: str, brief: Path = BUNDLED_BRIEF) -> Result:
    """A command as a terminal of this size shows it (without colour: the layout is the same)."""
    screen: dict[str, str | None] = {name: None for name in TERMINAL_VARIABLES}
    screen |= {"COLUMNS": str(columns), "LINES": str(lines), "NO_COLOR": "1"}
    result = runner.invoke(app, ["--brief", str(brief), *args], env=screen)
    assert result.exit_code == 0, (args, result.stderr)
    return result


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_fits_the_screen_as_the_golden_file(
    name: str, screen: tuple[int, int], golden: Golden
) -> None:
    columns, lines = screen
    shown = on_screen(columns, lines, *COMMANDS[name]).stdout
    widest = max(cell_len(line) for line in shown.splitlines())
    assert widest <= columns, f"{name}: a line of {widest} cells on a {columns}-column screen"
    golden(f"layout/{columns}/{name}.txt", shown)


# An id, an ISO date or range, or a grade: one word a table must never break.
_ATOMS = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)+|\d{4}(?:-\d\d){0,2}[?~%]?(?:/\S+)?|[A-F][1-6])$")


def _atoms(value: object) -> set[str]:
    """Ids, dates and grades anywhere in a JSON answer."""
    if isinstance(value, dict):
        return set().union(*(_atoms(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_atoms(item) for item in value))
    return {value} if isinstance(value, str) and _ATOMS.match(value) else set()


@pytest.mark.parametrize("name", [name for name in COMMANDS if name not in ("brief", "alignments")])
def test_a_narrow_table_never_breaks_an_id_a_date_or_a_grade(name: str) -> None:
    """Every id, date and grade of the answer that the table shows at 200 columns is whole at
    80 columns too (a broken one would be cut in two by the line break). (`alignments` is a
    tree of names.)"""
    args = COMMANDS[name]
    answer = json.loads(on_screen(200, 60, *args, "--json").stdout)
    wide, narrow = on_screen(200, 60, *args).stdout, on_screen(80, 24, *args).stdout
    shown = {atom for atom in _atoms(answer) if re.search(rf"(?<!\S){re.escape(atom)}", wide)}
    assert shown, f"{name}: no id, date or grade on screen"
    broken = sorted(atom for atom in shown if atom not in narrow)
    assert not broken, f"{name}: broken at 80 columns: {broken}"


@pytest.mark.parametrize("screen", [(80, 24), (100, 30), (120, 40), (200, 60), (60, 20)])
@pytest.mark.parametrize("brief", ["bundled", "harbour", "meghalaya-2018", "openai-board-2023"])
def test_the_briefing_fits_the_height_of_the_screen_and_says_how_to_see_more(
    brief: str, screen: tuple[int, int]
) -> None:
    path = BUNDLED_BRIEF if brief == "bundled" else TEST_BRIEFS / f"{brief}.yaml"
    columns, lines = screen
    rows = on_screen(columns, lines, "brief", brief=path).stdout.splitlines()
    assert len(rows) <= lines - 1  # a line is left for the shell's prompt
    assert max(cell_len(row) for row in rows) <= columns
    # Where a section shows some of its items (`Who's who (6 of 30)`), the last line says
    # how to see them all; where none does, it does not.
    partial = [row for row in rows if re.search(r" \(\d+ of \d+\)$", row)]
    ending = " ".join(rows[-2:])  # the note may wrap
    assert ("Shortened to fit the screen: `briefcli brief --all`" in ending) == bool(partial)


@pytest.mark.parametrize("columns", [80, 120])
def test_help_lists_every_command_with_its_whole_summary(columns: int) -> None:
    """Each command's summary in `briefcli --help` is a whole sentence, not cut with "...",
    and fits the screen (Click cut them at about 45 characters, whatever the width)."""
    shown = on_screen(columns, 24, "--help").stdout
    listed = shown.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert len(listed) >= 17
    for line in listed:
        assert line.endswith(".") and not line.endswith("..."), line
        assert cell_len(line) <= columns, line
