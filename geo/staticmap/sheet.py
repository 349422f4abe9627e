"""The sheet of a static map of one date: A4 landscape, the map on the left (labelled, with graticule, scale
bar and north arrow), and beside it an inset locator map, the latest key dates and the legend; title and
subtitle above, sources and licences below. What the map says (features, title, key dates) comes from the
model (geo.model.catalog, geo.model.captions); this module only lays it out.

The sheet is laid out at 72 dpi, so that its units are points; saving at any resolution rescales it whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patheffects import Stroke

from geo.model.captions import Disagreement, disagreements, map_title, short_date
from geo.model.catalog import Catalog, TimelineEntry
from geo.model.crs import crs_name
from geo.model.layer import is_recent
from geo.model.manifest import LayerSpec, Manifest
from geo.model.mapdata import MapData
from geo.model.style import feature_style, largest_flow
from geo.staticmap.furniture import (
    country_label_requests,
    data_to_points,
    draw_basemap,
    draw_graticule,
    draw_inset,
    draw_north_arrow,
    draw_scale_bar,
    focus_country,
    prepare_basemap,
)
from geo.staticmap.labels import FONT_FAMILY, LabelRequest, Placement, measure, place_labels, wrap
from geo.staticmap.layers import Marker, draw_layer, marker_size
from geo.staticmap.legend import MapLegend, draw_legend, map_legend
from geo.staticmap.projection import MapProjection

__all__ = ["SHEET_SIZE", "RC", "legend_on", "map_figure"]

#: A4 landscape, inches: 297 x 210 mm to within 0.05 mm, chosen so that at 300 dpi the page is the standard
#: 3508 x 2480 pixels (matplotlib truncates a fractional pixel, so half a pixel is added).
SHEET_SIZE = (3508.5 / 300, 2480.5 / 300)

#: Settings every map is drawn and saved with: one font, unhinted so that text is as wide at every resolution as
#: when its labels were placed; text kept as text in SVG and embedded (TrueType) in PDF; a fixed salt for SVG ids,
#: so that the same map always gives the same file.
RC = {
    "font.family": FONT_FAMILY,
    "text.hinting": "none",
    "pdf.fonttype": 42,
    "svg.fonttype": "none",
    "svg.hashsalt": "idlibmap",
    "hatch.linewidth": 0.6,
    "axes.linewidth": 0.8,
}

#: Page layout, inches.
_MARGIN = 0.42
_MAP_TOP = 1.0  # from the top of the page: room for the title and subtitle
_FOOT = 0.2  # the small print's baseline, from the bottom of the page
_TICKS = 0.3  # room for the graticule labels under the map
_LATITUDES = 0.18  # room for the graticule labels left of the map
_GAP = 0.4
_INSET_HEIGHT = 1.8
_KEY_DATES = 6  # how many of the latest key dates the side panel lists
#: The type sizes (points) the notes on disagreements may take, largest first, and their line spacing.
_NOTE_SIZES = (5.8, 5.3, 4.8, 4.4, 4.0)
_NOTE_SPACING = 1.15
#: The small print's type size (points) and line spacing.
_SMALL_PRINT_SIZE, _SMALL_PRINT_SPACING = 4.8, 1.25

_TEXT = "#1f1f1f"


def legend_on(catalog: Catalog, date: dt.date, shown: Collection[str] | None = None) -> MapLegend:
    """The legend of the map of `date` with the layers `shown` (default: all): an entry for each layer drawn, none
    for a layer with nothing drawn."""
    return map_legend(catalog.manifest, catalog.drawn_on(date, shown))


def _largest_flows(catalog: Catalog) -> dict[str, float]:
    """For each layer drawn as flows (a style with width_by), its largest value on any date: widths are on one
    scale for every map, so that maps of two dates compare."""
    largest = {layer.id: largest_flow(catalog.manifest, layer.spec, layer.features) for layer in catalog}
    return {layer_id: value for layer_id, value in largest.items() if value > 0}


def map_figure(inputs: MapData, date: dt.date, shown: Collection[str] | None = None) -> Figure:
    """The whole page for `date`, drawing the layers `shown` (layer ids; default: every layer)."""
    with matplotlib.rc_context(RC):
        return _compose(inputs, date, shown)


def _add_axes(figure: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes at a place on the page given in inches."""
    page_width, page_height = SHEET_SIZE
    return figure.add_axes((left / page_width, bottom / page_height, width / page_width, height / page_height))


