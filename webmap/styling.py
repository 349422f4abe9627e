"""Each feature's resolved style (geo.style) as a row of a small per-layer table.

The features of a layer share a handful of styles (one per style_by value and geometry quality), so the page
receives each style once and every feature names its row; the browser draws with these values as they are.
"""

from __future__ import annotations

import json
from typing import Any

from geo.layer import Layer
from geo.manifest import Manifest
from geo.style import feature_style, flow_value, flow_weight, largest_flow

__all__ = ["style_table", "drawn_style", "scaled_dash"]


def style_table(manifest: Manifest, layer: Layer) -> tuple[list[dict[str, Any]], list[int]]:
    """The distinct styles of the layer's features, and for each feature (in order) the index of its style.

    A style with `width_by` (a numeric property) gets its weight scaled by the feature's value, as the static
    maps do (geo.style.flow_weight).
    """
    largest = largest_flow(manifest, layer.spec, layer.features)
    table: list[dict[str, Any]] = []
    rows: dict[str, int] = {}
    index = []
    for feature in layer.features:
        style = feature_style(manifest, layer.spec, feature["properties"])
        if style.get("width_by") and largest:
            value = flow_value(style, feature["properties"])
            style["weight"] = round(flow_weight(style["weight"], value, largest), 1)
        key = json.dumps(style, sort_keys=True)
        if key not in rows:
            rows[key] = len(table)
            table.append(style)
        index.append(rows[key])
    return table, index


def scaled_dash(dash: str, weight: float) -> str:
    """A dash pattern ("6 4", in pixels) for a line of `weight` pixels: the lengths grow with the width beyond
    2 px, so that a wide dotted line stays dotted ("1 6" at weight 4 -> "2 12")."""
    scale = max(1.0, weight / 2)
    return " ".join(f"{round(float(length) * scale, 2):g}" for length in dash.replace(",", " ").split())


def drawn_style(style: dict[str, Any]) -> dict[str, Any]:
    """A row of the style table as the page draws it: its dash scaled to its weight."""
    return {**style, "dash": scaled_dash(style["dash"], style["weight"])} if style.get("dash") else style
