"""Specification of the static alignment chart (issue 23, item 2): `export --to
dot|svg|png|mermaid` colour actors by kind and links by class from the one palette
(network.KIND_LOOKS, network.CLASS_LOOKS), keep dashes for inferred, dots for former and width
for confidence, list in a legend exactly what they show, gather unlinked actors in a "Not
connected" block, stay readable at 1280 pixels wide, and draw one actor's neighbourhood with
`--around NAME --depth N`.

The DOT of the bundled brief, of the Meghalaya brief and of one neighbourhood is pinned by
golden files (tests/golden/bundled/export*.dot, tests/golden/meghalaya.dot); after a deliberate
change run `BRIEFCLI_UPDATE_GOLDEN=1 pytest tests/exporters` and review the diff. Charts are read
back through Graphviz (`dot -Tjson`), as a viewer would read them.
"""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import networkx
import pytest
import yaml
from typer.testing import CliRunner, Result

from briefcli.brief import loader
from briefcli.brief.model import ActorKind, RelationClass
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from briefcli.exporters import ExportFormat, dot, mermaid
from briefcli.exporters.network import (
    CLASS_LOOKS,
    GRAPH_FORMATS,
    KIND_LOOKS,
    Around,
    Edge,
    Network,
    Node,
    graph_exporter,
    neighbourhood,
    network,
)
from briefcli.store.loaded import LoadedBrief
from conftest import (
    BUNDLED_BRIEF,
    MEGHALAYA_BRIEF,
    OPENAI_BRIEF,
    SECOND_BRIEF,
    BriefWriter,
    Golden,
)

runner = CliRunner()
BRIEFS = {
    "bundled": BUNDLED_BRIEF,
    "meghalaya": MEGHALAYA_BRIEF,
    "harbour": SECOND_BRIEF,
    "openai": OPENAI_BRIEF,
}
# The actors of the bundled brief that no relation or role links to another.
BUNDLED_UNLINKED = {
    "reuters",
    "iraq",
    "lebanon",
    "united-kingdom",
    "iraqi-condolence-delegation",
}


@pytest.fixture(autouse=True)
def dot_installed() -> None:
    """The chart is read back through Graphviz: a missing `dot` fails these tests (it is no
    reason to pass them unseen); .ci/run installs it."""
    if shutil.which("dot") is None:
        pytest.fail("Graphviz's dot is not installed: apt-get install graphviz")


def run(brief: Path, *args: str) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args])


@functools.cache
def load(path: Path) -> LoadedBrief:
    loaded, problems = loader.check_files([path])
    assert loaded is not None and not problems, problems
    return LoadedBrief.of(loaded)


@dataclass(frozen=True)
class Chart:
    """A DOT chart as Graphviz reads and lays it out."""

    nodes: dict[str, dict[str, Any]]  # actor id -> its attributes (legend nodes left out)
    edges: list[dict[str, Any]]  # the relations and roles drawn, with `tail` and `head` ids
    clusters: dict[str, set[str]]  # cluster name -> ids of the nodes in it
    legend_kinds: list[str]
    legend_lines: list[str]  # what the legend's table says each sample line is
    width: float  # points
    height: float


