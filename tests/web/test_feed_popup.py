"""An imported event layer on the web map, in a real browser: a point drawn in the circle of its uncertainty, and a
popup that shows the dataset's text as text (never HTML), its precision, its source and the dataset's terms."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from playwright.sync_api import expect

from geo.cli import main
from tools.browser import serving

from support import feed_situation


def test_an_imported_events_popup_shows_its_text_as_text_and_its_dataset(tmp_path: Path, make_app, open_page) -> None:
    layers, files = feed_situation(tmp_path)
    manifest = layers / "manifest.toml"
    # Drawn as SVG here, the path of small layers, whose points carry their circles.
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('renderer = "canvas"\n', ""), encoding="utf-8")
    for source in files:
        result = CliRunner().invoke(
            main, ["--layers", str(layers), "import", source, str(files[source]), "--layer", f"{source}_events"]
        )
        assert result.exit_code == 0, result.output
    with serving(make_app(layers)) as url:
        visit = open_page(url)
        page = visit.open("/?date=2020-02-12&layers=acled_events", "2020-02-12")
        expect(page.locator(".layer-acled_events")).to_have_count(2)  # the week's event and the month's
        expect(page.locator(".feature-uncertainty")).to_have_count(2)
        page.get_by_title("Shelling/artillery/missile attack, Ariha").dispatch_event("click")
        popup = page.locator(".leaflet-popup-content")
        expect(popup.locator(".popup-note")).to_contain_text(
            "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
        )
        assert popup.locator("script").count() == 0 and page.locator("img[src=x]").count() == 0
        expect(popup.locator(".popup-uncertainty")).to_have_text("Within about 10 km of the point drawn")
        expect(popup.get_by_role("link", name="ACLED event FIX0002, coded from: Fixture Agency")).to_have_count(1)
        expect(popup.locator(".popup-credit")).to_contain_text("Armed Conflict Location & Event Data (ACLED)")
