"""Events as news in a real browser: an event is drawn in full for the manifest's recent_days from its date and
faded after that (the rule geo.model.layer.recent_until gives both maps), and a post can always be clicked, even
where an event stands at the same place."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from geo.model.catalog import Catalog
from geo.model.layer import is_recent
from tools.browser import wait_until_drawn


def test_events_older_than_recent_days_are_faded(visit, catalog: Catalog) -> None:
    spec = catalog.manifest["events"]
    assert spec.recent_days, "the manifest says how long an event is news"
    day = "2020-03-15"
    page = visit.open(f"/?date={day}&layers=events", day)
    events = catalog["events"].at(dt.date.fromisoformat(day))
    recent = [f for f in events if is_recent(spec, f["properties"], dt.date.fromisoformat(day))]
    assert 0 < len(recent) < len(events)
    expect(page.locator(".layer-events.older")).to_have_count(len(events) - len(recent))
    for feature in recent:
        name = feature["properties"]["name"]
        assert "older" not in page.locator(f'.layer-events[title="{name}"]').first.get_attribute("class")
    page.get_by_label("Date").fill("2021-06-01")
    wait_until_drawn(page, "2021-06-01")
    expect(page.locator(".layer-events:not(.older)")).to_have_count(0)


def test_a_post_is_clickable_where_an_event_stands_on_it(visit, catalog: Catalog) -> None:
    day = dt.date(2019, 9, 1)
    events = [f["geometry"] for f in catalog["events"].at(day)]
    posts = [f for f in catalog["observation_posts"].at(day) if f["geometry"] in events]
    assert posts, "an event stands at a post's position"
    post = posts[0]
    page = visit.open(f"/?date={day}", day.isoformat())
    marker = page.locator(f'.layer-observation_posts[title="{post["properties"]["name"]}"]')
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a real click, wherever it lands
    expect(page.locator(".leaflet-popup-content h2")).to_have_text(post["properties"]["name"])
    expect(page.locator(".leaflet-popup-content .popup-layer")).to_have_text(
        catalog.manifest["observation_posts"].title
    )
