"""How a feature is drawn and what the legend says, from the manifest alone: the web map and the static
maps both ask here, so that a colour is changed in one place (layers/manifest.toml)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from geo.model.languages import translated, without_text
from geo.model.layer import is_faded
from geo.model.manifest import LayerSpec, Manifest

__all__ = [
    "DEFAULTS",
    "FADED_OPACITY",
    "FLOW_MAX_FACTOR",
    "OTHERWISE",
    "faded",
    "feature_style",
    "flow_value",
    "flow_weight",
    "largest_flow",
    "dash_pattern",
    "LegendEntry",
    "legend_entries",
    "QUALITY_SYMBOL",
    "quality_legend",
    "quality_symbol",
    "UNCERTAINTY_SYMBOL",
    "UNCERTAINTY_SYMBOL_RADIUS",
    "shows_uncertainty",
]

#: Style used where the manifest says nothing.
DEFAULTS: dict[str, Any] = {
    "color": "#333333",
    "weight": 2,
    "opacity": 1.0,
    "dash": "",
    "fill_color": None,
    "fill_opacity": 0.2,
    "marker": "circle",
    "radius": 5,
    "marker_fill_opacity": 0.9,
    "hatch": False,
    "ring": None,
}

#: A feature whose time is over (geo.model.layer.is_faded: past its layer's recent_days) is drawn at this share of its
#: opacity, on the web map and on paper alike.
FADED_OPACITY = 0.35

#: The legend value of a style_by's `otherwise`: the features with a value it does not list, or none.
OTHERWISE = "(otherwise)"


#: The neutral symbol the legends explain geometry quality with (each quality's own keys are drawn over it).
QUALITY_SYMBOL: dict[str, Any] = {
    **DEFAULTS,
    "color": "#455a64",
    "fill_color": "#90a4ae",
    "fill_opacity": 0.35,
    "weight": 2,
    "radius": 6,
}

#: The neutral symbol the legends explain a point's uncertainty circle with (geo.model.symbols): a small dot in a
#: circle of UNCERTAINTY_SYMBOL_RADIUS pixels, drawn with the circle's line, dash and fill.
UNCERTAINTY_SYMBOL: dict[str, Any] = {**QUALITY_SYMBOL, "marker": "dot", "radius": 2.5}
UNCERTAINTY_SYMBOL_RADIUS = 8.0


def dash_pattern(style: dict[str, Any], weight: float) -> tuple[float, ...]:
    """The dash and gap lengths (pixels) of a line of `style` drawn `weight` pixels wide; () for a solid line.

    The manifest's pattern is for the style's own weight; a wider line (a flow) gets its dashes widened in
    proportion, so that a wide dotted line stays dotted. The web map and the static maps both draw with this.
    """
    numbers = [float(n) for n in str(style.get("dash") or "").replace(",", " ").split()]
    grow = max(weight / style["weight"], 1.0) if style["weight"] > 0 else 1.0
    return tuple(n * grow for n in numbers)


#: A flow line's width grows with the square root of its value, up to this many times the layer's weight.
FLOW_MAX_FACTOR = 3.0


def flow_weight(weight: float, value: float, largest: float) -> float:
    """The line weight of a flow carrying `value` when the layer's largest flow carries `largest`.

    Area-true: the width grows with the square root of the value; the largest flow is FLOW_MAX_FACTOR times
    `weight`, and no flow is thinner than `weight` so that small ones stay visible. Same units as `weight`.
    """
    if largest <= 0 or value <= 0:
        return weight
    return max(weight, weight * FLOW_MAX_FACTOR * math.sqrt(value / largest))


def flow_value(style: dict[str, Any], properties: dict[str, Any]) -> float:
    """The number a flow carries: its `width_by` property when that is a positive number, else 0."""
    value = properties.get(style.get("width_by") or "")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else 0.0


def largest_flow(manifest: Manifest, spec: LayerSpec, features: Iterable[dict[str, Any]]) -> float:
    """The largest number any of `features` carries as a flow (0 when none is drawn by width): flows of every
    date are drawn on this one scale, so that maps of two dates compare."""
    return max(
        (flow_value(feature_style(manifest, spec, f["properties"]), f["properties"]) for f in features), default=0.0
    )


def _variant(style_by: dict[str, Any] | None, properties: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """The legend value of a feature under `style_by` (a [layer.style_by] or [[layer.style_choice]] table, or None)
    and its style overrides (without the legend label): its value's variant, else the table's `otherwise`."""
    if not style_by:
        return None, {}
    value = properties.get(style_by["property"])
    values = style_by.get("values", {})
    if value not in values and "otherwise" in style_by:
        return OTHERWISE, without_text(style_by["otherwise"], "label")
    return value, without_text(values.get(value, {}), "label")


def feature_style(
    manifest: Manifest,
    spec: LayerSpec,
    properties: dict[str, Any],
    style_by: dict[str, Any] | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """The full style of one feature: defaults, then the layer's style, its variant by the layer's style_by (or the
    `style_by` given: one of its style_choices), its quality; and, drawn `on` a date after its time is over
    (geo.model.layer.is_faded), faded."""
    style = {**DEFAULTS, **spec.style}
    style.update(_variant(style_by or spec.style_by, properties)[1])
    quality = without_text(manifest.geometry_quality.get(properties.get("geometry_quality"), {}), "label")
    if style["dash"]:
        quality.pop("dash", None)  # a dash the layer chose (a patrol route's dots) says more than the quality's
    if "hatch" in spec.style:
        quality.pop("hatch", None)  # so does a layer's own choice of hatching (large areas stay readable unhatched)
    style.update(quality)
    if style["fill_color"] is None:
        style["fill_color"] = style["color"]
    return faded(style) if on is not None and is_faded(spec, properties, on) else style


def faded(style: dict[str, Any]) -> dict[str, Any]:
    """`style` drawn faded: every opacity at FADED_OPACITY of itself."""
    keys = ("opacity", "fill_opacity", "marker_fill_opacity")
    return {**style, **{key: round(style[key] * FADED_OPACITY, 3) for key in keys}}


@dataclass(frozen=True)
class LegendEntry:
    """One line of a legend: a label and the style of its symbol; `value` is the style_by value it stands for (None
    for the layer's own legend line)."""

    layer: str
    label: str
    geometry: str
    style: dict[str, Any]
    value: Any = None


def legend_entries(
    manifest: Manifest,
    spec: LayerSpec,
    features: Iterable[dict[str, Any]],
    language: str = "en",
    style_by: dict[str, Any] | None = None,
) -> list[LegendEntry]:
    """The legend lines for the features of a layer that are drawn: one per value of its style_by (or of the
    `style_by` given, one of its style_choices) present, its `otherwise` last, else one for the layer; none when
    nothing is drawn. Labelled in `language` (geo.model.languages)."""
    style_by = style_by or spec.style_by
    entries: dict[Any, LegendEntry] = {}
    for feature in features:
        properties = {k: v for k, v in feature["properties"].items() if k != "geometry_quality"}
        value, _ = _variant(style_by, properties)
        if value in entries:
            continue
        label = spec.text("legend", language)
        if value is not None:
            variant = style_by["otherwise"] if value == OTHERWISE else style_by["values"].get(value, {})
            label = translated(variant, "label", language) if "label" in variant else f"{label}: {value}"
        style = feature_style(manifest, spec, properties, style_by)
        entries[value] = LegendEntry(spec.id, label, feature["geometry"]["type"], style, value)
    order = [*style_by.get("values", {}), OTHERWISE] if style_by else []
    return [entries[v] for v in sorted(entries, key=lambda v: order.index(v) if v in order else len(order))]


def quality_legend(manifest: Manifest, language: str = "en") -> list[tuple[str, str, dict[str, Any]]]:
    """(quality, label in `language`, style overrides) for each geometry quality, for the legend's explanation."""
    return [
        (name, translated(table, "label", language) if "label" in table else name, without_text(table, "label"))
        for name, table in manifest.geometry_quality.items()
    ]


def quality_symbol(overrides: dict[str, Any]) -> dict[str, Any]:
    """The full style of a geometry quality's legend symbol: the neutral symbol with the quality's keys."""
    return {**QUALITY_SYMBOL, **overrides}


def shows_uncertainty(features: Iterable[dict[str, Any]]) -> bool:
    """True when some point of `features` is drawn in the circle of its uncertainty (an uncertainty_m over 0): the
    legends then explain the circle."""
    return any(f["geometry"]["type"] == "Point" and (f["properties"].get("uncertainty_m") or 0) > 0 for f in features)