def read_chart(dot_text: str) -> Chart:
    completed = subprocess.run(
        ["dot", "-Tjson"], input=dot_text.encode(), capture_output=True, check=True, timeout=60
    )
    data = json.loads(completed.stdout)
    objects = data["objects"]
    names = {obj["_gvid"]: obj["name"] for obj in objects if "nodes" not in obj}
    nodes = {
        obj["name"]: obj
        for obj in objects
        if "nodes" not in obj and not obj["name"].startswith(dot.LEGEND_PREFIX)
    }
    clusters = {
        obj["name"]: {names[gvid] for gvid in obj["nodes"]}
        for obj in objects
        if obj["name"].startswith("cluster")
    }
    edges = [
        {**edge, "tail": names[edge["tail"]], "head": names[edge["head"]]}
        for edge in data.get("edges", [])
        if "id" in edge  # the relations and roles; the invisible edges laying out blocks have none
    ]
    kinds = sorted(
        (obj["name"].removeprefix(dot.LEGEND_PREFIX), obj["_gvid"])
        for obj in objects
        if obj["name"].startswith(dot.LEGEND_PREFIX) and obj["name"] != dot.LEGEND_PREFIX + "lines"
    )
    table = next(
        (obj["label"] for obj in objects if obj["name"] == dot.LEGEND_PREFIX + "lines"), ""
    )
    left, bottom, right, top = (float(v) for v in data["bb"].split(","))
    return Chart(
        nodes=nodes,
        edges=edges,
        clusters=clusters,
        legend_kinds=[kind for kind, _ in sorted(kinds, key=lambda pair: pair[1])],
        legend_lines=re.findall(r'<TD ALIGN="LEFT">([^<]*)</TD>', table),
        width=right - left,
        height=top - bottom,
    )


@functools.cache
def chart(name: str, around: Around | None = None) -> Chart:
    return read_chart(dot.export(load(BRIEFS[name]), around))


def palette_labels(graph: Network) -> tuple[list[str], list[str]]:
    """The kinds and the legend lines (class labels, then patterns) that `graph` shows."""
    legend = graph.legend()
    return legend.kinds, [CLASS_LOOKS[c].label for c in legend.classes] + legend.patterns


# ---------------------------------------------------------------- golden files


def test_the_meghalaya_chart_matches_its_golden_file(golden: Golden) -> None:
    golden("meghalaya.dot", dot.export(load(MEGHALAYA_BRIEF)))
    golden("meghalaya.mermaid", str(mermaid.export(load(MEGHALAYA_BRIEF))))


def test_a_neighbourhood_chart_matches_its_golden_file(golden: Golden) -> None:
    around = Around("hadi-al-amiri", 1)
    golden("bundled/export-around-amiri.dot", dot.export(load(BUNDLED_BRIEF), around))


# ---------------------------------------------------------------- colours, shapes, lines


@pytest.mark.parametrize("name", list(BRIEFS))
def test_every_actor_is_filled_with_its_kinds_colour_in_its_kinds_shape(name: str) -> None:
    actors = {actor.id: actor for actor in load(BRIEFS[name]).brief.actors}
    drawn = chart(name)
    assert set(drawn.nodes) == set(actors)
    for actor_id, node in drawn.nodes.items():
        kind = actors[actor_id].kind
        assert node["fillcolor"] == KIND_LOOKS[kind].colour, actor_id
        assert node["shape"] == dot.SHAPES[kind], actor_id
        assert "filled" in node["style"]


@pytest.mark.parametrize("name", list(BRIEFS))
def test_every_link_is_drawn_in_its_classs_colour(name: str) -> None:
    classes = {edge.id: edge.meaning for edge in network(load(BRIEFS[name]).index).edges}
    drawn = chart(name)
    assert {edge["id"] for edge in drawn.edges} == set(classes)
    for edge in drawn.edges:
        assert edge["color"] == CLASS_LOOKS[classes[edge["id"]]].colour, edge["id"]


def test_hostility_and_alliance_are_told_apart_by_colour() -> None:
    by_class: dict[str, set[str]] = {}
    for edge in chart("bundled").edges:
        by_class.setdefault(edge["class"], set()).add(edge["color"])
    assert by_class["hostility"] and by_class["alliance"]
    assert by_class["hostility"].isdisjoint(by_class["alliance"])
    assert len(set(look.colour for look in CLASS_LOOKS.values())) == len(CLASS_LOOKS)


