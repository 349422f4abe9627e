"""Derived layers: features computed from other layers by operations that the manifest names and parametrizes.

Distances are measured in a metric CRS named in the manifest (UTM zone 37N, EPSG:32637, for Idlib),
never in degrees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from pyproj import Transformer
from shapely.geometry import shape
from shapely.ops import substring

__all__ = ["OPERATIONS", "Operation", "derive_feature", "to_metric", "from_metric"]

FeatureLookup = Callable[[dict[str, str]], dict[str, Any]]


@dataclass(frozen=True)
class Operation:
    """A derivation: the parameters it needs and the function that makes the geometry."""

    parameters: tuple[str, ...]
    run: Callable[[Mapping[str, Any], FeatureLookup], shapely.Geometry]


def to_metric(geometry: shapely.Geometry, crs: str) -> shapely.Geometry:
    """Reproject a WGS 84 geometry to the metric `crs`."""
    return shapely.transform(
        geometry, Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform, interleaved=False
    )


def from_metric(geometry: shapely.Geometry, crs: str) -> shapely.Geometry:
    """Reproject a geometry in the metric `crs` back to WGS 84."""
    return shapely.transform(
        geometry, Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform, interleaved=False
    )


def _corridor(params: Mapping[str, Any], lookup: FeatureLookup) -> shapely.Geometry:
    """The part of a line between the points nearest two features, buffered by buffer_m metres (0: the line)."""
    crs = params["crs"]
    line = to_metric(shape(lookup(params["line"])["geometry"]), crs)
    if line.geom_type == "MultiLineString":
        line = shapely.line_merge(line)
    start, end = (to_metric(shape(lookup(params[key])["geometry"]), crs) for key in ("start", "end"))
    positions = sorted((line.project(start), line.project(end)))
    segment = substring(line, *positions)
    distance = float(params["buffer_m"])
    result = segment.buffer(distance, quad_segs=16) if distance > 0 else segment
    return from_metric(result, crs)


OPERATIONS: dict[str, Operation] = {
    "corridor": Operation(parameters=("line", "start", "end", "buffer_m", "crs"), run=_corridor),
}


def derive_feature(operation: str, params: Mapping[str, Any], lookup: FeatureLookup) -> shapely.Geometry:
    """Run one derive step of the manifest, looking referenced features up with `lookup`."""
    return OPERATIONS[operation].run(params, lookup)
