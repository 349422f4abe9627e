"""The shapes of point markers, shared by the legend (drawn on the server) and the map (drawn in the browser).

Each shape is SVG path data around (0, 0) with a radius of about 1; both sides draw it in a square viewBox
of half-width MARKER_BOX and scale it to the style's `radius`, so a legend symbol and a map marker match.
"""

from __future__ import annotations

import math

from geo.errors import IdlibMapError

__all__ = ["MARKER_BOX", "MARKER_SHAPES", "marker_shape"]

#: Half the side of a marker's viewBox: room around the unit shape for its outline.
MARKER_BOX = 1.4


def _polygon(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.3f} {y:.3f}" for x, y in points) + "Z"


def _star(tips: int = 5, outer: float = 1.25, inner: float = 0.52) -> str:
    corners = [
        ((outer, inner)[i % 2] * math.sin(math.pi * i / tips), -(outer, inner)[i % 2] * math.cos(math.pi * i / tips))
        for i in range(2 * tips)
    ]
    return _polygon(corners)


_CIRCLE = "M-1 0a1 1 0 1 0 2 0a1 1 0 1 0-2 0Z"

#: Marker name (the manifest's style.marker) -> SVG path data.
MARKER_SHAPES: dict[str, str] = {
    "circle": _CIRCLE,
    "dot": _CIRCLE,
    "square": _polygon([(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]),
    "diamond": _polygon([(0, -1.2), (1, 0), (0, 1.2), (-1, 0)]),
    "triangle": _polygon([(0, -1.2), (1.1, 0.7), (-1.1, 0.7)]),
    "star": _star(),
}


def marker_shape(name: str, layer_id: str) -> str:
    """The path data of the marker `name`; an unknown name is an error naming the layer."""
    if name not in MARKER_SHAPES:
        raise IdlibMapError(
            f"layer {layer_id!r}: marker {name!r} is unknown; use one of {', '.join(MARKER_SHAPES)} "
            "in layers/manifest.toml"
        )
    return MARKER_SHAPES[name]
