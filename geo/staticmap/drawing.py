"""How a resolved style (geo.model.style) becomes matplotlib ink: sizes in points, dash patterns, marker shapes,
polygon paths and the arrow heads of flows. The layers, the legend and the furniture all draw through these.

Styles in the manifest are written for the web map, in CSS pixels; print sizes are in points, so every size is
converted here, in one place.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.patches import ArrowStyle, FancyArrowPatch
from matplotlib.path import Path as MplPath

from geo.model.style import dash_pattern, flow_weight
from geo.model.symbols import (
    MARKERS,
    RING_DASH,
    RING_RADIUS,
    RING_WIDTH,
    UNCERTAINTY_DASH,
    UNCERTAINTY_WIDTH,
    marker_extent,
)

__all__ = [
    "PX",
    "HATCH",
    "HATCH_OPACITY",
    "line_style",
    "marker_path",
    "marker_size",
    "marker_edge_width",
    "ring_size",
    "ring_line",
    "flow_width",
    "flow_head",
    "head_patch",
    "polygon_path",
    "metres_per_point",
]

#: Points per CSS pixel: the manifest's sizes are web pixels (96 per inch), print sizes points (72 per inch).
PX = 0.75

#: The hatching of polygons whose style asks for it (schematic geometry): light, so that the colour of the ground under
#: a zone stays as it is (the web map's pattern is as sparse: webmap/controls.py), and HATCH_OPACITY its strength.
HATCH = "//"
HATCH_OPACITY = 0.45


def line_style(style: dict[str, Any], linewidth: float) -> tuple[Any, str]:
    """matplotlib linestyle and cap style of a line of `style` drawn `linewidth` points wide.

    The pattern is geo.model.style.dash_pattern (the web map's too); matplotlib scales dash lengths by the line
    width, so the lengths are divided by it here to keep them as given.
    """
    pattern = dash_pattern(style, linewidth / PX)
    if not pattern or linewidth <= 0:
        return "solid", "butt"
    cap = "round" if pattern[0] * PX < linewidth else "butt"
    return (0, tuple(n * PX / linewidth for n in pattern)), cap


@cache
def marker_path(name: str) -> MplPath | str:
    """The matplotlib marker of a manifest marker name: its outline from geo.model.symbols (y flipped, as the
    table's y points down), or "o" for a circle."""
    corners = MARKERS[name]
    if corners is None:
        return "o"
    return MplPath([(x, -y) for x, y in corners] + [corners[0]], closed=True)


def marker_size(style: dict[str, Any]) -> float:
    """A marker's size in points, as matplotlib takes it: the shape's whole extent across, from the style's radius
    in pixels (so that a marker is as large on paper, relative to the lines, as on screen)."""
    return 2 * style["radius"] * marker_extent(style["marker"]) * PX


def marker_edge_width(style: dict[str, Any]) -> float:
    """A marker's outline width in points: thin, half the style's weight, between 0.5 and 1."""
    return min(1.0, max(0.5, style["weight"] * PX / 2))


def ring_size(style: dict[str, Any]) -> float:
    """The diameter in points of the ring around a marker whose style has one (geo.model.symbols.RING_RADIUS)."""
    return 2 * style["radius"] * RING_RADIUS * PX


def ring_line(style: dict[str, Any]) -> tuple[float, Any]:
    """A ring's line width in points and its matplotlib linestyle: solid, or broken (RING_DASH, in pixels)."""
    width = RING_WIDTH * PX
    if style["ring"] != "broken":
        return width, "solid"
    return width, (0, tuple(n * PX / width for n in RING_DASH))


def uncertainty_line() -> tuple[float, Any]:
    """An uncertainty circle's line width in points and its matplotlib dashes (geo.model.symbols)."""
    width = UNCERTAINTY_WIDTH * PX
    return width, (0, tuple(n * PX / width for n in UNCERTAINTY_DASH))


def flow_width(style: dict[str, Any], value: float, largest: float) -> float:
    """Line width in points of a flow carrying `value`, when the layer's largest flow carries `largest`
    (geo.model.style.flow_weight, shared with the web map)."""
    return flow_weight(style["weight"], value, largest) * PX


def flow_head(linewidth: float) -> ArrowStyle:
    """The arrow head of a flow line `linewidth` points wide: wider than the line, so that it reads as a head."""
    return ArrowStyle("-|>", head_length=1.6 * linewidth + 4, head_width=1.0 * linewidth + 2.5)


def head_patch(
    start: tuple[float, float], tip: tuple[float, float], head: ArrowStyle, color, **options
) -> FancyArrowPatch:
    """The solid arrow head of a flow, from where its line stops to its tip, with no outline."""
    return FancyArrowPatch(
        start, tip, arrowstyle=head, mutation_scale=1, shrinkA=0, shrinkB=0, linewidth=0, color=color, **options
    )


def polygon_path(geometry: shapely.Geometry) -> MplPath:
    """One matplotlib path for a Polygon or MultiPolygon. Holes stay empty as their rings wind against the outer
    ones (RFC 7946 winding, which the layers and the base map are normalized to) under matplotlib's nonzero rule."""
    vertices, codes = [], []
    for ring in shapely.get_rings(shapely.get_parts(geometry)):
        xy = shapely.get_coordinates(ring)
        ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
        ring_codes[0] = MplPath.MOVETO
        ring_codes[-1] = MplPath.CLOSEPOLY
        vertices.append(xy)
        codes.append(ring_codes)
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def metres_per_point(ax: Axes) -> float:
    """Map units per point of paper at the axes' current limits and size."""
    x0, x1 = ax.get_xlim()
    width_points = ax.get_position().width * ax.get_figure().get_figwidth() * 72
    return (x1 - x0) / width_points
