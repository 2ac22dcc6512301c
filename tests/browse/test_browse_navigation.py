"""Specification of `briefcli browse` as a reader uses it: the lists and their search, a
record's page, links followed and the way back, with the keyboard and the mouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from browse_support import LARGE, browse, loaded, press, screen_text, settled, type_text
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from briefcli.browse import BrowseApp
from briefcli.browse.app import RecordScreen
from briefcli.browse.widgets import MOST_SHOWN, RecordTable, SearchField
from conftest import SECOND_BRIEF, generate_brief


def page_of(app: BrowseApp) -> tuple[str, str]:
    """The kind and id of the record whose page is shown."""
    screen = app.screen
    assert isinstance(screen, RecordScreen), f"a list is shown, not a page: {screen!r}"
    return screen.page.kind, screen.page.id


def shown_ids(app: BrowseApp) -> list[str]:
    return [row.id for row in app.lists.active_pane.table.shown]


def test_the_browser_opens_on_every_actor_with_its_name_and_the_keys_below() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        shown = screen_text(app)
        assert app.query_one(TabbedContent).active == "actors"
        assert len(shown_ids(app)) == len(app.catalogue.index.actors)
        assert "Hadi al-Amiri" in shown
        footer = shown.splitlines()[-1]
        assert "q Quit" in footer and "/ Search" in footer and "Back" not in footer

    browse(scenario)


def test_typing_a_search_filters_the_list_at_once_and_enter_opens_the_match() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "al-ami")
        assert shown_ids(app) == ["hadi-al-amiri"]
        await press(pilot, "enter")
        assert page_of(app) == ("actor", "hadi-al-amiri")
        shown = screen_text(app)
        assert "person (militia-leader)" in shown
        assert "Relations (2)" in shown

    browse(scenario)


def test_a_search_finds_an_actor_by_an_alias_whatever_the_case_and_hyphens() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "AL AMRI")  # only an alias, "Al-Amri", is spelt so
        assert shown_ids(app) == ["hadi-al-amiri"]
        await press(pilot, "escape")  # empties the search and goes back to the list
        assert len(shown_ids(app)) == len(app.catalogue.index.actors)
        assert isinstance(app.focused, RecordTable)

    browse(scenario)


def test_a_search_that_matches_nothing_shows_an_empty_list_and_enter_stays() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "zzzz")
        assert shown_ids(app) == []
        await press(pilot, "enter")
        assert not isinstance(app.screen, RecordScreen)

    browse(scenario)


def test_the_claims_behind_the_highlighted_relation_are_shown_with_their_excerpts() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await app.go_to("actor", "hadi-al-amiri")
        await settled(pilot)
        shown = screen_text(app)
        assert "Hadi al-Amiri leads Badr Organization" in shown
        assert "B3  Hadi al-Amiri, leader of the Badr Organization" in shown
        assert '» Hadi al-Amiri, the leader of the "Badr Organization"' in shown
        await press(pilot, "down")
        shown = screen_text(app)
        assert "Hadi al-Amiri nominated to lead Popular Mobilization Forces" in shown
        assert "Hadi al-Amiri leads Badr Organization" not in shown

    browse(scenario, size=LARGE)


def test_enter_follows_a_relation_and_back_and_forward_walk_the_history() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await app.go_to("actor", "hadi-al-amiri")
        await settled(pilot)
        await press(pilot, "down", "enter")
        assert page_of(app) == ("actor", "pmf")
        assert "Popular Mobilization Forces" in screen_text(app).splitlines()[0]
        assert "esc Back" in screen_text(app).splitlines()[-1]
        await press(pilot, "escape")
        assert page_of(app) == ("actor", "hadi-al-amiri")
        # Back where it was left: on the relation that was followed.
        assert app.screen.query_one("#links", RecordTable).cursor_row == 1
        await press(pilot, "f")
        assert page_of(app) == ("actor", "pmf")
        await press(pilot, "backspace", "backspace")
        assert not isinstance(app.screen, RecordScreen)
        assert "f Forward" in screen_text(app).splitlines()[-1]

    browse(scenario)


def test_a_click_highlights_a_relation_and_a_second_click_follows_it() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await app.go_to("actor", "hadi-al-amiri")
        await settled(pilot)
        second_row = (5, 3)  # under the top border, the header row and the first relation
        await pilot.click("#links", offset=second_row)
        await settled(pilot)
        assert page_of(app) == ("actor", "hadi-al-amiri")
        assert "nominated to lead Popular Mobilization Forces" in screen_text(app)
        await pilot.click("#links", offset=second_row)
        await settled(pilot)
        assert page_of(app) == ("actor", "pmf")

    browse(scenario)


def test_the_keys_and_the_tabs_switch_between_the_four_lists() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        tabs = app.query_one(TabbedContent)
        catalogue = app.catalogue
        for key, name, count in [
            ("t", "timeline", len(catalogue.index.events)),
            ("c", "claims", len(catalogue.index.claims)),
            ("s", "sources", len(catalogue.index.sources)),
            ("a", "actors", len(catalogue.index.actors)),
        ]:
            await press(pilot, key)
            assert tabs.active == name
            assert len(shown_ids(app)) == count
        await pilot.click("#--content-tab-timeline")
        await settled(pilot)
        assert tabs.active == "timeline"
        assert "Event" in screen_text(app)
        await press(pilot, "escape")  # a tab chosen with the mouse is in the history too
        assert tabs.active == "actors"

    browse(scenario)


def test_an_event_of_the_timeline_opens_with_its_date_and_participants_to_follow() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "t", "slash")
        await type_text(pilot, "qom sadr")
        await press(pilot, "enter")
        assert page_of(app) == ("event", "ev-qom-meeting")
        shown = screen_text(app)
        assert "How sure" in shown and "Participants" in shown
        await press(pilot, "enter")  # the first participant
        assert page_of(app)[0] == "actor"
        await press(pilot, "escape", "escape")
        assert app.query_one(TabbedContent).active == "timeline"

    browse(scenario, size=LARGE)


def test_a_claim_opens_with_its_excerpt_in_the_stored_text_and_its_sources() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c", "slash")
        await type_text(pilot, "c-qom-sadr")
        await press(pilot, "enter")
        assert page_of(app) == ("claim", "c-qom-sadr")
        shown = screen_text(app)
        assert "» " in shown and "(from the stored text of" in shown
        links = app.screen.query_one("#links", RecordTable)
        kinds = [row.kind for row in links.shown]
        assert {"actor", "event", "source"} <= set(kinds)
        await press(pilot, *["down"] * kinds.index("source"), "enter")
        assert page_of(app)[0] == "source"

    browse(scenario, size=LARGE)


def test_a_source_opens_with_the_claims_that_came_through_it_each_a_link() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "s", "slash")
        await type_text(pilot, "middle east eye")
        found = shown_ids(app)
        assert "src-mee" in found and "src-reuters" not in found
        # Down leaves the search for the list (on its first row), then moves in it.
        await press(pilot, "down", *["down"] * found.index("src-mee"), "enter")
        assert page_of(app) == ("source", "src-mee")
        assert "Claims through it (34)" in screen_text(app)
        await press(pilot, "enter")
        assert page_of(app)[0] == "claim"

    browse(scenario, size=LARGE)


def test_the_header_says_the_day_the_answers_speak_for() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        assert "as of 2024-06-01 · Kilbarra port strike" in screen_text(app).splitlines()[0]

    browse(scenario, loaded(SECOND_BRIEF, as_of=dt.date(2024, 6, 1)), size=LARGE)


def test_the_day_chosen_decides_which_relations_are_former() -> None:
    """--as-of reaches the pages: al-Muhandis led the PMF until the strike of 3 January 2020,
    former on the brief's own as_of, not yet on a day before it."""
    seen: dict[str, str] = {}

    def on(day: dt.date | None) -> None:
        async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
            await app.go_to("actor", "abu-mahdi-al-muhandis")
            await settled(pilot)
            seen[str(day)] = screen_text(app)

        browse(scenario, loaded(as_of=day), size=LARGE)

    on(None)
    on(dt.date(2019, 6, 1))
    assert "former, until 2020-01-03" in seen["None"]
    assert "former" not in seen["2019-06-01"]
    assert "until 2020-01-03" in seen["2019-06-01"]


def test_a_long_list_shows_its_first_rows_and_how_many_more_a_search_narrows(
    tmp_path: Path,
) -> None:
    brief = loaded(generate_brief(tmp_path / "long.yaml", events=300, seed=1))  # 600 claims

    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await press(pilot, "c", "end")
        table = app.lists.active_pane.table
        assert len(table.shown) == MOST_SHOWN
        assert f"… {600 - MOST_SHOWN} more (press / to narrow)" in screen_text(app)
        await press(pilot, "enter")  # on that last line: to the search field
        assert isinstance(app.focused, SearchField)
        await type_text(pilot, "c-0000599")
        assert [row.id for row in table.shown] == ["c-0000599"]

    browse(scenario, brief)


def test_q_quits() -> None:
    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running

    browse(scenario)