def _compose(inputs: MapData, date: dt.date, shown: Collection[str] | None) -> Figure:
    catalog = inputs.catalog
    projection = MapProjection.of(catalog.manifest)
    drawn = catalog.drawn_on(date, shown)
    largest = _largest_flows(catalog)
    figure = Figure(figsize=SHEET_SIZE, dpi=72)
    page_width, page_height = SHEET_SIZE

    # The small print runs under the map column, so that the notes beside the map can run to the foot of the page:
    # its height sets the map's, whose width sets the column's, so the two are settled together.
    map_left = _MARGIN + _LATITUDES
    small_print = _small_print(catalog, projection)
    column = page_width - 2 * _MARGIN
    for _ in range(5):
        lines, height = _wrapped_small_print(small_print, column)
        map_bottom = _FOOT + height + _TICKS
        map_height = page_height - _MAP_TOP - map_bottom
        map_width = map_height * projection.aspect
        settled, column = column, map_left + map_width - _MARGIN
        if abs(settled - column) < 0.02:
            break
    figure.text(
        _MARGIN / page_width,
        _FOOT / page_height,
        lines,
        fontsize=_SMALL_PRINT_SIZE,
        va="bottom",
        color="#555555",
        linespacing=_SMALL_PRINT_SPACING,
    )
    ax = _add_axes(figure, map_left, map_bottom, map_width, map_height)
    focus = _draw_map(ax, inputs, projection, drawn, largest, date)

    title, subtitle = map_title(catalog, date)
    top = page_height - _MARGIN
    figure.text(_MARGIN / page_width, top / page_height, title, fontsize=19, fontweight="bold", va="top", color=_TEXT)
    figure.text(_MARGIN / page_width, (top - 0.4) / page_height, subtitle, fontsize=11, va="top", color="#333333")

    side_left = map_left + map_width + _GAP
    side_width = page_width - _MARGIN - side_left
    side_top = page_height - _MAP_TOP
    region = projection.project(inputs.basemap["region"])
    inset = draw_inset(
        figure,
        (side_left, side_top, side_width / 2, _INSET_HEIGHT),
        region,
        focus,
        projection,
        catalog.manifest.basemap,
    )
    inset_right = (inset.get_position().x1 * page_width) + 0.25
    _key_dates(figure, catalog.timeline(), date, inset_right, side_top, side_left + side_width - inset_right)
    legend_top = side_top - _INSET_HEIGHT - 0.3
    legend_ax = _add_axes(figure, side_left, map_bottom, side_width, legend_top - map_bottom)
    legend_ax.set_axis_off()
    legend = draw_legend(legend_ax, map_legend(catalog.manifest, drawn), largest)
    legend_bottom = legend.get_window_extent(FigureCanvasAgg(figure).get_renderer()).y0 / figure.dpi
    _disagreements(figure, disagreements(drawn), side_left, legend_bottom - 0.2, side_width, _FOOT)
    return figure


def _named(names: tuple[str, ...]) -> str:
    """At most two sources by name, and how many more."""
    more = f" +{len(names) - 2}" if len(names) > 2 else ""
    return ", ".join(names[:2]) + more


def _disagreements(figure: Figure, found: list[Disagreement], left: float, top: float, width: float, bottom: float):
    """Where the sources of what the map draws disagree: each fact (and the feature it is about) with its versions
    side by side, the version drawn marked, in the room left under the legend (positions in inches): the type
    gets smaller on a crowded date, down to _NOTE_SIZES[-1], and the versions name at most two sources each."""
    if not found:
        return
    page_width, page_height = SHEET_SIZE
    heading = "Where the sources disagree (■ the version drawn)"
    items = []
    for item in found:
        more = len(item.features) - 1
        about = item.features[0] + (f" and {more} more" if more else "")
        versions = sorted(item.versions, key=lambda version: not version[1])
        said = " · ".join(f"{'■ ' if drawn else ''}{value} ({_named(names)})" for value, drawn, names in versions)
        items.append(f"{about} — {item.label}: {said}")
    for size in _NOTE_SIZES:
        text = "\n".join([heading, *(wrap(item, size, width * 72, indent="  ") for item in items)])
        height = (text.count("\n") + 1) * measure("lp", size)[1] * _NOTE_SPACING / 72
        if top - height >= bottom:
            break
    figure.text(
        left / page_width, top / page_height, text, fontsize=size, va="top", color=_TEXT, linespacing=_NOTE_SPACING
    )


