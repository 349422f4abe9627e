"""A situation is a folder of data: the repository's second one (examples/kyiv-2022: another region, another UTM zone,
other countries, English and Ukrainian) is built, served in a real browser and printed by the same code as the Idlib
map, and nothing of the code names it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.model.catalog import Catalog
from geo.paths import BuildPaths
from tools.browser import serving, wait_until_drawn
from webmap import create_app

from support import EXAMPLE_DIR, NODE_MODULES, ROOT, build_situation

#: What the code of the map is: no file of it may name a situation.
CODE = [ROOT / "Makefile", *sorted((ROOT / "geo").rglob("*.py")), *sorted((ROOT / "webmap").rglob("*.*"))]
DATE = "2022-03-10"


@pytest.fixture(scope="module")
def kyiv(tmp_path_factory: pytest.TempPathFactory) -> BuildPaths:
    """The second situation, built as `make LAYERS=examples/kyiv-2022 basemap layers` builds it."""
    return build_situation(EXAMPLE_DIR, tmp_path_factory.mktemp("kyiv"))


@pytest.fixture(scope="module")
def served(kyiv: BuildPaths) -> Iterator[str]:
    app = create_app({"BUILD": kyiv, "NODE_MODULES": NODE_MODULES, "BUILD_POLL_S": 0, "EXPORT_CACHE": kyiv.web_exports})
    with serving(app) as url:
        yield url


def test_no_file_of_the_code_names_a_situation() -> None:
    named = [str(path.relative_to(ROOT)) for path in CODE if re.search(r"kyiv|ukrain|kharkiv", _text(path), re.I)]
    assert named == []
    for path in CODE:  # the Idlib map's places and projection only as its example, in the text beside them
        text = _text(path)
        for found in re.finditer(r"syria|turkey|37N|32637", text, re.I):
            assert "Idlib" in text[max(found.start() - 200, 0) : found.end() + 200], f"{path}: {found.group()}"


def _text(path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def test_the_second_situation_builds_in_its_own_projection(kyiv: BuildPaths) -> None:
    catalog = Catalog.open(kyiv.layers)
    assert catalog.manifest.crs == "EPSG:32636", "the UTM zone of its extent, as the manifest names none"
    assert catalog.manifest.language_codes == ("en", "uk")
    areas = catalog["control_areas"].at(dt.date.fromisoformat(DATE))
    assert {f["properties"].get("controller") for f in areas} == {"russia", "ukraine", None}, "both sides and a front"
    assert {p.stem for p in kyiv.basemap.glob("*.geojson")} == {"countries", "provinces", "region"}


def test_the_second_situation_is_served_and_its_date_and_layers_work(served: str, open_page, kyiv: BuildPaths):
    catalog = Catalog.open(kyiv.layers)
    visit = open_page(served)
    page = visit.open(f"/?date={DATE}", DATE)
    expect(page.locator("#map-title")).to_have_text(catalog.manifest.map["title"])
    for layer in catalog:
        assert visit.count(layer.id) == len(layer.at(dt.date.fromisoformat(DATE))), layer.id
    page.get_by_label("Date").fill("2022-04-05")
    wait_until_drawn(page, "2022-04-05")
    towns = catalog["towns"].at(dt.date(2022, 4, 5))
    assert visit.count("towns") == len(towns) and all(f["properties"]["controller"] == "ukraine" for f in towns)
    page.get_by_label(catalog.manifest["convoy"].title).uncheck()
    assert visit.count("convoy") == 0
    page.context.close()


def test_the_second_situation_speaks_its_own_language(served: str, open_page, kyiv: BuildPaths) -> None:
    visit = open_page(served)
    page = visit.open(f"/?date={DATE}&lang=uk", DATE)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("#map-title")).to_have_text("Мапа ситуації: наступ на Київ, лютий - квітень 2022")
    expect(page.locator(".place-label", has_text="Буча")).to_have_count(1)
    expect(page.get_by_role("button", name="Відтворити")).to_be_visible()
    page.context.close()


def test_the_second_situation_is_printed(kyiv: BuildPaths, tmp_path) -> None:
    pdf = tmp_path / "kyiv.pdf"
    command = [str(Path(sys.executable).with_name("idlibmap")), "--build", str(kyiv.root), "export", "--date", DATE]
    result = subprocess.run([*command, "-o", str(pdf)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    svg = tmp_path / "kyiv.svg"
    subprocess.run([*command, "-o", str(svg)], check=True, capture_output=True)
    text = svg.read_text(encoding="utf-8")
    assert "WGS 84 / UTM zone 36N (EPSG:32636)" in text and "Kyiv offensive situation map" in text


def test_the_second_situation_is_printed_in_its_other_language(kyiv: BuildPaths, tmp_path) -> None:
    """Ukrainian, the language its manifest declares after English: the map, the atlas and the time-lapse, with no
    code of its own."""
    command = [str(Path(sys.executable).with_name("idlibmap")), "--build", str(kyiv.root)]
    svg = tmp_path / "kyiv-uk.svg"
    run = subprocess.run([*command, "export", "--date", DATE, "--lang", "uk", "-o", str(svg)], capture_output=True)
    assert run.returncode == 0, run.stderr
    text = svg.read_text(encoding="utf-8")
    assert "Мапа ситуації: наступ на Київ, лютий - квітень 2022 — 10 березня 2022 р." in text
    assert "Ключові дати" in text and "Умовні позначення" in text and "Буча" in text
    for options in (["atlas", "--dpi", "20"], ["timelapse", "--dpi", "20", "--no-mp4"]):
        run = subprocess.run([*command, *options, "--lang", "uk"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    assert (kyiv.exports / "atlas-uk.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in (kyiv.exports / "atlas-uk").glob("*.png"))
    assert (kyiv.exports / "timelapse-uk.gif").read_bytes().startswith(b"GIF")
