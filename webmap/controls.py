"""The map's own folium elements, for what folium lacks: the offline base map, the date panel (with playback and the
language switch), the toolbar that folds the panels, the layer panel with its legend, the place search, the "What
changed" and "Download" panels, and the start of the client. Each is a small class with a Jinja template, as
folium's plugins are; their markup is rendered (escaped) on the server and their script calls the map's own
scripts (webmap/static/js: IdlibMap is the app's entry point, app.js, as map.js imports it; see webmap.document).
Each says only what is its own (its element's id, its template, its fields): _AppElement names it and makes its
constructor from its fields, _Panel adds the column of the page it goes in.

The markup is in English. Every text the page translates carries its key (data-i18n="date.label", see
webmap/i18n.py) and the page puts in the words of the language it shows; words(key) writes such a text.

folium's fullscreen and mouse-position plugins are used as they are, with their files from node_modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import folium
from branca.element import MacroElement
from folium import plugins
from folium.elements import JSCSSMixin

from webmap.assets import DECK_PARTS, asset_url
from webmap.document import PageElement, Template
from webmap.i18n import english

__all__ = [
    "BaseMap",
    "DatePanel",
    "Notice",
    "Toolbar",
    "LayerPanel",
    "PlaceSearch",
    "ChangesPanel",
    "DownloadPanel",
    "MapApp",
    "Fullscreen",
    "MousePosition",
    "WebglScripts",
]

#: words(key): a page word in English, marked with its key for the page to translate.
_WORDS = '{%- macro words(key) %}<span data-i18n="{{ key }}">{{ t(key) }}</span>{% endmacro -%}\n'

#: Puts the element's markup in a column of the page's chrome: "start" (the date's side) or "end".
_PANEL_SCRIPT = """
{% macro script(this, kwargs) %}
IdlibMap.panel({{ this._parent.get_name() }}, {{ this.element_id|tojson }}, {{ this.side|tojson }});
{% endmacro %}
"""


def _panel_template(source: str) -> Template:
    """The template of a panel: its markup, with words(key) and t(key) for the page's words, and _PANEL_SCRIPT."""
    template = Template(_WORDS + source + _PANEL_SCRIPT)
    template.globals["t"] = english
    return template


#: An element's constructor, made from its annotated fields (in order; a default only at the end), as a
#: dataclass's: compared by identity, as folium's elements are.
_fields = dataclass(eq=False, repr=False)


@_fields
class _AppElement(PageElement):
    """An element of the page that gives the app its markup or data: named after its class (its variable in map.js
    is named after it), with the fields its subclass declares."""

    def __post_init__(self) -> None:
        super().__init__()
        self._name = type(self).__name__


@_fields
class _Panel(_AppElement):
    """A panel of the page: its markup, whose outer element has the id `element_id`, which the app puts in the
    chrome's column `side` ("start", the date's side, or "end"; _PANEL_SCRIPT)."""

    element_id: ClassVar[str]
    side: str = field(default="end", kw_only=True)


@_fields
class BaseMap(_AppElement):
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

    parts: dict[str, Any]
    labels: list[dict[str, Any]]
    attribution: str


