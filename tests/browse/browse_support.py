"""What the browser's tests share: a loaded brief, the app driven headless by Textual's pilot,
and the text of what it shows.

Not a conftest.py on purpose: tests/conftest.py is imported as `conftest` (see
tests/hostile/hostile_support.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from briefcli.browse import BrowseApp
from briefcli.store import cache
from briefcli.store.loaded import LoadedBrief
from conftest import BUNDLED_BRIEF

# The smallest screen the browser promises to fit, and a common larger one.
SMALL = (80, 24)
LARGE = (120, 40)

Scenario = Callable[[BrowseApp, Pilot[None]], Awaitable[None]]


def loaded(path: Path = BUNDLED_BRIEF, as_of: dt.date | None = None) -> LoadedBrief:
    """A brief loaded as a command loads it (through the test's own cache), answering as of
    a day as `--as-of` makes it."""
    brief = cache.load([path])
    brief.index.as_of = as_of
    return brief


def browse(
    scenario: Scenario, brief: LoadedBrief | None = None, size: tuple[int, int] = SMALL
) -> None:
    """Run the browser headless at a size (columns, lines) and play a scenario on it.

    Tests run the coroutine themselves (asyncio.run) rather than through a pytest plugin."""

    async def run() -> None:
        app = BrowseApp(brief or loaded())
        async with app.run_test(size=size) as pilot:
            await settled(pilot)
            await scenario(app, pilot)

    asyncio.run(run())


async def settled(pilot: Pilot[None]) -> None:
    """Wait until what a key or click started is on the screen (messages handled, the tab
    underline's slide over)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settled(pilot)


async def type_text(pilot: Pilot[None], text: str) -> None:
    await press(pilot, *("space" if char == " " else char for char in text))


def screen_text(app: BrowseApp) -> str:
    """The screen as a terminal shows it, one line a row, without colours or styles."""
    # Textual has no public API for the screen's cells; export_screenshot reads them the same
    # way (an SVG of these strips).
    return "".join(strip.text + "\n" for strip in app.screen._compositor.render_strips())
