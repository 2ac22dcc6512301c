"""`briefcli brief`: the one-screen briefing, its sourcing caveat and its layout.

The rendered briefings are pinned by golden files in tests/golden/ (harbour.brief.txt and
bundled/brief.txt); after a deliberate change run `BRIEFCLI_UPDATE_GOLDEN=1 pytest
tests/test_briefing.py` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner, Result

from briefcli.brief import loader
from briefcli.cli import app
from briefcli.exitcodes import ExitCode
from briefcli.queries import briefing as briefing_query
from briefcli.queries.briefing import briefing
from briefcli.render import terminal
from briefcli.results import Briefing
from briefcli.store.loaded import LoadedBrief
from briefcli.views.briefing import HEIGHT, WIDTH, _allocate, briefing_view
from conftest import BUNDLED_BRIEF, MEGHALAYA_BRIEF, OPENAI_BRIEF, SECOND_BRIEF, Golden

runner = CliRunner()

BRIEFS = {"harbour": SECOND_BRIEF, "bundled": BUNDLED_BRIEF}
BRIEF_PARAMS = [
    pytest.param("harbour"),
    pytest.param("bundled"),
]


def run(brief: Path, *args: str) -> Result:
    return runner.invoke(app, ["--brief", str(brief), *args])


def load(path: Path) -> Briefing:
    loaded, problems = loader.check_files([path])
    assert loaded is not None and not problems, problems
    return briefing(LoadedBrief.of(loaded).index)


def single_source(path: Path) -> set[str]:
    """The ids of the claims the briefing counts as single-source."""
    loaded, problems = loader.check_files([path])
    assert loaded is not None and not problems, problems
    index = LoadedBrief.of(loaded).index
    origins = briefing_query._origins_of_claims(index)
    return briefing_query._single_source_claims(index, origins)


def sourcing_lines(b: Briefing) -> list[str]:
    """The lines under the Sourcing heading on screen."""
    lines = screen(b)
    start = lines.index("Sourcing") + 1
    return lines[start : lines.index("", start)]


def screen(b: Briefing) -> list[str]:
    """The briefing as a 100-column terminal shows it, one string per line."""
    buffer = io.StringIO()
    console = Console(width=WIDTH, file=buffer, highlight=False, markup=False, emoji=False)
    terminal.render(briefing_view(b), console)
    return [line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n")]


def copy_harbour(folder: Path) -> Path:
    """harbour.yaml and its stored source text, copied to be edited."""
    shutil.copytree(SECOND_BRIEF.parent / "sources", folder / "sources")
    return Path(shutil.copy(SECOND_BRIEF, folder / "harbour.yaml"))


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize("name", BRIEF_PARAMS)
def test_the_briefing_fits_one_100_by_50_screen(name: str) -> None:
    lines = screen(load(BRIEFS[name]))
    assert len(lines) <= HEIGHT
    assert max(cell_len(line.rstrip()) for line in lines) <= WIDTH


@pytest.mark.parametrize("name", BRIEF_PARAMS)
def test_piped_briefing_is_already_wrapped_to_100_columns(name: str) -> None:
    """Piped output is not wrapped by Rich: the view itself must keep every line short."""
    result = run(BRIEFS[name], "brief")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) <= HEIGHT
    assert max(cell_len(line.rstrip()) for line in lines) <= WIDTH


@pytest.mark.parametrize("name", BRIEF_PARAMS)
def test_the_briefing_shows_every_section(name: str) -> None:
    text = "\n".join(screen(load(BRIEFS[name])))
    for heading in ("As of", "Bottom line", "Key judgments", "Who's who", "Key events"):
        assert heading in text
    for heading in ("Alignments", "Sourcing", "Gaps and open questions"):
        assert heading in text


def test_harbour_briefing_matches_the_golden_file(golden: Golden) -> None:
    golden("harbour.brief.txt", "\n".join(screen(load(SECOND_BRIEF))) + "\n")


def test_bundled_briefing_matches_the_golden_file(golden: Golden) -> None:
    golden("bundled/brief.txt", "\n".join(screen(load(BUNDLED_BRIEF))) + "\n")


def test_the_bundled_briefing_is_clipped_to_fit_and_says_so() -> None:
    """The bundled brief has more actors, events and gaps than one screen holds."""
    text = "\n".join(screen(load(BUNDLED_BRIEF)))
    assert "Who's who (" in text and " of 30)" in text
    assert "…" in text


def test_long_texts_are_clipped_on_screen_but_whole_in_the_handout_view() -> None:
    b = load(SECOND_BRIEF)
    long_gap = "word " * 60
    crowded = Briefing(**{**_fields(b), "gaps": [long_gap.strip()] * 30})
    fitted = briefing_view(crowded)
    whole = briefing_view(crowded, fit=False)
    fitted_text = "\n".join(getattr(block, "text", "") for block in fitted)
    whole_text = "\n".join(getattr(block, "text", "") for block in whole)
    assert "Gaps and open questions (30)" in whole_text
    assert "Gaps and open questions (30)" not in fitted_text
    assert long_gap.strip() in whole_text
    assert long_gap.strip() not in fitted_text
    assert len(screen(crowded)) <= HEIGHT


def _fields(b: Briefing) -> dict[str, Any]:
    return {name: getattr(b, name) for name in b.__struct_fields__}


def test_allocation_gives_every_section_an_item_before_any_gets_two() -> None:
    # Three sections of 5 one-line items in 9 lines: 3 x (2 heading lines + 1 item) = 9.
    assert _allocate(9, [[1] * 5] * 3) == [1, 1, 1]
    assert _allocate(11, [[1] * 5] * 3) == [2, 2, 1]
    assert _allocate(100, [[1, 1], [], [1]]) == [2, 0, 1]
    assert _allocate(2, [[1] * 5]) == [0]


def test_allocation_counts_each_item_s_lines() -> None:
    # A two-line judgment costs two: the one-line sections still get their first item.
    assert _allocate(10, [[2, 2], [1, 1], [1]]) == [1, 1, 1]
    assert _allocate(12, [[2, 2], [1, 1], [1]]) == [2, 1, 1]
    assert _allocate(3, [[2], [1]]) == [0, 1]  # the judgment does not fit; the actor does


# ---------------------------------------------------------------- content


def test_key_actors_are_ranked_by_how_much_concerns_them() -> None:
    b = load(SECOND_BRIEF)
    weights = [actor.weight for actor in b.actors]
    assert weights == sorted(weights, reverse=True)
    assert b.actors[0].id == "hdwu"  # 3 relations, 4 events, 7 claims
    assert b.actors[0].weight == 14
    assert b.actor_count == 13  # and one bloc
    assert "port-employers-alliance" not in {a.id for a in b.actors}  # blocs: own section


def test_key_events_are_in_timeline_order() -> None:
    b = load(SECOND_BRIEF)
    starts = [event.date.start for event in b.events]
    assert starts == sorted(s for s in starts if s is not None)
    assert b.events[0].id == "e-usf-agreement"


def test_alignments_show_blocs_with_members_and_patrons() -> None:
    (alliance,) = load(SECOND_BRIEF).alignments
    assert alliance.bloc.id == "port-employers-alliance"
    assert [m.id for m in alliance.members] == ["meridian", "norland-freight"]
    assert alliance.patrons == []


def test_bundled_alignments_name_the_patrons_of_the_iran_aligned_bloc() -> None:
    b = load(BUNDLED_BRIEF)
    bloc = next(g for g in b.alignments if g.bloc.id == "iran-aligned-iraqi-factions")
    iran = next(p for p in bloc.patrons if p.actor.id == "iran")
    assert set(iran.relations) == {"loyal_to", "backed_by"}


def test_harbour_sourcing_caveat() -> None:
    s = load(SECOND_BRIEF).sourcing
    assert s.claim_count == 13
    # Every claim reached the brief through the same correspondent: one chain each.
    assert s.single_source_count == 13
    assert s.anonymous_count == 1  # the council official
    assert s.via_translation_count == 0
    assert (s.source_count, s.anonymous_source_count) == (4, 1)
    assert {g.grade: g.count for g in s.grades} == {"B2": 8, "B3": 3, "B4": 1, "C3": 1}


ALLIANCE_ON_RIVALRY = """
  - id: c-alliance-on-rivalry
    statement: The alliance says the unions will not sit at one table.
    source: src-alliance-statement
    credibility: 3
    excerpt: Ms Okafor said the HDWU would attend but would not sit at the same table as the USF.
    relations: [r-hdwu-usf-rivals]
