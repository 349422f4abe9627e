"""The map's furniture: base map, graticule in degrees, scale bar, north arrow and the inset locator map.

Everything here is drawn on axes whose data coordinates are metres in the map's CRS
(geo.staticmap.projection), so that the scale bar is true and the graticule shows how meridians and parallels
really run on the map.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.transforms import Affine2D, ScaledTranslation
from matplotlib_scalebar.scalebar import ScaleBar

from geo.model.wording import Wording
from geo.staticmap.drawing import metres_per_point, polygon_path
from geo.staticmap.labels import LabelRequest, place_labels
from geo.staticmap.projection import MapProjection
from geo.staticmap.typesetting import FONT_FAMILY, measure

__all__ = [
    "BaseLayers",
    "prepare_basemap",
    "focus_country",
    "draw_basemap",
    "draw_graticule",
    "draw_scale_bar",
    "draw_north_arrow",
    "draw_inset",
    "country_label_requests",
    "data_to_points",
]

#: Base map detail finer than this many points of paper is dropped (simplification to the map's scale).
SIMPLIFY_POINTS = 0.3

#: The scale bar's longest length, as a fraction of the map's width.
SCALE_BAR_FRACTION = 0.22

#: The graticule's steps, degrees, largest first: a view gets the largest giving at least _GRATICULE_LINES lines
#: across its shorter side (a quarter degree for Idlib's frame, 3' for a town and its surroundings).
_GRATICULE_STEPS = (5.0, 2.0, 1.0, 0.5, 0.25, 0.1, 0.05, 1 / 30, 1 / 60)
_GRATICULE_LINES = 4
#: The type size of the graticule's labels, points.
_GRATICULE_SIZE = 6.5

#: The scale bar's units, as matplotlib-scalebar writes them, and the word of each in geo.model.wording.
_UNITS = {"km": "print.kilometres", "m": "print.metres"}


@dataclass(frozen=True)
class BaseLayers:
    """The base map of one map, in map coordinates: country areas (with a `name`), the borders between
    countries, and province areas."""

    countries: gpd.GeoDataFrame
    borders: gpd.GeoSeries
    provinces: gpd.GeoSeries


def data_to_points(ax: Axes, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Page positions in points (from the figure's lower left corner) of map coordinates on `ax`."""
    dpi = ax.get_figure().dpi
    return ax.transData.transform(np.column_stack([x, y])) * (72.0 / dpi)


def prepare_basemap(
    basemap: dict[str, gpd.GeoDataFrame], projection: MapProjection, clip: shapely.Geometry
) -> BaseLayers:
    """The base map parts in map coordinates, clipped to `clip` (map coordinates); borders between countries
    are found before simplification so that neighbours share them exactly."""
    countries = projection.project(basemap["countries"])
    countries = countries[countries.intersects(clip)]
    countries = countries.set_geometry(countries.geometry.intersection(clip))
    geometries = list(countries.geometry)
    shared = [
        shapely.intersection(first.boundary, second.boundary)
        for index, first in enumerate(geometries)
        for second in geometries[index + 1 :]
    ]
    if "provinces" in basemap:
        provinces = projection.project(basemap["provinces"])
        provinces = provinces[provinces.intersects(clip)].geometry.intersection(clip)
    else:
        provinces = gpd.GeoSeries([], crs=projection.crs)  # a base map without provinces draws country borders only
    return BaseLayers(
        countries=countries,
        borders=gpd.GeoSeries([shapely.line_merge(line) for line in shared if not line.is_empty], crs=projection.crs),
        provinces=provinces,
    )


def focus_country(countries: gpd.GeoDataFrame, projection: MapProjection, named: str | None = None) -> str | None:
    """The country the map is about: the one `named` ([basemap] focus in the manifest), else the one at the centre of
    the projection."""
    if named is not None:
        return named
    cx, cy = projection.to_map(
        (projection.extent[0] + projection.extent[2]) / 2, (projection.extent[1] + projection.extent[3]) / 2
    )
    hits = countries[countries.contains(shapely.Point(float(cx), float(cy)))]
    return str(hits.iloc[0]["name"]) if len(hits) else None


