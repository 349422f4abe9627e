"""Recompute tests/data/m4_corridor.golden.geojson by a second route, independent of geo.model.derive.

geo.model.derive reprojects with pyproj's Transformer and cuts the line with shapely; this goes through
geopandas' own reprojection (GeoSeries.to_crs) and cuts the line by hand: the two end points
interpolated at their projected distances, and the vertices between them. Run it only when the M4 line, the endpoints or
the corridor rule change on purpose, look at the result, and commit it with that change:

    .venv/bin/python tests/data/regenerate_golden.py
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, shape

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("m4_corridor.golden.geojson")


def _feature(layer_file: str, feature_id: str):
    data = json.loads((ROOT / "layers" / layer_file).read_text(encoding="utf-8"))
    return next(shape(f["geometry"]) for f in data["features"] if f["properties"]["id"] == feature_id)


def main() -> None:
    manifest = tomllib.loads((ROOT / "layers" / "manifest.toml").read_text(encoding="utf-8"))
    files = {layer["id"]: layer.get("file") for layer in manifest["layer"]}
    corridor_layer = next(
        layer for layer in manifest["layer"] if any(step["operation"] == "corridor" for step in layer.get("derive", ()))
    )
    features = []
    for step in corridor_layer["derive"]:
        crs = step["crs"]
        parts = [_feature(files[step[key]["layer"]], step[key]["feature"]) for key in ("line", "start", "end")]
        line, start, end = gpd.GeoSeries(parts, crs=4326).to_crs(crs)
        a, b = sorted((line.project(start), line.project(end)))
        along = np.array([line.project(shapely.Point(c)) for c in line.coords])
        inner = [c for c, d in zip(line.coords, along, strict=True) if a < d < b]
        segment = LineString([line.interpolate(a), *inner, line.interpolate(b)])
        geometry = segment.buffer(step["buffer_m"], quad_segs=16) if step["buffer_m"] else segment
        back = gpd.GeoSeries([geometry], crs=crs).to_crs(4326).iloc[0]
        features.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(back),
                "properties": {"id": step["properties"]["id"]},
            }
        )
    GOLDEN.write_text(json.dumps({"type": "FeatureCollection", "features": features}) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
