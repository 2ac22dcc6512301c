"""Specification of the network exports over time and meaning (issue 18): roles are edges, ended
relations and roles are drawn as former, every actor kind and declared type exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefcli.cli import app
from briefcli.exporters import ExportFormat
from conftest import TEST_BRIEFS, BriefWriter

MEGHALAYA = TEST_BRIEFS / "meghalaya-2018.yaml"
runner = CliRunner()


def exported(brief: Path, export_format: str, out: Path) -> str:
    result = runner.invoke(app, ["--brief", str(brief), "export", "--to", export_format, str(out)])
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8") if out.is_file() else ""


def test_an_ended_role_is_a_dotted_former_edge_in_dot(tmp_path: Path) -> None:
    text = exported(MEGHALAYA, "dot", tmp_path / "network.dot")
    line = next(line for line in text.splitlines() if '"mukul-sangma#role-' in line)
    assert 'style="dotted"' in line and 'current="false"' in line
    assert 'until="2018-03-06"' in line and "former" in line
    current = next(line for line in text.splitlines() if '"conrad-sangma" -> "meghalaya"' in line)
    assert 'current="true"' in current and "dotted" not in current


def test_mermaid_draws_a_former_role_dotted(tmp_path: Path) -> None:
    text = exported(MEGHALAYA, "mermaid", tmp_path / "network.mmd")
    former = [line for line in text.splitlines() if "Chief Minister (role, former" in line]
    assert former and all("-.->" in line for line in former)


def test_stix_relationships_carry_their_period(tmp_path: Path) -> None:
    exported(MEGHALAYA, "stix", tmp_path / "bundle.json")
    bundle = json.loads((tmp_path / "bundle.json").read_text(encoding="utf-8"))
    ended = [
        o
        for o in bundle["objects"]
        if o["type"] == "relationship" and o["relationship_type"] == "allied-with"
    ]
    assert ended and all("stop_time" in o for o in ended)


WIDE = """\
meta: {title: T, as_of: "2024"}
vocabulary:
  relations:
    - {type: outside_support_to, class: alliance, mutual: true}
actors:
  - {id: state, name: Meghalaya, kind: jurisdiction}
  - {id: party, name: PDF, kind: organisation}
  - {id: bloc, name: Coalition, kind: bloc}
  - id: person
    name: Governor
    kind: person
    roles: [{title: Governor, of: state, since: "2018"}]
relations:
  - {id: r1, subject: party, type: outside_support_to, object: bloc}
  - {id: r2, subject: party, type: opposes, object: state, until: "2020"}
"""


@pytest.mark.parametrize("export_format", [f.value for f in ExportFormat])
def test_every_format_exports_a_jurisdiction_and_a_declared_type(
    write_brief: BriefWriter, tmp_path: Path, export_format: str
) -> None:
    brief = write_brief(WIDE)
    result = runner.invoke(
        app, ["--brief", str(brief), "export", "--to", export_format, str(tmp_path / "out")]
    )
    if result.exit_code != 0 and "Graphviz" in result.stderr:
        pytest.fail(f"{export_format} needs Graphviz's dot, which .ci/run installs")
    assert result.exit_code == 0, result.stderr
