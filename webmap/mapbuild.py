"""The folium map of the manifest: one feature group per layer (drawn by the client for the chosen date with
the styles geo.model.style resolved), the offline base map, optional online tiles, the date panel, the layer panel
with the legend, place search, scale bar, fullscreen button and mouse coordinates."""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd

from geo.model.basemap import BASEMAP_PARTS
from geo.model.catalog import Catalog
from geo.model.manifest import LayerSpec, Manifest
from geo.model.mapdata import MapData
from geo.model.style import QUALITY_SYMBOL, legend_entries, quality_legend, quality_symbol
from geo.model.symbols import MARKER_BOX, MARKERS, svg_path
from webmap.controls import BaseMap, DatePanel, Fullscreen, LayerPanel, MapApp, MousePosition, PlaceSearch
from webmap.document import Page, RenderedPage, SituationMap

__all__ = ["build_page", "OnlineTiles"]

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
        """The tiles the manifest's [map.online_tiles] names."""
        return cls(**manifest.map["online_tiles"])

    @property
    def origin(self) -> str:
        """scheme://host of the tiles, for the Content-Security-Policy."""
        scheme, _, rest = self.url.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}"


def build_page(data: MapData, embedded: bool) -> RenderedPage:
    """Render the map: with `embedded`, the client reads the features from data.js instead of the server."""
    catalog = data.catalog
    manifest = catalog.manifest
    online = OnlineTiles.of(manifest)
    page = Page(title=manifest.map["title"], scripts=["data.js", "map.js"] if embedded else ["map.js"])
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
    DatePanel(manifest.map["title"]).add_to(situation)
    PlaceSearch().add_to(situation)
    LayerPanel(
        layers=[_panel_layer(catalog, spec) for spec in reversed(manifest.layers)],
        qualities=[
            {"label": label, "style": quality_symbol(overrides)} for _, label, overrides in quality_legend(manifest)
        ],
        quality_style=QUALITY_SYMBOL,
        quality_shape=svg_path(QUALITY_SYMBOL["marker"]),
        marker_box=MARKER_BOX,
        online_label=online.label,
    ).add_to(situation)
    Fullscreen(position="bottomleft", title="Show the map full screen", title_cancel="Leave full screen").add_to(
        situation
    )
    MousePosition(
        position="bottomright",
        separator=" ",
        empty_string="Move the pointer over the map for its coordinates",
        lat_formatter="function (n) { return Math.abs(n).toFixed(4) + (n < 0 ? '° S' : '° N'); }",
        lng_formatter="function (n) { return Math.abs(n).toFixed(4) + (n < 0 ? '° W' : '° E'); }",
    ).add_to(situation)
    MapApp(groups, tiles, base_map, _client_config(catalog, embedded)).add_to(situation)
    return page.render_parts()


def _client_config(catalog: Catalog, embedded: bool) -> dict[str, Any]:
    """What the client needs beyond the page's markup: where the features come from ("api": data/<id>.json;
    "embedded": data.js), the bounds to show first, the layers in drawing order, the key dates, the default date
    (the last key date), the quality labels for popups, the marker shapes, the label ranks and the base map's
    colours."""
    manifest = catalog.manifest
    timeline = catalog.timeline()
    west, south, east, north = manifest.map["extent"]
    return {
        "source": "embedded" if embedded else "api",
        "bounds": [[south, west], [north, east]],
        "layers": [
            {
                "id": s.id,
                "title": s.title,
                "gazetteer": s.gazetteer,
                "labelRank": s.label_rank,
                "renderer": s.renderer,
                "whenAbsent": s.when_absent,
            }
            for s in manifest.layers
        ],
        "keyDates": [entry.to_json() for entry in timeline],
        "defaultDate": (timeline[-1].date if timeline else dt.date.today()).isoformat(),
        "qualities": {name: label for name, label, _ in quality_legend(manifest)},
        "markers": {name: svg_path(name) for name in MARKERS},
        "markerBox": MARKER_BOX,
        "labelRanks": manifest.map.get("label_ranks", []),
        "basemap": manifest.basemap,
    }


def _panel_layer(catalog: Catalog, spec: LayerSpec) -> dict[str, Any]:
    """A layer's toggle and legend lines for the layer panel."""
    entries = legend_entries(catalog.manifest, spec, catalog[spec.id].features)
    return {
        "id": spec.id,
        "title": spec.title,
        "entries": [
            {
                "label": entry.label,
                "kind": _SYMBOL_KINDS[entry.geometry],
                "style": entry.style,
                "shape": svg_path(entry.style["marker"]) if entry.geometry.endswith("Point") else None,
            }
            for entry in entries
        ],
    }


def _basemap(data: MapData) -> dict[str, gpd.GeoDataFrame]:
    """The base map parts cut to the map's own surroundings (the locator map's region is for static maps)."""
    return {part: frame for part, frame in data.basemap.items() if not BASEMAP_PARTS[part].locator}


def _basemap_labels(basemap: dict[str, gpd.GeoDataFrame]) -> list[dict[str, Any]]:
    """A label inside each base map shape (country, province), at a point that lies within it."""
    return [
        {"part": part, "name": name, "lat": round(point.y, 4), "lng": round(point.x, 4)}
        for part, frame in basemap.items()
        for name, point in zip(frame["name"], frame.geometry.representative_point())
    ]
