"""The map's own folium elements, for what folium lacks: the offline base map, the date panel, the layer panel
with its legend, the place search and the start of the client. Each is a small class with a Jinja template, as
folium's plugins are; their markup is rendered (escaped) on the server and their script calls the map's own
scripts (webmap/static/js, namespace IdlibMap).

folium's fullscreen and mouse-position plugins are used as they are, with their files from node_modules.
"""

from __future__ import annotations

from typing import Any

import folium
from folium import plugins

from webmap.assets import asset_url
from webmap.document import PageElement, Template

__all__ = ["BaseMap", "DatePanel", "LayerPanel", "PlaceSearch", "MapApp", "Fullscreen", "MousePosition"]

_PANEL_SCRIPT = """
{% macro script(this, kwargs) %}
IdlibMap.panel({{ this._parent.get_name() }}, {{ this.element_id|tojson }}, {{ this.position|tojson }});
{% endmacro %}
"""


class BaseMap(PageElement):
    """The offline background: the base map parts (GeoJSON by name), their labels ({part, name, lat, lng})
    and the attribution (HTML, escaped by the caller); MapApp draws it under every layer, in the manifest's
    [basemap] colours."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {
          parts: {{ this.parts|tojson }},
          labels: {{ this.labels|tojson }},
          attribution: {{ this.attribution|tojson }}
        };
        {% endmacro %}
        """
    )

    def __init__(self, parts: dict[str, Any], labels: list[dict[str, Any]], attribution: str):
        super().__init__()
        self._name = "BaseMap"
        self.parts = parts
        self.labels = labels
        self.attribution = attribution


