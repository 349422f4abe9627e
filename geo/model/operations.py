"""The operations that make derived layers' features from other layers, as the manifest names and parametrizes them.

An operation reads its inputs through references in its parameters: {layer, feature} for one feature, {layer}
for a whole layer, {basemap, name} for a shape of the built base map. An operation marked `per_period` is run
once for every period between two dates of its input layers, on the features valid in that period, and its
features carry that period as valid_from/valid_to: a derived layer that changes over time is computed from the
same temporal rule as everything else.

Each operation declares its parameters as a table of the manifest's schema (geo.model.tables), so that a step is
checked, documented and given a JSON Schema like every other table. Distances are measured in a metric CRS: the
step's `crs`, by default the situation's (the manifest's [map] crs; for Idlib UTM zone 37N), never in degrees.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import shapely
from pydantic import Field
from pyproj import Transformer
from shapely.geometry import shape
from shapely.ops import substring

from geo.model.tables import Box, FeatureRef, LayerRef, ShapeRef, Table

__all__ = [
    "OPERATIONS",
    "Operation",
    "Inputs",
    "Derived",
    "Step",
    "CorridorStep",
    "ControlAreasStep",
    "derive_feature",
    "to_metric",
    "from_metric",
]


@dataclass(frozen=True)
class Inputs:
    """How an operation reads what its parameters refer to."""

    feature: Callable[[dict[str, str]], dict[str, Any]]  # {layer, feature} -> that feature
    features: Callable[[dict[str, str]], list[dict[str, Any]]] = lambda reference: []  # {layer} -> its features
    shape: Callable[[dict[str, str]], shapely.Geometry] = lambda reference: None  # {basemap, name} -> the shape


@dataclass(frozen=True)
class Derived:
    """One feature an operation made: its geometry, a suffix that tells it from the step's other features (""
    for the only one), and properties of its own (added to the step's)."""

    geometry: shapely.Geometry
    suffix: str = ""
    properties: dict[str, Any] | None = None


class Step(Table):
    """A [[layer.derive]] table: the operation, its parameters, and the properties of the features it makes (checked
    as every feature is, once made)."""

    operation: str
    crs: str | None = Field(None, description="the metric CRS distances are measured in; default: the map's crs")
    properties: dict[str, Any] = Field(description="the properties of the features made ([layer.derive.properties])")


class CorridorStep(Step):
    """The part of a line between the points nearest two features, buffered by `buffer_m` metres (0: the line)."""

    operation: Literal["corridor"]
    line: FeatureRef = Field(description="the line, {layer, feature}")
    start: FeatureRef = Field(description="where the part starts, {layer, feature}")
    end: FeatureRef = Field(description="where it ends, {layer, feature}")
    buffer_m: float = Field(ge=0, description="metres either side; 0 draws the line itself")


class ControlAreasStep(Step):
    """Each holder's ground around the towns whose holder is known, per period, and the front line between two."""

    operation: Literal["control_areas"]
    towns: LayerRef = Field(description="the layer of towns and who held them")
    property: str = Field(description="the towns' property naming the holder")
    front: list[str] = Field(
        min_length=2, max_length=2, description="the two holders whose ground meets at the front line"
    )
    extent: Box | None = Field(None, description="the area divided; default: the map's basemap_extent")
    within: ShapeRef | None = Field(None, description="a base map shape the ground is cut to, {basemap, name}")
    reach_m: float = Field(
        gt=0,
        description="how far a town's ground reaches, metres: ground farther than this from every town whose holder "
        "is known is not drawn, as no town tells who held it",
    )
    names: dict[str, str] = Field({}, description="the name of each holder's ground, and of front_line")


@dataclass(frozen=True)
class Operation:
    """A derivation: the table of its parameters, the function that makes its features, and whether it is run once
    per period of its inputs."""

    parameters: type[Step]
    run: Callable[[Mapping[str, Any], Inputs], list[Derived]]
    per_period: bool = False


@cache
def _transformer(source: str, target: str) -> Transformer:
    """The transformation between two CRSs, made once (making one costs far more than using it)."""
    return Transformer.from_crs(source, target, always_xy=True)


def to_metric(geometry: shapely.Geometry, crs: str) -> shapely.Geometry:
    """Reproject WGS 84 geometries (one, or an array) to the metric `crs`."""
    return shapely.transform(geometry, _transformer("EPSG:4326", crs).transform, interleaved=False)


def from_metric(geometry: shapely.Geometry, crs: str) -> shapely.Geometry:
    """Reproject geometries in the metric `crs` back to WGS 84."""
    return shapely.transform(geometry, _transformer(crs, "EPSG:4326").transform, interleaved=False)


def _corridor(params: Mapping[str, Any], inputs: Inputs) -> list[Derived]:
    """The part of a line between the points nearest two features, buffered by buffer_m metres (0: the line)."""
    crs = params["crs"]
    line = to_metric(shape(inputs.feature(params["line"])["geometry"]), crs)
    if line.geom_type == "MultiLineString":
        line = shapely.line_merge(line)
    start, end = (to_metric(shape(inputs.feature(params[key])["geometry"]), crs) for key in ("start", "end"))
    positions = sorted((line.project(start), line.project(end)))
    segment = substring(line, *positions)
    distance = float(params["buffer_m"])
    result = segment.buffer(distance, quad_segs=16) if distance > 0 else segment
    return [Derived(from_metric(result, crs))]


def _control_areas(params: Mapping[str, Any], inputs: Inputs) -> list[Derived]:
    """Each holder's ground around the towns whose holder is known, and the front line between two holders.

    Every town gets the part of the area nearer to it than to any other known town (a Voronoi partition in the
    metric CRS) and no farther from it than `reach_m`; the parts are merged by the town's `property` (its holder),
    cut to the step's `extent` (by default the base map's, so that the ground runs to the border and past the
    frame's edge) and to the base map shape `within`. Ground that no town is within `reach_m` of is left undrawn
    rather than given to a town far away. The front line is where the ground of the two holders named in `front`
    meets. A schematic picture: it is only as good as the towns are dense.
    """
    crs, key = params["crs"], params["property"]
    towns = inputs.features(params["towns"])
    if not towns:
        return []
    points = to_metric(shapely.from_geojson([json.dumps(t["geometry"]) for t in towns]), crs)
    area = to_metric(shapely.box(*params["extent"]), crs)
    if params.get("within"):
        area = area.intersection(to_metric(inputs.shape(params["within"]), crs))
    area = area.intersection(shapely.union_all(shapely.buffer(points, float(params["reach_m"]), quad_segs=16)))
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=area, ordered=True))
    holders = [t["properties"][key] for t in towns]
    names = params.get("names", {})
    results = []
    grounds = {}
    for holder in sorted(set(holders)):
        mine = [i for i, h in enumerate(holders) if h == holder]
        ground = shapely.union_all(cells[mine]).intersection(area)
        if ground.is_empty:
            continue
        grounds[holder] = ground
        held = sorted(towns[i]["properties"]["name"] for i in mine)
        properties = {
            "name": names.get(holder, holder),
            key: holder,
            "kind": "area",
            "town_count": len(held),
            "towns": ", ".join(held),
            "drawn_from": f"{len(held)} of the {len(towns)} towns whose holder is known on these dates",
        }
        results.append(Derived(from_metric(ground, crs), holder, properties))
    first, second = params["front"]
    if first in grounds and second in grounds:
        meeting = shapely.get_parts(shapely.line_merge(grounds[first].boundary.intersection(grounds[second].boundary)))
        parts = [part for part in meeting if part.geom_type == "LineString" and part.length > 0]
        if parts:
            properties = {"name": names.get("front_line", "front line"), "kind": "front_line"}
            properties["drawn_from"] = f"the {len(towns)} towns whose holder is known on these dates"
            results.append(Derived(from_metric(shapely.multilinestrings(parts), crs), "front_line", properties))
    return results


OPERATIONS: dict[str, Operation] = {
    "corridor": Operation(parameters=CorridorStep, run=_corridor),
    "control_areas": Operation(parameters=ControlAreasStep, run=_control_areas, per_period=True),
}


def derive_feature(operation: str, params: Mapping[str, Any], lookup: Callable[[dict], dict]) -> shapely.Geometry:
    """The geometry of a one-feature operation (the corridor), looking referenced features up with `lookup`."""
    (result,) = OPERATIONS[operation].run(params, Inputs(feature=lookup))
    return result.geometry