@_fields
class DatePanel(_Panel):
    """The map's title and the language switch (one link per language, `languages`: {code, name} from
    webmap.i18n.languages), the date input (labelled "Date"), previous/next key date buttons, the "Play" button
    and its step (by key date or by week), and the list of key dates, which the client fills from its settings
    (keyDates)."""

    element_id = "date-panel"
    _template = _panel_template(
        """
        {% macro html(this, kwargs) %}
        <section id="{{ this.element_id }}" class="idl-panel date-panel" aria-labelledby="map-title">
          <h1 id="map-title" data-i18n="map.title">{{ this.title }}</h1>
          <nav class="languages" aria-label="{{ t('page.languages') }}" data-i18n-aria-label="page.languages">
            {%- for language in this.languages %}
            <a href="?lang={{ language.code }}" lang="{{ language.code }}" hreflang="{{ language.code }}"
               data-lang="{{ language.code }}">{{ language.name }}</a>
            {%- endfor %}
          </nav>
          <p id="date-caption" class="date-caption"></p>
          <div class="date-row">
            <label for="date-input">{{ words("date.label") }}</label>
            <input type="date" id="date-input" required>
          </div>
          <div class="step-row">
            <button type="button" id="previous-date"><span class="step-arrow" aria-hidden="true"></span>
              {{- words("date.previous") }}</button>
            <button type="button" id="next-date">{{ words("date.next") }}
              {#- #}<span class="step-arrow" aria-hidden="true"></span></button>
          </div>
          <div class="play-row">
            <button type="button" id="play" class="play"><span class="play-icon" aria-hidden="true"></span>
              {{- words("play.play") }}</button>
            <label for="play-step">{{ words("play.step") }}</label>
            <select id="play-step">
              <option value="key_dates" data-i18n="play.key_dates">{{ t("play.key_dates") }}</option>
              <option value="weeks" data-i18n="play.weeks">{{ t("play.weeks") }}</option>
            </select>
          </div>
          <h2>{{ words("maps.key_dates") }}</h2>
          <ol class="key-dates"></ol>
        </section>
        {% endmacro %}
        """
    )

    title: str
    languages: list[dict[str, str]]
    side: str = field(default="start", kw_only=True)


@_fields
class Notice(_Panel):
    """The line where the page tells the reader something (a role="status" region, shown once it has something to
    say): above the date panel on a wide screen, under the toolbar on a phone."""

    element_id = "notice"
    _template = _panel_template(
        """
        {% macro html(this, kwargs) %}
        <p id="{{ this.element_id }}" class="idl-panel notice" role="status" hidden></p>
        {% endmacro %}
        """
    )

    side: str = field(default="start", kw_only=True)


@_fields
class Toolbar(_Panel):
    """The buttons that open and close the panels, one at a time (webmap/static/js/folds.js). On a wide screen the
    date panel and the search stay open beside the map and only the others fold; on a phone or tablet every panel
    folds (their buttons are then shown too).

    `panels`: {id (of the panel's element), key (of its word), fold: "always" | "compact"} in toolbar order.
    """

    element_id = "toolbar"
    _template = _panel_template(
        """
        {% macro html(this, kwargs) %}
        <nav id="{{ this.element_id }}" class="idl-toolbar" aria-label="{{ t('page.panels') }}"
             data-i18n-aria-label="page.panels">
          {%- for panel in this.panels %}
          <button type="button" aria-controls="{{ panel.id }}" aria-expanded="false" data-fold="{{ panel.fold }}">
            {%- if panel.id == "date-panel" %}<span class="visually-hidden">{{ words(panel.key) }} </span>
            {#- #}<span class="toolbar-date"></span>{% else %}{{ words(panel.key) }}{% endif %}</button>
          {%- endfor %}
        </nav>
        {% endmacro %}
        """
    )

    panels: list[dict[str, str]]


