"""The page on a phone (390 x 844) and a tablet (768 x 1024) in a real browser: the map fills the screen, the date
panel, the layer panel (with its legend), the search, "What changed" and "Download" fold into the toolbar's
buttons and open one at a time, nothing overlaps, every control a finger uses is at least 44 px, and the key dates
scroll inside their panel. A wide screen (1400 x 900) keeps the date panel, the search and the layer panel open."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
PANELS = ["date-panel", "layer-panel", "place-search", "changes-panel", "download-panel"]
#: The controls at the map's bottom corners, which an open panel must leave clear.
CORNER_CONTROLS = [
    ".leaflet-control-zoom",
    ".leaflet-control-zoom-fullscreen",
    ".leaflet-control-scale",
    ".leaflet-control-attribution",
]
#: Everything a finger can use in the toolbar and the panels.
TARGETS = "#toolbar button, .idl-panel:not([hidden]) :is(button, select, input, a, label.layer-toggle)"


def _box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _toolbar_button(page: Page, panel: str):
    return page.locator(f"#toolbar button[aria-controls={panel}]")


def _open_panels(page: Page) -> list[str]:
    return [panel for panel in PANELS if page.locator(f"#{panel}").is_visible()]


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_map_covers_most_of_the_screen_with_every_panel_closed(visit, size: dict) -> None:
    visit.page.set_viewport_size(size)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    assert _open_panels(page) == []
    covered = sum(
        box["width"] * box["height"]
        for box in (_box(page, selector) for selector in ["#toolbar", *CORNER_CONTROLS])
        if box
    )
    assert covered < 0.15 * size["width"] * size["height"], "the toolbar and the map's controls leave the map free"
    map_box = _box(page, ".folium-map")
    assert (map_box["width"], map_box["height"]) == (size["width"], size["height"])
    assert visit.count("observation_posts") > 0


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_each_panel_opens_and_closes_one_at_a_time_clear_of_everything(visit, size: dict) -> None:
    visit.page.set_viewport_size(size)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    for panel in PANELS:
        button = _toolbar_button(page, panel)
        button.click()
        expect(page.locator(f"#{panel}")).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "true")
        assert _open_panels(page) == [panel], "one panel at a time"
        opened = _box(page, f"#{panel}")
        assert opened["y"] + opened["height"] <= size["height"] and opened["x"] >= 0
        assert opened["x"] + opened["width"] <= size["width"]
        for other in ["#toolbar", *CORNER_CONTROLS]:
            box = _box(page, other)
            assert box is None or not _overlap(opened, box), f"{panel} overlaps {other}"
    button = _toolbar_button(page, PANELS[-1])
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert _open_panels(page) == []


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["phone", "tablet"])
def test_every_touch_target_is_at_least_44_px(visit, size: dict) -> None:
    visit.page.set_viewport_size(size)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    small = []
    for panel in PANELS:
        _toolbar_button(page, panel).click()
        for target in page.locator(TARGETS).all():
            # A checkbox's target is its label, which holds it.
            if target.is_visible() and target.evaluate("(node) => !(node.matches('input') && node.closest('label'))"):
                box = target.bounding_box()
                if box["height"] < 44 or box["width"] < 44:
                    small.append((panel, target.evaluate("(node) => node.outerHTML.slice(0, 80)"), box))
    for control in page.locator(".leaflet-control-zoom a, .leaflet-control-zoom-fullscreen").all():
        box = control.bounding_box()
        if box["height"] < 44 or box["width"] < 44:
            small.append(("map", control.get_attribute("class"), box))
    assert small == []


def test_the_key_dates_scroll_inside_their_panel(visit) -> None:
    visit.page.set_viewport_size(PHONE)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    _toolbar_button(page, "date-panel").click()
    key_dates = page.locator("#date-panel .key-dates")
    sizes = key_dates.evaluate("(list) => [list.scrollHeight, list.clientHeight, getComputedStyle(list).overflowY]")
    assert sizes[0] > sizes[1] and sizes[2] == "auto", "the list is taller than its room and scrolls"
    panel = _box(page, "#date-panel")
    listed = _box(page, "#date-panel .key-dates")
    assert listed["y"] + listed["height"] <= panel["y"] + panel["height"] + 1


def test_escape_closes_the_open_panel_and_returns_to_its_button(visit) -> None:
    visit.page.set_viewport_size(PHONE)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    button = _toolbar_button(page, "layer-panel")
    button.click()
    page.locator("#layer-panel input[type=checkbox]").first.focus()
    page.keyboard.press("Escape")
    expect(page.locator("#layer-panel")).to_be_hidden()
    expect(button).to_be_focused()


def test_the_date_button_shows_the_date_on_screen(visit) -> None:
    visit.page.set_viewport_size(PHONE)
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    button = _toolbar_button(page, "date-panel")
    expect(button).to_contain_text("6 Mar 2020")
    button.click()
    page.get_by_label("Date").fill("2020-03-15")
    expect(button).to_contain_text("15 Mar 2020")


def test_a_wide_screen_keeps_the_panels_beside_the_map(visit) -> None:
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    assert _open_panels(page) == ["date-panel", "layer-panel", "place-search"]
    for panel in ("date-panel", "place-search"):
        expect(_toolbar_button(page, panel)).to_be_hidden()
    date, layers = _box(page, "#date-panel"), _box(page, "#layer-panel")
    assert date["x"] < 20 and layers["x"] + layers["width"] > 1380, "the date on the left, the layers on the right"
    assert not _overlap(date, layers)
    _toolbar_button(page, "changes-panel").click()
    assert _open_panels(page) == ["date-panel", "place-search", "changes-panel"], "it takes the layer panel's place"
    visit.page.set_viewport_size(PHONE)
    expect(page.locator("#date-panel")).to_be_hidden()
    visit.page.set_viewport_size({"width": 1400, "height": 900})
    expect(page.locator("#date-panel")).to_be_visible()
    expect(page.locator("#changes-panel")).to_be_visible()


@pytest.mark.parametrize("size", [PHONE, {"width": 1400, "height": 900}], ids=["phone", "wide"])
def test_a_notice_shows_clear_of_the_open_panels(visit, size: dict) -> None:
    visit.page.set_viewport_size(size)
    page = visit.open("/?date=2020-03-06&layers=places,nope", "2020-03-06")
    notice = page.get_by_role("status")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("nope")
    panels = PANELS if size is PHONE else ["date-panel", "place-search", "layer-panel"]
    for panel in panels:
        if size is PHONE:
            _toolbar_button(page, panel).click()
        for other in ["#toolbar", f"#{panel}"]:
            assert not _overlap(_box(page, "#notice"), _box(page, other)), f"the notice and {other}"