def draw_basemap(ax: Axes, parts: BaseLayers, focus: str | None, palette: dict[str, str], zorder: float = 0.0) -> None:
    """Sea, land (the focus country lighter), province and country borders, simplified to the map's scale, in the
    colours of the manifest's [basemap] `palette`."""
    tolerance = SIMPLIFY_POINTS * metres_per_point(ax)
    ax.set_facecolor(palette["sea"])
    countries = parts.countries
    shapes = countries.geometry.simplify(tolerance)
    colours = [palette["focus"] if name == focus else palette["land"] for name in countries["name"]]
    ax.add_collection(
        PathCollection(
            [polygon_path(g) for g in shapes],
            facecolors=colours,
            edgecolors=palette["coast"],
            linewidths=0.5,
            zorder=zorder,
            gid="basemap-countries",
        ),
        autolim=False,
    )
    _draw_lines(ax, parts.provinces.boundary.simplify(tolerance), palette["province"], 0.45, (0, (4, 2)), zorder + 0.1)
    _draw_lines(ax, parts.borders.simplify(tolerance), palette["border"], 1.0, (0, (6, 2, 1, 2)), zorder + 0.2)


def _draw_lines(ax: Axes, geometries: gpd.GeoSeries, color: str, width: float, style, zorder: float) -> None:
    lines = [shapely.get_coordinates(part) for part in shapely.get_parts(np.asarray(geometries)) if not part.is_empty]
    ax.add_collection(
        LineCollection(lines, colors=color, linewidths=width, linestyles=[style], zorder=zorder), autolim=False
    )


def _dms(value: float, positive: str, negative: str, words: Wording) -> str:
    """A latitude or longitude in degrees and minutes, with its hemisphere, written the language's way."""
    minutes = round(abs(value) * 60)
    degrees, minutes = divmod(minutes, 60)
    angle = f"{words.number(degrees)}°" + (f"{words.number(minutes, '00')}′" if minutes else "")
    return words("print.coordinate", angle=angle, hemisphere=words(positive if value >= 0 else negative))


def graticule_step(projection: MapProjection) -> float:
    """The step of the graticule of a view: the largest of _GRATICULE_STEPS drawing _GRATICULE_LINES lines or more
    across its shorter side."""
    west, south, east, north = projection.drawn.bounds
    span = min(east - west, north - south)
    return next((step for step in _GRATICULE_STEPS if span / step >= _GRATICULE_LINES), _GRATICULE_STEPS[-1])


def draw_graticule(
    ax: Axes, projection: MapProjection, palette: dict[str, str], words: Wording, zorder: float = 0.5
) -> None:
    """Meridians and parallels (every graticule_step degrees), as they run on the projected map, labelled where they
    leave the frame (longitudes along the bottom, latitudes along the start side, the right in a right-to-left sheet;
    none in the corners, where they would run into the title or the small print)."""
    step = graticule_step(projection)
    west, south, east, north = projection.drawn.bounds
    x0, y0, x1, y1 = projection.bounds
    lons = np.arange(np.ceil(west / step) * step, east + 1e-9, step)
    lats = np.arange(np.ceil(south / step) * step, north + 1e-9, step)
    along = np.linspace(-1, 1, 201)  # each line runs well past the projection: twice its size, from its middle
    middle_lat, middle_lon = (south + north) / 2, (west + east) / 2
    meridians = [
        np.column_stack(projection.to_map(np.full_like(along, lon), middle_lat + along * (north - south)))
        for lon in lons
    ]
    parallels = [
        np.column_stack(projection.to_map(middle_lon + along * (east - west), np.full_like(along, lat))) for lat in lats
    ]
    ax.add_collection(
        LineCollection(meridians + parallels, colors=palette["graticule"], linewidths=0.35, alpha=0.8, zorder=zorder),
        autolim=False,
    )
    margin = (x1 - x0) * 0.04
    side = x1 if words.rtl else x0
    meridian_labels = [
        (np.interp(y0, line[:, 1], line[:, 0]), _dms(lon, "print.east", "print.west", words))
        for lon, line in zip(lons, meridians)
    ]
    parallel_labels = [
        (np.interp(side, line[:, 0], line[:, 1]), _dms(lat, "print.north", "print.south", words))
        for lat, line in zip(lats, parallels)
    ]
    scale = metres_per_point(ax)
    bottom = _apart([(x, label) for x, label in meridian_labels if x0 + margin < x < x1 - margin], scale)
    beside = _apart([(y, label) for y, label in parallel_labels if y0 + margin < y < y1 - margin], scale)
    ax.set_xticks([x for x, _ in bottom], [label for _, label in bottom])
    ax.set_yticks([y for y, _ in beside], [label for _, label in beside], rotation=90, va="center")
    if words.rtl:
        ax.yaxis.tick_right()
    ax.tick_params(direction="in", length=4, width=0.6, colors=palette["text"], labelsize=_GRATICULE_SIZE, pad=3)


