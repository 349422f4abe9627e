"""Each feature's resolved style (geo.model.style) as a row of a small per-layer table.

The features of a layer share a handful of styles (one per style_by value and geometry quality), so the page
receives each style once and every feature names its row; the browser draws with these values as they are. A layer
with style choices ([[layer.style_choice]], another property the reader may style it by) gets the rows of each
choice in the same table, and for each choice the row of every feature, so that the page restyles it without asking.
"""

from __future__ import annotations

import json
from typing import Any

from geo.model.layer import Layer
from geo.model.manifest import Manifest
from geo.model.style import dash_pattern, feature_style, flow_value, flow_weight, largest_flow

__all__ = ["style_table"]


def style_table(manifest: Manifest, layer: Layer) -> tuple[list[dict[str, Any]], list[int], dict[str, list[int]]]:
    """The distinct styles of the layer's features, for each feature (in order) the index of its style, and for each
    of the layer's style choices (by its property) the index of each feature's style under it.

    A style with `width_by` (a numeric property) gets its weight scaled by the feature's value, as the static
    maps do (geo.model.style.flow_weight); every style's `dash` is the pattern for its weight
    (geo.model.style.dash_pattern), so that the browser draws it as given.
    """
    largest = largest_flow(manifest, layer.spec, layer.features)
    table: list[dict[str, Any]] = []
    rows: dict[str, int] = {}

    def row(feature: dict[str, Any], style_by: dict[str, Any] | None) -> int:
        style = feature_style(manifest, layer.spec, feature["properties"], style_by)
        weight = style["weight"]
        if style.get("width_by") and largest:
            weight = round(flow_weight(style["weight"], flow_value(style, feature["properties"]), largest), 1)
        style["dash"] = " ".join(f"{n:g}" for n in dash_pattern(style, weight))
        style["weight"] = weight
        key = json.dumps(style, sort_keys=True)
        if key not in rows:
            rows[key] = len(table)
            table.append(style)
        return rows[key]

    index = [row(feature, None) for feature in layer.features]
    choices = {
        choice["property"]: [row(feature, choice) for feature in layer.features] for choice in layer.spec.style_choices
    }
    return table, index, choices
