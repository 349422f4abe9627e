"""The palette of each situation's manifest: no colour means two things, and a colour-blind reader tells a layer's
values apart.

Every legend entry a layer can show (each value of its style_by and of each of its style choices, its `otherwise`, and
its own legend line) is reduced to the colour a reader sees, over the base map's land: an area's fill at its opacity
(its outline where it has no fill: a zone), a line's colour, a marker's fill. Two entries that mean different things
are at least MIN_DISTANCE apart in CIEDE2000 (an entry means its style_by value, so the government's ground and the
government's towns may share a hue, and its layer's legend line otherwise); entries of one layer's two ways of styling
it are never on screen together and are not compared. Within a layer, the entries also stay CVD_DISTANCE apart as a
reader with deuteranopia, protanopia or tritanopia sees them (colorspacious's simulation, Machado et al. 2009, at full
severity). An area also stands apart from the land itself.
"""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from geo.model.catalog import Catalog
from geo.model.manifest import LayerSpec, Manifest
from geo.model.style import OTHERWISE, legend_entries

from support import EXAMPLE_DIR, build_situation

with warnings.catch_warnings():
    for category in (DeprecationWarning, SyntaxWarning):  # colorspacious 1.1.2's docstrings have "\D" in them
        warnings.filterwarnings("ignore", "invalid escape sequence", category)
    from colorspacious import cspace_convert

#: The least CIEDE2000 distance between two entries of different meaning: colours this far apart are told apart at a
#: glance (1 is the least difference a person notices side by side).
MIN_DISTANCE = 12.0
#: The least distance between two entries of one layer, as a colour-blind reader sees them.
CVD_DISTANCE = 12.0
#: The colour vision deficiencies simulated, each at full severity (the dichromacies).
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")

#: Pairs of CIELab colours and their CIEDE2000 distance, from Sharma, Wu and Dalal (2005), "The CIEDE2000
#: color-difference formula: implementation notes, supplementary test data and mathematical observations", table 1.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 2.5, 0.0), (50.0, 3.1736, 0.5854), 1.0000),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


def ciede2000(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """The CIEDE2000 distance between two CIELab colours (kL = kC = kH = 1), as Sharma et al. (2005) write it."""
    (l1, a1, b1), (l2, a2, b2) = first, second
    chroma = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(chroma**7 / (chroma**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_hue = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    lightness, chroma = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        hue = h1 + h2
    elif abs(h1 - h2) <= 180:
        hue = (h1 + h2) / 2
    else:
        hue = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hue - 30))
        + 0.24 * math.cos(math.radians(2 * hue))
        + 0.32 * math.cos(math.radians(3 * hue + 6))
        - 0.20 * math.cos(math.radians(4 * hue - 63))
    )
    rotation = 30 * math.exp(-(((hue - 275) / 25) ** 2))
    rc = 2 * math.sqrt(chroma**7 / (chroma**7 + 25**7))
    sl = 1 + 0.015 * (lightness - 50) ** 2 / math.sqrt(20 + (lightness - 50) ** 2)
    sc, sh = 1 + 0.045 * chroma, 1 + 0.015 * chroma * t
    rt = -math.sin(math.radians(2 * rotation)) * rc
    dl, dc, dhh = (l2 - l1) / sl, (c2 - c1) / sc, d_hue / sh
    return math.sqrt(dl**2 + dc**2 + dhh**2 + rt * dc * dhh)


@dataclass(frozen=True)
class Seen:
    """One legend entry as a reader sees it: its layer and way of styling (view), what it means, its label and its
    colour over the land (sRGB, 0-1)."""

    layer: str
    view: str
    meaning: str
    label: str
    kind: str
    rgb: tuple[float, float, float]


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def _over(colour: str, opacity: float, land: str) -> tuple[float, float, float]:
    return tuple(opacity * _rgb(colour) + (1 - opacity) * _rgb(land))


def _seen_colour(kind: str, style: dict[str, Any], land: str) -> tuple[float, float, float]:
    """The colour a reader sees of a symbol: an area's fill (its outline where it is hardly filled), a line, a
    marker's fill."""
    if kind == "area" and style["fill_opacity"] >= 0.1:
        return _over(style["fill_color"], style["fill_opacity"], land)
    if kind == "point":
        return _over(style["fill_color"], style["marker_fill_opacity"], land)
    return _over(style["color"], style["opacity"], land)