def _apart(ticks: list[tuple[float, str]], metres_per_pt: float) -> list[tuple[float, str]]:
    """Every tick of `ticks` (position in map units, label), or every second, fourth ... where the labels, centred on
    their ticks at the graticule's type size, would otherwise touch."""

    def touching(kept: list[tuple[float, str]]) -> bool:
        widths = [measure(label, _GRATICULE_SIZE)[0] * metres_per_pt for _, label in kept]
        return any(
            abs(b[0] - a[0]) < (wa + wb) / 2 + 6 * metres_per_pt
            for (a, wa), (b, wb) in zip(zip(kept, widths), zip(kept[1:], widths[1:]))
        )

    while len(ticks) > 1 and touching(ticks):
        ticks = ticks[::2]
    return ticks


def draw_scale_bar(ax: Axes, words: Wording, zorder: float = 10.0) -> tuple[float, float, float, float]:
    """A scale bar (its length chosen for the view by matplotlib-scalebar, in the language's units and numbers) at
    the lower left of the map; return the box it takes (axes fraction)."""

    def length(value: float, unit: str) -> str:
        return f"{words.number(value)} {words(_UNITS[unit]) if unit in _UNITS else unit}"

    ax.add_artist(
        ScaleBar(
            1.0,
            "m",
            scale_formatter=length,
            location="lower left",
            length_fraction=SCALE_BAR_FRACTION,
            width_fraction=0.008,
            border_pad=0.8,
            pad=0.5,
            sep=3,
            box_alpha=0.85,
            color="#212121",
            scale_loc="top",
            font_properties={"family": FONT_FAMILY, "size": 7.5},
        )
    ).set_zorder(zorder)
    return (0.0, 0.0, SCALE_BAR_FRACTION + 0.08, 0.075)


def draw_north_arrow(
    ax: Axes, projection: MapProjection, anchor: tuple[float, float], letter: str, zorder: float = 10.0
) -> tuple[float, float, float, float]:
    """A north arrow at `anchor` (axes fraction) under `letter` (the language's N), turned to true north at the view's
    centre (on a UTM map the meridians lean by the grid convergence); return the box it takes (axes fraction)."""
    figure = ax.get_figure()
    angle = projection.convergence()
    place = (
        Affine2D().rotate_deg(angle).scale(1 / 72) + figure.dpi_scale_trans + ScaledTranslation(*anchor, ax.transAxes)
    )
    half_width, height = 5.0, 22.0
    for side, fill in ((-1, "#212121"), (1, "white")):
        vertices = [(0, height / 2), (side * half_width, -height / 2), (0, -height / 2 + 5)]
        ax.add_patch(
            PolygonPatch(vertices, facecolor=fill, edgecolor="#212121", linewidth=0.7, transform=place, zorder=zorder)
        )
    ax.text(
        0,
        height / 2 + 2.5,
        letter,
        transform=place,
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
        color="#212121",
        rotation=angle,
        rotation_mode="anchor",
        zorder=zorder,
    )
    width_points, height_points = ax.get_window_extent().size * 72 / figure.dpi
    x, y = anchor
    return (x - 12 / width_points, y - 16 / height_points, x + 12 / width_points, y + 30 / height_points)


