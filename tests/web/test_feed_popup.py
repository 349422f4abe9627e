"""An imported event layer on the web map, in a real browser: a point drawn in the circle of its uncertainty, a popup
that shows the dataset's text as text (never HTML), its precision, its source and the dataset's terms, and an event's
dates as the days it may have happened on (a week's, a month's, a span's), not to the day after, where the data's
period ends."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page, expect

from geo.cli import main
from tools.browser import serving, wait_until_drawn

from support import feed_situation


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, make_app) -> Iterator[str]:
    """The project's layers and the feed layers, both datasets' fixtures imported, served."""
    layers, files = feed_situation(tmp_path_factory.mktemp("feeds"))
    manifest = layers / "manifest.toml"
    # Drawn as SVG here, the path of small layers, whose points carry their circles.
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('renderer = "canvas"\n', ""), encoding="utf-8")
    for source in files:
        result = CliRunner().invoke(
            main, ["--layers", str(layers), "import", source, str(files[source]), "--layer", f"{source}_events"]
        )
        assert result.exit_code == 0, result.output
    with serving(make_app(layers)) as url:
        yield url


def test_an_imported_events_popup_shows_its_text_as_text_and_its_dataset(served: str, open_page) -> None:
    page = open_page(served).open("/?date=2020-02-12&layers=acled_events", "2020-02-12")
    expect(page.locator(".layer-acled_events")).to_have_count(2)  # the week's event and the month's
    expect(page.locator(".feature-uncertainty")).to_have_count(2)
    page.get_by_title("Shelling/artillery/missile attack, Ariha").dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator(".popup-note")).to_contain_text("<script>alert('x')</script> & <img src=x onerror=alert(1)>")
    assert popup.locator("script").count() == 0 and page.locator("img[src=x]").count() == 0
    expect(popup.locator(".popup-uncertainty")).to_have_text("Within about 10 km of the point drawn")
    expect(popup.get_by_role("link", name="ACLED event FIX0002, coded from: Fixture Agency")).to_have_count(1)
    expect(popup.locator(".popup-credit")).to_contain_text("Armed Conflict Location & Event Data (ACLED)")


def _dates(page: Page, title: str) -> str:
    """The dates line of the popup of the point titled `title`, the popup closed again."""
    page.get_by_title(title, exact=True).dispatch_event("click")
    text = page.locator(".leaflet-popup-content .popup-dates").inner_text()
    page.locator(".leaflet-popup-close-button").click()
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    return " ".join(text.split())  # Intl sets a range's dash between thin spaces


def test_an_event_is_dated_by_the_days_it_may_have_happened_on(served: str, open_page) -> None:
    """valid_to is the first day an event no longer holds: ACLED's week of 12 February 2020 is 10 to 16 February,
    valid_to the 17th, a day the popup must not name; its month is February; UCDP's span, 10 to 14 February."""
    page = open_page(served).open("/?date=2020-02-12&layers=acled_events,ucdp_events", "2020-02-12")
    assert _dates(page, "Shelling/artillery/missile attack, Ariha") == "In the week of 10 – 16 February 2020"
    assert _dates(page, "Attack, Jisr-Ash-Shugur") == "In February 2020"
    assert _dates(page, "one-sided violence, Ariha district") == "During 10 – 14 February 2020"
    page.get_by_label("Date", exact=True).fill("2020-02-06")
    wait_until_drawn(page, "2020-02-06")
    assert _dates(page, "Armed clash, Saraqab") == "On 6 February 2020"
    page = open_page(served).open("/?date=2020-02-12&layers=acled_events&lang=ar", "2020-02-12")
    assert re.fullmatch(r"في أسبوع 10\s?–\s?16 فبراير 2020", _dates(page, "Shelling/artillery/missile attack, Ariha"))
