"""The sheet of a static map of one date: the map of a view (the situation's frame, or a part of it) with its
graticule, scale bar and north arrow and its places labelled; beside it (landscape) or under it (portrait) an inset
locating the view, the latest key dates, the legend of what the view draws and the notes on where the sources
disagree; the title and subtitle above, the sources and licences below. The notes that do not fit continue on the
pages after the map's. Everything is written in one language of the situation, mirrored for one written right to left.

What the map says (features, title, key dates, disagreements) comes from the model (geo.model.catalog,
geo.model.captions, geo.model.wording); where each part goes is geo.staticmap.layout's; this module draws them.
The sheet is laid out at 72 dpi, so that its units are points; saving at any resolution rescales it whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patheffects import Stroke

from geo.model.captions import disagreements, map_title
from geo.model.catalog import Catalog
from geo.model.crs import crs_name
from geo.model.layer import feature_interval, is_recent
from geo.model.manifest import LayerSpec, Manifest
from geo.model.mapdata import MapData
from geo.model.style import feature_style, largest_flow
from geo.model.wording import Wording
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
from geo.staticmap.labels import LabelRequest, Placement, place_labels
from geo.staticmap.layers import Marker, draw_layer, marker_size
from geo.staticmap.layout import MARGIN, Box, Layout, lay_out
from geo.staticmap.legend import MapLegend, draw_legend, map_legend
from geo.staticmap.notes import NOTE_SIZE, NOTE_SPACING, fit_notes, note_texts
from geo.staticmap.paper import Paper
from geo.staticmap.projection import MapProjection
from geo.staticmap.typesetting import (
    FONT_FAMILY,
    MIN_SIZE,
    directed,
    line_height,
    measure,
    upright_unless_covered,
    wrap,
)

__all__ = ["RC", "Sheet", "legend_on", "map_pages", "map_figure"]

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

_KEY_DATES = 6  # how many of the latest key dates the panel lists
#: Type sizes (points): the title (as large as fits, down to the smaller), the subtitle, the panel's headings, the
#: key dates, the small print; and line spacings.
_TITLE_SIZES, _SUBTITLE_SIZE, _HEADING_SIZE, _KEY_DATE_SIZE = (19.0, 13.0), 11.0, 9.0, 6.8
_NOTES_HEADING_SIZE = 7.5
_SMALL_PRINT_SIZE, _SMALL_PRINT_SPACING = MIN_SIZE, 1.25
_TITLE_SPACING = 1.25
#: The legend's type size and columns, tried in turn until it fits its box.
_LEGEND_FITS = ((7.0, 2), (6.5, 2), (MIN_SIZE, 2), (MIN_SIZE, 3))
#: The notes on the pages after the map's: their size, and how many columns a landscape page sets them in.
_CONTINUED_SIZE, _CONTINUED_COLUMNS = 7.0, 2

_TEXT = "#1f1f1f"


@dataclass(frozen=True)
class Sheet:
    """What a static map shows, beyond its date: the layers `shown` (ids; None: every layer), the `view` [west, south,
    east, north] in degrees (None: the situation's frame), the `language` (a code of its manifest; None: the first)
    and the `paper`."""

    shown: Collection[str] | None = None
    view: tuple[float, float, float, float] | None = None
    language: str | None = None
    paper: Paper = field(default_factory=lambda: Paper("a4", "landscape"))


def legend_on(
    catalog: Catalog, date: dt.date, shown: Collection[str] | None = None, within: shapely.Geometry | None = None
) -> MapLegend:
    """The legend of the map of `date` with the layers `shown` (default: all) in the view `within` (a shape in
    degrees; default: the frame): an entry for each layer drawn, none for a layer with nothing drawn."""
    return map_legend(catalog.manifest, catalog.drawn_on(date, shown, within))


def _largest_flows(catalog: Catalog) -> dict[str, float]:
    """For each layer drawn as flows (a style with width_by), its largest value on any date: widths are on one
    scale for every map, so that maps of two dates compare."""
    largest = {layer.id: largest_flow(catalog.manifest, layer.spec, layer.features) for layer in catalog}
    return {layer_id: value for layer_id, value in largest.items() if value > 0}


def map_pages(inputs: MapData, date: dt.date, sheet: Sheet | None = None) -> list[Figure]:
    """The pages of the map of `date` as `sheet` says: the map's, then those the notes continue on (none when they
    fit)."""
    sheet = sheet or Sheet()
    words = Wording.of(inputs.catalog.manifest, sheet.language)
    with matplotlib.rc_context({**RC, "text.language": words.code}):
        return _Drawing(inputs, date, sheet, words).pages()


def map_figure(inputs: MapData, date: dt.date, sheet: Sheet | None = None) -> Figure:
    """The map's page of `date` (the first of map_pages)."""
    return map_pages(inputs, date, sheet)[0]