"""


def test_a_statement_relayed_in_the_same_report_does_not_corroborate_it(tmp_path: Path) -> None:
    """The alliance's statement reached the brief through the correspondent's report, like the
    two claims about the union rivalry: one origin, the Courier, so nothing is corroborated."""
    path = copy_harbour(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nnotes:", ALLIANCE_ON_RIVALRY + "\nnotes:"), encoding="utf-8")
    s = load(path).sourcing
    assert s.claim_count == 14
    assert s.single_source_count == 14


def test_a_second_origin_corroborates_the_claims_on_the_same_relation(tmp_path: Path) -> None:
    """Read directly (no `via`), the alliance's own statement is a second origin: it
    corroborates the correspondent's two claims about the rivalry (and itself)."""
    path = copy_harbour(tmp_path)
    text = path.read_text(encoding="utf-8").replace(ALLIANCE_VIA, ALLIANCE_DIRECT)
    path.write_text(text.replace("\nnotes:", ALLIANCE_ON_RIVALRY + "\nnotes:"), encoding="utf-8")
    s = load(path).sourcing
    assert s.claim_count == 14
    assert s.single_source_count == 11  # c-usf-hostage, c-not-same-table and the new one are not
    assert s.origin_count == 2
    assert [(p.source.id, p.claim_count) for p in s.principal] == [
        ("src-courier", 12),
        ("src-alliance-statement", 2),  # its claim in the brief and the new one
    ]


