"""The folium map of the manifest: one feature group per layer (drawn by the client for the chosen date with
the styles geo.model.style resolved), the offline base map, optional online tiles, the date panel, the toolbar, the
layer panel with the legend, place search, "What changed", "Download", scale bar, fullscreen button and mouse
coordinates; and the client's settings, with every text of the page in every language (webmap.i18n)."""

from __future__ import annotations

import bisect
import datetime as dt
import html
import json
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd

from geo.model.basemap import LOCATOR
from geo.model.catalog import Catalog
from geo.model.layer import recent_until
from geo.model.manifest import LayerSpec, Manifest
from geo.model.mapdata import MapData
from geo.model.style import (
    FADED_OPACITY,
    OTHERWISE,
    QUALITY_SYMBOL,
    UNCERTAINTY_SYMBOL,
    UNCERTAINTY_SYMBOL_RADIUS,
    legend_entries,
    quality_legend,
    quality_symbol,
    shows_uncertainty,
)
from geo.model.symbols import (
    MARKER_BOX,
    MARKERS,
    RING_DASH,
    RING_RADIUS,
    RING_WIDTH,
    UNCERTAINTY_DASH,
    UNCERTAINTY_FILL_OPACITY,
    UNCERTAINTY_WIDTH,
    marker_box,
    svg_path,
)
from webmap.controls import (
    BaseMap,
    ChangesPanel,
    DatePanel,
    DownloadPanel,
    Fullscreen,
    LayerPanel,
    MapApp,
    MousePosition,
    Notice,
    PlaceSearch,
    Toolbar,
    WebglScripts,
)
from webmap.document import Page, RenderedPage, SituationMap
from webmap.i18n import english, languages, messages, style_key

__all__ = ["build_page", "OnlineTiles"]

#: The panels the toolbar opens and closes, in its order: the date panel and the search fold only on a phone or
#: tablet ("compact"), the others everywhere.
PANELS = [
    {"id": "date-panel", "key": "toolbar.date", "fold": "compact"},
    {"id": "layer-panel", "key": "toolbar.layers", "fold": "always"},
    {"id": "place-search", "key": "toolbar.search", "fold": "compact"},
    {"id": "changes-panel", "key": "toolbar.changes", "fold": "always"},
    {"id": "download-panel", "key": "toolbar.download", "fold": "always"},
]

#: How each geometry type is drawn in the legend.
_SYMBOL_KINDS = {
    "Polygon": "area",
    "MultiPolygon": "area",
    "LineString": "line",
    "MultiLineString": "line",
    "Point": "point",
    "MultiPoint": "point",
}


@dataclass(frozen=True)
class OnlineTiles:
    """The optional online background, off by default: the map works without it."""

    url: str
    label: str
    attribution: str

    @classmethod
    def of(cls, manifest: Manifest) -> OnlineTiles:
        """The tiles the manifest's [map.online_tiles] names (in its first language: the page translates the
        label)."""
        table = manifest.map["online_tiles"]
        return cls(url=table["url"], label=table["label"], attribution=table["attribution"])

    @property
    def origin(self) -> str:
        """scheme://host of the tiles, for the Content-Security-Policy."""
        scheme, _, rest = self.url.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}"


def build_page(data: MapData, embedded: bool) -> RenderedPage:
    """Render the map: with `embedded`, the client reads the features from data.js instead of the server, and the
    printed maps it offers from prints.js (webmap.site)."""
    catalog = data.catalog
    manifest = catalog.manifest
    online = OnlineTiles.of(manifest)
    page = Page(title=manifest.map["title"], scripts=["data.js", "prints.js", "map.js"] if embedded else ["map.js"])
    situation = SituationMap(manifest.map["extent"], manifest.map["basemap_extent"]).add_to(page)
    basemap = _basemap(data)
    base_map = BaseMap(
        {part: json.loads(frame.to_json(drop_id=True)) for part, frame in basemap.items()},
        _basemap_labels(basemap),
        html.escape(manifest.map["attribution"]),
    ).add_to(situation)
    tiles = folium.TileLayer(
        online.url,
        attr=html.escape(online.attribution),
        name=online.label,
        overlay=True,
        control=False,
        show=False,
        pane="online",
    ).add_to(situation)
    groups = {
        spec.id: folium.FeatureGroup(name=spec.title, control=False, show=False).add_to(situation)
        for spec in manifest.layers
    }
    DatePanel(manifest.map["title"], languages(manifest)).add_to(situation)
    Notice().add_to(situation)
    PlaceSearch().add_to(situation)
    Toolbar(PANELS).add_to(situation)
    LayerPanel(
        layers=[_panel_layer(catalog, spec) for spec in reversed(manifest.layers)],
        qualities=[
            {"name": name, "label": label, "style": quality_symbol(overrides)}
            for name, label, overrides in quality_legend(manifest)
        ],
        quality_style=QUALITY_SYMBOL,
        quality_shape=svg_path(QUALITY_SYMBOL["marker"]),
        uncertainty=_uncertainty_symbol(catalog),
        marker_box=MARKER_BOX,
        ring=_ring(),
        online_label=online.label,
    ).add_to(situation)
    ChangesPanel().add_to(situation)
    DownloadPanel().add_to(situation)
    if any(spec.renderer == "webgl" for spec in manifest.layers):
        WebglScripts().add_to(situation)
    fullscreen = Fullscreen(
        position="bottomleft", title=english("map.fullscreen"), title_cancel=english("map.leave_fullscreen")
    ).add_to(situation)
    pointer = MousePosition(
        position="bottomright",
        separator=" ",
        empty_string=english("map.pointer"),
        lat_formatter="function (n) { return Math.abs(n).toFixed(4) + (n < 0 ? '° S' : '° N'); }",
        lng_formatter="function (n) { return Math.abs(n).toFixed(4) + (n < 0 ? '° W' : '° E'); }",
    ).add_to(situation)
    controls = {"fullscreen": fullscreen, "pointer": pointer}
    MapApp(groups, tiles, base_map, controls, _client_config(catalog, embedded)).add_to(situation)
    return page.render_parts()