@_fields
class LayerPanel(_Panel):
    """One on/off checkbox per layer, labelled with its title, and the layer's legend under it, which folds: open for a
    layer whose legend has more than one line, folded for one of a single line, whose symbol then stands beside its
    title (webmap/static/js/layerpanel.js folds them, and folds the legends further where the panel would scroll);
    for a layer with style choices, the choice of how it is styled, and a legend for each way; then how the geometry
    quality is drawn, and the circle round a point that has an uncertainty_m where one has (folding too); then the
    optional online background.

    `layers`: {id, title, views: [{property ("" for the maps' own style), choice, key, entries: [{label, key, kind
    (area | line | point), style, shape}]}]} top layer first; `qualities`: {name, label, style} per geometry quality;
    `uncertainty`: the symbol of the uncertainty circle ({style, shape of its dot, radius, width, dash, fillOpacity}),
    or None where no point has one; `marker_box` and `ring`: see geo.model.symbols. A legend line's `key` names its
    text for translation (webmap.i18n.manifest_texts).
    """

    element_id = "layer-panel"
    _template = _panel_template(
        """
        {% macro hatch(id, s) -%}
        <pattern id="{{ id }}" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
          <rect class="hatch-tint" width="8" height="8" fill="{{ s.fill_color }}" fill-opacity="{{ s.fill_opacity }}"/>
          <line class="hatch-line" x1="1" y1="0" x2="1" y2="8" stroke="{{ s.color }}" stroke-width="1"
                stroke-opacity="0.45"/>
        </pattern>
        {%- endmacro %}

        {% macro dash(s) %}{% if s.dash %} stroke-dasharray="{{ s.dash }}"{% endif %}{% endmacro %}

        {% macro area(s) -%}
        <svg class="symbol" width="28" height="19" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          <rect x="3" y="4" width="24" height="14" rx="1"
                fill="{{ 'url(#legend-hatch)' if s.hatch else s.fill_color }}"
                fill-opacity="{{ 1 if s.hatch else s.fill_opacity }}" stroke="{{ s.color }}"
                stroke-opacity="{{ s.opacity }}" stroke-width="{{ [s.weight, 3]|min }}"{{ dash(s) }}/>
        </svg>
        {%- endmacro %}

        {% macro line(s) -%}
        <svg class="symbol" width="28" height="19" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          <line x1="4" y1="11" x2="26" y2="11" stroke="{{ s.color }}" stroke-opacity="{{ s.opacity }}"
                stroke-width="{{ [s.weight, 8]|min }}" stroke-linecap="round"{{ dash(s) }}/>
        </svg>
        {%- endmacro %}

        {% macro marker(s, shape, box, ring) -%}
        {%- set box = ring.box if s.ring else box %}
        {%- set size = [2 * box * s.radius, 22]|min %}
          <svg x="{{ 15 - size / 2 }}" y="{{ 11 - size / 2 }}" width="{{ size }}" height="{{ size }}"
               viewBox="{{ -box }} {{ -box }} {{ 2 * box }} {{ 2 * box }}">
            {%- if s.ring %}
            <circle r="{{ ring.radius }}" fill="none" stroke="{{ s.color }}" stroke-width="{{ ring.width }}"
                    vector-effect="non-scaling-stroke"
                    {%- if s.ring == "broken" %} stroke-dasharray="{{ ring.dash }}"{% endif %}/>
            {%- endif %}
            <path d="{{ shape }}" fill="{{ s.fill_color }}" fill-opacity="{{ s.marker_fill_opacity }}"
                  stroke="{{ s.color }}" stroke-width="1.5" vector-effect="non-scaling-stroke"{{ dash(s) }}/>
          </svg>
        {%- endmacro %}

        {% macro point(s, shape, box, ring) -%}
        <svg class="symbol" width="28" height="19" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          {{- marker(s, shape, box, ring) }}
        </svg>
        {%- endmacro %}

        {% macro uncertain(u, box, ring) -%}
        <svg class="symbol" width="28" height="19" viewBox="0 0 30 22" aria-hidden="true" focusable="false">
          <circle cx="15" cy="11" r="{{ u.radius }}" fill="{{ u.style.fill_color }}" fill-opacity="{{ u.fillOpacity }}"
                  stroke="{{ u.style.color }}" stroke-opacity="{{ u.style.opacity }}" stroke-width="{{ u.width }}"
                  stroke-dasharray="{{ u.dash }}" vector-effect="non-scaling-stroke"/>
          {{- marker(u.style, u.shape, box, ring) }}
        </svg>
        {%- endmacro %}

        {% macro symbol(entry, this) -%}
        {%- if entry.kind == "area" %}{{ area(entry.style) }}{% elif entry.kind == "line" %}{{ line(entry.style) }}
        {%- else %}{{ point(entry.style, entry.shape, this.marker_box, this.ring) }}{% endif %}
        {%- endmacro %}

        {% macro text(key, value) %}<span{% if key %} data-i18n="{{ key }}"{% endif %}>{{ value }}</span>{% endmacro %}

        {% macro fold(id, open, title_key, title) -%}
        <button type="button" class="legend-fold" aria-expanded="{{ 'true' if open else 'false' }}"
                aria-controls="{{ id }}"><span class="visually-hidden">{{ words("layers.legend") }}:
          {{ text(title_key, title) }}</span></button>
        {%- endmacro %}

        {% macro html(this, kwargs) %}
        <section id="{{ this.element_id }}" class="idl-panel layer-panel" aria-labelledby="layers-heading">
          <svg class="svg-defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>
            {{ hatch("hatch-template", this.quality_style) }}
            {{ hatch("legend-hatch", this.quality_style) }}
          </defs></svg>
          <h2 id="layers-heading">{{ words("layers.heading") }}</h2>
          <ul class="layer-list">
            {%- for layer in this.layers %}
            {%- set title_key = "layer." ~ layer.id ~ ".title" %}
            {%- set single = layer.views|length == 1 and layer.views[0].entries|length == 1 %}
            <li class="layer-item{{ ' single' if single }}" data-layer="{{ layer.id }}">
              <div class="layer-head">
                <label class="layer-toggle"><input type="checkbox" value="{{ layer.id }}" checked>
                  {%- if single %}{{ symbol(layer.views[0].entries[0], this) }}{% endif %}
                  {{- text(title_key, layer.title) }}</label>
                {{ fold("legend-" ~ layer.id, not single, title_key, layer.title) }}
              </div>
              <div class="layer-legend" id="legend-{{ layer.id }}"{{ ' hidden' if single }}>
                {%- if layer.views|length > 1 %}
                <fieldset class="style-choice">
                  <legend>{{ words("layers.style_by") }}</legend>
                  {%- for view in layer.views %}
                  <label><input type="radio" name="style-{{ layer.id }}" value="{{ view.property }}"
                                {{- ' checked' if loop.first }}>{{ text(view.key, view.choice) }}</label>
                  {%- endfor %}
                </fieldset>
                {%- endif %}
                {%- for view in layer.views %}
                <ul class="legend" data-style="{{ view.property }}"{{ ' hidden' if not loop.first }}>
                  {%- for entry in view.entries %}
                  <li>{{ symbol(entry, this) }} {{ text(entry.key, entry.label) }}</li>
                  {%- endfor %}
                </ul>
                {%- endfor %}
              </div>
            </li>
            {%- endfor %}
          </ul>
          <div class="layer-head qualities-head">
            <h3 id="qualities-heading">{{ words("maps.qualities") }}</h3>
            {{ fold("qualities-legend", true, "maps.qualities", t("maps.qualities")) }}
          </div>
          <ul class="legend qualities" id="qualities-legend">
            {%- for quality in this.qualities %}
            <li>{{ area(quality.style) }}{{ point(quality.style, this.quality_shape, this.marker_box, this.ring) }}
              {{ text("quality." ~ quality.name, quality.label) }}</li>
            {%- endfor %}
            {%- if this.uncertainty %}
            <li class="uncertainty">{{ uncertain(this.uncertainty, this.marker_box, this.ring) }}
              {{ words("maps.uncertainty") }}</li>
            {%- endif %}
          </ul>
          <h3 class="background-heading">{{ words("layers.background") }}</h3>
          <label class="layer-toggle"><input type="checkbox" id="online-tiles">
            {{- text("map.online_tiles", this.online_label) }}</label>
        </section>
        {% endmacro %}
        """
    )

    layers: list[dict[str, Any]]
    qualities: list[dict[str, Any]]
    quality_style: dict[str, Any]
    quality_shape: str
    uncertainty: dict[str, Any] | None
    marker_box: float
    ring: dict[str, Any]
    online_label: str