def test_no_two_classes_of_link_are_drawn_in_colours_close_enough_to_mistake() -> None:
    """ "membership" and "other" were two dark blue-greys (#1f4e79, #455a64, 45 apart): an
    inferred "brokered" link read as an inferred "member of"."""

    def rgb(colour: str) -> tuple[int, ...]:
        return tuple(bytes.fromhex(colour[1:]))

    looks = list(CLASS_LOOKS.items())
    for number, (name, look) in enumerate(looks):
        for other, other_look in looks[number + 1 :]:
            apart = (
                sum(
                    (a - b) ** 2
                    for a, b in zip(rgb(look.colour), rgb(other_look.colour), strict=True)
                )
                ** 0.5
            )
            assert apart >= 60, (name, other, round(apart))


def test_the_palette_gives_every_kind_and_class_a_colour_and_a_label() -> None:
    assert set(KIND_LOOKS) == set(get_args(ActorKind)) == set(dot.SHAPES)
    assert set(CLASS_LOOKS) == set(get_args(RelationClass))


def test_inferred_links_are_dashed_former_ones_dotted_and_width_follows_confidence() -> None:
    drawn = chart("meghalaya")
    widths: dict[str, set[float]] = {"low": set(), "moderate": set(), "high": set()}
    for edge in drawn.edges:
        style = edge.get("style")
        if edge["current"] == "false":
            assert style == "dotted", edge["id"]
        elif edge["inferred"] == "true":
            assert style == "dashed", edge["id"]
        else:
            assert style is None, edge["id"]
        widths[edge["confidence"]].add(float(edge["penwidth"]))
    assert all(widths.values()), widths
    assert max(widths["low"]) < min(widths["moderate"]) <= max(widths["moderate"])
    assert max(widths["moderate"]) < min(widths["high"])


def test_links_are_named_by_their_type_and_say_the_rest_in_their_tooltip() -> None:
    edges = {edge["id"]: edge for edge in chart("harbour").edges}
    rivals = edges["r-hdwu-usf-rivals"]
    assert rivals["label"] == "rival of"
    assert rivals["tooltip"] == (
        "Harbour and Dock Workers' Union ↔ United Stevedores Federation: "
        "rival of (high, since 2024-03)"
    )
    role = edges["grace-okafor#role-1"]
    assert role["label"] == "General\\nSecretary"
    assert (
        role["tooltip"]
        == "Grace Okafor → Harbour and Dock Workers' Union: General Secretary (role)"
    )


def test_long_names_wrap_onto_short_lines_and_are_whole_in_the_tooltip() -> None:
    name = "Iraqi politicians and faction leaders offering condolences in Tehran"
    nodes = chart("bundled").nodes
    lines = nodes["iraqi-condolence-delegation"]["label"].split("\\n")
    assert " ".join(lines) == name
    # Lines of about a quarter of so long a name, so that its node is not a tower.
    assert len(lines) <= dot.NAME_LINES + 1
    assert max(len(line) for line in lines) <= len(name) // dot.NAME_LINES + 2
    assert nodes["iraqi-condolence-delegation"]["tooltip"].startswith(f"{name}: bloc (delegation)")
    assert nodes["hadi-al-amiri"]["label"] == "Hadi al-Amiri"  # short enough for one line
    assert nodes["muqtada-al-sadr"]["label"] == "Muqtada\\nal-Sadr"


def test_a_word_longer_than_a_line_keeps_its_line_and_hyphens_do_not_break() -> None:
    assert dot.wrapped("Muqtada al-Sadr", 10) == "Muqtada\nal-Sadr"
    assert dot.wrapped("Supercalifragilistic", 5) == "Supercalifragilistic"
    assert dot.wrapped("a  b\tc", 20) == "a b c"
    assert dot.fitted("one two three four five six", 5, 2) == "one two three\nfour five six"


# ---------------------------------------------------------------- the legend