def _client_config(catalog: Catalog, embedded: bool) -> dict[str, Any]:
    """What the client needs beyond the page's markup: where the features come from ("api": data/<id>.json;
    "embedded": data.js), the bounds to show first, the layers in drawing order (with, for a layer of news, the day
    each feature stops being recent news; the numbers its sources give; the property of its things' states; for a layer
    imported from a dataset, the dataset's terms and citation), the
    key dates, the default date (the
    last key date), the quality labels for popups (in English: the page puts in its language's), the marker shapes,
    how a point's uncertainty circle is drawn, the label ranks, the base map's colours, the languages and every text
    in each, the stem of the files it saves;
    the static copy also gets what changed since each key date (changes)."""
    manifest = catalog.manifest
    timeline = catalog.timeline()
    west, south, east, north = manifest.map["extent"]
    return {
        "source": "embedded" if embedded else "api",
        "fileStem": manifest.map["file_stem"],
        "bounds": [[south, west], [north, east]],
        "layers": [
            {
                "id": s.id,
                "title": s.title,
                "gazetteer": s.gazetteer,
                "labelRank": s.label_rank,
                "renderer": s.renderer,
                "filters": list(s.filters),
                "whenAbsent": s.when_absent,
                "recentUntil": _recent_until(catalog, s),
                "styleChoices": [choice["property"] for choice in s.style_choices],
                "sourcedNumbers": list(s.sourced_numbers),
                "stateProperty": s.state_property,
                "credit": s.credit if s.feed else None,
            }
            for s in manifest.layers
        ],
        "keyDates": [entry.to_json() for entry in timeline],
        "defaultDate": (timeline[-1].date if timeline else dt.date.today()).isoformat(),
        "qualities": {name: label for name, label, _ in quality_legend(manifest)},
        "markers": {name: svg_path(name) for name in MARKERS},
        "markerBox": MARKER_BOX,
        "ring": _ring(),
        "uncertainty": _uncertainty(),
        "fadedOpacity": FADED_OPACITY,
        "labelRanks": manifest.map.get("label_ranks", []),
        "basemap": manifest.basemap,
        "languages": languages(manifest),
        "messages": _with_search_example(catalog, messages(manifest)),
        "changes": _changes_since_key_dates(catalog) if embedded else None,
    }


def _uncertainty() -> dict[str, Any]:
    """How the circle of a point's uncertainty_m is drawn (geo.model.symbols): line width and dash (pixels), fill."""
    return {
        "width": UNCERTAINTY_WIDTH,
        "dash": " ".join(map(str, UNCERTAINTY_DASH)),
        "fillOpacity": UNCERTAINTY_FILL_OPACITY,
    }


def _uncertainty_symbol(catalog: Catalog) -> dict[str, Any] | None:
    """The legend's symbol of a point in the circle of its uncertainty (geo.model.style.UNCERTAINTY_SYMBOL): the dot's
    style and shape, the circle's radius (pixels) and the look of the map's circle; None where no point of the map, on
    any date, has a circle to explain."""
    if not shows_uncertainty(f for layer in catalog for f in layer.features):
        return None
    return {
        "style": UNCERTAINTY_SYMBOL,
        "shape": svg_path(UNCERTAINTY_SYMBOL["marker"]),
        "radius": UNCERTAINTY_SYMBOL_RADIUS,
        **_uncertainty(),
    }


def _ring() -> dict[str, Any]:
    """How a marker's ring is drawn (geo.model.symbols): its radius (in the marker's radius), the box a ringed
    marker is drawn in, its width and a broken ring's dash (pixels)."""
    return {
        "radius": RING_RADIUS,
        "box": marker_box("solid"),
        "width": RING_WIDTH,
        "dash": " ".join(map(str, RING_DASH)),
    }


