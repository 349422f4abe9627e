"""Accessibility in a real browser: axe-core (npm, pinned by package-lock.json, put into the page by the test, never
served by the app) finds no serious or critical violation, in English and Arabic, on a wide screen and a phone,
with the panels open; every control is reached by the keyboard, in a sensible order, shows where the focus is,
and works from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from geo import paths

from support import ROOT

AXE = (ROOT / paths.NODE_MODULES / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1400, "height": 900}


def _violations(page: Page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.evaluate(AXE)  # through the browser's protocol: the page's Content-Security-Policy does not apply
    found = page.evaluate("""() => axe.run(document).then((result) => result.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))})))""")
    return found


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["wide", "phone"])
def test_axe_finds_nothing_serious(visit, language: str, size: dict) -> None:
    visit.page.set_viewport_size(size)
    page = visit.open(f"/?date=2020-03-06&lang={language}", "2020-03-06")
    assert _violations(page) == []
    panels = ["date-panel", "layer-panel", "changes-panel", "download-panel"]
    if size is WIDE:
        panels = ["changes-panel", "download-panel"]
    for panel in panels:
        page.locator(f"#toolbar [aria-controls={panel}]").click()
        page.wait_for_timeout(300)  # what changed is filled in
        assert _violations(page) == [], panel
    page.locator(".layer-observation_posts").first.dispatch_event("click")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    assert _violations(page) == [], "with a popup open (faded in: axe measures the colours as shown)"


def _tab_stops(page: Page, count: int) -> list[dict]:
    """Where the focus goes on each of `count` presses of Tab from the top of the page, and whether it shows."""
    page.locator("body").focus()
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(
            page.evaluate("""() => {
                const node = document.activeElement;
                const style = getComputedStyle(node);
                return {
                    id: node.id, tag: node.tagName, text: (node.textContent || "").trim().slice(0, 40),
                    classes: node.className && node.className.baseVal === undefined ? node.className : "",
                    control: node.getAttribute("aria-controls"),
                    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                    // false where the focus is on a part of the browser's own (a date field's calendar button)
                    own: node.matches(":focus"),
                };
            }""")
        )
    return stops


def test_the_keyboard_reaches_every_control_and_shows_where_it_is(visit) -> None:
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    stops = _tab_stops(page, 120)
    reached = {stop["id"] for stop in stops} | {stop["control"] for stop in stops}
    assert {"date-input", "previous-date", "next-date", "play", "play-step", "place-input", "online-tiles"} <= reached
    assert {"layer-panel", "changes-panel", "download-panel"} <= reached, "the toolbar's buttons"
    assert any("leaflet-control-zoom-in" in stop["classes"] for stop in stops), "the zoom, before the features"
    assert sum(stop["tag"] == "INPUT" and not stop["id"] for stop in stops) >= 10, "the layers' switches"
    hidden = [stop for stop in stops if stop["own"] and not stop["outline"] and stop["tag"] != "DIV"]
    assert hidden == [], "every control shows the focus"


def test_the_panels_work_from_the_keyboard(visit) -> None:
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    page.locator("#toolbar [aria-controls=changes-panel]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#changes-panel")).to_be_visible()
    page.locator("#changes-panel .changes-entries button").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("path.highlight-focus")).to_have_count(1)
    page.locator("#play").focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    page.locator(".key-dates button").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector('html[data-drawn="2017-05-04"]', state="attached")
