"""The exported files: the right type and page size in each format, the same bytes every time, and a picture
that matches the reviewed baseline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.model.catalog import Catalog
from geo.model.layer import Layer
from geo.model.mapdata import MapData
from geo.staticmap.export import FORMATS, export_map

from export_support import MAGIC, differing_tiles, page_size, save_difference
from support import ROOT

DATE = dt.date(2020, 3, 15)
BASELINE = Path(__file__).parent / "baseline" / "idlib-2020-03-15.png"
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


def test_the_map_matches_the_reviewed_baseline(inputs: MapData, tmp_path: Path) -> None:
    """See tests/export/baseline/README.md to regenerate the baseline after an intended change."""
    output = tmp_path / "map.png"
    export_map(inputs, DATE, "png", output, dpi=BASELINE_DPI)
    tiles = differing_tiles(output, BASELINE)
    if tiles:
        picture = save_difference(output, BASELINE, DIFFERENCES / "baseline-difference.png")
        pytest.fail(f"{len(tiles)} squares differ from {BASELINE.name} (largest at {tiles[0][:2]}); see {picture}")


def test_the_baseline_comparison_sees_a_missing_marker(inputs: MapData, tmp_path: Path) -> None:
    """The comparison would catch one post fewer on the map, not only a changed page."""
    posts = inputs.catalog["observation_posts"]
    missing = posts.at(DATE)[0]
    layers = {layer.id: layer for layer in inputs.catalog}
    layers[posts.id] = Layer(posts.spec, [f for f in posts.features if f is not missing])
    fewer = MapData(Catalog(inputs.catalog.manifest, layers), inputs.basemap)
    export_map(fewer, DATE, "png", tmp_path / "fewer.png", dpi=BASELINE_DPI)
    assert differing_tiles(tmp_path / "fewer.png", BASELINE)
