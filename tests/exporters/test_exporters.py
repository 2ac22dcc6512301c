"""`briefcli export --to FORMAT OUT`: every format, safe writing, and what each format holds.

The Markdown handout, DOT and Mermaid exports are pinned by golden files in tests/golden/
(harbour.*, bundled/export.*); after a deliberate change run `BRIEFCLI_UPDATE_GOLDEN=1 pytest
tests/test_exporters.py` and review the diff. Rendering SVG/PNG needs Graphviz's `dot`
(Debian package graphviz); those tests are skipped where it is not installed.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx
import pytest
import stix2
from stix2.confidence import scales
from typer.testing import CliRunner, Result

from briefcli import console
from briefcli.brief import loader
from briefcli.brief.model import CREDIBILITY_LABELS
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from briefcli.exporters import ExportError, ExportFormat, Folder, exporter
from briefcli.exporters import dot as dot_export
from briefcli.exporters import mermaid as mermaid_export
from briefcli.exporters import png as exporters_png
from briefcli.exporters import stix as stix_export
from briefcli.exporters.network import CLASS_LOOKS, network
from briefcli.store.loaded import LoadedBrief
from conftest import (
    ALTMAN_POSTS,
    ALTMAN_RETURN_CLAIM,
    BUNDLED_BRIEF,
    SECOND_BRIEF,
    Golden,
    altman_posts_by_two_routes,
    as_unprivileged,
    copy_harbour,
)

runner = CliRunner()
HAS_DOT = shutil.which("dot") is not None


@pytest.fixture
def dot_installed() -> None:
    """SVG and PNG need Graphviz: a missing `dot` fails these tests (it is no reason to pass
    them unseen); .ci/run installs it."""
    if not HAS_DOT:
        pytest.fail("Graphviz's dot is not installed: apt-get install graphviz")


needs_dot = pytest.mark.usefixtures("dot_installed")
BRIEFS = {"harbour": SECOND_BRIEF, "bundled": BUNDLED_BRIEF}
BRIEF_PARAMS = [pytest.param("harbour"), pytest.param("bundled")]


def run(brief: Path, *args: str) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args])


def load(path: Path) -> LoadedBrief:
    loaded, problems = loader.check_files([path])
    assert loaded is not None and not problems, problems
    return LoadedBrief.of(loaded)


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# ---------------------------------------------------------------- every format


def test_every_format_has_an_exporter() -> None:
    for export_format in ExportFormat:
        assert callable(exporter(export_format)), export_format


@pytest.mark.parametrize("export_format", list(ExportFormat), ids=lambda f: f.value)
def test_every_format_exports_the_harbour_brief(export_format: ExportFormat) -> None:
    if export_format in (ExportFormat.svg, ExportFormat.png) and not HAS_DOT:
        pytest.fail("Graphviz's dot is not installed: apt-get install graphviz")
    result = exporter(export_format)(load(SECOND_BRIEF))
    expected_start: dict[ExportFormat, str | bytes] = {
        ExportFormat.markdown: "# Kilbarra port strike",
        ExportFormat.html: "<!DOCTYPE html>",
        ExportFormat.stix: "{",
        ExportFormat.graphml: "<?xml",
        ExportFormat.dot: "// Kilbarra",
        ExportFormat.mermaid: "%% Kilbarra",
        ExportFormat.svg: "<?xml",
        ExportFormat.png: b"\x89PNG\r\n",
        ExportFormat.sqlite: b"SQLite format 3\x00",
    }
    if export_format is ExportFormat.csv:
        assert isinstance(result, Folder)
        assert sorted(result.files) == [
            "actors.csv", "claims.csv", "events.csv", "notes.csv", "places.csv",
            "relations.csv", "sources.csv",
        ]  # fmt: skip
    else:
        assert isinstance(result, (str, bytes))
        assert result.startswith(expected_start[export_format])  # type: ignore[arg-type]


@pytest.mark.parametrize("export_format", ["markdown", "stix", "graphml", "dot", "mermaid"])
def test_export_writes_the_file(tmp_path: Path, export_format: str) -> None:
    out = tmp_path / f"brief.{export_format}"
    result = run(SECOND_BRIEF, "export", "--to", export_format, str(out))
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert out.read_text(encoding="utf-8") == exporter(ExportFormat(export_format))(
        load(SECOND_BRIEF)
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "brief.dot"
    assert run(SECOND_BRIEF, "export", "--to", "dot", str(out)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------- writing safely


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("keep me", encoding="utf-8")
    result = run(SECOND_BRIEF, "export", "--to", "markdown", str(out))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert str(out) in result.stderr
    assert "--force" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_export_overwrites_with_force(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    result = run(SECOND_BRIEF, "export", "--to", "markdown", "--force", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# Kilbarra port strike")
    assert out.stat().st_mode & 0o777 == 0o600  # the replaced file keeps its permissions


def test_an_export_under_another_formats_name_is_written_and_pointed_out(tmp_path: Path) -> None:
    result = run(SECOND_BRIEF, "export", "--to", "markdown", str(tmp_path / "brief.html"))
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr
        == f"briefcli: note: wrote markdown to {tmp_path / 'brief.html'}, whose name says html\n"
    )
    for name in ("brief.md", "brief.MD", "brief.txt", "brief"):
        result = run(SECOND_BRIEF, "export", "--to", "markdown", str(tmp_path / name))
        assert result.exit_code == 0 and result.stderr == "", (name, result.stderr)


def test_a_symbolic_link_is_an_existing_file_even_when_it_points_nowhere(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.symlink_to(tmp_path / "nowhere.md")
    result = run(SECOND_BRIEF, "export", "--to", "markdown", str(out))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "--force" in result.stderr
    assert out.is_symlink()


def test_with_force_a_symbolic_link_stays_and_the_file_it_points_to_is_written(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    out = tmp_path / "brief.md"
    out.symlink_to(real)
    result = run(SECOND_BRIEF, "export", "--to", "markdown", "--force", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Kilbarra port strike")


def test_dash_writes_to_standard_output(tmp_path: Path) -> None:
    result = run(SECOND_BRIEF, "export", "--to", "mermaid", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == exporter(ExportFormat.mermaid)(load(SECOND_BRIEF))
    assert not Path("-").exists()


@needs_dot
def test_dash_writes_binary_png_to_standard_output() -> None:
    result = run(SECOND_BRIEF, "export", "--to", "png", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"\x89PNG\r\n")


def test_binary_output_is_not_sent_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exporters_png, "export", lambda loaded: b"\x89PNG\r\n")
    monkeypatch.setattr(console, "is_terminal", lambda stream: True)
    result = run(SECOND_BRIEF, "export", "--to", "png", "-")
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert result.stdout_bytes == b""
    assert "terminal" in result.stderr


@pytest.mark.parametrize("failing", ["writing", "renaming"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    out = tmp_path / "brief.json"
    out.write_text("previous export", encoding="utf-8")

    def disk_full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "writing":
        monkeypatch.setattr(os, "fsync", disk_full)
    else:
        monkeypatch.setattr(Path, "replace", disk_full)
    result = run(SECOND_BRIEF, "export", "--to", "stix", "--force", str(out))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert result.stderr == f"briefcli: error: cannot write {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.json"]


def test_an_unwritable_directory_fails_with_exit_4(shared_tmp: Path) -> None:
    # As an unprivileged user (root writes anywhere): a folder that user may not write.
    folder = shared_tmp / "brief"
    copy_harbour(folder)
    for path in (folder, folder / "sources"):
        path.chmod(0o755)
    locked = shared_tmp / "locked"
    locked.mkdir(mode=0o555)
    locked.chmod(0o555)
    out = locked / "brief.dot"
    script = Path(sys.executable).with_name("briefcli")
    command = [str(script), "--brief", str(folder / "harbour.yaml"), "export", "--to", "dot"]
    completed = subprocess.run(
        as_unprivileged([*command, str(out)]),
        capture_output=True,
        text=True,
        env={**os.environ, "BRIEFCLI_NO_CACHE": "1"},
        check=False,
    )
    assert completed.returncode == ExitCode.OUTPUT_ERROR
    assert completed.stderr == f"briefcli: error: cannot write {out}: Permission denied\n"
    assert list(locked.iterdir()) == []


def test_export_into_a_missing_directory_fails_with_exit_4(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "brief.dot"
    result = run(SECOND_BRIEF, "export", "--to", "dot", str(out))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert f"directory {out.parent} does not exist" in result.stderr


def test_export_onto_a_directory_fails_with_exit_4(tmp_path: Path) -> None:
    result = run(SECOND_BRIEF, "export", "--to", "dot", "--force", str(tmp_path))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "is a directory" in result.stderr


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run(SECOND_BRIEF, "export", "--to", "pdf", str(tmp_path / "x"))
    assert result.exit_code == ExitCode.USAGE


# ---------------------------------------------------------------- csv


def test_csv_writes_one_table_per_section_into_a_new_directory(tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = run(SECOND_BRIEF, "export", "--to", "csv", str(out))
    assert result.exit_code == 0, result.stderr
    brief = load(SECOND_BRIEF).brief
    counts = {
        "actors": len(brief.actors), "relations": len(brief.relations),
        "events": len(brief.events), "claims": len(brief.claims),
        "sources": len(brief.sources), "notes": len(brief.notes), "places": len(brief.places),
    }  # fmt: skip
    for section, count in counts.items():
        with (out / f"{section}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert len(rows) == count, section
    with (out / "claims.csv").open(encoding="utf-8", newline="") as stream:
        claim = next(row for row in csv.DictReader(stream) if row["id"] == "c-council-urged-delay")
    assert claim["grade"] == "C3"
    assert claim["chain"].startswith("Anonymous council official ← Maria Lindqvist")


def test_csv_refuses_a_non_empty_directory_without_force(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("not ours", encoding="utf-8")
    result = run(SECOND_BRIEF, "export", "--to", "csv", str(tmp_path))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert str(tmp_path) in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_csv_with_force_writes_its_tables_and_leaves_other_files_alone(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("not ours", encoding="utf-8")
    (tmp_path / "actors.csv").write_text("stale", encoding="utf-8")
    result = run(SECOND_BRIEF, "export", "--to", "csv", "--force", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "not ours"
    assert (tmp_path / "actors.csv").read_text(encoding="utf-8").startswith("id,name,kind")
    assert len(list(tmp_path.iterdir())) == 8


def test_csv_into_an_existing_empty_directory_needs_no_force(tmp_path: Path) -> None:
    assert run(SECOND_BRIEF, "export", "--to", "csv", str(tmp_path)).exit_code == 0
    assert len(list(tmp_path.iterdir())) == 7


def test_a_failed_csv_write_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "actors.csv").write_text("previous", encoding="utf-8")
    calls = []

    def fsync_then_fail(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 3:  # the third table cannot be written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync_then_fail)
    result = run(SECOND_BRIEF, "export", "--to", "csv", "--force", str(tmp_path))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "No space left on device" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["actors.csv"]
    assert (tmp_path / "actors.csv").read_text(encoding="utf-8") == "previous"


def test_csv_to_standard_output_is_a_usage_error() -> None:
    result = run(SECOND_BRIEF, "export", "--to", "csv", "-")
    assert result.exit_code == ExitCode.USAGE
    assert "directory" in result.stderr


# ---------------------------------------------------------------- STIX


def stix_bundle(path: Path) -> Any:
    return stix2.parse(stix_export.export(load(path)), allow_custom=False)


@pytest.mark.parametrize("name", BRIEF_PARAMS)
def test_stix_bundle_parses_strictly_and_holds_every_actor_relation_and_claim(
    name: str,
) -> None:
    brief = load(BRIEFS[name]).brief
    bundle = stix_bundle(BRIEFS[name])
    objects = {obj.id: obj for obj in bundle.objects}
    for actor in brief.actors:
        identity = objects[stix_export.stix_id("identity", f"actors/{actor.id}")]
        assert identity.name == actor.name
    for relation in brief.relations:
        relationship = objects[stix_export.stix_id("relationship", f"relations/{relation.id}")]
        assert relationship.source_ref == stix_export.stix_id(
            "identity", f"actors/{relation.subject}"
        )
        assert relationship.target_ref == stix_export.stix_id(
            "identity", f"actors/{relation.object}"
        )
        # The spec: relationship types are lowercase ASCII letters, digits and hyphens.
        assert re.fullmatch(r"[a-z0-9-]+", relationship.relationship_type)
    for claim in brief.claims:
        note = objects[stix_export.stix_id("note", f"claims/{claim.id}")]
        assert note.abstract == claim.statement
        assert claim.excerpt in note.content
    report = next(obj for obj in bundle.objects if obj.type == "report")
    contained = set(report.object_refs)
    definitions = ("marking-definition", "extension-definition")
    assert {obj.id for obj in bundle.objects} - contained == {
        report.id,
        *(obj.id for obj in bundle.objects if obj.type in definitions),
    }


def test_stix_carries_each_record_and_declares_what_it_adds() -> None:
    """Beside the STIX properties, each record's id and the fields STIX has no property for
    (x_briefcli_*, for `briefcli import`), declared by a toplevel-property-extension."""
    data = json.loads(stix_export.export(load(SECOND_BRIEF)))
    extension = next(obj for obj in data["objects"] if obj["type"] == "extension-definition")
    used = {key for obj in data["objects"] for key in obj if key.startswith("x_briefcli_")}
    assert extension["extension_properties"] == sorted(used)
    for obj in data["objects"]:
        if any(key.startswith("x_briefcli_") for key in obj):
            assert obj["extensions"] == {
                extension["id"]: {"extension_type": "toplevel-property-extension"}
            }
    brief = load(SECOND_BRIEF).brief
    sections = ("actors", "places", "relations", "events", "claims", "notes")
    carried = [obj["x_briefcli_id"] for obj in data["objects"] if "x_briefcli_id" in obj]
    assert sorted(carried) == sorted(r.id for s in sections for r in getattr(brief, s))
    report = next(obj for obj in data["objects"] if obj["type"] == "report")
    assert [s["id"] for s in report["x_briefcli_sources"]] == [s.id for s in brief.sources]
    assert list(report["x_briefcli_stored_texts"]) == ["sources/harbour-report.txt"]


def test_stix_export_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(SECOND_BRIEF, "export", "--to", "stix", str(first)).exit_code == 0
    assert run(SECOND_BRIEF, "export", "--to", "stix", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert '"created": "2024-03-15T00:00:00.000Z"' in text  # meta.as_of, not now


def test_stix_ids_follow_the_brief_ids_not_their_order(tmp_path: Path) -> None:
    path = copy_harbour(tmp_path)
    moved = "  - id: usf\n"
    text = path.read_text(encoding="utf-8")
    start = text.index(moved)
    end = text.index("  - id: meridian\n")
    block = text[start:end]
    path.write_text(text[:start] + text[end:].replace("\nplaces:", "\n" + block + "places:", 1))
    before = {obj.id for obj in stix_bundle(SECOND_BRIEF).objects}
    after = {obj.id for obj in stix_bundle(path).objects}
    assert before == after


def test_stix_confidence_follows_the_spec_scales() -> None:
    """Appendix A of STIX 2.1, as the stix2 library implements it."""
    for digit, value in stix_export.ADMIRALTY_CREDIBILITY.items():
        label = CREDIBILITY_LABELS[digit].title().replace("By", "by").replace("Other", "other")
        label = label.replace("Sources", "sources")
        assert scales.admiralty_credibility_to_value(f"{digit} - {label}") == value
    assert 6 not in stix_export.ADMIRALTY_CREDIBILITY  # "truth cannot be judged": no value
    for level, scale_name in (("low", "Low"), ("moderate", "Med"), ("high", "High")):
        assert (
            scales.none_low_med_high_to_value(scale_name) == (stix_export.ICD203_CONFIDENCE[level])
        )


def test_stix_claims_carry_grade_confidence_sources_and_an_opinion() -> None:
    bundle = stix_bundle(SECOND_BRIEF)
    objects = {obj.id: obj for obj in bundle.objects}
    note = objects[stix_export.stix_id("note", "claims/c-council-urged-delay")]
    assert note.confidence == 50  # credibility 3, possibly true
    assert note.authors == [
        "Anonymous council official", "Maria Lindqvist", "The Kilbarra Courier",
    ]  # fmt: skip
    assert [ref.source_name for ref in note.external_references] == note.authors
    assert "anonymous" in note.external_references[0].description
    assert "Grade C3" in note.content
    assert set(note.object_refs) == {
        stix_export.stix_id("identity", "actors/kilbarra-council"),
        stix_export.stix_id("identity", "actors/meridian"),
    }
    opinion = objects[stix_export.stix_id("opinion", "claims/c-council-urged-delay")]
    assert opinion.opinion == "neutral"
    assert opinion.object_refs == [note.id]


def test_exports_follow_every_route_of_a_source_with_a_list_of_vias(tmp_path: Path) -> None:
    """Altman's posts reached the brief through ProPakistani and through bahsegels.com."""
    brief = altman_posts_by_two_routes(tmp_path)
    # STIX: the claim's note names every source on either route, the first route first.
    note = {obj.id: obj for obj in stix_bundle(brief).objects}[
        stix_export.stix_id("note", f"claims/{ALTMAN_RETURN_CLAIM}")
    ]
    assert note.authors == ["Sam Altman's posts on X", "ProPakistani", "bahsegels.com"]
    assert "reached the brief via ProPakistani or via bahsegels.com" in (
        note.external_references[0].description
    )
    # CSV: the via column lists both ids; the claim's chain column both routes.
    out = tmp_path / "tables"
    result = run(brief, "export", "--to", "csv", str(out))
    assert result.exit_code == 0, result.stderr
    with (out / "sources.csv").open(encoding="utf-8", newline="") as stream:
        source = next(row for row in csv.DictReader(stream) if row["id"] == ALTMAN_POSTS)
    assert source["via"] == "src-propakistani; src-bahsegels"
    with (out / "claims.csv").open(encoding="utf-8", newline="") as stream:
        claim = next(row for row in csv.DictReader(stream) if row["id"] == ALTMAN_RETURN_CLAIM)
    assert claim["chain"] == (
        "Sam Altman's posts on X ← ProPakistani; Sam Altman's posts on X ← bahsegels.com"
    )
    # The handout's table of sources: both outlets it reached the brief via.
    handout = str(exporter(ExportFormat.markdown)(load(brief)))
    (row,) = [line for line in handout.splitlines() if f"| {ALTMAN_POSTS} |" in line]
    assert "| ProPakistani; bahsegels.com |" in row


