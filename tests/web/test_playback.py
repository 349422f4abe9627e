"""Playback in a real browser: "Play" steps through the key dates (or week by week) at a pace a reader can follow,
keeps the address in step, becomes "Pause", and stops at the last key date or on the reader's own action."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page, expect

from geo.model.catalog import Catalog
from tools.browser import wait_until_drawn

STEP_MS = 1500  # webmap/static/js/playback.js


def _key_dates(catalog: Catalog) -> list[str]:
    return sorted({entry.date.isoformat() for entry in catalog.timeline()})


def _date_shown(page: Page) -> str:
    return page.get_by_label("Date").input_value()


def test_play_steps_through_the_key_dates_and_the_address_follows(visit, catalog: Catalog) -> None:
    keys = _key_dates(catalog)
    page = visit.open(f"/?date={keys[3]}&layers=events,observation_posts", keys[3])
    play = page.get_by_role("button", name="Play", exact=True)
    play.click()
    pause = page.get_by_role("button", name="Pause", exact=True)
    expect(pause).to_be_visible()
    page.wait_for_timeout(STEP_MS * 0.6)
    assert _date_shown(page) == keys[3], "a step stays on screen long enough to follow"
    wait_until_drawn(page, keys[4])
    wait_until_drawn(page, keys[5])
    assert page.url.endswith(f"/?date={keys[5]}&layers=events,observation_posts")
    pause.click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    stopped = _date_shown(page)
    page.wait_for_timeout(STEP_MS * 1.5)
    assert _date_shown(page) == stopped


def test_play_by_week(visit, catalog: Catalog) -> None:
    keys = _key_dates(catalog)
    page = visit.open("/?date=2020-01-01", "2020-01-01")
    page.get_by_label("Step").select_option("weeks")
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until_drawn(page, "2020-01-08")
    wait_until_drawn(page, "2020-01-15")
    assert "date=2020-01-15" in page.url
    assert "2020-01-08" not in keys, "weeks, not key dates"


def test_play_stops_at_the_last_key_date(visit, catalog: Catalog) -> None:
    keys = _key_dates(catalog)
    page = visit.open(f"/?date={keys[-2]}", keys[-2])
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until_drawn(page, keys[-1])
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()


def test_play_at_the_end_starts_again_from_the_first_key_date(visit, catalog: Catalog) -> None:
    keys = _key_dates(catalog)
    page = visit.open("/", keys[-1])
    page.get_by_role("button", name="Play", exact=True).click()
    wait_until_drawn(page, keys[0])
    page.get_by_role("button", name="Pause", exact=True).click()


def test_any_action_of_the_reader_stops_the_playback(visit, catalog: Catalog, manifest) -> None:
    keys = _key_dates(catalog)
    actions = {
        "a date typed": lambda page: page.get_by_label("Date").fill("2019-09-01"),
        "a key date clicked": lambda page: page.locator(".key-dates button").first.click(),
        "a layer switched": lambda page: page.get_by_label(manifest["events"].title).uncheck(),
        "the map moved": lambda page: page.locator(".leaflet-control-zoom-in").click(),
    }
    page = visit.open(f"/?date={keys[1]}", keys[1])
    for name, action in actions.items():
        page.get_by_role("button", name="Play", exact=True).click()
        expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
        action(page)
        expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
        shown = _date_shown(page)
        page.wait_for_timeout(STEP_MS * 1.3)
        assert _date_shown(page) == shown, f"{name} stops the playback"


def test_on_a_phone_play_folds_the_panel_to_show_the_map(visit, catalog: Catalog) -> None:
    keys = _key_dates(catalog)
    visit.page.set_viewport_size({"width": 390, "height": 844})
    page = visit.open(f"/?date={keys[2]}", keys[2])
    page.locator("#toolbar [aria-controls=date-panel]").click()
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#date-panel")).to_be_hidden()
    wait_until_drawn(page, keys[3])
    day = dt.date.fromisoformat(keys[3])
    expect(page.locator("#toolbar [aria-controls=date-panel]")).to_contain_text(re.compile(rf"\b{day.day} "))
