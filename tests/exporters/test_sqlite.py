"""Specification of `export --to sqlite`: the brief as a database with documented tables and
foreign keys, read as sqlite-utils (and datasette) users read it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from briefcli.brief import loader
from briefcli.brief.model import SECTIONS
from briefcli.cli import app
from briefcli.exporters.sqlite import SCHEMA
from conftest import BUNDLED_BRIEF, ROOT, TEST_BRIEFS

BRIEFS = [BUNDLED_BRIEF, *sorted(TEST_BRIEFS.glob("*.yaml"))]
runner = CliRunner()
DOC = (ROOT / "docs" / "sqlite.md").read_text(encoding="utf-8")
SUPPORTING_CLAIMS = re.search(r"```sql\n(.*?)```", DOC, re.DOTALL)


def export(brief: Path, out: Path) -> sqlite_utils.Database:
    result = runner.invoke(app, ["--brief", str(brief), "export", "--to", "sqlite", str(out)])
    assert result.exit_code == 0, result.stderr
    return sqlite_utils.Database(out)


def answer(brief: Path, *args: str) -> object:
    result = runner.invoke(app, ["--brief", str(brief), *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("brief", BRIEFS, ids=lambda path: path.parent.name + "/" + path.stem)
def test_every_record_is_a_row_and_every_reference_a_sound_foreign_key(
    brief: Path, tmp_path: Path
) -> None:
    db = export(brief, tmp_path / "brief.db")
    checked, problems = loader.check_files([brief])
    assert checked is not None and not problems
    for section in SECTIONS:
        assert db.table(section).count == len(getattr(checked.brief, section)), section
    assert list(db.execute("PRAGMA foreign_key_check").fetchall()) == []
    relations = {fk.column: fk.other_table for fk in db.table("relations").foreign_keys}
    assert relations == {"subject": "actors", "object": "actors"}


def test_the_documented_join_finds_the_claims_behind_an_actors_relations(tmp_path: Path) -> None:
    db = export(BUNDLED_BRIEF, tmp_path / "brief.db")
    assert SUPPORTING_CLAIMS is not None
    found = {row[0] for row in db.execute(SUPPORTING_CLAIMS[1]).fetchall()}
    profile = answer(BUNDLED_BRIEF, "actor", "hadi-al-amiri")
    assert isinstance(profile, dict)
    expected = {claim["id"] for relation in profile["relations"] for claim in relation["claims"]}
    assert found == expected and found


def test_roles_and_relations_say_whether_they_hold_on_the_briefs_date(tmp_path: Path) -> None:
    db = export(TEST_BRIEFS / "meghalaya-2018.yaml", tmp_path / "brief.db")
    former = db.execute(
        "SELECT actor, current FROM roles WHERE title = 'Chief Minister' ORDER BY actor"
    ).fetchall()
    # Donkupar Roy was Chief Minister before Mukul Sangma
    assert former == [
        ("conrad-sangma", 1),
        ("dd-lapang", 0),
        ("donkupar-roy", 0),
        ("mukul-sangma", 0),
    ]
    ended = db.execute("SELECT class, current FROM relations WHERE type = 'allied_with'")
    assert ended.fetchall() == [("alliance", 0)]


def test_the_documentation_names_every_table_and_column() -> None:
    for table, columns in re.findall(r"CREATE TABLE (\w+) \((.*?)\);", SCHEMA, re.DOTALL):
        row = next(line for line in DOC.splitlines() if line.startswith(f"| `{table}` |"))
        for column in re.findall(r"(?:^|,)\s*(\w+) (?:TEXT|INTEGER|REAL)", columns):
            assert f"`{column}`" in row, (table, column)
