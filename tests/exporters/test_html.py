"""`briefcli export --to html OUT` (issue 23): one self-contained page, the briefing, the link
chart's data, the timeline and the claims, safe whatever text the brief holds.

These tests read the page as a file; tests/exporters/test_html_browser.py opens it in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from briefcli.brief import loader
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from briefcli.exporters import html as html_export
from briefcli.exporters.network import CLASS_LOOKS, KIND_LOOKS
from briefcli.store.loaded import LoadedBrief
from conftest import BUNDLED_BRIEF, MEGHALAYA_BRIEF, SECOND_BRIEF, BriefWriter

runner = CliRunner()
VENDOR = Path(html_export.__file__).parent / "vendor"
MAX_BYTES = 2_000_000  # the budget for the bundled brief's page


def export(brief: Path, out: Path, *options: str) -> str:
    result = runner.invoke(
        app, ["--brief", str(brief), *options, "export", "--to", "html", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    return out.read_text(encoding="utf-8")


def embedded(page: str) -> Any:
    """The data the page carries, as its own code reads it."""
    found = re.search(r'<script type="application/json" id="brief-data">(.*?)</script>', page, re.S)
    assert found, "no data in the page"
    return json.loads(found.group(1))


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the text directly inside each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[int, str] = {}
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in {"meta", "input", "br"}:  # void elements hold nothing
            self._open.append(len(self.tags) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self.tags[self._open[-1]][0] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            position = self._open[-1]
            self.text[position] = self.text.get(position, "") + data


def elements(page: str) -> Elements:
    parsed = Elements()
    parsed.feed(page)
    parsed.close()
    return parsed


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def bundled_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return export(BUNDLED_BRIEF, tmp_path_factory.mktemp("html") / "brief.html")


def load(path: Path) -> LoadedBrief:
    checked, problems = loader.check_files([path])
    assert checked is not None and not problems, problems
    return LoadedBrief.of(checked)


# ---------------------------------------------------------------- one file, offline


def test_the_page_loads_nothing_from_anywhere(bundled_page: str) -> None:
    parsed = elements(bundled_page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base", "form"}, tags
    for tag, attributes in parsed.tags:
        assert "src" not in attributes, f"<{tag}> loads {attributes['src']}"
        href = attributes.get("href")
        assert href is None or href.startswith("#"), f"<{tag}> links to {href}"
        assert not any("url(" in (value or "") for value in attributes.values())
    style = next(text for number, text in parsed.text.items() if parsed.tags[number][0] == "style")
    assert "url(" not in style and "@import" not in style


def test_the_page_forbids_itself_the_network_and_any_script_but_its_own(bundled_page: str) -> None:
    parsed = elements(bundled_page)
    policy = next(
        attributes["content"] or ""
        for tag, attributes in parsed.tags
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy"
    )
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert "connect-src" not in directives and "img-src" not in directives
    scripts = [
        parsed.text.get(number, "")
        for number, (tag, attributes) in enumerate(parsed.tags)
        if tag == "script" and attributes.get("type") != "application/json"
    ]
    assert len(scripts) == 2  # the layout library, then the page's own code
    assert directives["script-src"].split() == [csp_hash(script) for script in scripts]
    style = next(text for number, text in parsed.text.items() if parsed.tags[number][0] == "style")
    assert directives["style-src"].split() == [csp_hash(style)]
    # The policy comes first in the head, before anything it governs.
    assert parsed.tags[3][1].get("http-equiv") == "Content-Security-Policy"
    assert [tag for tag, _ in parsed.tags[:3]] == ["html", "head", "meta"]


def test_the_bundled_briefs_page_is_under_two_megabytes(bundled_page: str) -> None:
    assert len(bundled_page.encode("utf-8")) < MAX_BYTES


def test_the_page_carries_the_licence_of_the_library_it_inlines(bundled_page: str) -> None:
    licence = (VENDOR / "LICENSE-d3").read_text(encoding="utf-8").strip()
    assert licence in bundled_page


def test_the_vendored_library_is_what_its_readme_records() -> None:
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `([\w.-]+)` \| ([\w-]+) ([\d.]+) \| ISC \| (\S+) \| `(\w+)` \|$", readme, re.M
    )
    assert {name for name, *_ in rows} == set(html_export.VENDORED)
    for name, package, version, tarball, digest in rows:
        code = (VENDOR / name).read_bytes()
        assert hashlib.sha256(code).hexdigest() == digest, name
        assert code.startswith(f"// https://d3js.org/{package}/ v{version} ".encode()), name
        assert tarball == f"https://registry.npmjs.org/{package}/-/{package}-{version}.tgz"


# ---------------------------------------------------------------- what the page holds


def test_the_chart_has_one_node_per_actor_and_one_edge_per_relation_and_role(
    bundled_page: str,
) -> None:
    brief = load(BUNDLED_BRIEF).index.brief
    data = embedded(bundled_page)
    assert [node["id"] for node in data["nodes"]] == [actor.id for actor in brief.actors]
    roles = [
        f"{actor.id}#role-{number + 1}"
        for actor in brief.actors
        for number, role in enumerate(actor.roles)
        if role.of is not None and role.of != actor.id
    ]
    assert [edge["id"] for edge in data["edges"]] == [r.id for r in brief.relations] + roles


def test_each_link_carries_its_class_period_and_the_claims_behind_it(tmp_path: Path) -> None:
    data = embedded(export(MEGHALAYA_BRIEF, tmp_path / "meghalaya.html"))
    edges = {edge["id"]: edge for edge in data["edges"]}
    alliance = edges["r-congress-udp-alliance"]
    assert alliance["class"] == "alliance" and alliance["mutual"] is True
    assert (alliance["since"], alliance["until"]) == ("2008", "2013")
    assert (alliance["start"], alliance["end"]) == ("2008-01-01", "2013-12-31")
    assert alliance["claims"] == ["c-alliance-2008"]
    inferred = edges["r-sarma-brokered"]
    assert inferred["inferred"] is True and inferred["confidence"] == "moderate"
    assert inferred["claims"] == ["c-sarma-vehicle", "c-offer", "c-roy-rejects"]
    role = next(e for e in data["edges"] if e["source"] == "mukul-sangma" and e["role"])
    assert role["class"] == "office" and role["claims"] == [] and role["end"] is not None
    claims = {claim["id"]: claim for claim in data["claims"]}
    assert set(claims) >= {c for edge in data["edges"] for c in edge["claims"]}
    assert all(claim["grade"] and claim["chain"] and claim["excerpt"] for claim in claims.values())


def test_the_colours_are_the_palette_every_chart_shares(bundled_page: str) -> None:
    data = embedded(bundled_page)
    assert {k["name"]: k["colour"] for k in data["kinds"]} == {
        kind: look.colour for kind, look in KIND_LOOKS.items()
    }
    assert {c["name"]: c["colour"] for c in data["classes"]} == {
        name: look.colour for name, look in CLASS_LOOKS.items()
    }


def test_the_briefing_is_the_one_brief_prints_unclipped(bundled_page: str) -> None:
    briefing = embedded(bundled_page)["briefing"]
    headings = [block["heading"] for block in briefing if "heading" in block]
    assert headings[0].startswith("Iraqi militia leaders meet in Beirut")
    for expected in ["Key judgments (5)", "Who's who (12 of 30)", "Sourcing"]:
        assert expected in headings
    assert any(h.startswith("Key events") for h in headings)
    assert any(h.startswith("Gaps and open questions") for h in headings)
    judgments = [b["paragraph"] for b in briefing if b.get("paragraph", "").startswith("• ")]
    assert judgments[0].startswith("• Likely, moderate confidence: Leaders of the most")


def test_the_timeline_gives_each_event_the_days_it_may_fall_on(tmp_path: Path) -> None:
    events = embedded(export(SECOND_BRIEF, tmp_path / "harbour.html"))["timeline"]
    assert [event["start"] for event in events if event["start"]] == sorted(
        event["start"] for event in events if event["start"]
    )
    span = next(e for e in events if e["title"].startswith("USF signs a separate agreement"))
    assert (span["start"], span["end"]) == ("2023-10-01", "2023-12-31")
    uncertain = next(e for e in events if e["title"].startswith("Talks expected to resume"))
    assert uncertain["uncertain"] is True and uncertain["start"] == uncertain["end"]


def test_as_of_sets_the_day_the_chart_first_shows(tmp_path: Path) -> None:
    data = embedded(export(MEGHALAYA_BRIEF, tmp_path / "then.html", "--as-of", "2012-06-01"))
    assert data["meta"]["asOf"] == "2012-06-01"
    assert data["meta"]["first"] <= "2008-01-01"


def test_a_brief_without_relations_or_events_still_makes_a_page(
    tmp_path: Path, write_brief: BriefWriter
) -> None:
    brief = write_brief('meta: {title: Empty, as_of: "2024"}\nactors: []\n')
    data = embedded(export(brief, tmp_path / "empty.html"))
    assert (data["nodes"], data["edges"], data["timeline"]) == ([], [], [])
    assert data["meta"]["first"] == data["meta"]["asOf"] == "2024-12-31"


# ---------------------------------------------------------------- hostile text


def test_no_text_can_end_the_script_element_that_holds_it() -> None:
    nasty = ["</script><script>alert(1)</script>", "<!--", "]]>", "a\u2028b\u2029c", "&amp;"]
    encoded = html_export.script_json({"texts": nasty})
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(encoded) == {"texts": nasty}


def test_the_page_writes_a_hostile_title_as_text(tmp_path: Path, write_brief: BriefWriter) -> None:
    title = "</title><script>window.pwned=1</script>\u202e\x1b[31m"
    brief = write_brief(f"meta: {{title: {json.dumps(title)}, as_of: '2024'}}\n")
    page = export(brief, tmp_path / "hostile.html")
    assert page.count("<script") == page.count("</script>") == 3
    shown = "</title><script>window.pwned=1</script>\\u202e\\x1b[31m"  # as the page shows it
    assert f"<title>{html.escape(shown)}</title>" in page
    assert "\u202e" not in page and "\x1b" not in page
    assert embedded(page)["meta"]["title"] == shown


# ---------------------------------------------------------------- the command


def test_export_to_html_writes_to_standard_output_too() -> None:
    result = runner.invoke(app, ["--brief", str(SECOND_BRIEF), "export", "--to", "html", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")


def test_export_to_html_keeps_an_existing_file_without_force(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["--brief", str(SECOND_BRIEF), "export", "--to", "html", str(out)])
    assert result.exit_code == ExitCode.OUTPUT_ERROR
    assert out.read_text(encoding="utf-8") == "mine"
