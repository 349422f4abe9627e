"""The exported files: the right type and page size in each format, the same bytes every time, and pictures that
match the reviewed baselines: the whole frame in English, in Arabic, and a view of Saraqib in Turkish."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.model.catalog import Catalog
from geo.model.layer import Layer
from geo.model.mapdata import MapData
from geo.staticmap.export import FORMATS, export_map
from geo.staticmap.sheet import Sheet

from export_support import MAGIC, differing_tiles, page_size, save_difference
from support import ROOT

DATE = dt.date(2020, 3, 15)
BASELINES_DIR = Path(__file__).parent / "baseline"
BASELINE = BASELINES_DIR / "idlib-2020-03-15.png"
#: Every reviewed baseline: the date and the sheet it is the map of (tests/export/baseline/README.md).
BASELINES = {
    BASELINE.name: (DATE, Sheet()),
    "idlib-2020-03-06-ar.png": (dt.date(2020, 3, 6), Sheet(language="ar")),
    "idlib-2020-03-06-view-tr.png": (dt.date(2020, 3, 6), Sheet(language="tr", view=(36.65, 35.78, 36.95, 35.95))),
}
BASELINE_DPI = 100
#: Where a failed comparison leaves the picture of its differences, for review.
DIFFERENCES = ROOT / "build" / "test-results"

#: A4 landscape: pixels at 300 dpi, points for PDF and SVG.
EXPECTED_SIZE = {"png": (3508, 2480), "pdf": (842, 595), "svg": (842, 595)}


@pytest.fixture(scope="module")
def written(inputs: MapData, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = {fmt: folder / f"idlib-{DATE}.{fmt}" for fmt in FORMATS}
    for fmt, path in paths.items():
        export_map(inputs, DATE, fmt, path)
    return paths


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_is_written_with_its_type(written: dict[str, Path], fmt: str) -> None:
    data = written[fmt].read_bytes()
    assert data.startswith(MAGIC[fmt])
    if fmt == "svg":
        assert b"<svg" in data[:1000]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_is_an_a4_landscape_page(written: dict[str, Path], fmt: str) -> None:
    width, height = page_size(written[fmt], fmt)
    assert (round(width), round(height)) == EXPECTED_SIZE[fmt]


def test_the_pdf_embeds_its_fonts_and_the_svg_keeps_text_as_text(written: dict[str, Path]) -> None:
    pdf = written["pdf"].read_bytes()
    assert b"/FontFile2" in pdf  # TrueType font programs inside the file
    svg = written["svg"].read_text(encoding="utf-8")
    assert "<text" in svg and "DejaVu Sans" in svg


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_map_gives_the_same_bytes(inputs: MapData, written: dict[str, Path], tmp_path: Path, fmt) -> None:
    again = tmp_path / f"again.{fmt}"
    export_map(inputs, DATE, fmt, again)
    assert again.read_bytes() == written[fmt].read_bytes()


@pytest.mark.parametrize("name", BASELINES)
def test_the_map_matches_the_reviewed_baseline(inputs: MapData, tmp_path: Path, name: str) -> None:
    """See tests/export/baseline/README.md to regenerate a baseline after an intended change."""
    date, sheet = BASELINES[name]
    output = tmp_path / "map.png"
    export_map(inputs, date, "png", output, dpi=BASELINE_DPI, sheet=sheet)
    tiles = differing_tiles(output, BASELINES_DIR / name)
    if tiles:
        picture = save_difference(output, BASELINES_DIR / name, DIFFERENCES / f"difference-{name}")
        pytest.fail(f"{len(tiles)} squares differ from {name} (largest at {tiles[0][:2]}); see {picture}")


def test_the_baseline_comparison_sees_a_missing_marker(inputs: MapData, tmp_path: Path) -> None:
    """The comparison would catch one post fewer on the map, not only a changed page."""
    posts = inputs.catalog["observation_posts"]
    missing = posts.at(DATE)[0]
    layers = {layer.id: layer for layer in inputs.catalog}
    layers[posts.id] = Layer(posts.spec, [f for f in posts.features if f is not missing])
    fewer = MapData(Catalog(inputs.catalog.manifest, layers), inputs.basemap)
    export_map(fewer, DATE, "png", tmp_path / "fewer.png", dpi=BASELINE_DPI)
    assert differing_tiles(tmp_path / "fewer.png", BASELINE)
