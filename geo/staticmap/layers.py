"""Draw the features of one layer on map axes in a projected CRS, each in the style geo.model.style gives it.

Sizes, dashes and symbols come from geo.staticmap.drawing. Features that share a style are drawn as one matplotlib
collection, so a layer of thousands of features costs one artist, not thousands. A point with an `uncertainty_m` is
drawn inside a circle of that radius on the ground (the map's metric CRS), the area its sources place it in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
import shapely.ops
from matplotlib.axes import Axes
from matplotlib.collections import EllipseCollection, LineCollection, PathCollection
from matplotlib.colors import to_rgba

from geo.model.manifest import LayerSpec, Manifest
from geo.model.style import feature_style
from geo.model.symbols import UNCERTAINTY_FILL_OPACITY
from geo.staticmap.drawing import (
    HATCH,
    HATCH_OPACITY,
    PX,
    flow_head,
    flow_width,
    head_patch,
    line_style,
    marker_edge_width,
    marker_path,
    marker_size,
    metres_per_point,
    polygon_path,
    ring_line,
    ring_size,
    uncertainty_line,
)

__all__ = ["Marker", "draw_layer"]


@dataclass(frozen=True)
class Marker:
    """A point symbol as drawn, in map units, with its radius in points: labels must keep clear of it."""

    x: float
    y: float
    radius: float


def _groups(
    manifest: Manifest, spec: LayerSpec, features: gpd.GeoDataFrame, date: dt.date | None
) -> Iterable[tuple[dict[str, Any], gpd.GeoDataFrame]]:
    """The rows of `features` grouped by their resolved style as drawn on `date` (faded past their time), in order of
    first appearance."""
    properties = features.drop(columns="geometry").to_dict("records")
    styles = [feature_style(manifest, spec, {k: v for k, v in p.items() if _present(v)}, on=date) for p in properties]
    keys = [repr(sorted(style.items())) for style in styles]
    for key in dict.fromkeys(keys):
        rows = [i for i, k in enumerate(keys) if k == key]
        yield styles[rows[0]], features.iloc[rows]


def _present(value: Any) -> bool:
    """False for the gaps a GeoDataFrame puts where a feature lacks a property (None, NaN)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def draw_layer(
    ax: Axes,
    manifest: Manifest,
    spec: LayerSpec,
    features: gpd.GeoDataFrame,
    zorder: float,
    flow_largest: float = 0.0,
    date: dt.date | None = None,
) -> list[Marker]:
    """Draw `features` (projected, one row per feature) on `ax`, as they are on `date` (a feature past its time,
    geo.model.layer.is_faded, drawn faded); return the point markers drawn.

    A line layer whose style has `width_by` is a flow: each line is an arrow from its first to its last vertex,
    its width given by that property relative to `flow_largest` (the layer's largest value on any date, so that
    widths compare across maps).
    """
    markers: list[Marker] = []
    for number, (style, rows) in enumerate(_groups(manifest, spec, features, date), start=1):
        gid = f"layer-{spec.id}-{number}"  # SVG group ids: unique, and named after the layer for editing
        kinds = rows.geometry.geom_type.str.replace("Multi", "", regex=False)
        polygons = rows.geometry[kinds == "Polygon"]
        lines = rows[kinds == "LineString"]
        points = rows.geometry[kinds == "Point"]
        if len(polygons):
            _draw_polygons(ax, style, polygons, zorder, f"{gid}-areas")
        if len(lines):
            if style.get("width_by"):
                _draw_flows(ax, style, lines, zorder, gid, flow_largest)
            else:
                _draw_lines(ax, style, lines.geometry, zorder, f"{gid}-lines")
        if len(points):
            if "uncertainty_m" in rows:
                _draw_uncertainty(ax, style, rows[kinds == "Point"], zorder, f"{gid}-uncertainty")
            markers.extend(_draw_points(ax, style, points, zorder, f"{gid}-points"))
    return markers


def _draw_uncertainty(ax: Axes, style: dict[str, Any], rows: gpd.GeoDataFrame, zorder: float, gid: str) -> None:
    """Around each point of `rows` that has an uncertainty_m, the circle of that radius (map units are metres)."""
    radii = np.asarray([r if _present(r) else 0 for r in rows["uncertainty_m"]], dtype=float)
    shown = radii > 0
    if not shown.any():
        return
    xy = shapely.get_coordinates(np.asarray(rows.geometry)[shown])
    width, dash = uncertainty_line()
    ax.add_collection(
        EllipseCollection(
            widths=2 * radii[shown],
            heights=2 * radii[shown],
            angles=0,
            units="xy",
            offsets=xy,
            offset_transform=ax.transData,
            facecolors=[to_rgba(style["fill_color"], UNCERTAINTY_FILL_OPACITY)],
            edgecolors=[to_rgba(style["color"], style["opacity"])],
            linewidths=width,
            linestyles=[dash],
            zorder=zorder,
            gid=gid,
        )
    )