def test_stix_identity_classes_and_relationship_confidence() -> None:
    objects = {obj.id: obj for obj in stix_bundle(SECOND_BRIEF).objects}

    def actor(actor_id: str) -> Any:
        return objects[stix_export.stix_id("identity", f"actors/{actor_id}")]

    assert actor("grace-okafor").identity_class == "individual"
    assert actor("hdwu").identity_class == "organization"
    assert actor("port-employers-alliance").identity_class == "group"
    assert actor("grace-okafor").roles == ["General Secretary, Harbour and Dock Workers' Union"]
    rivals = objects[stix_export.stix_id("relationship", "relations/r-hdwu-usf-rivals")]
    assert rivals.relationship_type == "rival-of"
    assert rivals.confidence == 85
    assert "mutual" in rivals.labels
    inferred = objects[stix_export.stix_id("relationship", "relations/r-usf-aligned-meridian")]
    assert inferred.confidence == 15
    assert "inferred" in inferred.labels


def test_stix_places_with_coordinates_are_locations_and_states_are_governments() -> None:
    objects = {obj.id: obj for obj in stix_bundle(BUNDLED_BRIEF).objects}
    beirut = objects[stix_export.stix_id("location", "places/beirut")]
    assert (beirut.latitude, beirut.longitude, beirut.country) == (33.8938, 35.5018, "Lebanon")
    iran = objects[stix_export.stix_id("identity", "actors/iran")]
    assert (iran.identity_class, iran.sectors) == ("organization", ["government-national"])