ALLIANCE_VIA = "    reliability: B\n    via: src-lindqvist\n    actor: port-employers-alliance\n"
ALLIANCE_DIRECT = "    reliability: B\n    actor: port-employers-alliance\n"


def test_a_report_relayed_by_an_outlet_is_single_source_with_the_outlet() -> None:
    """In the Meghalaya brief, The Financial Express relays an Indian Express report: claims of
    the relayed report and of the Financial Express rest on one origin, so they do not
    corroborate each other; neither does the photo caption the live page carries."""
    single = single_source(MEGHALAYA_BRIEF)
    # r-sarma-brokered rests on c-offer (relayed report) and c-roy-rejects (the relay) only.
    assert {"c-offer", "c-roy-rejects"} <= single
    # e-swearing-in: the ANI caption and the live page it appeared in are one origin.
    assert "c-photo" in single
    # The live page and the Financial Express are two origins: these still corroborate.
    assert not {"c-sworn-in", "c-sarma-vehicle", "c-rahul-proxy", "c-roy-decided"} & single
    assert load(MEGHALAYA_BRIEF).sourcing.single_source_count == len(single) == 13


def test_sources_quoted_by_one_outlet_do_not_corroborate_each_other() -> None:
    """In the OpenAI brief, Semafor's own reporting and the people it quotes are one origin."""
    single = single_source(OPENAI_BRIEF)
    assert load(OPENAI_BRIEF).sourcing.single_source_count == len(single) == 16


def test_the_sourcing_line_leaves_out_what_does_not_apply() -> None:
    """Nothing in the Meghalaya brief is translated or anonymous: no "0 through a translation",
    no "0 resting on anonymous sources", no "0 anonymous"."""
    b = load(MEGHALAYA_BRIEF)
    assert (b.sourcing.translation_source_count, b.sourcing.anonymous_source_count) == (0, 0)
    first, *_, last = sourcing_lines(b)
    assert first == "26 claims: 13 single-source."
    assert last == "Grades: B1 ×2 · B2 ×20 · B3 ×3 · C6 ×1. Sources: 5."
    harbour = sourcing_lines(load(SECOND_BRIEF))
    assert harbour[0] == "13 claims: 13 single-source, 1 resting on anonymous sources."