def _kind(geometry: str) -> str:
    return {"Polygon": "area", "LineString": "line", "Point": "point"}[geometry.replace("Multi", "")]


def _samples(spec: LayerSpec, catalog: Catalog, style_by: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The layer's features, and one more for each value `style_by` lists (a value no feature has yet is styled
    too), shaped as a feature of the layer that has the property."""
    features = list(catalog[spec.id].features)
    if style_by:
        key = style_by["property"]
        shaped = next((f for f in features if key in f["properties"]), features[0] if features else None)
        geometry = shaped["geometry"] if shaped else {"type": spec.geometry[0]}
        features += [{"geometry": geometry, "properties": {key: value}} for value in style_by.get("values", {})]
    return features


def _entries(manifest: Manifest, catalog: Catalog) -> list[Seen]:
    land = manifest.basemap["land"]
    seen = []
    for spec in manifest.layers:
        views = [(spec.style_by["property"] if spec.style_by else "", spec.style_by)]
        views += [(choice["property"], choice) for choice in spec.style_choices]
        for view, style_by in views:
            for entry in legend_entries(manifest, spec, _samples(spec, catalog, style_by), style_by=style_by):
                if entry.value is None:
                    meaning = f"layer {spec.id}"
                elif entry.value == OTHERWISE:
                    meaning = f"layer {spec.id}, no {view}"
                else:
                    meaning = str(entry.value)
                kind = _kind(entry.geometry)
                seen.append(Seen(spec.id, view, meaning, entry.label, kind, _seen_colour(kind, entry.style, land)))
    seen.append(Seen("(base map)", "", "land", "the land of the base map", "area", tuple(_rgb(land))))
    return seen


def _lab(rgb: tuple[float, float, float], deficiency: str | None = None) -> tuple[float, float, float]:
    colour = np.asarray(rgb)
    if deficiency:
        simulated = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        colour = np.clip(cspace_convert(colour, simulated, "sRGB1"), 0, 1)
    return tuple(float(v) for v in cspace_convert(colour, "sRGB1", "CIELab"))


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


def _compared(one: Seen, other: Seen) -> bool:
    """Whether two entries must be told apart: they mean different things, may be on screen together (not two ways
    of styling one layer), and the land is compared with areas only (a point or a line has its own edge)."""
    if one.meaning == other.meaning or (one.layer == other.layer and one.view != other.view):
        return False
    return "land" not in (one.meaning, other.meaning) or one.kind == other.kind == "area"


@pytest.fixture(scope="module", params=["layers", "example"])
def situation(request, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> tuple[Manifest, Catalog]:
    """The manifest and the build of the project's situation, then of the second one in the repository."""
    if request.param == "layers":
        return catalog.manifest, catalog
    built = Catalog.open(build_situation(EXAMPLE_DIR, tmp_path_factory.mktemp("example")).layers)
    return built.manifest, built


def test_the_distance_is_ciede2000() -> None:
    assert [round(ciede2000(a, b), 4) for a, b, _ in SHARMA] == [expected for _, _, expected in SHARMA]


def test_no_colour_means_two_things(situation) -> None:
    manifest, catalog = situation
    entries = _entries(manifest, catalog)
    close = []
    for one, other in itertools.combinations(entries, 2):
        distance = ciede2000(_lab(one.rgb), _lab(other.rgb))
        if _compared(one, other) and distance < MIN_DISTANCE:
            close.append(
                f"{one.layer}: {one.label} ({_hex(one.rgb)}) and {other.layer}: {other.label} ({_hex(other.rgb)}): "
                f"{distance:.1f}"
            )
    assert not close, f"legend entries closer than {MIN_DISTANCE} (CIEDE2000):\n" + "\n".join(close)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_a_colour_blind_reader_tells_a_layer_s_entries_apart(situation, deficiency: str) -> None:
    manifest, catalog = situation
    entries = [entry for entry in _entries(manifest, catalog) if entry.layer != "(base map)"]
    close = []
    for one, other in itertools.combinations(entries, 2):
        if one.layer != other.layer or one.view != other.view or one.meaning == other.meaning:
            continue
        distance = ciede2000(_lab(one.rgb, deficiency), _lab(other.rgb, deficiency))
        if distance < CVD_DISTANCE:
            close.append(f"{one.layer}: {one.label} and {other.label}: {distance:.1f}")
    assert not close, f"with {deficiency}, entries closer than {CVD_DISTANCE} (CIEDE2000):\n" + "\n".join(close)
