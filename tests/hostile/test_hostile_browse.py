"""The terminal browser (`briefcli browse`) shows a hostile brief inert: HTML, `<script>`,
`javascript:` links, Rich markup and links, emoji codes, terminal escapes and bidi overrides
in every field reach the screen as visible text, never interpreted, on every list and page.

Driven headless with Textual's pilot; what is checked is every cell of the screen it draws."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_support import raw_controls, visible, write_data
from rich.segment import Segment
from test_hostile_terminal import PAYLOAD, STORED_TEXT, hostile_brief

from briefcli.browse import BrowseApp
from briefcli.browse.pages import Kind
from briefcli.store import cache

# What a web page or a markup parser would act on, added to the payload of every field.
MARKUP = '<script>alert(1)</script> <b onclick="x()">b</b> <a href="javascript:alert(1)">a</a>'
BROWSER_PAYLOAD = f"{PAYLOAD} {MARKUP}"
# Wide and tall enough that no field of the brief is wrapped or cut.
SIZE = (1400, 160)


def hostile(label: str) -> str:
    return f"{label} {BROWSER_PAYLOAD} /{label}"


def with_markup(value: Any) -> Any:
    """The hostile brief with the markup added wherever the payload is."""
    if isinstance(value, str):
        return value.replace(PAYLOAD, BROWSER_PAYLOAD)
    if isinstance(value, list):
        return [with_markup(item) for item in value]
    if isinstance(value, dict):
        return {key: with_markup(item) for key, item in value.items()}
    return value


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-browse")
    text = STORED_TEXT.replace(PAYLOAD, BROWSER_PAYLOAD)
    (folder / "stored.txt").write_bytes(text.encode("utf-8"))
    return write_data(folder / "hostile.yaml", with_markup(hostile_brief()))


def segments(app: BrowseApp) -> Iterator[Segment]:
    """Every run of cells on the screen, with its style."""
    # Textual has no public API for the screen's cells; export_screenshot reads them so.
    for strip in app.screen._compositor.render_strips():
        yield from strip


def shown(app: BrowseApp) -> str:
    return "".join(segment.text for segment in segments(app))


def unwrapped(text: str) -> str:
    return "".join(text.split())


# Each page of the hostile brief, and the fields it shows in full.
PAGES: list[tuple[Kind, str, list[str]]] = [
    (
        "actor",
        "a-one",
        ["Alpha", "type", "alias", "role", "description", "relation description"],
    ),
    ("actor", "a-org", ["Organisation", "Bloc", "State", "Rival"]),
    (
        "event",
        "e-1",
        ["Event", "event summary", "date phrase", "date reasoning", "Place", "participant"],
    ),
    ("claim", "c-1", ["statement", "excerpt", "Anonymous", "Document", "source description"]),
    ("source", "s-doc", ["Document", "source description", "url", "language", "statement"]),
]


def assert_inert(app: BrowseApp, where: str) -> str:
    """Nothing on the screen is a raw control character or a link; the markup is there as
    text. The screen's text."""
    text = shown(app)
    assert raw_controls(text) == [], f"raw control characters on the screen of {where}"
    linked = [segment.text for segment in segments(app) if segment.style and segment.style.link]
    assert linked == [], f"{where}: text made a link: {linked}"
    assert "😄" not in text, f"{where}: an emoji code was rendered"
    for literal in ("[red]x[/red]", "[link=http://evil.example]click[/link]", ":smile:", MARKUP):
        assert literal in text, f"{where}: {literal!r} is not shown as it is"
    return text


def test_every_list_and_page_shows_the_hostile_text_visible_and_inert(brief: Path) -> None:
    async def scenario() -> None:
        app = BrowseApp(cache.load([brief]))
        async with app.run_test(size=SIZE) as pilot:
            for key, start in [("a", "Alpha"), ("t", "Event"), ("c", "statement")]:
                await pilot.press(key)
                await pilot.pause()
                text = assert_inert(app, f"the list shown by {key!r}")
                assert visible(hostile(start)) in text
            for kind, record_id, fields in PAGES:
                await app.go_to(kind, record_id)
                await pilot.pause()
                text = unwrapped(assert_inert(app, f"the page of {record_id}"))
                for field in fields:
                    assert unwrapped(visible(hostile(field))) in text, (record_id, field)
            # The stored text around the excerpt, as `sources --claim` shows it.
            await app.go_to("claim", "c-1")
            await pilot.pause()
            assert unwrapped(visible("\x1b]0;owned\x07")) in unwrapped(shown(app))

    asyncio.run(scenario())


def test_a_search_for_markup_is_matched_as_text(brief: Path) -> None:
    """What is typed into a search is text too: `[red]` finds the fields holding it and is
    shown as typed."""

    async def scenario() -> None:
        app = BrowseApp(cache.load([brief]))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash", *"[red]x")
            await pilot.pause()
            assert len(app.lists.active_pane.table.shown) == len(app.catalogue.index.actors)
            assert "[red]x" in shown(app)

    asyncio.run(scenario())
