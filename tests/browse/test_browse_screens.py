"""Snapshots of the browser's key screens at 80×24 (the smallest it promises to fit) and at
120×40, as text: what a terminal shows, whatever COLUMNS, TERM, NO_COLOR or FORCE_COLOR the
runner has (the app is headless, at a size the test sets). After a deliberate change of the
screens, rewrite them with BRIEFCLI_UPDATE_GOLDEN=1 and review the diff; that also redraws
docs/browse.svg, the README's picture."""

from __future__ import annotations

import os
import re
from html import unescape

import pytest
from browse_support import LARGE, SMALL, browse, press, screen_text, settled, type_text
from textual.pilot import Pilot

from briefcli.browse import BrowseApp
from conftest import ROOT, UPDATE_GOLDEN, Golden


async def actors(app: BrowseApp, pilot: Pilot[None]) -> None:
    """The list the browser opens on."""


async def actor(app: BrowseApp, pilot: Pilot[None]) -> None:
    """Hadi al-Amiri's page, found by a search, its second relation highlighted."""
    await press(pilot, "slash")
    await type_text(pilot, "amiri")
    await press(pilot, "enter", "down")


async def timeline(app: BrowseApp, pilot: Pilot[None]) -> None:
    await press(pilot, "t")


async def event(app: BrowseApp, pilot: Pilot[None]) -> None:
    await app.go_to("event", "ev-beirut-meeting")
    await settled(pilot)


async def claim(app: BrowseApp, pilot: Pilot[None]) -> None:
    await app.go_to("claim", "c-qom-sadr")
    await settled(pilot)


SCREENS = {"actors": actors, "actor": actor, "timeline": timeline, "event": event, "claim": claim}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_each_key_screen_is_as_its_golden_file_and_keeps_its_title_and_keys(
    golden: Golden, name: str, size: tuple[int, int]
) -> None:
    shown: list[str] = []

    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await SCREENS[name](app, pilot)
        shown.append(screen_text(app))

    browse(scenario, size=size)
    golden(f"browse/{name}-{size[0]}x{size[1]}.txt", shown[0])
    # Nothing essential is cut, at the smallest size too: every line fits the width, the
    # title line is there, and the footer shows the keys.
    lines = shown[0].splitlines()
    assert len(lines) == size[1] and all(len(line) == size[0] for line in lines)
    assert lines[0].strip()
    assert "q Quit" in lines[-1] and "a t c s Lists" in lines[-1]


# The README's picture of the browser: an actor's page with the claims behind a relation.
PICTURE = ROOT / "docs" / "browse.svg"
PICTURE_SIZE = (100, 30)


# Rich draws each cell 12.2 units wide; each <text> is one run of a style, placed by x and y.
_CELL_WIDTH = 12.2
_RUN = re.compile(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')


def svg_text(svg: str) -> str:
    """The characters of an SVG screenshot (Rich's export), laid out again in rows and
    columns, each row without its trailing blanks."""
    rows: dict[float, dict[int, str]] = {}
    for x, y, run in _RUN.findall(svg):
        column = round(float(x) / _CELL_WIDTH)
        for offset, char in enumerate(unescape(run).replace("\xa0", " ")):
            rows.setdefault(float(y), {})[column + offset] = char
    return "".join(
        "".join(cells.get(i, " ") for i in range(max(cells) + 1)).rstrip() + "\n"
        for _, cells in sorted(rows.items())
    )


def test_the_readme_picture_is_the_browser_as_it_is() -> None:
    """docs/browse.svg is redrawn with BRIEFCLI_UPDATE_GOLDEN=1; otherwise it must show what
    the browser shows now (colours aside)."""
    pictures: list[tuple[str, str]] = []

    async def scenario(app: BrowseApp, pilot: Pilot[None]) -> None:
        await actor(app, pilot)
        pictures.append((app.export_screenshot(title="briefcli browse"), screen_text(app)))

    browse(scenario, size=PICTURE_SIZE)
    svg, text = pictures[0]
    if os.environ.get(UPDATE_GOLDEN) == "1":
        PICTURE.write_text(svg, encoding="utf-8")
    drawn = svg_text(PICTURE.read_text(encoding="utf-8")).splitlines()
    shown = [line.rstrip() for line in text.splitlines()]
    assert [line for line in drawn if line] == [line for line in shown if line], (
        "docs/browse.svg is not the browser as it is: redraw it"
    )
