"""The base map drawn under every layer: its parts, as the situation's manifest names them ([basemap]: the countries,
the provinces, the locator map's region), and reading them once built (geo.pipeline.basemap builds them into
build/basemap/<part>.geojson, each shape with its `name`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from geo.errors import IdlibMapError
from geo.model.geojson import read_json

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["LOCATOR", "PARTS", "basemap_file", "basemap_shapes", "load_basemap"]

#: The parts a base map may have, by role: countries (drawn under the layers, one of them the map's focus),
#: provinces (their borders drawn) and the region of the static maps' locator map.
PARTS = ("countries", "provinces", "region")
#: The part drawn only on the locator map, not under the layers.
LOCATOR = "region"


def basemap_file(build_dir: Path, part: str) -> Path:
    """Where the built part is: `build_dir`/<part>.geojson; an error saying how to build it when it is not there."""
    if part not in PARTS:
        raise IdlibMapError(f"{part!r} is not a part of the base map; use one of {', '.join(PARTS)}")
    path = Path(build_dir) / f"{part}.geojson"
    if not path.is_file():
        raise IdlibMapError(f"{path}: the base map is not built; run `make basemap`")
    return path


def basemap_shapes(build_dir: Path, part: str) -> list[tuple[str, shapely.Geometry]]:
    """The built part's shapes as (name, geometry), read without geopandas (the layer build cuts with them)."""
    features = read_json(basemap_file(build_dir, part))["features"]
    geometries = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    return [(f["properties"]["name"], geometry) for f, geometry in zip(features, geometries)]


def load_basemap(build_dir: Path, parts: tuple[str, ...] | list[str]) -> dict[str, gpd.GeoDataFrame]:
    """The built `parts` (those the manifest has) as GeoDataFrames, for the maps that draw them."""
    import geopandas as gpd

    return {part: gpd.read_file(basemap_file(build_dir, part)) for part in parts}
