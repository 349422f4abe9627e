"""What changed: the diff geo computes (Catalog.diff, each change with what it counts as), through the API and in
a real browser, where the panel lists it by layer and kind, each entry flying to its feature, and rings the
changed features on the map; the static copy has the same answers for the previous key date."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from playwright.sync_api import Page, expect

from geo.model.catalog import Catalog
from tools.browser import wait_until_drawn
from webmap.site import write_site

BEFORE, AFTER = dt.date(2020, 1, 1), dt.date(2020, 3, 6)


def _changes(catalog: Catalog, layer: str, change: str, kind: str, before=BEFORE, after=AFTER) -> list:
    return [c for c in catalog.diff(before, after) if (c.layer, c.change, c.kind) == (layer, change, kind)]


def _compare_with(page: Page, day: str) -> None:
    page.get_by_label("Since", exact=True).fill(day)


def test_the_api_says_what_each_change_counts_as(client: FlaskClient, catalog: Catalog) -> None:
    body = client.get(f"/api/diff?from={BEFORE}&to={AFTER}").get_json()
    assert body == [change.to_json() for change in catalog.diff(BEFORE, AFTER)]
    encircled = [c for c in body if c["layer"] == "observation_posts" and c["change"] == "changed"]
    assert encircled and all(c["kind"] == c["after"]["status"] == "encircled" for c in encircled)
    taken = [c for c in body if c["layer"] == "town_control" and c["kind"] == "government" and c["change"] == "changed"]
    assert taken and all(c["before"]["controller"] != "government" for c in taken)


def test_what_changed_lists_the_posts_encircled_and_the_towns_taken(visit, catalog: Catalog, manifest) -> None:
    page = visit.open(f"/?date={AFTER}", AFTER.isoformat())
    page.get_by_role("button", name="What changed").click()
    _compare_with(page, BEFORE.isoformat())
    panel = page.locator("#changes-panel")
    expect(panel.locator(".changes-summary")).to_contain_text(f"{len(catalog.diff(BEFORE, AFTER))}")
    groups = {
        ("observation_posts", "Now: Post encircled by government forces"): _changes(
            catalog, "observation_posts", "changed", "encircled"
        ),
        ("town_control", "Now: Town held by the government"): _changes(
            catalog, "town_control", "changed", "government"
        ),
    }
    for (layer, heading), changes in groups.items():
        assert changes
        section = panel.locator(".changes-layer", has=page.locator("h3", has_text=manifest[layer].title))
        group = section.locator("h4", has_text=heading)
        expect(group).to_contain_text(str(len(changes)))
        entries = group.locator("xpath=following-sibling::ul[1]/li")
        expect(entries).to_have_count(len(changes))
        for change in changes:
            expect(entries.filter(has_text=change.after["name"])).to_have_count(1)
    expect(page.locator("path.highlight")).to_have_count(len(catalog.diff(BEFORE, AFTER)))


def _map_center(page: Page) -> tuple[float, float]:
    return tuple(
        page.evaluate("""() => {
        const map = Object.values(window).find((value) => value instanceof L.Map);
        const centre = map.getCenter();
        return [centre.lat, centre.lng];
    }""")
    )


def test_an_entry_flies_to_its_feature_and_rings_it(visit, catalog: Catalog) -> None:
    page = visit.open(f"/?date={AFTER}", AFTER.isoformat())
    page.get_by_role("button", name="What changed").click()
    _compare_with(page, BEFORE.isoformat())
    change = _changes(catalog, "observation_posts", "changed", "encircled")[0]
    (feature,) = [f for f in catalog["observation_posts"].features if f["properties"]["id"] == change.after["id"]]
    lng, lat = feature["geometry"]["coordinates"]
    page.locator(".changes-entries button", has_text=change.after["name"]).first.click()
    page.wait_for_function("() => document.querySelectorAll('path.highlight-focus').length === 1")
    page.wait_for_timeout(1200)  # the flight
    centre_lat, centre_lng = _map_center(page)
    km = math.hypot((centre_lat - lat) * 111, (centre_lng - lng) * 111 * math.cos(math.radians(lat)))
    assert km < 25, "the map went to the post (beside the panels)"


def test_the_default_is_the_change_since_the_previous_key_date(visit, catalog: Catalog) -> None:
    keys = sorted({entry.date for entry in catalog.timeline()})
    page = visit.open(f"/?date={keys[-3]}", keys[-3].isoformat())
    page.get_by_role("button", name="What changed").click()
    expect(page.get_by_label("Since", exact=True)).to_have_value(keys[-4].isoformat())
    count = len(catalog.diff(keys[-4], keys[-3]))
    expect(page.locator(".changes-summary")).to_contain_text(f": {count}" if count else "Nothing")
    page.get_by_label("Date").fill(keys[-2].isoformat())
    wait_until_drawn(page, keys[-2].isoformat())
    expect(page.get_by_label("Since", exact=True)).to_have_value(keys[-3].isoformat())


def test_closing_the_panel_takes_the_rings_away(visit) -> None:
    page = visit.open(f"/?date={AFTER}", AFTER.isoformat())
    button = page.get_by_role("button", name="What changed")
    button.click()
    expect(page.locator("path.highlight").first).to_be_attached()
    button.click()
    expect(page.locator("path.highlight")).to_have_count(0)


@pytest.fixture(scope="module")
def site(app, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "site"
    write_site(app.extensions["idlibmap"], output)
    return output


@pytest.mark.parametrize("day", ["2020-03-06", "2020-02-10", "2019-12-31"])
def test_the_static_copy_lists_the_change_since_the_previous_key_date(open_page, site, catalog, day: str) -> None:
    folder = site.as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    page = visit.open(f"?date={day}", day)
    page.get_by_role("button", name="What changed").click()
    since = max(entry.date for entry in catalog.timeline() if entry.date < dt.date.fromisoformat(day))
    expect(page.get_by_label("Since", exact=True)).to_have_value(since.isoformat())
    expect(page.locator(".changes-note")).to_be_visible()
    changes = catalog.diff(since, dt.date.fromisoformat(day))
    summary = page.locator(".changes-summary")
    expect(summary).to_contain_text(f": {len(changes)}" if changes else "Nothing")
    expect(page.locator(".changes-entries li")).to_have_count(len(changes))