def test_stix_places_without_coordinates_or_country_become_notes() -> None:
    objects = {obj.id: obj for obj in stix_bundle(SECOND_BRIEF).objects}
    hall = objects[stix_export.stix_id("note", "places/kilbarra-city-hall")]
    assert hall.labels == ["place"]
    assert set(hall.object_refs) == {
        stix_export.stix_id("grouping", "events/e-talks-collapse"),
        stix_export.stix_id("grouping", "events/e-march"),
    }


def test_stix_marks_every_object_with_the_handling() -> None:
    bundle = stix_bundle(SECOND_BRIEF)
    marking = next(obj for obj in bundle.objects if obj.type == "marking-definition")
    assert marking.definition.statement == "UNCLASSIFIED // EXERCISE"
    for obj in bundle.objects:
        # Definitions (of the marking, of the x_briefcli_ properties) are not content.
        definitions = ("marking-definition", "extension-definition")
        if obj.type not in definitions and obj.id != marking.created_by_ref:
            assert obj.object_marking_refs == [marking.id]


# ---------------------------------------------------------------- graphs


@pytest.mark.parametrize("name", BRIEF_PARAMS)
def test_graphml_reads_back_with_one_node_per_actor_and_one_edge_per_relation_or_role(
    name: str,
) -> None:
    loaded = load(BRIEFS[name])
    text = exporter(ExportFormat.graphml)(loaded)
    assert isinstance(text, str)
    graph = networkx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert graph.is_directed()
    assert graph.number_of_nodes() == len(loaded.brief.actors)
    assert graph.number_of_edges() == len(loaded.brief.relations) + roles_held_in(loaded)