@pytest.mark.parametrize("name", list(BRIEFS))
def test_the_legend_lists_exactly_the_kinds_classes_and_patterns_the_chart_shows(
    name: str,
) -> None:
    drawn = chart(name)
    kinds = [kind for kind in KIND_LOOKS if kind in {n["kind"] for n in drawn.nodes.values()}]
    classes = [c for c in CLASS_LOOKS if c in {edge["class"] for edge in drawn.edges}]
    patterns = [
        pattern
        for pattern, shown in (
            ("inferred", any(e.get("style") == "dashed" for e in drawn.edges)),
            ("former (no longer in force)", any(e.get("style") == "dotted" for e in drawn.edges)),
            ("low confidence", any(e["confidence"] == "low" for e in drawn.edges)),
        )
        if shown
    ]
    assert drawn.legend_kinds == kinds
    assert drawn.legend_lines == [CLASS_LOOKS[c].label for c in classes] + patterns


def test_the_legend_of_a_neighbourhood_lists_only_what_it_shows() -> None:
    drawn = chart("meghalaya", Around("amit-shah", 1))
    assert drawn.legend_kinds == ["person", "organisation"]
    assert "former (no longer in force)" not in drawn.legend_lines
    assert "hostility" not in drawn.legend_lines and "office (role)" in drawn.legend_lines


@pytest.mark.parametrize("name", ["bundled", "meghalaya", "harbour"])
def test_the_mermaid_legend_lists_the_same_entries_as_the_dot_legend(name: str) -> None:
    text = str(mermaid.export(load(BRIEFS[name])))
    legend = text.split('subgraph legend ["Legend"]', 1)[1].split("\n  end\n", 1)[0]
    kinds = re.findall(r"legend_(\w+)\W", legend)
    lines = re.findall(r'\|"([^"]*)"\| legend\d+b', legend)
    assert (kinds, lines) == palette_labels(network(load(BRIEFS[name]).index))
    assert (kinds, lines) == (chart(name).legend_kinds, chart(name).legend_lines)


def test_mermaid_colours_actors_and_links_from_the_same_palette() -> None:
    loaded = load(SECOND_BRIEF)
    text = str(mermaid.export(loaded))
    for kind, look in KIND_LOOKS.items():
        assert f"  classDef {kind} fill:{look.colour},stroke:#333,color:#000" in text
    styles = dict(re.findall(r"^  linkStyle (\d+) (.*)$", text, re.MULTILINE))
    for number, edge in enumerate(network(loaded.index).edges):
        assert styles[str(number)].startswith(f"stroke:{CLASS_LOOKS[edge.meaning].colour},")


def test_mermaid_draws_a_former_link_finer_dotted_than_an_inferred_one() -> None:
    text = str(mermaid.export(load(MEGHALAYA_BRIEF)))
    styles = dict(re.findall(r"^  linkStyle (\d+) (.*)$", text, re.MULTILINE))
    for number, edge in enumerate(network(load(MEGHALAYA_BRIEF).index).edges):
        assert (mermaid.FORMER_DASHES in styles[str(number)]) == (not edge.current), edge.id


# ---------------------------------------------------------------- actors with no link


def test_unlinked_actors_sit_in_the_not_connected_cluster_as_a_compact_block() -> None:
    drawn = chart("bundled")
    assert drawn.clusters["cluster_isolated"] == BUNDLED_UNLINKED
    linked = {end for edge in drawn.edges for end in (edge["tail"], edge["head"])}
    assert set(drawn.nodes) - linked == BUNDLED_UNLINKED
    # Five actors in two columns of three and two, not in one line.
    assert sorted(column_sizes(drawn, BUNDLED_UNLINKED)) == [2, 3]


def column_sizes(drawn: Chart, actors: set[str]) -> list[int]:
    """How many of these actors share each x position (one rank, left to right)."""
    columns: dict[int, int] = {}
    for actor in actors:
        x = round(float(drawn.nodes[actor]["pos"].split(",")[0]))
        columns[x] = columns.get(x, 0) + 1
    return list(columns.values())


