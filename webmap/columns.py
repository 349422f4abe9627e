"""A webgl layer's points as columns of numbers (renderer = "webgl" in the manifest): what the page uploads to the GPU
once and then filters there by date, event type and actor, with no request and no upload when the date changes.

The encoding (`data/<id>.bin` as served; base64 in the static copy's data.js) is little-endian:

    uint32 n            the length of the header, in bytes
    header              n bytes of JSON, padded with spaces to a multiple of 4:
                          {count, styles, filters: {property: [value, ...]}, columns: {name: [offset, type, size]}}
    columns             each at its offset from the start, `count` * size values of its type:
                          position  float32 x 2  longitude, latitude
                          days      float32 x 2  valid_from and valid_to as days since 1970-01-01 (geo's
                                                 [valid_from, valid_to); an open end is FAR_FUTURE's, 9999-12-31:
                                                 every day number of 0001-9999 is exact in a float32)
                          radius    float32 x 1  the property `uncertainty_m` (metres; 0 where absent)
                          filter:<property>  uint16 x 1  the index of the feature's value in filters[property]

At 100,000 points that is 2.8 MB before compression, against some 60 MB of GeoJSON. The features' other properties
stay on the server: a popup asks for its feature (EncodedLayer.feature, `data/<id>/<n>.json`).
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from geo.errors import IdlibMapError
from geo.model.layer import Layer

__all__ = ["RADIUS_PROPERTY", "ColumnsError", "encode_columns"]

#: The property giving how far a point may be from where it is drawn, in metres (an imported event's uncertainty).
RADIUS_PROPERTY = "uncertainty_m"
_EPOCH = np.datetime64("1970-01-01", "D")
#: The most values a filter property may have: its indexes are uint16.
MAX_VALUES = 2**16


class ColumnsError(IdlibMapError):
    """A layer that cannot be drawn as columns (a point-only layer with something else, too many values)."""


def _days(dates: np.ndarray) -> np.ndarray:
    return (dates - _EPOCH).astype(np.int64).astype(np.float32)


def _categories(layer: Layer, name: str) -> tuple[list[str], np.ndarray]:
    """The values of the property `name` in first-seen order ("" where a feature lacks it), and each feature's index."""
    values: dict[str, int] = {}
    indexes = np.fromiter(
        (
            values.setdefault("" if (value := f["properties"].get(name)) is None else str(value), len(values))
            for f in layer.features
        ),
        dtype=np.int64,
        count=len(layer),
    )
    if len(values) > MAX_VALUES:
        raise ColumnsError(
            f"layer {layer.id!r}: the filter property {name!r} has {len(values):,} values, more than the "
            f"{MAX_VALUES:,} the web map can filter by; filter by a property with fewer values"
        )
    return list(values), indexes.astype(np.uint16)


def encode_columns(layer: Layer, styles: list[dict[str, Any]], filters: tuple[str, ...]) -> bytes:
    """The columns of the point layer `layer` (see the module's docstring), with its resolved `styles` and the
    values of each of its `filters`."""
    positions = np.empty((len(layer), 2), dtype=np.float32)
    for index, feature in enumerate(layer.features):
        geometry = feature["geometry"]
        if geometry["type"] != "Point":
            raise ColumnsError(
                f"layer {layer.id!r}: feature {feature['properties'].get('id')!r} is a {geometry['type']}; a "
                'layer with renderer = "webgl" holds points only'
            )
        positions[index] = geometry["coordinates"][:2]
    start, end = layer.intervals()
    radius = np.array([feature["properties"].get(RADIUS_PROPERTY) or 0 for feature in layer.features], dtype=np.float32)
    columns: list[tuple[str, np.ndarray, str, int]] = [
        ("position", positions, "float32", 2),
        ("days", np.stack([_days(start), _days(end)], axis=1), "float32", 2),
        ("radius", radius, "float32", 1),
    ]
    values = {}
    for name in filters:
        values[name], indexes = _categories(layer, name)
        columns.append((f"filter:{name}", indexes, "uint16", 1))
    # Offsets depend on the header's length, which depends on the offsets' digits: lay out with room to spare.
    header: dict[str, Any] = {"count": len(layer), "styles": styles, "filters": values, "columns": {}}
    reserve = len(json.dumps(header).encode()) + 64 * len(columns) + 64
    offset = 4 + reserve
    for name, array, kind, size in columns:
        offset = -(-offset // 4) * 4  # each column 4-byte aligned, as typed arrays need
        header["columns"][name] = [offset, kind, size]
        offset += array.nbytes
    text = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    body = bytearray(np.uint32(reserve).tobytes() + text.ljust(reserve))
    for name, array, _, _ in columns:
        start_at = header["columns"][name][0]
        body.extend(b"\0" * (start_at - len(body)))
        body.extend(np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False).tobytes())
    return bytes(body)
