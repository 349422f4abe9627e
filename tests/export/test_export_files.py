"""The exported files: the right type and page size in each format, the same bytes every time, and a picture
that matches the reviewed baseline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from geo.staticmap.export import FORMATS, export_map
from geo.staticmap.sheet import MapInputs

from export_support import MAGIC, page_size

DATE = dt.date(2020, 3, 15)
BASELINE = Path(__file__).parent / "baseline" / "idlib-2020-03-15.png"
BASELINE_DPI = 50
#: Largest mean absolute difference from the baseline, per pixel and channel (0-255), still "the same map": room
#: for anti-aliasing differences between library versions; a changed title alone makes about 0.55, a layer
#: appearing about 3.
TOLERANCE = 0.3

#: A4 landscape: pixels at 300 dpi, points for PDF and SVG.
EXPECTED_SIZE = {"png": (3508, 2480), "pdf": (842, 595), "svg": (842, 595)}


@pytest.fixture(scope="module")
def written(inputs: MapInputs, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
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
def test_the_same_map_gives_the_same_bytes(inputs: MapInputs, written: dict[str, Path], tmp_path: Path, fmt) -> None:
    again = tmp_path / f"again.{fmt}"
    export_map(inputs, DATE, fmt, again)
    assert again.read_bytes() == written[fmt].read_bytes()


def test_the_map_matches_the_reviewed_baseline(inputs: MapInputs, tmp_path: Path) -> None:
    """See tests/export/baseline/README.md to regenerate the baseline after an intended change."""
    output = tmp_path / "map.png"
    export_map(inputs, DATE, "png", output, dpi=BASELINE_DPI)
    with Image.open(output) as made, Image.open(BASELINE) as expected:
        assert made.size == expected.size
        difference = np.abs(
            np.asarray(made.convert("RGB"), dtype=float) - np.asarray(expected.convert("RGB"), dtype=float)
        )
    assert difference.mean() <= TOLERANCE, f"mean difference {difference.mean():.2f} from {BASELINE.name}"