@pytest.mark.parametrize("count", [1, 2, 4, 9, 12])
def test_the_block_of_unlinked_actors_is_about_as_wide_as_it_is_tall(
    write_brief: BriefWriter, count: int
) -> None:
    actors = [{"id": f"a{n}", "name": f"Actor {n}", "kind": "person"} for n in range(count)]
    brief = write_brief(yaml.safe_dump({"meta": {"title": "T", "as_of": "2024"}, "actors": actors}))
    drawn = read_chart(dot.export(load(brief)))
    assert drawn.clusters["cluster_isolated"] == set(drawn.nodes) == {a["id"] for a in actors}
    sizes = column_sizes(drawn, set(drawn.nodes))
    assert abs(len(sizes) - max(sizes)) <= 1, sizes


def test_a_chart_where_every_actor_is_linked_has_no_not_connected_block() -> None:
    assert "cluster_isolated" not in chart("harbour").clusters
    assert "Not connected" not in str(mermaid.export(load(SECOND_BRIEF)))


def test_mermaid_gathers_unlinked_actors_in_a_not_connected_subgraph() -> None:
    text = str(mermaid.export(load(BUNDLED_BRIEF)))
    block = text.split('subgraph isolated ["Not connected"]\n', 1)[1].split("  end\n", 1)[0]
    names = {actor.id: actor.name for actor in load(BUNDLED_BRIEF).brief.actors}
    assert re.findall(r'"([^"]*)"', block) == [
        names[n.id] for n in network(load(BUNDLED_BRIEF).index).nodes if n.id in BUNDLED_UNLINKED
    ]


# ---------------------------------------------------------------- readable at slide width


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


SLIDE_WIDTH = 1280  # pixels
SMALLEST_NAME = 10  # pixels: the node labels' font size once the PNG is shrunk to SLIDE_WIDTH


@pytest.mark.parametrize("name", ["bundled", "meghalaya", "openai", "harbour"])
def test_the_png_keeps_names_readable_at_slide_width_in_a_sane_shape(name: str) -> None:
    text = dot.export(load(BRIEFS[name]))
    png = dot.render(text, "png")
    width, height = png_size(png)
    assert 0.5 <= width / height <= 2.5, (width, height)
    # Pixels per point of the PNG, from the same layout's size in points.
    pixels_per_point = width / read_chart(text).width
    name_pixels = dot.NODE_FONT_SIZE * pixels_per_point * min(1.0, SLIDE_WIDTH / width)
    assert name_pixels >= SMALLEST_NAME, (width, height, name_pixels)


# ---------------------------------------------------------------- SVG


def test_the_svg_has_a_title_and_every_actor_and_link_a_title_of_its_own() -> None:
    text = str(graph_exporter(ExportFormat.svg)(load(SECOND_BRIEF), None))
    root = ElementTree.fromstring(text.encode())
    svg = "{http://www.w3.org/2000/svg}"
    title = root.find(f"{svg}g/{svg}title")
    assert title is not None and title.text == load(SECOND_BRIEF).brief.meta.title
    titles = [title.text or "" for title in root.iter(f"{svg}title")]
    for actor in load(SECOND_BRIEF).brief.actors:
        assert any(title.startswith(f"{actor.name}: {actor.kind}") for title in titles), actor.id
    assert "Grace Okafor → Harbour and Dock Workers' Union: leads (high)" in titles


# ---------------------------------------------------------------- one actor's neighbourhood


def make_network(links: list[tuple[str, str]], actors: str) -> Network:
    nodes = [Node(a, a.upper(), "person", "", "active", []) for a in actors]
    edges = [
        Edge(f"{a}{b}", a, b, "allied_with", "alliance", "high", False, False, None, None, True)
        for a, b in links
    ]
    return Network("T", nodes, edges)


