"""`briefcli export --to html` in a real browser (issue 23): headless Chromium, driven by
Selenium, opens the exported page from a file, as someone who was mailed it would, and clicks
through it: the chart, an actor's profile, the filters, the timeline, the claims table, print.

Chromium and its driver come from Debian (`apt-get install chromium chromium-driver
poppler-utils`; .ci/run installs them): a missing one fails these tests, it does not skip them.
One browser serves the whole module. `BRIEFCLI_UPDATE_GOLDEN=1` rewrites the README's
screenshot, docs/html-briefing.png.
"""

from __future__ import annotations

import base64
import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from typer.testing import CliRunner

from briefcli.brief import loader
from briefcli.brief.model import Brief
from briefcli.cli import app
from briefcli.exporters.network import CLASS_LOOKS, KIND_LOOKS
from conftest import BUNDLED_BRIEF, MEGHALAYA_BRIEF, ROOT, UPDATE_GOLDEN

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Headless, and quiet: this machine has no network, and a browser that tries to reach one
# (updates, sync, QUIC) fills its log with refused connections.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREEN = (1280, 800)
SCREENSHOT = ROOT / "docs" / "html-briefing.png"

# Text that is code in a browser, added to every hostile string of tests/hostile's brief
# (whose own payload is for terminals). Anything that ran would set window.pwned or open a
# dialog; anything parsed as markup would add an element.
HTML_PIECES = {
    "script": "<script>window.pwned = 'script'</script>",
    "end of the data": "</script><script>window.pwned = 'closed'</script>",
    "image": "<img src=x onerror=\"window.pwned = 'img'\">",
    "svg": "<svg onload=\"window.pwned = 'svg'\"></svg>",
    "attribute": "\"' onmouseover=\"window.pwned = 'attribute'\" x='",
    "link": "<a href=\"javascript:window.pwned = 'link'\">click</a>",
    "url": "javascript:alert(1)",
    "alert": "<img src=x onerror=alert(1)>",
    "frame": "<iframe srcdoc=\"<script>parent.pwned = 'frame'</script>\"></iframe>",
    "refresh": '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "style": "<style>body { display: none }</style>",
    "comment": "<!-- -->",
    "entities": "&lt;b&gt; &amp;amp;",
    "template": "${window.pwned = 'template'} {{7*7}}",
}
HTML_PAYLOAD = " ".join(HTML_PIECES.values())

runner = CliRunner()


@dataclass(frozen=True)
class Hostile:
    """The hostile brief's page, and how its text must show: `shown(label)`."""

    page: Path
    payload: str  # the terminal payload and the HTML one, as a label's text holds them
    visible_payload: str  # what a reader must see of it: controls as `\x1b`, `\u202e`...

    def shown(self, label: str) -> str:
        return f"{label} {self.visible_payload} /{label}"


@dataclass(frozen=True)
class Pages:
    bundled: Path
    meghalaya: Path
    hostile: Hostile