class DatePanel(PageElement):
    """The map's title, the date input (labelled "Date"), previous/next key date buttons, a notice line, and
    the list of key dates, which the client fills from its settings (keyDates)."""

    element_id = "date-panel"
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <section id="{{ this.element_id }}" class="idl-panel date-panel" aria-labelledby="map-title">
          <h1 id="map-title">{{ this.title }}</h1>
          <p id="date-caption" class="date-caption"></p>
          <div class="date-row">
            <label for="date-input">Date</label>
            <input type="date" id="date-input" required>
          </div>
          <div class="step-row">
            <button type="button" id="previous-date">&lsaquo; Previous key date</button>
            <button type="button" id="next-date">Next key date &rsaquo;</button>
          </div>
          <p id="notice" class="notice" role="status" hidden></p>
          <h2>Key dates</h2>
          <ol class="key-dates"></ol>
        </section>
        {% endmacro %}
        """
        + _PANEL_SCRIPT
    )

    def __init__(self, title: str, position: str = "topleft"):
        super().__init__()
        self._name = "DatePanel"
        self.title = title
        self.position = position


class LayerPanel(PageElement):
    """One on/off checkbox per layer, labelled with its title, above the layer's legend lines; then how the
    geometry quality is drawn; then the optional online background.

    `layers`: {id, title, entries: [{label, kind (area | line | point), style, shape}]} top layer first;
    `qualities`: {label, style} per geometry quality; `marker_box`: see webmap.symbols.
    """

    element_id = "layer-panel"
    _template = Template(
        """
        {% macro hatch(id, s) -%}
        <pattern id="{{ id }}" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">
          <rect class="hatch-tint" width="7" height="7" fill="{{ s.fill_color }}" fill-opacity="{{ s.fill_opacity }}"/>
          <line class="hatch-line" x1="1" y1="0" x2="1" y2="7" stroke="{{ s.color }}" stroke-width="2"
                stroke-opacity="0.75"/>
        </pattern>
        {%- endmacro %}

        {% macro dash(s) %}{% if s.dash %} stroke-dasharray="{{ s.dash }}"{% endif %}{% endmacro %}

        {% macro area(s) -%}
        <svg class="symbol" width="30" height="22" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          <rect x="3" y="4" width="24" height="14" rx="1"
                fill="{{ 'url(#legend-hatch)' if s.hatch else s.fill_color }}"
                fill-opacity="{{ 1 if s.hatch else s.fill_opacity }}" stroke="{{ s.color }}"
                stroke-opacity="{{ s.opacity }}" stroke-width="{{ [s.weight, 3]|min }}"{{ dash(s) }}/>
        </svg>
        {%- endmacro %}

        {% macro line(s) -%}
        <svg class="symbol" width="30" height="22" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          <line x1="4" y1="11" x2="26" y2="11" stroke="{{ s.color }}" stroke-opacity="{{ s.opacity }}"
                stroke-width="{{ [s.weight, 8]|min }}" stroke-linecap="round"{{ dash(s) }}/>
        </svg>
        {%- endmacro %}

        {% macro point(s, shape, box) -%}
        {%- set size = [2 * box * s.radius, 22]|min %}
        <svg class="symbol" width="30" height="22" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          <svg x="{{ 15 - size / 2 }}" y="{{ 11 - size / 2 }}" width="{{ size }}" height="{{ size }}"
               viewBox="{{ -box }} {{ -box }} {{ 2 * box }} {{ 2 * box }}">
            <path d="{{ shape }}" fill="{{ s.fill_color }}" fill-opacity="{{ s.marker_fill_opacity }}"
                  stroke="{{ s.color }}" stroke-width="1.5" vector-effect="non-scaling-stroke"{{ dash(s) }}/>
          </svg>
        </svg>
        {%- endmacro %}

        {% macro html(this, kwargs) %}
        <section id="{{ this.element_id }}" class="idl-panel layer-panel" aria-labelledby="layers-heading">
          <svg class="svg-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>
            {{ hatch("hatch-template", this.quality_style) }}
            {{ hatch("legend-hatch", this.quality_style) }}
          </defs></svg>
          <h2 id="layers-heading">Layers</h2>
          <ul class="layer-list">
            {%- for layer in this.layers %}
            <li class="layer-item" data-layer="{{ layer.id }}">
              <label class="layer-toggle"><input type="checkbox" value="{{ layer.id }}" checked><span>
                {{- layer.title -}}</span></label>
              <ul class="legend">
                {%- for entry in layer.entries %}
                <li>{% if entry.kind == "area" %}{{ area(entry.style) }}{% elif entry.kind == "line" %}
                  {{- line(entry.style) }}{% else %}{{ point(entry.style, entry.shape, this.marker_box) }}{% endif %}
                  <span>{{ entry.label }}</span></li>
                {%- endfor %}
              </ul>
            </li>
            {%- endfor %}
          </ul>
          <h3>How exact a position is</h3>
          <ul class="legend qualities">
            {%- for quality in this.qualities %}
            <li>{{ area(quality.style) }}{{ point(quality.style, this.quality_shape, this.marker_box) }}
              <span>{{ quality.label }}</span></li>
            {%- endfor %}
          </ul>
          <h3>Background</h3>
          <label class="layer-toggle"><input type="checkbox" id="online-tiles"><span>
            {{- this.online_label -}}</span></label>
        </section>
        {% endmacro %}
        """
        + _PANEL_SCRIPT
    )

    def __init__(
        self,
        layers: list[dict[str, Any]],
        qualities: list[dict[str, Any]],
        quality_style: dict[str, Any],
        quality_shape: str,
        marker_box: float,
        online_label: str,
        position: str = "topright",
    ):
        super().__init__()
        self._name = "LayerPanel"
        self.layers = layers
        self.qualities = qualities
        self.quality_style = quality_style
        self.quality_shape = quality_shape
        self.marker_box = marker_box
        self.online_label = online_label
        self.position = position


class PlaceSearch(PageElement):
    """A search box over the names of the gazetteer layers' features, answered in the browser (no geocoder)."""

    element_id = "place-search"
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <form id="{{ this.element_id }}" class="idl-panel place-search" role="search">
          <label for="place-input">Find a place</label>
          <input type="search" id="place-input" list="place-names" autocomplete="off" placeholder="Saraqib">
          <datalist id="place-names"></datalist>
        </form>
        {% endmacro %}
        """
        + _PANEL_SCRIPT
    )

    def __init__(self, position: str = "topright"):
        super().__init__()
        self._name = "PlaceSearch"
        self.position = position


class MapApp(PageElement):
    """Starts the client: the layers' feature groups by id, the optional online tiles, the base map, and the
    settings (webmap.mapbuild builds them)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        IdlibMap.start({{ this._parent.get_name() }}, {
          groups: {
            {%- for layer_id, group in this.groups.items() %}
            {{ layer_id|tojson }}: {{ group.get_name() }},
            {%- endfor %}
          },
          tiles: {{ this.tiles.get_name() }},
          basemap: {{ this.basemap.get_name() }},
          config: {{ this.config|tojson }}
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        groups: dict[str, folium.FeatureGroup],
        tiles: folium.TileLayer,
        basemap: BaseMap,
        config: dict[str, Any],
    ):
        super().__init__()
        self._name = "MapApp"
        self.groups = groups
        self.tiles = tiles
        self.basemap = basemap
        self.config = config


class Fullscreen(plugins.Fullscreen):
    """folium's fullscreen button, with leaflet.fullscreen from node_modules."""

    default_js = [("Control.Fullscreen.js", asset_url("leaflet.fullscreen/Control.FullScreen.js"))]
    default_css = [("Control.FullScreen.css", asset_url("leaflet.fullscreen/Control.FullScreen.css"))]


class MousePosition(plugins.MousePosition):
    """folium's mouse coordinates, with Leaflet.MousePosition from node_modules (npm leaflet-mouse-position)."""

    default_js = [("Control_MousePosition_js", asset_url("leaflet-mouse-position/L.Control.MousePosition.js"))]
    default_css = [("Control_MousePosition_css", asset_url("leaflet-mouse-position/L.Control.MousePosition.css"))]
