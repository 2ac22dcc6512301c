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


def exported_as_of(day: str, export_format: str, out: Path) -> str:
    args = ["--brief", str(MEGHALAYA), "--as-of", day, "export", "--to", export_format, str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("export_format", ["dot", "mermaid", "graphml"])
def test_as_of_a_day_before_a_tie_began_leaves_it_out(tmp_path: Path, export_format: str) -> None:
    """In 2015 Conrad Sangma was not yet Chief Minister: neither the relation nor the role
    that begin on 2018-03-06 is drawn; Mukul Sangma's, then in force, are."""
    text = exported_as_of("2015", export_format, tmp_path / "network")
    assert "r-conrad-leads-meghalaya" not in text and "Chief Minister (role, since 2018" not in text
    if export_format != "mermaid":  # Mermaid names no edge ids
        assert "r-mukul-leads-meghalaya" in text
    before = (tmp_path / "before").with_suffix(".txt")
    whole = exported(MEGHALAYA, export_format, before)
    assert "r-conrad-leads-meghalaya" in whole or export_format == "mermaid"
    assert text.count("\n") < whole.count("\n")


def test_as_of_a_day_after_a_tie_ended_draws_it_former_and_dotted(tmp_path: Path) -> None:
    """The Congress-UDP alliance (2008 to 2013) is in force in 2010, former in 2015."""
    during = exported_as_of("2010-06", "dot", tmp_path / "2010.dot")
    after = exported_as_of("2015", "dot", tmp_path / "2015.dot")

    def alliance(text: str) -> str:
        return next(line for line in text.splitlines() if '"r-congress-udp-alliance"' in line)

    assert 'current="true"' in alliance(during) and "dotted" not in alliance(during)
    assert 'current="false"' in alliance(after) and 'style="dotted"' in alliance(after)
    assert "allied with (high, former, since 2008, until 2013)" in alliance(after)
    mukul = next(line for line in during.splitlines() if '"mukul-sangma#role-1"' in line)
    assert 'current="true"' in mukul and "dotted" not in mukul


def test_the_legend_says_former_only_when_a_former_tie_is_drawn(tmp_path: Path) -> None:
    """Before any tie of the brief had ended, there is nothing former to explain."""
    early = exported_as_of("2008-06", "dot", tmp_path / "2008.dot")
    assert 'style="dotted"' not in early and "former (no longer in force)" not in early
    late = exported_as_of("2018-03-06", "dot", tmp_path / "2018.dot")
    assert 'style="dotted"' in late and "former (no longer in force)" in late


@pytest.mark.parametrize("export_format", ["dot", "mermaid"])
def test_a_chart_drawn_for_another_day_says_which_in_its_title(
    tmp_path: Path, export_format: str
) -> None:
    text = exported_as_of("2015", export_format, tmp_path / "network")
    assert "hung assembly (as of 2015-12-31)" in text.splitlines()[0]
    whole = exported(MEGHALAYA, export_format, tmp_path / "whole.txt")
    assert "(as of" not in whole