def test_a_neighbourhood_holds_the_actors_within_depth_links_followed_either_way() -> None:
    # a -> b <- c -> d -> e, and f alone; c -> a closes a triangle.
    graph = make_network([("a", "b"), ("c", "b"), ("c", "d"), ("d", "e"), ("c", "a")], "abcdef")
    one = neighbourhood(graph, Around("b", 1))
    assert [node.id for node in one.nodes] == ["a", "b", "c"]
    assert [edge.id for edge in one.edges] == ["ab", "cb", "ca"]  # every link among them
    assert one.around == Around("b", 1)
    two = neighbourhood(graph, Around("b", 2))
    assert [node.id for node in two.nodes] == ["a", "b", "c", "d"]
    assert [node.id for node in neighbourhood(graph, Around("b", 9)).nodes] == list("abcde")
    assert [node.id for node in neighbourhood(graph, Around("f", 3)).nodes] == ["f"]


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize(
    ("name", "centre"),
    [
        ("bundled", "hadi-al-amiri"),
        ("bundled", "iran"),
        ("bundled", "reuters"),
        ("meghalaya", "congress"),
        ("harbour", "maria-lindqvist"),
    ],
)
def test_the_neighbourhood_is_networkx_ego_graph_of_the_undirected_network(
    name: str, centre: str, depth: int
) -> None:
    loaded = load(BRIEFS[name])
    whole = networkx.read_graphml(
        io.BytesIO(str(graph_exporter(ExportFormat.graphml)(loaded, None)).encode()),
        force_multigraph=True,
    )
    expected = networkx.ego_graph(whole.to_undirected(), centre, radius=depth)
    text = str(graph_exporter(ExportFormat.graphml)(loaded, Around(centre, depth)))
    drawn = networkx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    assert set(drawn.nodes) == set(expected.nodes)
    wanted = {key for _, _, key in whole.subgraph(expected.nodes).edges(keys=True)}
    assert {key for _, _, key in drawn.edges(keys=True)} == wanted


def test_every_graph_format_draws_a_neighbourhood() -> None:
    loaded = load(SECOND_BRIEF)
    around = Around("maria-lindqvist", 1)
    for export_format in GRAPH_FORMATS:
        drawn = graph_exporter(export_format)(loaded, around)
        assert drawn, export_format
    assert "Grace Okafor" not in str(graph_exporter(ExportFormat.mermaid)(loaded, around))
    with pytest.raises(ValueError, match="markdown"):
        graph_exporter(ExportFormat.markdown)


@pytest.mark.parametrize("export_format", ["dot", "mermaid", "graphml", "svg"])
def test_export_around_an_actor_draws_its_neighbourhood_only(
    tmp_path: Path, export_format: str
) -> None:
    out = tmp_path / f"amiri.{export_format}"
    result = run(
        BUNDLED_BRIEF, "export", "--to", export_format, "--around", "Hadi al-Amiri", str(out)
    )
    assert result.exit_code == 0, result.stderr
    expected = graph_exporter(ExportFormat(export_format))(
        load(BUNDLED_BRIEF), Around("hadi-al-amiri", 1)
    )
    assert out.read_text(encoding="utf-8") == expected


def test_export_around_with_a_depth_and_a_close_spelling(tmp_path: Path) -> None:
    out = tmp_path / "amiri.png"
    result = run(
        BUNDLED_BRIEF,
        "export",
        "--to",
        "png",
        "--around",
        "Hadi al-Amiry",
        "--depth",
        "2",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (  # as `actor` notes a guess from the spelling
        "briefcli: note: no actor is named 'Hadi al-Amiry': showing Hadi al-Amiri, a similar "
        "spelling\n"
    )
    assert out.read_bytes() == dot.render(
        dot.export(load(BUNDLED_BRIEF), Around("hadi-al-amiri", 2)), "png"
    )


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("Nobody Atall", ExitCode.NOT_FOUND, "no actor matches 'Nobody Atall'"),
        ("al", ExitCode.NOT_FOUND, "'al' matches 4 actors"),
    ],
)
def test_around_an_unknown_or_ambiguous_name_fails_with_one_line(
    tmp_path: Path, name: str, code: ExitCode, says: str
) -> None:
    out = tmp_path / "chart.dot"
    result = run(BUNDLED_BRIEF, "export", "--to", "dot", "--around", name, str(out))
    assert result.exit_code == code
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert result.stderr == run(BUNDLED_BRIEF, "actor", name).stderr  # as `actor` says it
    assert not out.exists()