def export(brief: Path, out: Path) -> Path:
    result = runner.invoke(app, ["--brief", str(brief), "export", "--to", "html", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


def hostile_page(folder: Path) -> Hostile:
    """tests/hostile's brief, with the HTML payload beside the terminal one in every field."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "hostile"))
        from hostile_support import visible, write_data
        from test_hostile_terminal import PAYLOAD, STORED_TEXT, hostile_brief

    both = f"{PAYLOAD} {HTML_PAYLOAD}"

    def armed(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(PAYLOAD, both)
        if isinstance(value, list):
            return [armed(item) for item in value]
        if isinstance(value, dict):
            return {key: armed(item) for key, item in value.items()}
        return value

    (folder / "stored.txt").write_bytes(STORED_TEXT.replace(PAYLOAD, both).encode("utf-8"))
    brief = write_data(folder / "hostile.yaml", armed(hostile_brief()))
    return Hostile(export(brief, folder / "hostile.html"), both, visible(both))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    folder = tmp_path_factory.mktemp("pages")
    return Pages(
        export(BUNDLED_BRIEF, folder / "bundled.html"),
        export(MEGHALAYA_BRIEF, folder / "meghalaya.html"),
        hostile_page(tmp_path_factory.mktemp("hostile")),
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    """Headless Chromium at 1280 x 800, with a fresh profile, keeping its console's log."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="briefcli-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        width, height = SCREEN
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: WebDriver, page: Path) -> None:
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"


def console_errors(browser: WebDriver) -> list[str]:
    """What the page logged as errors since the last call (CSP violations included)."""
    log: list[dict[str, Any]] = browser.get_log("browser")  # type: ignore[no-untyped-call]
    return [entry["message"] for entry in log if entry["level"] == "SEVERE"]


def script(browser: WebDriver, code: str, *arguments: Any) -> Any:
    return browser.execute_script(code, *arguments)


def shown_edges(browser: WebDriver) -> list[str]:
    """The ids of the links the chart shows now."""
    found: list[str] = script(
        browser,
        "return [...document.querySelectorAll('#chart .edge')]"
        ".filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.dataset.id)",
    )
    return found


def edge_state(browser: WebDriver, edge_id: str) -> str:
    state: str = script(
        browser,
        "return document.querySelector(`#chart .edge[data-id='${arguments[0]}']`).dataset.state",
        edge_id,
    )
    return state


def node(browser: WebDriver, actor_id: str) -> WebElement:
    """An actor's circle on the chart, scrolled into view below the page's sticky header."""
    script(browser, "document.getElementById('chart-caption').scrollIntoView()")
    return browser.find_element(By.CSS_SELECTOR, f"#chart .node[data-id='{actor_id}'] circle")


def set_as_of(browser: WebDriver, day: str) -> None:
    """Type a day into the `as of` field (its format is the browser's locale's)."""
    field = browser.find_element(By.ID, "as-of")
    script(
        browser,
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))",
        field,
        day,
    )


def brief_of(path: Path) -> Brief:
    checked, problems = loader.check_files([path])
    assert checked is not None and not problems
    return checked.brief


# ---------------------------------------------------------------- the chart


def test_the_chart_draws_one_node_per_actor_and_one_edge_per_relation_and_role(
    browser: WebDriver, pages: Pages
) -> None:
    open_page(browser, pages.bundled)
    brief = brief_of(BUNDLED_BRIEF)
    drawn = script(
        browser,
        "return [...document.querySelectorAll('#chart .node')].map((n) => "
        "[n.dataset.id, n.querySelector('circle').getAttribute('fill')])",
    )
    assert drawn == [[actor.id, KIND_LOOKS[actor.kind].colour] for actor in brief.actors]
    roles = [
        f"{actor.id}#role-{number + 1}"
        for actor in brief.actors
        for number, role in enumerate(actor.roles)
        if role.of not in (None, actor.id)
    ]
    assert shown_edges(browser) == [relation.id for relation in brief.relations] + roles
    colours = script(
        browser,
        "return Object.fromEntries([...document.querySelectorAll('#chart .edge')].map((e) => "
        "[e.dataset.class, e.querySelector('path').getAttribute('stroke')]))",
    )
    assert colours == {name: CLASS_LOOKS[name].colour for name in colours}
    assert "62 of 62 links shown" in browser.find_element(By.ID, "chart-caption").text
    assert not console_errors(browser)