def _recent_until(catalog: Catalog, spec: LayerSpec) -> dict[str, str] | None:
    """For a layer with recent_days (news, or periods that end), feature id -> the first day it is no longer
    recent, and drawn faded (geo.model.layer.recent_until); None for another layer."""
    if spec.recent_days is None:
        return None
    return {
        f["properties"]["id"]: until.isoformat()
        for f in catalog[spec.id].features
        if (until := recent_until(spec, f["properties"])) is not None
    }


def _changes_since_key_dates(catalog: Catalog) -> dict[str, list[tuple[str, list[dict[str, Any]]]]]:
    """What changed since the previous key date, for the static copy, which has no server to ask (GET /api/diff):
    key date -> [(day, the changes from the key date to that day)] for every day on which the map changes up to
    the next key date (geo.model.catalog.Catalog.diff). A date D is answered by the last day listed on or before D
    under the last key date before D; none listed means nothing changed."""
    keys = sorted({entry.date for entry in catalog.timeline()})
    changes: dict[str, list[tuple[str, list[dict[str, Any]]]]] = {}
    for day in catalog.change_dates():
        index = bisect.bisect_left(keys, day) - 1
        if index >= 0:
            since = keys[index]
            found = [change.to_json() for change in catalog.diff(since, day)]
            changes.setdefault(since.isoformat(), []).append((day.isoformat(), found))
    return changes


def _panel_layer(catalog: Catalog, spec: LayerSpec) -> dict[str, Any]:
    """A layer's toggle and legend for the layer panel: a legend (`views`) for each way of styling it, the first the
    maps' own (its style_by) and then its style choices, each with its name where the reader chooses it (`property`,
    "" for the first; `choice` and the key of its text) and its legend lines."""
    features = catalog[spec.id].features
    ways = [spec.style_by] + list(spec.style_choices)
    return {
        "id": spec.id,
        "title": spec.title,
        "views": [
            {
                "property": style_by["property"] if index else "",
                "choice": style_by.get("choice") if style_by else None,
                "key": style_key(spec, style_by, "choice") if style_by and "choice" in style_by else None,
                "entries": [
                    _legend_line(spec, style_by, entry)
                    for entry in legend_entries(catalog.manifest, spec, features, style_by=style_by)
                ],
            }
            for index, style_by in enumerate(ways)
        ],
    }


def _legend_line(spec: LayerSpec, style_by: dict[str, Any] | None, entry: Any) -> dict[str, Any]:
    """One line of a layer's legend: its label and the key of its text, the kind of symbol and its style (a point's
    shape as SVG path data)."""
    return {
        "label": entry.label,
        "key": _legend_key(spec, style_by, entry.value),
        "kind": _SYMBOL_KINDS[entry.geometry],
        "style": entry.style,
        "shape": svg_path(entry.style["marker"]) if entry.geometry.endswith("Point") else None,
    }


def _legend_key(spec: LayerSpec, style_by: dict[str, Any] | None, value: Any) -> str | None:
    """The key of a legend line's text (webmap.i18n.manifest_texts): the layer's legend, or the label of a value
    (or of `otherwise`) of the way of styling it; None for a value the manifest gives no label (its line says
    "legend: value", in English)."""
    if value is None:
        return f"layer.{spec.id}.legend"
    if value == OTHERWISE:
        return style_key(spec, style_by, "otherwise")
    return style_key(spec, style_by, f"value.{value}") if "label" in style_by["values"].get(value, {}) else None


def _basemap(data: MapData) -> dict[str, gpd.GeoDataFrame]:
    """The base map parts cut to the map's own surroundings (the locator map's region is for static maps)."""
    return {part: frame for part, frame in data.basemap.items() if part != LOCATOR}


def _basemap_labels(basemap: dict[str, gpd.GeoDataFrame]) -> list[dict[str, Any]]:
    """A label inside each base map shape (country, province), at a point that lies within it."""
    return [
        {"part": part, "name": name, "lat": round(point.y, 4), "lng": round(point.x, 4)}
        for part, frame in basemap.items()
        for name, point in zip(frame["name"], frame.geometry.representative_point())
    ]


def _with_search_example(catalog: Catalog, texts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The page's texts with the search box's example, in each language, the name of the gazetteer's most important
    place (the first of its best label rank): a name the reader can find on this map."""
    places = [
        (f["properties"].get(layer.spec.label_rank or "", 0), index, f["properties"])
        for layer in catalog
        if layer.spec.gazetteer
        for index, f in enumerate(layer.features)
    ]
    if not places:
        return texts
    example = min(places, key=lambda place: (place[0], place[1]))[2]
    keys = {language.code: language.name_key for language in catalog.manifest.languages}
    return {
        code: {**words, "search.placeholder": str(example.get(keys[code]) or example["name"])}
        for code, words in texts.items()
    }