def roles_held_in(loaded: LoadedBrief) -> int:
    """How many roles link an actor to another (each is an edge of the network)."""
    return sum(
        1
        for actor in loaded.brief.actors
        for role in actor.roles
        if role.of is not None and role.of != actor.id
    )


def test_graphml_attributes_and_escaping(tmp_path: Path) -> None:
    name = 'Tom & "Jerry" <Ltd> \\ co'
    path = edit(copy_harbour(tmp_path), "name: Norland Freight\n", f"name: '{name}'\n")
    text = exporter(ExportFormat.graphml)(load(path))
    assert isinstance(text, str)
    graph = networkx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)
    assert graph.nodes["norland-freight"]["name"] == name
    assert graph.nodes["norland-freight"]["bloc"] == "Port Employers' Alliance"
    assert graph.nodes["grace-okafor"]["kind"] == "person"
    edges = {key: data for _, _, key, data in graph.edges(keys=True, data=True)}
    rivals = edges["r-hdwu-usf-rivals"]
    assert (rivals["mutual"], rivals["relation"], rivals["confidence"], rivals["class"]) == (
        True,
        "rival_of",
        "high",
        "hostility",
    )
    assert (rivals["since"], rivals["until"], rivals["current"]) == ("2024-03", "", True)
    assert edges["r-usf-aligned-meridian"]["inferred"] is True
    role = edges["grace-okafor#role-1"]
    assert (role["relation"], role["class"]) == ("holds_role_in", "office")


