"""Every layer of the manifest loads, cites its sources and is written as RFC 7946 GeoJSON."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import shape

from geo.model.geojson import PRECISION
from geo.model.manifest import load_manifest
from geo.paths import BuildPaths

from support import LAYERS_DIR

LAYER_IDS = load_manifest(LAYERS_DIR).ids


def _positions(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
    else:
        for part in coordinates:
            yield from _positions(part)


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_has_features_that_cite_their_sources(catalog, layer_id: str) -> None:
    layer = catalog[layer_id]
    assert len(layer) > 0
    for feature in layer.features:
        properties = feature["properties"]
        assert properties["sources"] and all(s["title"] and s["url"] for s in properties["sources"])
        if properties["geometry_quality"] != "surveyed":
            assert properties.get("note"), f"{properties['id']}: approximate or schematic without a note"


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_output_is_rfc7946(built: BuildPaths, catalog, layer_id: str) -> None:
    data = json.loads((built.layers / f"{layer_id}.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(catalog[layer_id])
    for feature in data["features"]:
        geometry = feature["geometry"]
        for lon, lat in (p[:2] for p in _positions(geometry["coordinates"])):
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert round(lon, PRECISION) == lon and round(lat, PRECISION) == lat
        parsed = shape(geometry)
        assert parsed.is_valid
        if parsed.geom_type in ("Polygon", "MultiPolygon"):
            assert shapely.orient_polygons(parsed).equals_exact(parsed, 0), "exterior rings must run counter-clockwise"


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_layer_is_styled_and_licensed(manifest, layer_id: str) -> None:
    spec = manifest[layer_id]
    assert spec.title and spec.legend and spec.licence and spec.style.get("color")