def test_the_briefing_names_the_principal_sources() -> None:
    """Who most claims rest on, by name, with their counts."""
    b = load(MEGHALAYA_BRIEF)
    assert b.sourcing.origin_count == 2
    assert [(p.source.id, p.claim_count) for p in b.sourcing.principal] == [
        ("src-fe", 14),
        ("src-ie-live", 12),
    ]
    assert " ".join(sourcing_lines(b)[1:-1]) == (
        "Principal sources: The Financial Express (14 of 26 claims) and The Indian Express "
        "(swearing-in live-updates page) (12 claims), of 2 origins."
    )
    openai = load(OPENAI_BRIEF).sourcing
    assert openai.origin_count == 6
    assert [p.source.name for p in openai.principal] == ["ProPakistani", "The Straits Times"]
    assert sourcing_lines(load(SECOND_BRIEF))[1] == (
        "All 13 claims rest on one origin: The Kilbarra Courier."
    )


def test_a_translation_on_the_chain_is_counted(tmp_path: Path) -> None:
    path = copy_harbour(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "    kind: anonymous\n", "    kind: translation\n", 1
    )
    path.write_text(text, encoding="utf-8")
    assert load(path).sourcing.via_translation_count == 1  # the council official's claim


def test_bundled_sourcing_counts_every_claim_through_the_machine_translation() -> None:
    """Every claim rests on one origin, the machine translation of the one Arabic report: no
    claim corroborates another."""
    s = load(BUNDLED_BRIEF).sourcing
    assert s.via_translation_count == s.claim_count == 38
    assert s.single_source_count == s.claim_count
    assert s.origin_count == 1 and s.principal[0].source.id == "src-machine-translation"
    assert sum(g.count for g in s.grades) == s.claim_count


# ---------------------------------------------------------------- command


def test_brief_json_is_the_briefing_record() -> None:
    result = run(SECOND_BRIEF, "brief", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "title", "as_of", "handling", "authors", "bottom_line", "summary", "key_judgments",
        "actors", "actor_count", "events", "event_count", "alignments", "sourcing", "gaps",
    ]  # fmt: skip
    assert data["handling"] == "UNCLASSIFIED // EXERCISE"
    assert [j["likelihood"] for j in data["key_judgments"]] == [
        "likely",
        "unlikely",
        "roughly even chance",
    ]
    assert data["gaps"][0] == "Meridian's own account of the 12 March meeting."


@pytest.mark.parametrize("output_format", ["table", "json", "jsonl", "csv", "markdown"])
def test_brief_answers_in_every_format(output_format: str) -> None:
    result = run(SECOND_BRIEF, "brief", "--format", output_format)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Kilbarra port strike" in out
    if output_format == "jsonl":
        assert len(out.splitlines()) == 1
        json.loads(out)
    elif output_format == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0] == ["field", "value"]
        assert ["sourcing.single_source_count", "13"] in rows
    elif output_format == "markdown":
        assert out.startswith("# Kilbarra port strike")
        assert "## Key judgments" in out


def test_brief_text_from_the_brief_is_not_markup(tmp_path: Path) -> None:
    path = copy_harbour(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "title: Kilbarra port strike and the dockworkers' union dispute",
        'title: "[bold red]Kilbarra\\e[2J port strike"',
    )
    path.write_text(text, encoding="utf-8")
    result = run(path, "brief")
    assert result.exit_code == 0, result.stderr
    assert "[bold red]Kilbarra\\x1b[2J port strike" in result.stdout
    assert "\x1b" not in result.stdout


def test_brief_on_an_invalid_brief_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: briefcli/1\nmeta: {}\n", encoding="utf-8")
    assert run(bad, "brief").exit_code == ExitCode.INVALID_BRIEF