@_fields
class PlaceSearch(_Panel):
    """A search box over the names of the gazetteer layers' features, answered in the browser (no geocoder)."""

    element_id = "place-search"
    _template = _panel_template(
        """
        {% macro html(this, kwargs) %}
        <form id="{{ this.element_id }}" class="idl-panel place-search" role="search">
          <label for="place-input">{{ words("search.label") }}</label>
          <input type="search" id="place-input" list="place-names" autocomplete="off"
                 placeholder="{{ t('search.placeholder') }}" data-i18n-placeholder="search.placeholder">
          <datalist id="place-names"></datalist>
        </form>
        {% endmacro %}
        """
    )


@_fields
class ChangesPanel(_Panel):
    """What changed between an earlier day ("Since", the previous key date unless the reader chooses one) and the
    date on screen, counted by layer and kind; the client fills it (webmap/static/js/changes.js)."""

    element_id = "changes-panel"
    _template = _panel_template(
        """
        {% macro html(this, kwargs) %}
        <section id="{{ this.element_id }}" class="idl-panel changes-panel" aria-labelledby="changes-heading" hidden>
          <h2 id="changes-heading">{{ words("changes.heading") }}</h2>
          <div class="changes-range">
            <label for="changes-from">{{ words("changes.since") }}</label>
            <input type="date" id="changes-from">
            <span class="changes-to"></span>
          </div>
          <p class="changes-note" hidden>{{ words("changes.static_note") }}</p>
          <p class="changes-summary" aria-live="polite"></p>
          <div class="changes-list"></div>
        </section>
        {% endmacro %}
        """
    )