def _outline(style: dict[str, Any], zorder: float, gid: str) -> dict[str, Any]:
    """The options every drawn collection shares: the style's line width and dashes, its place and its name."""
    linewidth = style["weight"] * PX
    linestyle, cap = line_style(style, linewidth)
    return {
        "linewidths": linewidth,
        "linestyles": [linestyle],
        "capstyle": cap,
        "joinstyle": "round",
        "zorder": zorder,
        "gid": gid,
    }


def _draw_polygons(ax: Axes, style: dict[str, Any], geometries: gpd.GeoSeries, zorder: float, gid: str) -> None:
    hatch_kw = (
        {"hatch": HATCH, "hatchcolor": to_rgba(style["color"], style["opacity"] * HATCH_OPACITY)}
        if style["hatch"]
        else {}
    )
    collection = PathCollection(
        [polygon_path(g) for g in geometries],
        facecolors=[to_rgba(style["fill_color"], style["fill_opacity"])],
        edgecolors=[to_rgba(style["color"], style["opacity"])],
        **_outline(style, zorder, gid),
        **hatch_kw,
    )
    ax.add_collection(collection, autolim=False)


def _draw_lines(ax: Axes, style: dict[str, Any], geometries: gpd.GeoSeries, zorder: float, gid: str) -> None:
    collection = LineCollection(
        [shapely.get_coordinates(part) for part in shapely.get_parts(np.asarray(geometries))],
        colors=[to_rgba(style["color"], style["opacity"])],
        **_outline(style, zorder, gid),
    )
    ax.add_collection(collection, autolim=False)


def _draw_flows(
    ax: Axes, style: dict[str, Any], rows: gpd.GeoDataFrame, zorder: float, gid: str, largest: float
) -> None:
    """Each flow as a line ending in a solid arrow head; widest first, so that a thin flow stays visible on top.

    The line stops where the head begins (the head's length is in points, turned into map units at the axes'
    scale), so that a wide line never shows beside the narrowing tip, nor darkens under a translucent head.
    """
    color = to_rgba(style["color"], style["opacity"])
    scale = metres_per_point(ax)
    column = style["width_by"]
    values = [float(v) if _present(v) else 0.0 for v in (rows[column] if column in rows else [None] * len(rows))]
    for index, (value, geometry) in enumerate(sorted(zip(values, rows.geometry), key=lambda pair: -pair[0])):
        width = flow_width(style, value, largest)
        head = flow_head(width)
        linestyle, cap = line_style(style, width)
        for part, line in enumerate(shapely.get_parts(geometry)):
            name = f"{gid}-flow{index}.{part}"
            head_run = min(head.head_length * scale, 0.5 * line.length)
            shaft = shapely.ops.substring(line, 0, line.length - head_run)
            ax.add_collection(
                LineCollection(
                    [shapely.get_coordinates(shaft)],
                    colors=[color],
                    linewidths=width,
                    linestyles=[linestyle],
                    capstyle=cap,
                    joinstyle="round",
                    zorder=zorder,
                    gid=name,
                ),
                autolim=False,
            )
            base = line.interpolate(line.length - head_run)
            tip = shapely.get_coordinates(line)[-1]
            ax.add_patch(head_patch((base.x, base.y), tuple(tip), head, color, zorder=zorder, gid=f"{name}-head"))


def _draw_points(ax: Axes, style: dict[str, Any], geometries: gpd.GeoSeries, zorder: float, gid: str) -> list[Marker]:
    """Each point as its marker, in its ring where the style has one (geo.model.symbols)."""
    xy = shapely.get_coordinates(shapely.get_parts(np.asarray(geometries)))
    size = marker_size(style)
    if style["ring"]:
        width, linestyle = ring_line(style)
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=ring_size(style) ** 2,
            marker="o",
            facecolors="none",
            edgecolors=[to_rgba(style["color"], style["opacity"])],
            linewidths=width,
            linestyles=[linestyle],
            zorder=zorder,
            gid=f"{gid}-rings",
        )
        size = max(size, ring_size(style))
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=size**2,
        marker=marker_path(style["marker"]),
        facecolors=[to_rgba(style["fill_color"], style["marker_fill_opacity"])],
        edgecolors=[to_rgba(style["color"], style["opacity"])],
        linewidths=marker_edge_width(style),
        zorder=zorder,
        gid=gid,
    )
    return [Marker(float(x), float(y), size / 2) for x, y in xy]
