"""The app in a real Chromium: the map's deck.gl canvas, a plotly chart, right-to-left Arabic.

Runs `streamlit run` on a free local port and drives Debian's /usr/bin/chromium through
Playwright (never `playwright install`). With UPDATE_SCREENSHOTS=1 the Overview screenshot is
written to tests/screenshots/dashboard.png for the README.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server import CHROMIUM, CHROMIUM_ARGS, OUTSIDE, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "tests" / "screenshots" / "dashboard.png"
WAIT_MS = 20_000

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve() as (url, _proc, _log):
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(browser, server: str):
    """One tab for the whole module: pages are reached through the sidebar, as a user would,
    which avoids reloading Streamlit's JavaScript for every page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    # No network here: refuse every outside request at once (the basemap style, icon fonts)
    # rather than wait for DNS to fail; the map must draw its layers without tiles anyway.
    context.route(OUTSIDE, lambda route: route.abort())
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    pg.goto(server, wait_until="domcontentloaded")
    settle(pg, "Overview")
    yield pg
    context.close()


def settle(page, title: str) -> None:
    """Wait until the page titled `title` has finished running, and check it raised nothing."""
    # An app error replaces the page: wait for either, so a crash fails fast and says why.
    page.wait_for_selector(f"h1:has-text('{title}'), [data-testid='stException']", timeout=WAIT_MS)
    # Streamlit shows a running indicator while the script runs; wait until it is gone.
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=WAIT_MS
    )
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=WAIT_MS)


def go(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    settle(page, title)


def test_map_draws_a_deck_canvas(page) -> None:
    go(page, "Map")
    canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
    canvas.wait_for(state="visible", timeout=WAIT_MS)
    # The canvas first appears at the browser's default 300x150; deck.gl sizes it to its
    # container once it has started, so wait for that rather than read the first size.
    deadline = time.monotonic() + WAIT_MS / 1000
    while not drawn_at_size(canvas.bounding_box()):
        assert time.monotonic() < deadline, f"map canvas never sized: {canvas.bounding_box()}"
        page.wait_for_timeout(250)
    if located_places():
        # Without tiles the canvas is white plus the graticule: a point shows as its kind's
        # colour. Poll, since deck.gl draws a frame or two after the canvas appears.
        deadline = time.monotonic() + WAIT_MS / 1000
        while not kind_colours_in(canvas.screenshot()):
            assert time.monotonic() < deadline, "no place point drawn on the map canvas"
            page.wait_for_timeout(250)


def drawn_at_size(box: dict | None) -> bool:
    return bool(box) and box["width"] > 200 and box["height"] > 200


def located_places() -> int:
    from dashboard.geo_queries import place_points
    from dashboard.pipeline import seed_tables

    return len(place_points(seed_tables().places))


def kind_colours_in(png: bytes) -> set[str]:
    """Place kinds whose point colour (as blended over white by the layer's alpha) is drawn."""
    from PIL import Image

    from dashboard.maps import KIND_COLOURS, POINT_ALPHA

    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = {rgb for _, rgb in image.getcolors(maxcolors=image.width * image.height)}
    a = POINT_ALPHA / 255
    found = set()
    for kind, rgb in KIND_COLOURS.items():
        want = [c * a + 255 * (1 - a) for c in rgb]
        if any(all(abs(p - w) <= 12 for p, w in zip(px, want, strict=True)) for px in pixels):
            found.add(kind)
    return found


def test_a_plotly_chart_is_drawn(page) -> None:
    go(page, "Timeline")
    page.locator(".js-plotly-plot svg.main-svg").first.wait_for(state="visible", timeout=WAIT_MS)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= 1


def test_brushing_the_timeline_filters_every_page(page) -> None:
    go(page, "Timeline")
    plot = page.locator(".js-plotly-plot .nsewdrag").first
    plot.wait_for(state="visible", timeout=WAIT_MS)
    box = plot.bounding_box()
    assert box
    # Drag across the left half of the time axis (a box selection, horizontal only).
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.02, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    page.mouse.up()
    note = page.get_by_text("Date filter:")
    note.wait_for(timeout=WAIT_MS)
    settle(page, "Timeline")
    go(page, "Claims")  # another page applies it and says so
    page.get_by_text("Date filter:").wait_for(timeout=WAIT_MS)
    page.get_by_role("button", name="Clear date filter").click()
    # The rerun may not have started when the click returns: wait for the note to go.
    page.get_by_text("Date filter:").wait_for(state="detached", timeout=WAIT_MS)
    settle(page, "Claims")
    assert not page.errors, page.errors


def test_documents_page_shows_arabic_right_to_left(page) -> None:
    go(page, "Documents")
    text = page.locator(".doc-text").first
    text.wait_for(state="visible", timeout=WAIT_MS)
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "مادورو" in text.inner_text()


def test_overview_screenshot(page, tmp_path: Path) -> None:
    go(page, "Overview")
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=WAIT_MS)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(500)  # let the data grids paint
    target = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path / "o.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    assert not page.errors, page.errors
