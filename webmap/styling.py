"""Each feature's resolved style (geo.style) as a row of a small per-layer table.

The features of a layer share a handful of styles (one per style_by value and geometry quality), so the page
receives each style once and every feature names its row; the browser draws with these values as they are.
"""

from __future__ import annotations

import json
from typing import Any

from geo.layer import Layer
from geo.manifest import Manifest
from geo.style import feature_style, flow_weight

__all__ = ["style_table"]


def style_table(manifest: Manifest, layer: Layer) -> tuple[list[dict[str, Any]], list[int]]:
    """The distinct styles of the layer's features, and for each feature (in order) the index of its style.

    A style with `width_by` (a numeric property) gets its weight scaled by the feature's value, as the static
    maps do (geo.style.flow_weight).
    """
    styles = [feature_style(manifest, layer.spec, f["properties"]) for f in layer.features]
    largest: dict[str, float] = {}
    for feature, style in zip(layer.features, styles):
        if style.get("width_by"):
            value = _number(feature["properties"].get(style["width_by"]))
            largest[style["width_by"]] = max(largest.get(style["width_by"], 0.0), value)
    table: list[dict[str, Any]] = []
    rows: dict[str, int] = {}
    index = []
    for feature, style in zip(layer.features, styles):
        scale_by = style.get("width_by")
        if scale_by and largest[scale_by]:
            value = _number(feature["properties"].get(scale_by))
            style["weight"] = round(flow_weight(style["weight"], value, largest[scale_by]), 1)
        key = json.dumps(style, sort_keys=True)
        if key not in rows:
            rows[key] = len(table)
            table.append(style)
        index.append(rows[key])
    return table, index


def _number(value: Any) -> float:
    """A property value as a number for scaling; anything but a positive number counts as 0."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else 0.0
