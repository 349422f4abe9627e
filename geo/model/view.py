"""A view of a situation's map: the box [west, south, east, north] in degrees that a reader asks a static map of
(`idlibmap export --bbox`, GET /export/...?bbox=, the web map's view on screen), checked once here for every caller.

A view must be a box in degrees and overlap the situation's base map (its manifest's basemap_extent), outside which
there is nothing to draw. It is written back with five decimals (about a metre), so that one view has one name.
"""

from __future__ import annotations

import math

from geo.errors import IdlibMapError
from geo.model.manifest import Manifest

__all__ = ["ViewError", "View", "parse_view", "view_text"]

View = tuple[float, float, float, float]


class ViewError(IdlibMapError, ValueError):
    """A view (bbox) is not a box in degrees, or lies outside the situation's base map."""


def parse_view(text: str, manifest: Manifest) -> View:
    """The view "W,S,E,N" (degrees) of `manifest`'s map; ViewError saying what is wrong and what to give."""
    parts = text.split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise ViewError(
            f"bbox {text!r} is not four numbers: give W,S,E,N in degrees, e.g. {view_text(manifest.map['extent'])}"
        ) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ViewError(f"bbox {text!r}: every number must be finite")
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ViewError(
            f"bbox {text!r} is not a box: west < east (-180 to 180) and south < north (-90 to 90), in degrees"
        )
    bw, bs, be, bn = manifest.map["basemap_extent"]
    if east <= bw or be <= west or north <= bs or bn <= south:
        raise ViewError(
            f"bbox {text!r} lies outside the map: its base map covers {view_text((bw, bs, be, bn))}; give a view "
            f"that overlaps it, e.g. the frame {view_text(manifest.map['extent'])}"
        )
    return west, south, east, north


def view_text(view: View | list[float]) -> str:
    """A view as W,S,E,N with five decimals: the one way a view is written (in a cache key, an address)."""
    return ",".join(f"{float(v):.5f}".rstrip("0").rstrip(".") for v in view)