def test_dot_quotes_labels() -> None:
    assert dot_export.quote('say "hi"\\now\nthen') == '"say \\"hi\\"\\\\now\\nthen"'
    assert dot_export.quote("\x1b[2J") == '"\\\\x1b[2J"'  # shown as \x1b, not sent raw


@needs_dot
def test_dot_output_with_awkward_names_is_valid_for_graphviz(tmp_path: Path) -> None:
    name = 'Tom & "Jerry" <Ltd> \\ co'
    path = edit(copy_harbour(tmp_path), "name: Norland Freight\n", f"name: '{name}'\n")
    text = exporter(ExportFormat.dot)(load(path))
    assert isinstance(text, str)
    completed = subprocess.run(
        ["dot", "-Tjson"], input=text.encode(), capture_output=True, check=True, timeout=60
    )
    graph = json.loads(completed.stdout)  # attributes as parsed (escapes not yet applied)
    names = {node["name"] for node in graph["objects"] if not node["name"].startswith("_legend")}
    assert names - {"cluster_legend", "cluster_isolated"} == {a.id for a in load(path).brief.actors}
    edges = {edge["id"]: edge for edge in graph["edges"] if "id" in edge}
    assert edges["r-hdwu-usf-rivals"]["dir"] == "both"
    assert edges["r-hdwu-usf-rivals"]["color"] == CLASS_LOOKS["hostility"].colour
    assert edges["r-usf-aligned-meridian"]["style"] == "dashed"
    assert edges["r-usf-aligned-meridian"]["color"] == CLASS_LOOKS["alliance"].colour
    drawn = subprocess.run(
        ["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=True, timeout=60
    ).stdout.decode()
    # The name wrapped onto two lines, and whole in the tooltip.
    assert ">Tom &amp; &quot;Jerry&quot;</text>" in drawn and ">&lt;Ltd&gt; \\ co</text>" in drawn
    assert 'xlink:title="Tom &amp; &quot;Jerry&quot; &lt;Ltd&gt; \\ co: organisation' in drawn


def test_mermaid_labels_cannot_break_out() -> None:
    assert mermaid_export.label('a"b<c>&#d\ne') == '"a#quot;b#lt;c#gt;#amp;#35;d<br>e"'


def test_mermaid_marks_mutual_and_inferred_links() -> None:
    text = exporter(ExportFormat.mermaid)(load(SECOND_BRIEF))
    assert isinstance(text, str)
    assert ' <-->|"rival of (high, since 2024-03)"| ' in text
    assert ' <-.->|"aligned with (low, inferred)"| ' in text
    assert ' -->|"leads (high)"| ' in text
    loaded = load(SECOND_BRIEF)
    legend = network(loaded.index).legend()
    samples = len(legend.classes) + len(legend.patterns)
    links = len(loaded.brief.relations) + roles_held_in(loaded) + samples
    assert text.count("-->|") + text.count("-.->|") == links
    assert 'subgraph legend ["Legend"]' in text
    rival = next(n for n, line in enumerate(links_of(text)) if "rival of" in line)
    hostility = CLASS_LOOKS["hostility"].colour
    assert f"  linkStyle {rival} stroke:{hostility},stroke-width:3px,color:{hostility}" in (
        text.splitlines()
    )


def links_of(mermaid: str) -> list[str]:
    return [line for line in mermaid.splitlines() if "-->|" in line or "-.->|" in line]


def test_harbour_dot_matches_the_golden_file(golden: Golden) -> None:
    golden("harbour.dot", str(exporter(ExportFormat.dot)(load(SECOND_BRIEF))))


def test_harbour_mermaid_matches_the_golden_file(golden: Golden) -> None:
    golden("harbour.mermaid", str(exporter(ExportFormat.mermaid)(load(SECOND_BRIEF))))


def test_harbour_handout_matches_the_golden_file(golden: Golden) -> None:
    golden("harbour.handout.md", str(exporter(ExportFormat.markdown)(load(SECOND_BRIEF))))


def test_bundled_exports_match_the_golden_files(golden: Golden) -> None:
    loaded = load(BUNDLED_BRIEF)
    golden("bundled/export.dot", str(exporter(ExportFormat.dot)(loaded)))
    golden("bundled/export.mermaid", str(exporter(ExportFormat.mermaid)(loaded)))
    golden("bundled/handout.md", str(exporter(ExportFormat.markdown)(loaded)))


def test_the_handout_holds_the_whole_brief() -> None:
    text = str(exporter(ExportFormat.markdown)(load(SECOND_BRIEF)))
    for heading in (
        "## Key judgments", "## Who's who", "## Summary", "## Actors", "## Timeline",
        "## Alignments", "## Sources", "## Analyst notes", "## Gaps and open questions (3)",
    ):  # fmt: skip
        assert heading in text
    assert "n-two-okafors" in text
    assert "Anonymous council official" in text


# ---------------------------------------------------------------- Graphviz rendering


@needs_dot
def test_svg_is_rendered_by_graphviz(tmp_path: Path) -> None:
    out = tmp_path / "network.svg"
    result = run(SECOND_BRIEF, "export", "--to", "svg", str(out))
    assert result.exit_code == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg
    assert "Grace Okafor" in svg and ">rival of<" in svg and ">Legend<" in svg
    assert "Harbour and Dock Workers&#39; Union ↔ United Stevedores Federation: rival of (high" in (
        svg
    )


@pytest.mark.parametrize("export_format", ["svg", "png"])
def test_without_graphviz_svg_and_png_fail_naming_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, export_format: str
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / f"network.{export_format}"
    result = run(SECOND_BRIEF, "export", "--to", export_format, str(out))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "graphviz" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_a_failing_graphviz_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: syntax error in line 1' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExportError, match="Graphviz's dot failed: Error: syntax error in line 1"):
        dot_export.render("digraph {", "svg")


def test_the_cli_loads_no_exporter_until_asked() -> None:
    """Start-up stays light: the format modules, the briefing and diff load on use."""
    code = (
        "import sys, briefcli.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith(('briefcli.exporters.',"
        " 'briefcli.queries.briefing', 'briefcli.views.briefing', 'briefcli.queries.diff',"
        " 'briefcli.views.diff'))))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stdout.strip() == "[]"


def test_a_symbolic_link_that_loops_is_one_error_line_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.symlink_to(out)
    result = run(SECOND_BRIEF, "export", "--to", "markdown", "--force", str(out))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert result.stderr == (
        f"briefcli: error: cannot write {out}: it is a symbolic link that loops\n"
    )


def test_csv_tables_linked_to_one_file_are_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "tables"
    assert run(SECOND_BRIEF, "export", "--to", "csv", str(folder)).exit_code == 0
    (folder / "relations.csv").unlink()
    (folder / "relations.csv").symlink_to("actors.csv")
    before = (folder / "actors.csv").read_bytes()
    result = run(SECOND_BRIEF, "export", "--to", "csv", "--force", str(folder))
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert "same file" in result.stderr
    assert (folder / "actors.csv").read_bytes() == before
    assert not [path for path in folder.iterdir() if path.name.endswith(".tmp")]
