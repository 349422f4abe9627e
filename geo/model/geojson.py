"""GeoJSON in and out: reading layer files strictly, normalizing geometry (RFC 7946 winding, 6 decimals) and writing
FeatureCollections atomically."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo.errors import LayerFileError
from geo.model.files import write_text_atomic

__all__ = [
    "PRECISION",
    "read_json",
    "parse_json",
    "normalize_geometries",
    "normalize_geometry",
    "dumps_collection",
    "write_collection",
    "display_path",
]

#: Decimal places kept in written coordinates: 6 is about 0.1 m, finer than any source of the map.
PRECISION = 6


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json(path: Path) -> Any:
    """Parse a UTF-8 JSON file; NaN, Infinity, an empty file or bad encoding raise LayerFileError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LayerFileError(f"{path}: cannot be read ({exc.strerror}); check that the file exists") from None
    return parse_json(raw, path)


def parse_json(raw: bytes, path: Path | str) -> Any:
    """Parse the bytes of the file `path` as read_json does."""
    if not raw.strip():
        raise LayerFileError(f"{path}: the file is empty; it must hold a GeoJSON FeatureCollection")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LayerFileError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded); save the file as UTF-8"
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        raise LayerFileError(f"{path}: not valid JSON ({exc}); fix the syntax at that place") from None


def normalize_geometries(geometries: np.ndarray) -> list[dict[str, Any] | None]:
    """GeoJSON of each geometry with right-hand winding and coordinates rounded to 6 decimals, or None where
    the geometry already is so (its input can be kept as it is: no work for normalized files)."""
    oriented = shapely.orient_polygons(geometries)
    rounded = shapely.transform(oriented, lambda xy: np.round(xy, PRECISION), include_z=None)
    unchanged = shapely.equals_exact(rounded, geometries, tolerance=0)
    return [None if same else json.loads(shapely.to_geojson(g)) for g, same in zip(rounded, unchanged)]


def normalize_geometry(geometry: shapely.Geometry) -> dict[str, Any]:
    """GeoJSON of one geometry, normalized as normalize_geometries does."""
    (normalized,) = normalize_geometries(np.array([geometry], dtype=object))
    return normalized if normalized is not None else json.loads(shapely.to_geojson(geometry))


def dumps_collection(features: Iterable[dict[str, Any]], **members: Any) -> str:
    """A FeatureCollection as compact JSON text, with extra top-level `members` (e.g. name) first."""
    body = {"type": "FeatureCollection", **members, "features": list(features)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def write_collection(path: Path, features: Iterable[dict[str, Any]], **members: Any) -> bool:
    """Write features as a FeatureCollection file, atomically, unless it holds them already; True when written."""
    return write_text_atomic(path, dumps_collection(features, **members) + "\n", keep_same=True)


def display_path(path: Path) -> str:
    """`path` relative to the working directory where it lies below it, as a person would type it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