@_fields
class DownloadPanel(_Panel):
    """The view, date, layers and language on screen as a print-ready map (PNG, PDF, SVG: GET
    export/<date>.<format>?bbox=..., or the printed maps the static copy was built with) and the features of the date
    as GeoJSON; the client fills it (webmap/static/js/downloads.js)."""

    element_id = "download-panel"
    _template = _panel_template(
        """
        {% macro html(this, kwargs) %}
        <section id="{{ this.element_id }}" class="idl-panel download-panel" aria-labelledby="download-heading"
                 hidden>
          <h2 id="download-heading">{{ words("download.heading") }}</h2>
          <p class="download-map"></p>
          <ul class="download-prints"></ul>
          <p class="download-note">{{ words("download.pages") }}</p>
          <p class="download-data"></p>
          <ul class="download-features">
            <li><button type="button" id="download-geojson">{{ words("download.geojson") }}</button></li>
          </ul>
          <p class="download-status" aria-live="polite"></p>
        </section>
        {% endmacro %}
        """
    )


@_fields
class MapApp(_AppElement):
    """Starts the client: the layers' feature groups by id, the optional online tiles, the base map, folium's
    controls that have words to translate, and the settings (webmap.mapbuild builds them)."""

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
          controls: {
            {%- for name, control in this.controls.items() %}
            {{ name|tojson }}: {{ control.get_name() }},
            {%- endfor %}
          },
          config: {{ this.config|tojson }}
        });
        {% endmacro %}
        """
    )

    groups: dict[str, folium.FeatureGroup]
    tiles: folium.TileLayer
    basemap: BaseMap
    controls: dict[str, folium.MacroElement]
    config: dict[str, Any]


class WebglScripts(JSCSSMixin, MacroElement):
    """deck.gl and its Leaflet layer, from node_modules, for a page with a layer drawn with WebGL (renderer =
    "webgl"): classic scripts in the head, after Leaflet, as the page's other plugins. A page without one loads
    none of them."""

    _template = Template("")
    default_js = [
        *((f"deck_{part}", asset_url(f"deck.gl/{part}.js")) for part in DECK_PARTS),
        ("deck_gl_leaflet", asset_url("deck.gl-leaflet/deck.gl-leaflet.js")),
    ]


class Fullscreen(plugins.Fullscreen):
    """folium's fullscreen button, with leaflet.fullscreen from node_modules, kept in a variable so that the page
    can give its titles in the language shown."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control.fullscreen({{ this.options|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )
    default_js = [("Control.Fullscreen.js", asset_url("leaflet.fullscreen/Control.FullScreen.js"))]
    default_css = [("Control.FullScreen.css", asset_url("leaflet.fullscreen/Control.FullScreen.css"))]


class MousePosition(plugins.MousePosition):
    """folium's mouse coordinates, with Leaflet.MousePosition from node_modules (npm leaflet-mouse-position)."""

    default_js = [("Control_MousePosition_js", asset_url("leaflet-mouse-position/L.Control.MousePosition.js"))]
    default_css = [("Control_MousePosition_css", asset_url("leaflet-mouse-position/L.Control.MousePosition.css"))]
