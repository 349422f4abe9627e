"""The sheet a reader prints: every text 6 pt or more on every key date, no part of the page over another, every paper
and orientation, the view asked for (its scale chosen for the sheet, its legend and labels of what it shows, the
inset locating it), and every language of the situation: Arabic shaped and right to left with the sheet mirrored,
fonts in the PDF holding every letter used, text kept as text in the SVG."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import matplotlib
import pytest
import shapely
from fontTools.ttLib import TTFont
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.legend import Legend
from matplotlib.text import Text

from geo.model.mapdata import MapData
from geo.staticmap.atlas import key_dates
from geo.staticmap.export import export_map
from geo.staticmap.paper import paper
from geo.staticmap.projection import MapProjection
from geo.staticmap.sheet import RC, Sheet, map_pages
from geo.staticmap.typesetting import FONT_FAMILY, MIN_SIZE, measure

from export_support import page_size, svg_text

#: A view of Saraqib and its surroundings (about 27 by 19 km), W, S, E, N.
SARAQIB = (36.65, 35.78, 36.95, 35.95)
#: The dates the issue names, crowded with the record's detail.
DATES = (dt.date(2020, 2, 20), dt.date(2020, 3, 6))
#: Sheets of every kind: each language, a view, each paper and orientation.
SHEETS = {
    "en": Sheet(),
    "ar": Sheet(language="ar"),
    "tr, Saraqib": Sheet(language="tr", view=SARAQIB),
    "ar, Saraqib": Sheet(language="ar", view=SARAQIB),
    "en, A4 portrait": Sheet(paper=paper("a4-portrait")),
    "ar, A4 portrait": Sheet(language="ar", paper=paper("a4-portrait")),
    "tr, A3": Sheet(language="tr", paper=paper("a3")),
    "en, A3 portrait": Sheet(paper=paper("a3-portrait")),
    "ar, Letter": Sheet(language="ar", paper=paper("letter")),
    "en, Letter portrait": Sheet(paper=paper("letter-portrait")),
}
_SVG = "{http://www.w3.org/2000/svg}"


def texts(figure: Figure) -> list[Text]:
    """Every text a page shows."""
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_no_text_is_under_6_pt_on_any_key_date(inputs: MapData) -> None:
    for date in key_dates(inputs.catalog):
        for number, page in enumerate(map_pages(inputs, date), start=1):
            small = {(t.get_text()[:40], t.get_fontsize()) for t in texts(page) if t.get_fontsize() < MIN_SIZE}
            assert not small, f"{date}, page {number}: {small}"


@pytest.mark.parametrize("date", DATES, ids=str)
@pytest.mark.parametrize("name", ["en", "ar", "tr, Saraqib", "en, A4 portrait"])
def test_every_text_size_of_the_svg_is_6_pt_or_more(inputs: MapData, tmp_path: Path, date: dt.date, name: str) -> None:
    """Read from the file, as an editor opens it (an A4 SVG's units are points)."""
    sizes = []
    for svg in export_map(inputs, date, "svg", tmp_path / "map.svg", sheet=SHEETS[name]):
        for element in ET.parse(svg).getroot().iter(f"{_SVG}text"):
            sizes.append(float(re.search(r"font-size: ([\d.]+)px", element.get("style")).group(1)))
    assert sizes and min(sizes) >= MIN_SIZE


def _boxes(figure: Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The parts of a page as boxes (points): the map (with its graticule labels), the other axes (inset, legend
    columns) and every text of the page itself (title, key dates, notes, small print), measured as the page is
    saved (geo.staticmap.sheet.RC: unhinted)."""
    with matplotlib.rc_context(RC):
        return _measured(figure)


def _measured(figure: Figure) -> list[tuple[str, tuple[float, float, float, float]]]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    parts = [("map", figure.axes[0].get_tightbbox(renderer).extents)] if figure.axes else []
    for ax in figure.axes[1:]:
        legends = [artist for artist in ax.artists if isinstance(artist, Legend)]
        if legends:
            parts += [(f"legend {n}", legend.get_window_extent(renderer).extents) for n, legend in enumerate(legends)]
        else:
            parts.append(("inset", ax.get_tightbbox(renderer).extents))
    parts += [(t.get_text()[:30], t.get_window_extent(renderer).extents) for t in figure.texts if t.get_text()]
    return [(name, tuple(float(v) for v in box)) for name, box in parts]


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("date", DATES, ids=str)
@pytest.mark.parametrize("name", list(SHEETS))
def test_no_part_of_the_sheet_is_over_another_or_off_the_page(inputs: MapData, date: dt.date, name: str) -> None:
    for page in map_pages(inputs, date, SHEETS[name]):
        width, height = (v * 72 for v in page.get_size_inches())
        parts = _boxes(page)
        for index, (first, a) in enumerate(parts):
            assert a[0] >= -0.5 and a[1] >= -0.5 and a[2] <= width + 0.5 and a[3] <= height + 0.5, first
            for second, b in parts[index + 1 :]:
                assert not _overlap(a, b), f"{first!r} is over {second!r}"


@pytest.mark.parametrize(
    ("name", "points"),
    [("a4", (842, 595)), ("a4-portrait", (595, 842)), ("a3", (1191, 842)), ("letter-portrait", (612, 792))],
)
def test_every_paper_is_its_size(inputs: MapData, tmp_path: Path, name: str, points: tuple[int, int]) -> None:
    pages = export_map(inputs, DATES[0], "pdf", tmp_path / "map.pdf", sheet=Sheet(paper=paper(name)))
    assert tuple(round(v) for v in page_size(pages[0], "pdf")) == points


def test_a_view_is_drawn_at_the_scale_that_fills_the_map_column(inputs: MapData) -> None:
    whole, view = map_pages(inputs, DATES[1])[0], map_pages(inputs, DATES[1], Sheet(view=SARAQIB))[0]
    assert whole.axes[0].get_position().bounds == pytest.approx(view.axes[0].get_position().bounds)
    x0, x1 = view.axes[0].get_xlim()
    y0, y1 = view.axes[0].get_ylim()
    asked = MapProjection.of(inputs.catalog.manifest, SARAQIB)
    ax0, ay0, ax1, ay1 = asked.bounds
    assert x0 <= ax0 and ax1 <= x1 and y0 <= ay0 and ay1 <= y1, "the whole view asked for is drawn"
    assert max(ax1 - ax0 - (x1 - x0), ay1 - ay0 - (y1 - y0)) == pytest.approx(0, abs=1), "and widened one way only"
    whole_x = whole.axes[0].get_xlim()
    assert (x1 - x0) < (whole_x[1] - whole_x[0]) / 4, "at a larger scale than the whole frame"


def _legend_lines(figure: Figure) -> set[str]:
    return {t.get_text() for ax in figure.axes for a in ax.artists if isinstance(a, Legend) for t in a.get_texts()}


def test_a_view_s_legend_and_labels_are_of_what_it_shows(inputs: MapData) -> None:
    catalog = inputs.catalog
    whole, view = map_pages(inputs, DATES[1])[0], map_pages(inputs, DATES[1], Sheet(view=SARAQIB))[0]
    far = catalog.manifest["town_control"].style_by["values"]["sdf"]["label"]  # Tal Rifaat, north of Aleppo
    assert far in _legend_lines(whole) and far not in _legend_lines(view)
    assert _legend_lines(view) < _legend_lines(whole)
    x0, x1 = view.axes[0].get_xlim()
    y0, y1 = view.axes[0].get_ylim()
    shown = shapely.box(x0, y0, x1, y1)
    frame = MapProjection.of(catalog.manifest)
    labels = {t.get_text() for t in view.axes[0].texts}
    for feature in catalog["places"].features:
        x, y = frame.to_map(*feature["geometry"]["coordinates"])
        inside = shown.contains(shapely.Point(float(x), float(y)))
        assert inside or feature["properties"]["name"] not in labels, feature["properties"]["name"]
    assert "Saraqib" in labels


def test_the_inset_locates_the_view_in_the_whole_frame(inputs: MapData) -> None:
    page = map_pages(inputs, DATES[1], Sheet(view=SARAQIB))[0]
    x0, x1 = page.axes[0].get_xlim()
    y0, y1 = page.axes[0].get_ylim()
    inset = page.axes[1]
    red = inputs.catalog.manifest.basemap["frame"]
    outlines = [
        c.get_paths()[0].get_extents().extents
        for c in inset.collections
        if isinstance(c, PathCollection) and len(c.get_edgecolors()) and to_hex(c.get_edgecolors()[0]) == red
    ]
    assert outlines == [pytest.approx((x0, y0, x1, y1))], "the view, in red"
    frame = MapProjection.of(inputs.catalog.manifest).bounds
    ix0, ix1 = inset.get_xlim()
    iy0, iy1 = inset.get_ylim()
    assert ix0 <= frame[0] and frame[2] <= ix1 and iy0 <= frame[1] and frame[3] <= iy1, "in the whole frame"


def test_an_arabic_sheet_is_mirrored_and_runs_right_to_left(inputs: MapData, tmp_path: Path) -> None:
    english, arabic = map_pages(inputs, DATES[1])[0], map_pages(inputs, DATES[1], Sheet(language="ar"))[0]
    width = english.get_size_inches()[0]
    assert english.axes[0].get_position().x0 < 0.5 < arabic.axes[0].get_position().x1, "the map on the right"
    # Mirrored at the page's edge: the map starts as far from the right as the English one from the left (its
    # size follows the room its language's title and small print leave, so its other edge may differ).
    assert arabic.axes[0].get_position().x1 == pytest.approx(1 - english.axes[0].get_position().x0)
    assert english.axes[1].get_position().x0 > english.axes[0].get_position().x1, "the inset after the map"
    assert arabic.axes[1].get_position().x1 < arabic.axes[0].get_position().x0
    title = next(t for t in arabic.texts if "خريطة الوضع في إدلب" in t.get_text())
    assert title.get_ha() == "right" and title.get_position()[0] * width == pytest.approx(width - 0.42)
    assert title.get_text().startswith("\u200f"), "a line that must run right to left is marked so"
    # Shaped: joined letters are narrower than the same letters set alone.
    assert measure("سراقب", 9)[0] < sum(measure(letter, 9)[0] for letter in "سراقب") - 3


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ar", ["خريطة الوضع في إدلب", "تواريخ رئيسية", "سراقب", "مارس"]),
        ("tr", ["İdlib durum haritası", "Önemli tarihler", "Mart"]),
    ],
)
def test_the_pdf_is_in_the_language_with_every_font_embedded(
    inputs: MapData, tmp_path: Path, language: str, words: list[str]
) -> None:
    (pdf,) = export_map(inputs, DATES[1], "pdf", tmp_path / "map.pdf", sheet=Sheet(language=language, view=SARAQIB))
    text = _pdf_text(pdf)
    for word in words:
        assert word in text, word
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "every font embedded"
    assert {line.split()[0].split("+")[1] for line in fonts} <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
    }


@cache
def _letters(weight: str, style: str) -> frozenset[int]:
    font = FontProperties(family=FONT_FAMILY, weight=weight, style=style)
    return frozenset(TTFont(findfont(font, fallback_to_default=False)).getBestCmap())


@pytest.mark.parametrize("language", ["ar", "tr"])
def test_the_fonts_hold_every_letter_the_map_sets(inputs: MapData, tmp_path: Path, language: str) -> None:
    """Each text of the SVG (kept as text, in its font's weight and style) has a glyph for every letter in the face
    the PDF embeds for it: nothing is drawn as a missing-glyph box."""
    for svg in export_map(inputs, DATES[1], "svg", tmp_path / "map.svg", sheet=Sheet(language=language)):
        for element in ET.parse(svg).getroot().iter(f"{_SVG}text"):
            style = element.get("style")
            weight = "bold" if "font-weight: 700" in style or "font-weight: bold" in style else "normal"
            slant = "italic" if "font-style: italic" in style or "font-style: oblique" in style else "normal"
            text = "".join(element.itertext())
            missing = {c for c in text if not c.isspace() and ord(c) not in _letters(weight, slant)}
            assert not missing, f"{text!r} ({weight}, {slant}): {missing}"


def test_the_svg_keeps_the_arabic_as_text_for_its_reader(inputs: MapData, tmp_path: Path) -> None:
    (svg, *_) = export_map(inputs, DATES[1], "svg", tmp_path / "map.svg", sheet=Sheet(language="ar"))
    text = svg_text(svg)
    assert "خريطة الوضع في إدلب — 6 مارس 2020" in text, "in its logical order, for the viewer to lay out"
    assert "إدلب" in text and "تركيا" in text


@pytest.mark.parametrize("fmt", ["pdf", "svg", "png"])
def test_the_same_view_in_arabic_gives_the_same_bytes(inputs: MapData, tmp_path: Path, fmt: str) -> None:
    sheet = Sheet(language="ar", view=SARAQIB)
    first = export_map(inputs, DATES[1], fmt, tmp_path / f"a.{fmt}", dpi=60, sheet=sheet)
    again = export_map(inputs, DATES[1], fmt, tmp_path / f"b.{fmt}", dpi=60, sheet=sheet)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
