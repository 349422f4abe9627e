"""Seeded synthetic layers (points, lines, polygons) of any size, dated across 2017-2020, for the benchmark.

The features are scattered over the map's frame, so they exercise the same code paths as the real layers;
they are made up and say so in every feature's note and source. Layers this large are drawn on a canvas
(`renderer = "canvas"` in the manifest), as a user's own large layer would be.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tomllib
from pathlib import Path

from geo import paths

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["FIRST_DAY", "GEOMETRIES", "SPAN_DAYS", "map_tables", "write_synthetic_layers"]

GEOMETRIES = ("Point", "LineString", "Polygon")
FIRST_DAY = dt.date(2017, 1, 1)
SPAN_DAYS = (dt.date(2020, 12, 31) - FIRST_DAY).days
SOURCE = [{"title": "Synthetic benchmark data", "url": "https://example.org/synthetic"}]
PALETTE = {"Point": "#d84315", "LineString": "#1565c0", "Polygon": "#2e7d32"}


def _geometry(kind: str, rng: random.Random, extent: list[float]) -> dict:
    west, south, east, north = extent
    lon, lat = rng.uniform(west, east), rng.uniform(south, north)
    if kind == "Point":
        return {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
    if kind == "LineString":
        steps = [(round(lon + i * 0.01, 5), round(lat + rng.uniform(-0.01, 0.01), 5)) for i in range(4)]
        return {"type": "LineString", "coordinates": [list(p) for p in steps]}
    size = rng.uniform(0.005, 0.02)
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in ring]]}


def _feature(index: int, kind: str, rng: random.Random, extent: list[float]) -> dict:
    start = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    properties = {
        "id": f"{kind.lower()}_{index}",
        "name": f"Synthetic {kind.lower()} {index}",
        "valid_from": start.isoformat(),
        "sources": SOURCE,
        "geometry_quality": "schematic",
        "note": "Synthetic feature for the benchmark, not a fact.",
    }
    if rng.random() < 0.7:
        properties["valid_to"] = (start + dt.timedelta(days=rng.randint(30, 400))).isoformat()
    return {"type": "Feature", "geometry": _geometry(kind, rng, extent), "properties": properties}


def _toml(value: object) -> str:
    """A TOML value for the plain data of a manifest (text, numbers, lists and tables of them)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _project_tables() -> tuple[list[str], list[str]]:
    """The project manifest's languages, and its label ranks, online tiles and base map (parts and palette): the
    synthetic map speaks and looks the same. As (the tables before [map], the keys and tables after its own)."""
    project = tomllib.loads((ROOT / paths.LAYERS_DIR / "manifest.toml").read_text(encoding="utf-8"))
    languages = [line for entry in project["language"] for line in ("[[language]]", *_keys(entry))]
    settings = [
        f"label_ranks = {_toml(project['map']['label_ranks'])}",
        f"online_tiles = {_toml(project['map']['online_tiles'])}",
    ]
    for part, table in project["basemap"].items():
        settings += [f"[basemap.{part}]", *_keys(table)]
    return languages, settings


def _keys(table: dict) -> list[str]:
    return [f"{key} = {_toml(value)}" for key, value in table.items()]


def map_tables(title: str, extent: list[float], qualities: list[str]) -> list[str]:
    """The lines of a synthetic manifest before its layers: the project's languages, a [map] of `title` over
    `extent` with the project's settings and base map, and the geometry qualities named `qualities`."""
    languages, settings = _project_tables()
    tables = [
        *languages,
        "[map]",
        f"title = {_toml(title)}",
        'file_stem = "synthetic"',
        f"extent = {extent}",
        f"basemap_extent = {extent}",
        f"inset_extent = {extent}",
        'attribution = "Synthetic data"',
        *settings,
    ]
    for quality in qualities:
        tables += [f"[geometry_quality.{quality}]", f"label = {_toml(quality.capitalize() + ' (synthetic)')}"]
    return tables


def write_synthetic_layers(folder: Path, size: int, extent: list[float], seed: int = 2020) -> list[str]:
    """Write a manifest and one layer per geometry type of `size` features each; return the layer ids."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    tables = map_tables("Synthetic benchmark layers", extent, [])
    tables += ["[geometry_quality.schematic]", 'label = "Synthetic"']
    for kind in GEOMETRIES:
        layer_id = f"synthetic_{kind.lower()}s"
        features = [_feature(i, kind, rng, extent) for i in range(size)]
        (folder / f"{layer_id}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
        )
        tables += [
            "[[layer]]",
            f'id = "{layer_id}"',
            f'title = "Synthetic {kind.lower()}s"',
            f'file = "{layer_id}.geojson"',
            'kind = "source"',
            f'geometry = ["{kind}"]',
            f'legend = "Synthetic {kind.lower()}"',
            'licence = "CC0"',
            'renderer = "canvas"',
            "[layer.style]",
            f'color = "{PALETTE[kind]}"',
        ]
        ids.append(layer_id)
    (folder / "manifest.toml").write_text("\n".join(tables) + "\n", encoding="utf-8")
    return ids