def _draw_map(
    ax: Axes,
    inputs: MapData,
    projection: MapProjection,
    drawn: dict[str, list],
    largest: dict[str, float],
    date: dt.date,
) -> str | None:
    """The map panel: base map, graticule, layers in manifest order, scale bar, north arrow, labels.

    Returns the name of the focus country (the manifest's, or the one at the frame's centre), which the inset
    highlights too.
    """
    catalog = inputs.catalog
    x0, y0, x1, y1 = projection.bounds
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    parts = prepare_basemap(inputs.basemap, projection, shapely.box(x0, y0, x1, y1).buffer((x1 - x0) * 0.05))
    focus = focus_country(parts.countries, projection, catalog.manifest.focus)
    draw_basemap(ax, parts, focus, catalog.manifest.basemap)
    draw_graticule(ax, projection, catalog.manifest.basemap)

    markers: list[Marker] = []
    projected = {}
    for order, layer in enumerate(catalog, start=1):
        if drawn[layer.id]:
            projected[layer.id] = projection.project(layer.to_geodataframe(drawn[layer.id]))
            markers += draw_layer(
                ax, catalog.manifest, layer.spec, projected[layer.id], 2 + order, largest.get(layer.id, 0.0), date
            )

    reserved = [draw_scale_bar(ax, zorder=30)]
    reserved.append(draw_north_arrow(ax, projection, (0.955, 0.91), zorder=30))
    cities, towns = _place_requests(ax, catalog, drawn, projected)
    requests = (
        cities
        + _event_requests(ax, catalog, drawn, projected, date)
        + towns
        + country_label_requests(parts.countries, ax, 10.5)
    )
    view = ax.get_window_extent().extents + np.array([3, 3, -3, -3])
    _draw_labels(ax, place_labels(requests, view, _obstacles(ax, markers, reserved)))
    return focus


def _obstacles(ax: Axes, markers: list[Marker], reserved: list[tuple[float, float, float, float]]) -> np.ndarray:
    """Boxes (points) labels must keep clear of: every marker drawn, and the reserved boxes (axes fraction)."""
    boxes = [ax.transAxes.transform([(left, bottom), (right, top)]).ravel() for left, bottom, right, top in reserved]
    if markers:
        centres = data_to_points(ax, np.array([m.x for m in markers]), np.array([m.y for m in markers]))
        radii = np.array([m.radius for m in markers])[:, None]
        boxes.extend(np.column_stack([centres - radii, centres + radii]))
    return np.array(boxes).reshape(-1, 4)


def _anchors(ax: Axes, manifest: Manifest, spec: LayerSpec, features: list, points: gpd.GeoDataFrame) -> list[tuple]:
    """For each point feature of a layer: its properties, its position on the page (points) and how far a label
    must stay from it (its marker's radius and a little more)."""
    positions = data_to_points(ax, points.geometry.x.to_numpy(), points.geometry.y.to_numpy())
    return [
        (f["properties"], float(x), float(y), marker_size(feature_style(manifest, spec, f["properties"])) / 2 + 2.0)
        for f, (x, y) in zip(features, positions)
    ]


def _place_requests(
    ax: Axes, catalog: Catalog, drawn: dict[str, list], projected: dict[str, gpd.GeoDataFrame]
) -> tuple[list[LabelRequest], list[LabelRequest]]:
    """Name labels of the gazetteer layers' places, by their label rank, as (cities, the others): cities are
    placed before the dated events, towns and villages after them. Sizes and weights: the manifest's label_ranks."""
    fonts = {row["rank"]: (row["print_size"], row["weight"]) for row in catalog.manifest.map["label_ranks"]}
    rows = []
    for layer in catalog:
        points = projected.get(layer.id)
        if points is None or not layer.spec.gazetteer:
            continue
        rank = layer.spec.label_rank
        for properties, x, y, gap in _anchors(ax, catalog.manifest, layer.spec, drawn[layer.id], points):
            rows.append((int(properties.get(rank, max(fonts))), str(properties["name"]), x, y, gap))
    cities: list[LabelRequest] = []
    others: list[LabelRequest] = []
    for rank, name, x, y, gap in sorted(rows):
        size, weight = fonts.get(rank, fonts[max(fonts)])
        (cities if rank == min(fonts) else others).append(LabelRequest(name, x, y, size, weight, gap=gap))
    return cities, others