@pytest.mark.parametrize("export_format", ["markdown", "stix", "csv", "sqlite"])
def test_around_with_a_format_that_is_not_a_graph_is_a_usage_error(
    tmp_path: Path, export_format: str
) -> None:
    out = tmp_path / "out"
    result = run(
        SECOND_BRIEF, "export", "--to", export_format, "--around", "Grace Okafor", str(out)
    )
    assert result.exit_code == ExitCode.USAGE
    assert len(result.stderr.splitlines()) == 1
    assert f"not {export_format}" in result.stderr and "graphml, dot, mermaid" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "args", [["--depth", "2"], ["--around", "Grace Okafor", "--depth", "0"]], ids=str
)
def test_a_depth_without_around_or_below_one_is_a_usage_error(
    tmp_path: Path, args: list[str]
) -> None:
    result = run(SECOND_BRIEF, "export", "--to", "dot", *args, str(tmp_path / "out.dot"))
    assert result.exit_code == ExitCode.USAGE
    assert len(result.stderr.splitlines()) == 1


# ---------------------------------------------------------------- hostile text


HOSTILE_NAME = (
    '</text><script>alert(1)</script> <b>bold</b> "quoted" \\N \\G \\l '
    "&amp; &#60; ]]> <!-- \u202eevil\u202c \x1b[31m\x07 javascript:alert(1)"
)


def test_hostile_names_stay_inert_in_dot_svg_and_mermaid(write_brief: BriefWriter) -> None:
    brief = write_brief(
        yaml.safe_dump(
            {
                "meta": {"title": HOSTILE_NAME, "as_of": "2024"},
                "actors": [
                    {"id": "a", "name": HOSTILE_NAME, "kind": "person"},
                    {"id": "b", "name": "Plain", "kind": "organisation"},
                    {"id": "c", "name": HOSTILE_NAME + " alone", "kind": "bloc"},
                ],
                "relations": [{"id": "r", "subject": "a", "type": "leads", "object": "b"}],
            },
            allow_unicode=True,
        )
    )
    loaded = load(brief)
    dot_text = dot.export(loaded, Around("a", 1))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", dot_text)
    drawn = read_chart(dot.export(loaded))  # Graphviz reads every name as one label
    assert set(drawn.nodes) == {"a", "b", "c"}
    svg_text = str(graph_exporter(ExportFormat.svg)(loaded, None))
    root = ElementTree.fromstring(svg_text.encode())  # well-formed: nothing broke out
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert tags <= {"svg", "g", "title", "a", "text", "polygon", "ellipse", "path", "polyline"}
    texts = " ".join(element.text or "" for element in root.iter())
    assert "<script>alert(1)</script>" in texts  # shown as text
    assert "\\x1b[31m" in texts and "\\u202e" in texts  # controls made visible
    assert "\\N \\G \\l" in texts  # Graphviz's escapes not expanded
    assert not any(
        value.startswith("javascript:")
        for element in root.iter()
        for value in element.attrib.values()
    )
    mermaid_text = str(mermaid.export(loaded))
    assert "\x1b" not in mermaid_text and "\u202e" not in mermaid_text
    chart_lines = [line for line in mermaid_text.splitlines() if not line.startswith("%%")]
    assert not re.search(r'[<>"]', "".join(re.findall(r'"([^"]*)"', "\n".join(chart_lines))))
