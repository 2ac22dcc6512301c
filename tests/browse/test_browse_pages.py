"""Specification of what the browser shows, before anything is drawn: the lists and pages are
the queries' answers (the same records `actors`, `timeline`, `claims`, `sources`, `actor`
and `sources --claim` give), and the columns of a list give way on a narrow screen in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from browse_support import loaded

from briefcli import queries
from briefcli.browse.pages import Catalogue, Column, Row
from briefcli.browse.widgets import fit_columns
from conftest import BUNDLED_BRIEF, MEGHALAYA_BRIEF, OPENAI_BRIEF, SECOND_BRIEF


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(loaded())


@pytest.mark.parametrize("path", [BUNDLED_BRIEF, SECOND_BRIEF, MEGHALAYA_BRIEF, OPENAI_BRIEF])
def test_each_list_has_one_row_per_record_and_every_record_has_a_page(path: Path) -> None:
    catalogue = Catalogue(loaded(path))
    index = catalogue.index
    assert [row.id for row in catalogue.actors.rows] == [
        row.id for row in queries.actor_rows(index)
    ]
    assert [row.id for row in catalogue.timeline.rows] == [e.id for e in queries.timeline(index)]
    assert [row.id for row in catalogue.claims.rows] == list(index.claims)
    assert [row.id for row in catalogue.sources.rows] == list(index.sources)
    for listing in (catalogue.actors, catalogue.timeline, catalogue.claims, catalogue.sources):
        for row in listing.rows:
            page = catalogue.page(row.kind, row.id)
            assert page.id == row.id
            for link in page.links.rows:
                assert catalogue.page(link.kind, link.id).id == link.id


def test_an_actors_relations_are_its_links_each_to_the_other_actor(catalogue: Catalogue) -> None:
    index = catalogue.index
    profile = queries.actor_profile(index, index.actors["hadi-al-amiri"])
    page = catalogue.page("actor", "hadi-al-amiri")
    assert [(row.kind, row.id) for row in page.links.rows] == [
        ("actor", relation.other.id) for relation in profile.relations
    ]
    # The relations are links, so the profile's document no longer lists them.
    assert "Relations" not in [getattr(block, "title", None) for block in page.document]


def test_the_preview_of_a_relation_holds_each_claim_behind_it_with_its_excerpt(
    catalogue: Catalogue,
) -> None:
    index = catalogue.index
    profile = queries.actor_profile(index, index.actors["pmf"])
    page = catalogue.page("actor", "pmf")
    assert page.preview is not None
    for position, relation in enumerate(profile.relations):
        texts = [getattr(block, "text", "") for block in page.preview(position)]
        for claim in relation.claims:
            excerpt = index.claims[claim.id].excerpt
            assert f"» {excerpt} «" in texts
            assert any(text.endswith(f" · {claim.id}") for text in texts)


def test_a_search_folds_case_diacritics_and_hyphens_and_wants_every_word(
    catalogue: Catalogue,
) -> None:
    actors = catalogue.actors
    assert [row.id for row in actors.matching("hadi al-amiri")] == ["hadi-al-amiri"]
    assert [row.id for row in actors.matching("AMRI")] == ["hadi-al-amiri"]  # an alias
    assert actors.matching("  ") == actors.rows
    assert actors.matching("amiri beirut") == []
    claims = catalogue.claims
    excerpt = catalogue.index.claims["c-qom-sadr"].excerpt
    assert "c-qom-sadr" in [row.id for row in claims.matching(excerpt)]


def test_a_search_lists_the_records_it_names_before_those_that_only_mention_it() -> None:
    """In the OpenAI brief, four people's roles mention the bloc seeking Altman's return."""
    actors = Catalogue(loaded(OPENAI_BRIEF)).actors
    found = [row.id for row in actors.matching("altman")]
    assert found[0] == "sam-altman"
    assert len(found) > 1 and sorted(found[1:]) == sorted(set(found) - {"sam-altman"})


COLUMNS = (
    Column("Name", weight=2, minimum=10),
    Column("Date"),
    Column("Note", weight=1, minimum=10, rank=2),
    Column("Role", weight=1, minimum=8, rank=1),
)
ROWS = [Row("actor", "a", ("A long enough name", "2020-01-03", "x" * 40, "leader of all"))]


def test_columns_take_their_widest_cell_when_all_fit() -> None:
    assert fit_columns(COLUMNS, ROWS, 200) == [18, 10, 40, 13]


def test_on_a_narrow_screen_columns_shrink_to_their_minimum_then_the_highest_rank_goes() -> None:
    widths = fit_columns(COLUMNS, ROWS, 60)
    assert widths[1] == 10  # sized to its cells: never shrinks
    assert sum(w + 2 for w in widths if w is not None) == 60
    assert all(w is not None for w in widths)
    narrow = fit_columns(COLUMNS, ROWS, 44)
    assert narrow[2] is None and narrow[3] is not None  # Note (rank 2) goes before Role
    # The first column always stays, at its minimum at least (the table then scrolls).
    assert fit_columns(COLUMNS, ROWS, 20) == [18, None, None, None]
    assert fit_columns(COLUMNS, ROWS, 8) == [10, None, None, None]