def _event_requests(
    ax: Axes, catalog: Catalog, drawn: dict[str, list], projected: dict[str, gpd.GeoDataFrame], date: dt.date
) -> list[LabelRequest]:
    """Date labels for the point features that are recent news on `date` (geo.model.layer.is_recent: the layers
    with recent_days in the manifest), most recent first."""
    rows = []
    for layer in catalog:
        points = projected.get(layer.id)
        if layer.spec.recent_days is None or points is None or not points.geometry.geom_type.eq("Point").all():
            continue
        for properties, x, y, gap in _anchors(ax, catalog.manifest, layer.spec, drawn[layer.id], points):
            if is_recent(layer.spec, properties, date):
                start = dt.date.fromisoformat(properties["valid_from"])
                rows.append((-start.toordinal(), x, y, gap, start))
    return [LabelRequest(short_date(start), x, y, 6.5, style="italic", gap=gap) for _, x, y, gap, start in sorted(rows)]


def _draw_labels(ax: Axes, placements: list[Placement]) -> None:
    """Each label as text over a white halo (the halo is a separate outline, so that the text stays text)."""
    halo = [Stroke(linewidth=2.4, foreground="white", alpha=0.9)]
    for placement in placements:
        request = placement.request
        for effects, zorder in ((halo, 40), (None, 41)):
            ax.annotate(
                request.text,
                (request.x, request.y),
                xycoords="figure points",
                xytext=(placement.dx, placement.dy),
                textcoords="offset points",
                ha=placement.ha,
                va=placement.va,
                fontsize=request.size,
                fontweight=request.weight,
                fontstyle=request.style,
                color="#707070" if request.centred else _TEXT,
                path_effects=effects,
                zorder=zorder,
                annotation_clip=False,
            )


def _key_dates(figure: Figure, timeline: list[TimelineEntry], date: dt.date, left: float, top: float, width: float):
    """The latest key dates up to the map's date, oldest first, the map's own date in bold: dates in one column,
    what happened in the next (positions in inches)."""
    page_width, page_height = SHEET_SIZE
    figure.text(left / page_width, top / page_height, "Key dates", fontsize=9, fontweight="bold", va="top", color=_TEXT)
    entries = [entry for entry in timeline if entry.date <= date][-_KEY_DATES:]
    size, spacing = 6.8, 1.2
    y = top - 0.24
    if not entries:
        figure.text(left / page_width, y / page_height, "None yet on this date", fontsize=size, va="top", color=_TEXT)
        return
    column = max(measure(short_date(entry.date), size, "bold")[0] for entry in entries) / 72 + 0.1
    for entry in entries:
        weight = "bold" if entry.date == date else "normal"
        lines = wrap(entry.title, size, (width - column) * 72, weight)
        for text, x in ((short_date(entry.date), left), (lines, left + column)):
            figure.text(
                x / page_width,
                y / page_height,
                text,
                fontsize=size,
                fontweight=weight,
                va="top",
                color=_TEXT,
                linespacing=spacing,
            )
        y -= (lines.count("\n") + 1) * measure("lp", size, weight)[1] * spacing / 72 + 0.07


def _small_print(catalog: Catalog, projection: MapProjection) -> str:
    """Under the map: what the map shows, how its computed layers are made, its projection, and the data's sources
    and licences. The same on every date, so that the map keeps its size and scale from one date to the next."""
    manifest = catalog.manifest
    by_licence: dict[str, list[str]] = {}
    for spec in manifest.layers:
        by_licence.setdefault(spec.licence, []).append(spec.title)
    licences = "; ".join(f"{', '.join(titles)}: {licence}" for licence, titles in by_licence.items())
    methods = " ".join(f"{spec.title}: {spec.method}" for spec in manifest.layers if spec.method)
    recent = " ".join(
        f"{spec.title}: faded from {spec.recent_days} days after its date"
        + (", and labelled with it until then." if set(spec.geometry) <= {"Point", "MultiPoint"} else ".")
        for spec in manifest.layers
        if spec.recent_days is not None
    )
    return (
        f"The map shows every feature valid on its date; each feature cites its sources in the layer files. {recent} "
        f"Computed layers: {methods} Projection: "
        f"{crs_name(projection.crs)} ({projection.crs}); graticule in degrees. {manifest.map['attribution']} Data "
        f"licences: {licences}."
    )


def _wrapped_small_print(text: str, width: float) -> tuple[str, float]:
    """The small print wrapped to `width` inches, and the height it takes (inches)."""
    lines = wrap(text, _SMALL_PRINT_SIZE, width * 72)
    return lines, (lines.count("\n") + 1) * measure("lp", _SMALL_PRINT_SIZE)[1] * _SMALL_PRINT_SPACING / 72