def test_clicking_an_actor_shows_its_profile_and_the_claims_behind_each_link(
    browser: WebDriver, pages: Pages
) -> None:
    open_page(browser, pages.bundled)
    node(browser, "hadi-al-amiri").click()
    profile = browser.find_element(By.ID, "profile")
    assert profile.find_element(By.TAG_NAME, "h3").text == "Hadi al-Amiri"
    text = profile.text
    assert "person (militia-leader)" in text
    assert "Hadi al-Amiri leads Badr Organization" in " ".join(text.split())
    # the claim behind that link: its statement, grade, source chain and excerpt
    assert "al-Amiri is nominated to succeed the engineer" in text or "nominated" in text
    links = profile.find_elements(By.CSS_SELECTOR, ".link")
    assert links and all(link.find_elements(By.CSS_SELECTOR, ".claim, .quiet") for link in links)
    claim = profile.find_element(By.CSS_SELECTOR, ".claim")
    assert claim.find_element(By.CSS_SELECTOR, ".grade").text[0] in "ABCDEF"
    assert claim.find_element(By.CSS_SELECTOR, ".chain").text.startswith("Source: ")
    assert claim.find_element(By.CSS_SELECTOR, ".excerpt").text
    selected = browser.find_elements(By.CSS_SELECTOR, "#chart .node.selected")
    assert [n.get_attribute("data-id") for n in selected] == ["hadi-al-amiri"]
    # A related actor's name leads to its own profile.
    profile.find_element(By.XPATH, ".//button[text()='Badr Organization']").click()
    assert profile.find_element(By.TAG_NAME, "h3").text == "Badr Organization"
    assert not console_errors(browser)


