"""The situation's metric plane: the CRS in which static maps are drawn and derived layers measure distances, and its
name as a map's small print gives it.

A situation that names no CRS gets the UTM zone of its extent's centre (WGS 84, north or south): over a frame of a
few hundred kilometres its scale error is a fraction of a percent, and the scale bar and buffers are true.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

__all__ = ["default_crs", "crs_name"]


def default_crs(extent: Sequence[float]) -> str:
    """The WGS 84 UTM zone of the centre of `extent` [west, south, east, north], as EPSG:326zz (north) or 327zz."""
    west, south, east, north = extent
    longitude, latitude = (west + east) / 2, (south + north) / 2
    zone = min(int(math.floor((longitude + 180) / 6)) + 1, 60)
    return f"EPSG:{(32600 if latitude >= 0 else 32700) + zone}"


@cache
def crs_name(crs: str) -> str:
    """The CRS's own name (PROJ's database), e.g. 'WGS 84 / UTM zone 37N' for Idlib's."""
    from pyproj import CRS

    return CRS.from_user_input(crs).name