def country_name(name: str, words: Wording) -> str:
    """A country's label: its name in the language ([words.value] of the manifest), else the base map's name in
    capitals."""
    translated = words.value(name)
    return translated if translated != name else name.upper()


def country_label_requests(
    countries: gpd.GeoDataFrame, ax: Axes, size: float, words: Wording, spots: int = 8
) -> list[LabelRequest]:
    """Centred name labels for each country in view, in the language: `spots` alternative places each, the ones
    farthest inside the country's area first, so that the name goes where the map is least crowded among its
    deepest parts. A country that fills the whole view (a view of a town) is not named: the inset says where it is."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    view = shapely.box(x0, y0, x1, y1)
    step = (x1 - x0) / 12
    grid = shapely.points(np.stack(np.meshgrid(np.arange(x0, x1, step), np.arange(y0, y1, step)), -1).reshape(-1, 2))
    requests = []
    for name, geometry in zip(countries["name"], countries.geometry):
        area = geometry.intersection(view)
        if area.is_empty or area.area > 0.98 * view.area:
            continue
        inside = grid[shapely.contains(area, grid)]
        depth = shapely.distance(area.boundary, inside)
        centre = shapely.get_point(shapely.maximum_inscribed_circle(area, step / 20), 0)
        best = [centre, *inside[np.argsort(-depth, kind="stable")][: spots - 1]]
        positions = data_to_points(ax, shapely.get_x(best), shapely.get_y(best))
        label = country_name(str(name), words)
        requests.extend(
            LabelRequest(label, float(x), float(y), size, weight="bold", centred=True, group=label)
            for x, y in positions
        )
    return requests


def draw_inset(
    figure: Figure,
    box: tuple[float, float, float, float],
    countries: gpd.GeoDataFrame,
    focus: str | None,
    limits: tuple[float, float, float, float],
    outlines: list[tuple[shapely.Geometry, str, float]],
    palette: dict[str, str],
    words: Wording,
) -> Axes:
    """A small map that locates the main map: the base map's `countries` within `limits` (x0, y0, x1, y1, map
    coordinates), their names in the language, and `outlines` over them, each (geometry in map coordinates, colour,
    line width): the frame of the main map, or the whole frame and the view within it. The last outline is what
    the inset locates: the names keep clear of it.

    It is fitted into `box` (left, top, width, height in inches) at its start side, keeping its true shape.
    """
    x0, y0, x1, y1 = limits
    left, top, width, height = box
    fitted = min(width, height * (x1 - x0) / (y1 - y0)), min(height, width * (y1 - y0) / (x1 - x0))
    if words.rtl:
        left += width - fitted[0]
    width, height = fitted
    page_width, page_height = figure.get_size_inches()
    ax = figure.add_axes((left / page_width, (top - height) / page_height, width / page_width, height / page_height))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_facecolor(palette["sea"])
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color(palette["text"])
    shapes = countries.geometry.simplify(1.5 * metres_per_point(ax))
    colours = [palette["inset_focus"] if name == focus else palette["land"] for name in countries["name"]]
    ax.add_collection(
        PathCollection(
            [polygon_path(g) for g in shapes], facecolors=colours, edgecolors=palette["inset_edge"], linewidths=0.4
        ),
        autolim=False,
    )
    for zorder, (geometry, colour, line_width) in enumerate(outlines, start=3):
        ax.add_collection(
            PathCollection(
                [polygon_path(geometry)], facecolors="none", edgecolors=colour, linewidths=line_width, zorder=zorder
            ),
            autolim=False,
        )
    requests = country_label_requests(countries, ax, 6.0, words)
    view = ax.get_window_extent().extents * (72.0 / figure.dpi)
    located = data_to_points(ax, *shapely.get_coordinates(outlines[-1][0]).T)
    obstacles = np.array([[*located.min(axis=0), *located.max(axis=0)]])
    for placement in place_labels(requests, view, obstacles):
        request = placement.request
        ax.annotate(
            request.text,
            (request.x, request.y),
            xycoords="figure points",
            ha="center",
            va="center",
            fontsize=request.size,
            fontweight=request.weight,
            color=palette["text"],
            zorder=10,
        )
    return ax