def test_unticking_a_relation_class_hides_its_links_and_only_those(
    browser: WebDriver, pages: Pages
) -> None:
    open_page(browser, pages.bundled)
    every = shown_edges(browser)
    classes = script(
        browser,
        "return Object.fromEntries([...document.querySelectorAll('#chart .edge')]"
        ".map((e) => [e.dataset.id, e.dataset.class]))",
    )
    box = browser.find_element(By.CSS_SELECTOR, "#class-filters input[data-class='membership']")
    script(browser, "arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    assert shown_edges(browser) == [e for e in every if classes[e] != "membership"]
    assert len(shown_edges(browser)) < len(every)
    box.click()
    assert shown_edges(browser) == every
    assert not console_errors(browser)


def test_the_as_of_date_shows_the_links_in_force_on_that_day(
    browser: WebDriver, pages: Pages
) -> None:
    open_page(browser, pages.meghalaya)
    # On the brief's day (March 2018): the 2008-2013 alliance has ended, shown dotted.
    assert edge_state(browser, "r-congress-udp-alliance") == "former"
    dotted = script(
        browser,
        "return getComputedStyle(document.querySelector("
        "\"#chart .edge[data-id='r-congress-udp-alliance'] path\")).strokeDasharray",
    )
    assert dotted != "none"
    assert {"r-congress-udp-alliance", "r-conrad-leads-meghalaya"} <= set(shown_edges(browser))
    # In 2010 the alliance held, Mukul Sangma led the state, Conrad Sangma did not yet.
    set_as_of(browser, "2010-06-01")
    assert edge_state(browser, "r-congress-udp-alliance") == "current"
    assert edge_state(browser, "r-mukul-leads-meghalaya") == "current"
    assert "r-conrad-leads-meghalaya" not in shown_edges(browser)
    assert "in force on 2010-06-01" in browser.find_element(By.ID, "chart-caption").text
    # A profile says what a tie is on the day shown: in force on it, or ended by it.
    node(browser, "congress").click()
    profile = browser.find_element(By.ID, "profile").text
    assert "in force on 2010-06-01" in profile and "ended on" not in profile
    set_as_of(browser, "2018-03-06")
    assert "ended by 2018-03-06" in browser.find_element(By.ID, "profile").text
    # Back on the brief's day, ended links can be left out.
    reset = browser.find_element(By.ID, "reset")
    script(browser, "arguments[0].scrollIntoView({block: 'center'})", reset)
    reset.click()
    former = browser.find_element(By.ID, "show-former")
    former.click()
    shown = shown_edges(browser)
    assert "r-congress-udp-alliance" not in shown and "r-conrad-leads-meghalaya" in shown
    former.click()
    # The slider's first stop is the brief's earliest day: 2008, when the alliance began.
    slider = browser.find_element(By.ID, "as-of-days")
    slider.send_keys(Keys.HOME)
    assert browser.find_element(By.ID, "as-of").get_attribute("value") == "2008-01-01"
    assert edge_state(browser, "r-congress-udp-alliance") == "current"
    shown = shown_edges(browser)
    assert "r-mukul-leads-meghalaya" not in shown and "r-conrad-leads-meghalaya" not in shown
    assert not console_errors(browser)


def test_the_legend_names_every_kind_class_and_line_style_drawn(
    browser: WebDriver, pages: Pages
) -> None:
    open_page(browser, pages.meghalaya)
    legend = browser.find_element(By.ID, "legend").text
    for words in ["person", "organisation", "leadership", "alliance", "hostility"]:
        assert words in legend
    for words in ["low confidence", "inferred", "ended by the date shown"]:
        assert words in legend


# ---------------------------------------------------------------- timeline and claims


def test_the_timeline_draws_an_uncertain_date_as_a_range(browser: WebDriver, pages: Pages) -> None:
    open_page(browser, pages.bundled)
    bars = script(
        browser,
        "return [...document.querySelectorAll('#timeline tbody tr')].map((row) => {"
        "const bar = row.querySelector('.bar');"
        "return bar && [row.dataset.id, bar.className, bar.getBoundingClientRect().width]; })",
    )
    widths = {event: (kind, width) for event, kind, width in filter(None, bars)}
    day = min(width for _, width in widths.values())
    ranges = [width for kind, width in widths.values() if "uncertain" in kind and width > 3 * day]
    assert ranges, "no uncertain date drawn as a range of days"
    assert any("day" in kind for kind, _ in widths.values())


def test_clicking_a_heading_of_the_claims_table_sorts_it(browser: WebDriver, pages: Pages) -> None:
    open_page(browser, pages.bundled)
    heading = browser.find_element(By.XPATH, "//table[@class='claims-table']//button[.='Grade']")
    script(browser, "arguments[0].scrollIntoView({block: 'center'})", heading)

    def grades() -> list[str]:
        found: list[str] = script(
            browser,
            "return [...document.querySelectorAll('.claims-table tbody .grade')]"
            ".map((g) => g.textContent)",
        )
        return found

    unsorted = grades()
    heading.click()
    assert grades() == sorted(unsorted)
    heading.click()
    assert grades() == sorted(unsorted, reverse=True)
    assert heading.find_element(By.XPATH, "..").get_attribute("aria-sort") == "descending"


# ---------------------------------------------------------------- offline, screenshot, print


def test_the_page_fetches_nothing(browser: WebDriver, pages: Pages) -> None:
    for page in (pages.bundled, pages.meghalaya):
        open_page(browser, page)
        assert script(browser, "return performance.getEntriesByType('resource').length") == 0
        assert not console_errors(browser)


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """The width, height and rows of pixels (RGB or RGBA) of an 8-bit, non-interlaced PNG,
    what Chromium writes, decoded with zlib: no imaging library needed."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    position, idat, header = 8, b"", b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        method, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if method:
            _unfilter(method, line, previous, channels)
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def _unfilter(method: int, line: bytearray, previous: bytearray, channels: int) -> None:
    """Undo one row's PNG filter (1 sub, 2 up, 3 average, 4 Paeth) in place."""
    for x in range(len(line)):
        left = line[x - channels] if x >= channels else 0
        up = previous[x]
        if method == 1:
            line[x] = (line[x] + left) & 0xFF
        elif method == 2:
            line[x] = (line[x] + up) & 0xFF
        elif method == 3:
            line[x] = (line[x] + (left + up) // 2) & 0xFF
        else:
            corner = previous[x - channels] if x >= channels else 0
            guess = left + up - corner
            near_left, near_up = abs(guess - left), abs(guess - up)
            near_corner = abs(guess - corner)
            if near_left <= near_up and near_left <= near_corner:
                line[x] = (line[x] + left) & 0xFF
            elif near_up <= near_corner:
                line[x] = (line[x] + up) & 0xFF
            else:
                line[x] = (line[x] + corner) & 0xFF


def colours(rows: list[bytes], step: int = 1) -> list[bytes]:
    """The RGB of every `step`-th pixel of every `step`-th row (alpha, if any, left out)."""
    channels = len(rows[0]) // SCREEN[0]
    return [row[i : i + 3] for row in rows[::step] for i in range(0, len(row), channels * step)]


def test_a_screenshot_at_1280_by_800_shows_the_chart_in_colour(
    browser: WebDriver, pages: Pages
) -> None:
    open_page(browser, pages.bundled)
    node(browser, "hassan-nasrallah").click()
    script(browser, "window.scrollTo(0, document.getElementById('chart-section').offsetTop - 40)")
    png = browser.get_screenshot_as_png()
    width, height, rows = png_pixels(png)
    assert (width, height) == SCREEN
    pixels = colours(rows)
    assert len(set(pixels)) > 100, "the screenshot has almost no colours"
    inked = sum(pixel != b"\xff\xff\xff" for pixel in pixels) / len(pixels)
    assert inked > 0.1, f"only {inked:.0%} of the screenshot is not white"
    # Nasrallah's circle, selected, in the colour of people.
    assert bytes.fromhex(KIND_LOOKS["person"].colour[1:]) in set(pixels)
    if os.environ.get(UPDATE_GOLDEN) == "1":
        SCREENSHOT.write_bytes(png)
    assert SCREENSHOT.is_file(), f"{SCREENSHOT} missing: run with {UPDATE_GOLDEN}=1"
    assert png_pixels(SCREENSHOT.read_bytes())[:2] == SCREEN
    assert not console_errors(browser)


def pdf_pages(browser: WebDriver) -> list[str]:
    """The page printed to PDF by Chromium, as pdftotext reads each sheet."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    pdf = base64.b64decode(browser.print_page())
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return text.split("\f")


def test_printing_to_pdf_gives_a_handout_without_controls(browser: WebDriver, pages: Pages) -> None:
    open_page(browser, pages.bundled)
    sheets = pdf_pages(browser)
    text = " ".join(" ".join(sheets).split())
    for heading in ["Key judgments (5)", "Who's who", "Key events", "Sourcing", "Gaps and open"]:
        assert heading in text
    for name in ["Hadi al-Amiri", "Hassan Nasrallah", "Muqtada al-Sadr"]:
        assert name in text
    for words in ["Link chart", "Timeline", "Claims and their sources"]:
        assert words in text
    for control in ["Relations shown", "Reset", "Click an actor", "Click a heading"]:
        assert control not in text
    # The chart prints whole on its own sheet: its heading, nodes and legend together.
    chart = next(sheet for sheet in sheets if "Link chart" in sheet)
    for words in ["Popular Mobilization Forces", "Linked to no other actor", "Actors"]:
        assert words in " ".join(chart.split())


# ---------------------------------------------------------------- hostile text


def test_hostile_text_shows_up_as_visible_inert_text(browser: WebDriver, pages: Pages) -> None:
    hostile = pages.hostile
    open_page(browser, hostile.page)

    def nothing_ran() -> None:
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text  # noqa: B018  # raises when no dialog is open
        assert script(browser, "return typeof window.pwned") == "undefined"
        injected = "img, iframe, object, embed, a[href^='javascript'], main script, main style"
        assert script(browser, f'return document.querySelectorAll("{injected}").length') == 0
        assert not console_errors(browser)

    nothing_ran()
    text = "".join(browser.find_element(By.TAG_NAME, "body").text.split())
    for label in ["title", "bottom line", "judgment", "gap", "statement", "excerpt", "Event"]:
        assert "".join(hostile.shown(label).split()) in text, label
    assert "".join(hostile.shown("title").split()) in "".join(browser.title.split())
    node(browser, "a-one").click()
    profile = "".join(browser.find_element(By.ID, "profile").text.split())
    for label in ["Alpha", "description", "role", "relation description", "alias"]:
        assert "".join(hostile.shown(label).split()) in profile, label
    for element in browser.find_elements(By.CSS_SELECTOR, "#chart .node circle"):
        element.click()
    nothing_ran()
