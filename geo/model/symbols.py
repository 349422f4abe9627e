"""The point markers a layer's style may name (`marker` in layers/manifest.toml): the one table of their shapes,
drawn alike by the web map (as SVG paths) and the static maps (as matplotlib paths).

Each shape is an outline around (0, 0) in units of the style's `radius`, y pointing down as on a screen; a
circle is None (drawn as a true circle by both). A style's `ring` draws a circle of RING_RADIUS around the shape,
solid or broken (RING_DASH), in the style's outline colour: a post encircled, a post whose encirclement was lifted.
A point with an `uncertainty_m` is drawn in a circle of that radius on the ground: a thin dashed line in the style's
outline colour over the faintest tint of its fill (UNCERTAINTY_WIDTH, UNCERTAINTY_DASH, UNCERTAINTY_FILL_OPACITY).
"""

from __future__ import annotations

import math

__all__ = [
    "MARKERS",
    "MARKER_BOX",
    "RING_RADIUS",
    "RING_WIDTH",
    "RING_DASH",
    "UNCERTAINTY_WIDTH",
    "UNCERTAINTY_DASH",
    "UNCERTAINTY_FILL_OPACITY",
    "marker_box",
    "marker_extent",
    "svg_path",
]

#: Half the side of the square a marker is drawn in, in radius units: room around the shape for its outline.
MARKER_BOX = 1.4

#: A ring's radius, in radius units (clear of every shape's corners), its line width and the dash and gap of a broken
#: ring, in pixels (points on paper, through the static maps' pixel size).
RING_RADIUS = 1.5
RING_WIDTH = 2.0
RING_DASH = (3.0, 2.5)
#: The uncertainty circle's line width and dash, in pixels (points on paper, as a ring's), and its fill's opacity.
UNCERTAINTY_WIDTH = 1.0
UNCERTAINTY_DASH = (3.0, 2.0)
UNCERTAINTY_FILL_OPACITY = 0.06


def _star(tips: int = 5, outer: float = 1.25, inner: float = 0.52) -> tuple[tuple[float, float], ...]:
    return tuple(
        ((outer, inner)[i % 2] * math.sin(math.pi * i / tips), -(outer, inner)[i % 2] * math.cos(math.pi * i / tips))
        for i in range(2 * tips)
    )


def _cross(arm: float = 0.3) -> tuple[tuple[float, float], ...]:
    """An X: a plus sign of arms 1 long and 2 * `arm` wide, turned by 45 degrees."""
    plus = ((arm, -1), (arm, -arm), (1, -arm), (1, arm), (arm, arm), (arm, 1))
    plus += tuple((-x, -y) for x, y in plus)
    turn = math.sqrt(0.5)
    return tuple((round((x - y) * turn, 4), round((x + y) * turn, 4)) for x, y in plus)


#: Marker name -> its outline's corners (None: a circle of radius 1).
MARKERS: dict[str, tuple[tuple[float, float], ...] | None] = {
    "circle": None,
    "dot": None,
    "square": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "diamond": ((0, -1.2), (1, 0), (0, 1.2), (-1, 0)),
    "triangle": ((0, -1.2), (1.1, 0.7), (-1.1, 0.7)),
    "star": _star(),
    "cross": _cross(),
}


def marker_box(ring: str | None) -> float:
    """Half the side of the square a marker is drawn in, in radius units: wider with a ring."""
    return RING_RADIUS + 0.3 if ring else MARKER_BOX


def marker_extent(name: str) -> float:
    """How far the shape reaches from its centre, in radius units (1 for a circle)."""
    corners = MARKERS[name]
    return 1.0 if corners is None else max(max(abs(x), abs(y)) for x, y in corners)


def svg_path(name: str) -> str:
    """The shape as SVG path data."""
    corners = MARKERS[name]
    if corners is None:
        return "M-1 0a1 1 0 1 0 2 0a1 1 0 1 0-2 0Z"
    return "M" + "L".join(f"{x:.3f} {y:.3f}" for x, y in corners) + "Z"