class _Drawing:
    """One map being drawn: its inputs and words, the pages so far, and how text is set on them."""

    def __init__(self, inputs: MapData, date: dt.date, sheet: Sheet, words: Wording):
        self.inputs, self.catalog, self.date, self.sheet, self.words = inputs, inputs.catalog, date, sheet, words
        self.size = sheet.paper.size

    # --- text -------------------------------------------------------------------------------------------------

    def text(self, figure: Figure, x: float, y: float, text: str, size: float, own: bool = True, **kw):
        """`text` with its first line's top at `y` and starting at `x` (inches: its left edge, or its right edge in a
        right-to-left sheet); `own` for a text in the sheet's language, which then runs in its direction whatever its
        first letter (a text of the data keeps its own)."""
        width, height = self.size
        rtl = self.words.rtl
        align = "right" if rtl else "left"
        return figure.text(
            x / width,
            y / height,
            directed(text, rtl and own),
            fontsize=size,
            ha=align,
            multialignment=align,
            va=kw.pop("va", "top"),
            color=kw.pop("color", _TEXT),
            **kw,
        )

    def along(self, x: float, offset: float) -> float:
        """The point `offset` inches from `x` in the reading direction."""
        return x - offset if self.words.rtl else x + offset

    # --- pages ------------------------------------------------------------------------------------------------

    def pages(self) -> list[Figure]:
        """The map's page, laid out for its paper, language and view, then the pages its notes continue on."""
        words, catalog = self.words, self.catalog
        frame = MapProjection.of(catalog.manifest)
        content = self.size[0] - 2 * MARGIN
        title, subtitle = map_title(catalog, self.date, words)
        # The title keeps clear of the corner where a map of several pages is numbered.
        numbered = measure(words("print.page", page=words.number(2), pages=words.number(2)), MIN_SIZE + 1)[0] + 12
        title_lines = self._title_lines(title, subtitle, content * 72 - numbered)
        title_height = sum(line_height(size, _TITLE_SPACING, weight) for _, size, weight in title_lines) / 72
        small_print = wrap(_small_print(catalog, frame, words), _SMALL_PRINT_SIZE, content * 72)
        small_print_height = (small_print.count("\n") + 1) * line_height(_SMALL_PRINT_SIZE, _SMALL_PRINT_SPACING) / 72
        layout = lay_out(
            self.size, self.sheet.paper.landscape, frame.aspect, title_height, small_print_height, words.rtl
        )
        projection = MapProjection.of(catalog.manifest, self.sheet.view).fitted(layout.map.width / layout.map.height)
        drawn = catalog.drawn_on(self.date, self.sheet.shown, projection.drawn)
        largest = _largest_flows(catalog)

        figure = Figure(figsize=self.size, dpi=72)
        self._title(figure, layout, title_lines)
        self.text(
            figure,
            layout.start(layout.small_print),
            layout.small_print.top,
            small_print,
            _SMALL_PRINT_SIZE,
            color="#555555",
            linespacing=_SMALL_PRINT_SPACING,
        )
        ax = figure.add_axes(self._fraction(layout.map))
        focus = self._draw_map(ax, projection, drawn, largest)
        self._inset(figure, layout, projection, focus)
        key_dates_bottom = self._key_dates(figure, layout)
        legend_box = layout.legend
        if layout.key_dates.left < legend_box.right and legend_box.left < layout.key_dates.right:
            # The key dates run above the legend's column (landscape): the legend starts below the longer of them and
            # the inset.
            legend_box = replace(legend_box, height=min(legend_box.top, key_dates_bottom - 0.2) - legend_box.bottom)
        legend_bottom = self._legend(figure, legend_box, map_legend(catalog.manifest, drawn, words.code), largest)
        notes = note_texts(disagreements(drawn, words), words)
        notes_box = replace(legend_box, height=legend_bottom - 0.2 - legend_box.bottom)
        left_over = self._notes(figure, layout, notes_box, notes)
        pages = [figure, *self._continued(title, notes[len(notes) - left_over :] if left_over else [])]
        for number, page in enumerate(pages, start=1):
            if len(pages) > 1:
                self._page_number(page, number, len(pages))
        return pages

    def _page_number(self, figure: Figure, number: int, pages: int) -> None:
        """ "Page 2 of 2" at the top of the page, at its end side (the right; the left in a right-to-left sheet)."""
        width, height = self.size
        end = MARGIN if self.words.rtl else width - MARGIN
        text = self.words("print.page", page=self.words.number(number), pages=self.words.number(pages))
        figure.text(
            end / width,
            (height - MARGIN) / height,
            directed(text, self.words.rtl),
            fontsize=MIN_SIZE + 1,
            ha="left" if self.words.rtl else "right",
            va="top",
            color="#555555",
        )

    def _fraction(self, box: Box) -> tuple[float, float, float, float]:
        width, height = self.size
        return box.left / width, box.bottom / height, box.width / width, box.height / height

    @staticmethod
    def _title_lines(title: str, subtitle: str, width: float) -> list[tuple[str, float, str]]:
        """The title block's lines (text, size, weight): the title as large as fits `width` points (down to
        _TITLE_SIZES[1], then wrapped), the subtitle wrapped."""
        largest, smallest = _TITLE_SIZES
        # (a little under the exact fit, so that rounding cannot push the last word onto a line of its own)
        size = max(smallest, min(largest, 0.98 * largest * width / max(measure(title, largest, "bold")[0], 1.0)))
        lines = [(line, size, "bold") for line in wrap(title, size, width, "bold").split("\n")]
        return lines + [(line, _SUBTITLE_SIZE, "normal") for line in wrap(subtitle, _SUBTITLE_SIZE, width).split("\n")]

    def _title(self, figure: Figure, layout: Layout, lines: list[tuple[str, float, str]]) -> None:
        y = layout.title.top
        for text, size, weight in lines:
            colour = _TEXT if weight == "bold" else "#333333"
            self.text(figure, layout.start(layout.title), y, text, size, fontweight=weight, color=colour)
            y -= line_height(size, _TITLE_SPACING, weight) / 72

    # --- the map ----------------------------------------------------------------------------------------------

    def _draw_map(
        self, ax: Axes, projection: MapProjection, drawn: dict[str, list], largest: dict[str, float]
    ) -> str | None:
        """The map panel: base map, graticule, layers in manifest order, scale bar, north arrow, labels.

        Returns the name of the focus country (the manifest's, or the one at the frame's centre), which the inset
        highlights too.
        """
        catalog, words = self.catalog, self.words
        x0, y0, x1, y1 = projection.bounds
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        parts = prepare_basemap(self.inputs.basemap, projection, shapely.box(x0, y0, x1, y1).buffer((x1 - x0) * 0.05))
        focus = focus_country(parts.countries, MapProjection.of(catalog.manifest), catalog.manifest.focus)
        draw_basemap(ax, parts, focus, catalog.manifest.basemap)
        draw_graticule(ax, projection, catalog.manifest.basemap, words)

        markers: list[Marker] = []
        projected = {}
        for order, layer in enumerate(catalog, start=1):
            if drawn[layer.id]:
                projected[layer.id] = projection.project(layer.to_geodataframe(drawn[layer.id]))
                markers += draw_layer(
                    ax,
                    catalog.manifest,
                    layer.spec,
                    projected[layer.id],
                    2 + order,
                    largest.get(layer.id, 0.0),
                    self.date,
                )

        reserved = [draw_scale_bar(ax, words, zorder=30)]
        reserved.append(draw_north_arrow(ax, projection, (0.955, 0.91), words("print.north_arrow"), zorder=30))
        cities, towns = self._place_requests(ax, drawn, projected)
        requests = cities + self._event_requests(ax, drawn, projected) + towns
        requests += country_label_requests(parts.countries, ax, 10.5, words)
        view = ax.get_window_extent().extents + np.array([3, 3, -3, -3])
        _draw_labels(ax, place_labels(requests, view, _obstacles(ax, markers, reserved)))
        return focus

    def _anchors(self, ax: Axes, spec: LayerSpec, features: list, points: gpd.GeoDataFrame) -> list[tuple]:
        """For each point feature of a layer inside the view: its properties, its position on the page (points) and
        how far a label must stay from it (its marker's radius and a little more)."""
        manifest = self.catalog.manifest
        positions = data_to_points(ax, points.geometry.x.to_numpy(), points.geometry.y.to_numpy())
        x0, y0, x1, y1 = ax.get_window_extent().extents * 72 / ax.get_figure().dpi
        return [
            (f["properties"], float(x), float(y), marker_size(feature_style(manifest, spec, f["properties"])) / 2 + 2.0)
            for f, (x, y) in zip(features, positions)
            if x0 <= x <= x1 and y0 <= y <= y1
        ]

    def _place_requests(
        self, ax: Axes, drawn: dict[str, list], projected: dict[str, gpd.GeoDataFrame]
    ) -> tuple[list[LabelRequest], list[LabelRequest]]:
        """Name labels of the gazetteer layers' places in the view, in the language, by their label rank, as
        (cities and towns, the others): the two first ranks are placed before the dated events, so that a view of a
        town crowded with events still names it; villages after them. Sizes and weights: the manifest's
        label_ranks."""
        fonts = {row["rank"]: (row["print_size"], row["weight"]) for row in self.catalog.manifest.map["label_ranks"]}
        rows = []
        for layer in self.catalog:
            points = projected.get(layer.id)
            if points is None or not layer.spec.gazetteer:
                continue
            rank = layer.spec.label_rank
            for properties, x, y, gap in self._anchors(ax, layer.spec, drawn[layer.id], points):
                rows.append((int(properties.get(rank, max(fonts))), self.words.name(properties), x, y, gap))
        cities: list[LabelRequest] = []
        others: list[LabelRequest] = []
        for rank, name, x, y, gap in sorted(rows):
            size, weight = fonts.get(rank, fonts[max(fonts)])
            (cities if rank in sorted(fonts)[:2] else others).append(LabelRequest(name, x, y, size, weight, gap=gap))
        return cities, others

    def _event_requests(
        self, ax: Axes, drawn: dict[str, list], projected: dict[str, gpd.GeoDataFrame]
    ) -> list[LabelRequest]:
        """Date labels for the point features in the view that are recent news on the date (geo.model.layer.is_recent:
        the layers with recent_days in the manifest), most recent first; italic where the font has italic letters
        for the language."""
        rows = []
        for layer in self.catalog:
            points = projected.get(layer.id)
            if layer.spec.recent_days is None or points is None or not points.geometry.geom_type.eq("Point").all():
                continue
            for properties, x, y, gap in self._anchors(ax, layer.spec, drawn[layer.id], points):
                if is_recent(layer.spec, properties, self.date):
                    start, end = feature_interval(properties)
                    label = self.words.period(start, end, properties.get("date_precision"))
                    rows.append((-start.toordinal(), x, y, gap, label))
        return [
            LabelRequest(text, x, y, 6.5, style=upright_unless_covered(text, "normal", "italic"), gap=gap)
            for _, x, y, gap, text in sorted(rows)
        ]

    # --- the panel --------------------------------------------------------------------------------------------

    def _inset(self, figure: Figure, layout: Layout, projection: MapProjection, focus: str | None) -> None:
        """The inset: for the whole frame, the region with the frame in red; for a view, the whole frame with the view
        in red, under a line saying so."""
        manifest, palette, box = self.catalog.manifest, self.catalog.manifest.basemap, layout.inset
        view = shapely.box(*projection.bounds)
        if self.sheet.view is None:
            region = projection.project(self.inputs.basemap["region"])
            place = (box.left, box.top, box.width, box.height)
            limits = tuple(region.total_bounds)
            draw_inset(figure, place, region, focus, limits, [(view, palette["frame"], 1.3)], palette, self.words)
            return
        frame = MapProjection.of(manifest)
        x0, y0, x1, y1 = frame.bounds
        limits = shapely.box(x0, y0, x1, y1).buffer((x1 - x0) * 0.06, join_style="mitre")
        countries = prepare_basemap(self.inputs.basemap, frame, limits).countries
        caption = self.words("print.inset_view")
        self.text(figure, layout.start(box), box.top, caption, 6.5, color="#555555")
        room = line_height(6.5, 1.4) / 72
        outlines = [(frame.outline, palette["inset_edge"], 0.8), (view, palette["frame"], 1.3)]
        draw_inset(
            figure,
            (box.left, box.top - room, box.width, box.height - room),
            countries,
            focus,
            limits.bounds,
            outlines,
            palette,
            self.words,
        )

    def _legend(self, figure: Figure, box: Box, legend: MapLegend, largest: dict[str, float]) -> float:
        """The legend at the top of `box`, in the largest type and the fewest columns with which it fits (down to
        MIN_SIZE); returns where it ends (inches from the foot of the page)."""
        ax = figure.add_axes(self._fraction(box))
        ax.set_axis_off()
        renderer = FigureCanvasAgg(figure).get_renderer()
        for size, columns in _LEGEND_FITS:
            drawn = draw_legend(ax, legend, largest, self.words, size, columns)
            bottom = min((c.get_window_extent(renderer).y0 / figure.dpi for c in drawn), default=box.top)
            if bottom >= box.bottom or (size, columns) == _LEGEND_FITS[-1]:
                return bottom
            for column in drawn:
                column.remove()
        raise AssertionError("unreachable")

    def _key_dates(self, figure: Figure, layout: Layout) -> float:
        """The latest key dates up to the map's date (at most _KEY_DATES, as many as fit their box), oldest first, the
        map's own date in bold: dates in one column, what happened in the next. Returns where they end (inches from
        the foot of the page)."""
        words, box, size, spacing = self.words, layout.key_dates, _KEY_DATE_SIZE, 1.2
        start = layout.start(box)
        self.text(figure, start, box.top, words("maps.key_dates"), _HEADING_SIZE, fontweight="bold")
        entries = [entry for entry in self.catalog.timeline() if entry.date <= self.date][-_KEY_DATES:]
        y = box.top - 0.24
        if not entries:
            self.text(figure, start, y, words("print.none_yet"), size)
            return y - line_height(size, spacing) / 72
        column = max(measure(words.date(entry.date, "short"), size, "bold")[0] for entry in entries) / 72 + 0.1
        rows = []
        for entry in entries:
            weight = "bold" if entry.date == self.date else "normal"
            title = wrap(words.name(entry.names), size, (box.width - column) * 72, weight)
            height = (title.count("\n") + 1) * line_height(size, spacing, weight) / 72 + 0.07
            rows.append((entry, weight, title, height))
        while len(rows) > 1 and sum(height for *_, height in rows) > y - box.bottom:
            rows.pop(0)  # the oldest gives way
        for entry, weight, title, height in rows:
            own = words.language.name_key in entry.names
            self.text(figure, start, y, words.date(entry.date, "short"), size, fontweight=weight)
            self.text(figure, self.along(start, column), y, title, size, own, fontweight=weight, linespacing=spacing)
            y -= height
        return y

    def _notes(self, figure: Figure, layout: Layout, box: Box, notes: list[str]) -> int:
        """As many notes as fit in `box` (inches), under their heading, and the line saying where the rest continue;
        returns how many are left over."""
        if not notes:
            return 0
        words, step = self.words, line_height(NOTE_SIZE, NOTE_SPACING) / 72
        heading = words("print.disputes", disputes=words("maps.disputes"), drawn=words("maps.drawn"))
        below_heading = line_height(_NOTES_HEADING_SIZE, 1.4, "bold") / 72
        lines = int((box.height - below_heading) // step)
        if lines < 2:  # no room under the legend: every note goes on the next page, which the page number announces
            return len(notes)
        fitted = fit_notes(notes, box.width * 72, lines, keep=1)
        start = layout.start(box)
        self.text(figure, start, box.top, heading, _NOTES_HEADING_SIZE, fontweight="bold")
        continued = [words("print.continued", count=words.number(fitted.left_over))] if fitted.left_over else []
        text = "\n".join(fitted.lines + continued)
        top = box.top - below_heading
        self.text(figure, start, top, text, NOTE_SIZE, linespacing=NOTE_SPACING)
        return fitted.left_over

    def _continued(self, title: str, notes: list[str]) -> list[Figure]:
        """The pages the notes left over continue on: the title, the heading and the notes in columns (two on a
        landscape page), and the page's number."""
        if not notes:
            return []
        words, (width, height) = self.words, self.size
        columns, gap = (_CONTINUED_COLUMNS if self.sheet.paper.landscape else 1), 0.3
        column_width = (width - 2 * MARGIN - gap * (columns - 1)) / columns
        heading = words("print.disputes_continued", disputes=words("maps.disputes"), drawn=words("maps.drawn"))
        below_title = height - MARGIN - line_height(_HEADING_SIZE + 4, _TITLE_SPACING, "bold") / 72
        top = below_title - line_height(_HEADING_SIZE, 1.6, "bold") / 72
        step = line_height(_CONTINUED_SIZE, NOTE_SPACING) / 72
        capacity = int((top - MARGIN - 2 * step) // step)
        filled: list[list[str]] = []
        while notes:
            fitted = fit_notes(notes, column_width * 72, capacity, _CONTINUED_SIZE)
            taken = len(notes) - fitted.left_over
            if not taken:  # a note longer than a whole column: it takes one, cut
                fitted, taken = fit_notes(notes[:1], column_width * 72, 10**6, _CONTINUED_SIZE), 1
            filled.append(fitted.lines[:capacity])
            notes = notes[taken:]
        pages = [filled[i : i + columns] for i in range(0, len(filled), columns)]
        start = width - MARGIN if words.rtl else MARGIN
        figures = []
        for page_columns in pages:
            figure = Figure(figsize=self.size, dpi=72)
            self.text(figure, start, height - MARGIN, title, _HEADING_SIZE + 4, fontweight="bold")
            self.text(figure, start, below_title, heading, _HEADING_SIZE, fontweight="bold")
            for index, lines in enumerate(page_columns):
                x = self.along(start, index * (column_width + gap))
                self.text(figure, x, top, "\n".join(lines), _CONTINUED_SIZE, linespacing=NOTE_SPACING)
            figures.append(figure)
        return figures


def _obstacles(ax: Axes, markers: list[Marker], reserved: list[tuple[float, float, float, float]]) -> np.ndarray:
    """Boxes (points) labels must keep clear of: every marker drawn, and the reserved boxes (axes fraction)."""
    boxes = [ax.transAxes.transform([(left, bottom), (right, top)]).ravel() for left, bottom, right, top in reserved]
    if markers:
        centres = data_to_points(ax, np.array([m.x for m in markers]), np.array([m.y for m in markers]))
        radii = np.array([m.radius for m in markers])[:, None]
        boxes.extend(np.column_stack([centres - radii, centres + radii]))
    return np.array(boxes).reshape(-1, 4)


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


def _small_print(catalog: Catalog, projection: MapProjection, words: Wording) -> str:
    """Under the map: what the map shows, how its computed layers are made, its projection, and the data's sources
    and licences, in the language (the manifest's methods and credits as it writes them where it has no
    translation). The same on every date and for every view, so that the map keeps its size from one to the next."""
    manifest: Manifest = catalog.manifest
    by_licence: dict[str, list[str]] = {}
    for spec in manifest.layers:
        by_licence.setdefault(spec.credit, []).append(spec.text("title", words.code))
    licences = words.join(
        [words("print.licence", layers=words.join(titles), licence=licence) for licence, titles in by_licence.items()],
        "clauses",
    )
    methods = " ".join(
        words("print.method", layer=spec.text("title", words.code), method=spec.text("method", words.code))
        for spec in manifest.layers
        if spec.method
    )
    recent = [
        words("print.recent", layer=spec.text("title", words.code), days=words.number(spec.recent_days))
        for spec in manifest.layers
        if spec.recent_days is not None
    ]
    sentences = [
        words("print.shows"),
        *recent,
        words("print.computed", methods=methods),
        words("print.projection", name=crs_name(projection.crs), crs=projection.crs),
        words.text(manifest.map, "attribution"),
        words("print.licences", licences=licences),
    ]
    return " ".join(sentences)
