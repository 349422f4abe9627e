"""The page around the folium map: local assets only, and no inline script or style.

folium writes a page whose head links CDNs and whose body ends in an inline script. Here the head may link
only the allow-listed local assets (anything else fails the build), the map's script is returned apart from
the HTML (served as map.js, so the Content-Security-Policy needs no 'unsafe-inline'), and the project's
elements never have their rendered output parsed again as a template (text from the data may hold `{{`).

map.js is an ES module: it imports the app's entry point (APP, which imports the rest of the app's modules) and
then runs folium's script, which builds the Leaflet objects and hands them to the app (IdlibMap.panel,
IdlibMap.start: IdlibMap is the name map.js imports the entry point under, no global). Leaflet and its plugins stay
classic scripts in the head (the global `L`), run before any module. The static copy, opened from disk where a
browser runs no module, loads map.js bundled with the modules as one classic script instead (webmap.site,
RenderedPage.bundled).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Element, Figure, Link, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template as FoliumTemplate

from webmap.assets import AssetError, asset_url, is_local

__all__ = ["APP", "MAP_SCRIPT", "Template", "PageElement", "Page", "RenderedPage", "SituationMap"]

#: The app's entry point, which map.js imports (as IdlibMap); the asset's name.
APP = "idlibmap/js/app.js"

#: The page's own script: folium's, after the import of APP.
MAP_SCRIPT = "map.js"

_IMPORT = f'import * as IdlibMap from "./{asset_url(APP)}";\n'
_MODULE_TAG = f'<script type="module" src="{MAP_SCRIPT}"></script>'
_CLASSIC_TAG = f'<script src="{MAP_SCRIPT}"></script>'


class Template(FoliumTemplate):
    """folium's template class with HTML escaping on: every value is escaped unless it is tojson output."""

    def __new__(cls, source: str, **options: Any) -> Template:
        return super().__new__(cls, source, autoescape=True, **options)


class _Fixed(Element):
    """Output rendered already: returned as it is, never parsed again as a template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _FixedMacroElement(MacroElement):
    """A MacroElement whose header, html and script macros are rendered once and kept as text."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        for part in ("header", "html", "script"):
            macro = getattr(self._template.module, part, None)
            if macro is not None:
                getattr(figure, part).add_child(_Fixed(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class PageElement(JSCSSMixin, _FixedMacroElement):
    """Base of the project's map elements: they need the map's stylesheet (their scripts call the app, which
    map.js imports)."""

    default_css = [("idlibmap_css", asset_url("idlibmap/idlibmap.css"))]


@dataclass(frozen=True)
class RenderedPage:
    """A rendered map: the HTML document and the script it loads as map.js (an ES module)."""

    html: str
    script: str

    def bundled(self, script: str) -> RenderedPage:
        """The page loading `script`, this one's map.js bundled with the modules it imports, as a classic script."""
        if self.html.count(_MODULE_TAG) != 1:
            raise AssetError(f"the page does not load {MAP_SCRIPT} as a module once")
        return RenderedPage(html=self.html.replace(_MODULE_TAG, _CLASSIC_TAG), script=script)


class Page(Figure):
    """The HTML document: title, favicon, local stylesheets and scripts, the elements' markup, then `scripts`
    (classic scripts, but for MAP_SCRIPT, a module)."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n'
        '<meta charset="utf-8">\n'
        "<title>{{ this.title }}</title>\n"
        '<link rel="icon" href="favicon.ico">\n'
        "{{ this.header.render(**kwargs)|safe }}\n"
        "</head>\n<body>\n"
        "{{ this.html.render(**kwargs)|safe }}\n"
        "{% for src in this.scripts %}"
        '<script{% if src == this.module_script %} type="module"{% endif %} src="{{ src }}"></script>\n'
        "{% endfor %}"
        "</body>\n</html>\n"
    )

    def __init__(self, title: str, scripts: list[str]):
        super().__init__(title=title)
        del self.header._children["meta_http"]  # the template declares the charset itself
        self.scripts = scripts
        self.module_script = MAP_SCRIPT

    def render(self, **kwargs: Any) -> str:
        html = super().render(**kwargs)
        for name, child in self.header._children.items():
            if isinstance(child, Link) and not is_local(child.url):
                raise AssetError(
                    f"the page element {name!r} links {child.url}, which is not a local asset: add the file to "
                    "webmap.assets.ASSETS (installed from npm) and point the element's default_js/default_css at it"
                )
        return html

    def render_parts(self) -> RenderedPage:
        """The HTML, and the script that the elements wrote (the page loads it from `scripts` as MAP_SCRIPT), as a
        module that imports the app first."""
        html = self.render()
        return RenderedPage(html=html, script=_IMPORT + self.script.render())


class SituationMap(folium.Map):
    """folium's Map with Leaflet from node_modules, centred on `extent` and kept within `max_extent` (both
    [west, south, east, north]), with a metric scale bar and the zoom buttons at `zoom_position`; the client
    fits the view to the extent once its panels are placed. The Leaflet map is also window[<its element's id>], as
    in folium's own page, for what drives the page from outside (the browser tests); a module's variables are its
    own."""

    default_js = [("leaflet", asset_url("leaflet/leaflet.js"))]
    default_css = [("leaflet_css", asset_url("leaflet/leaflet.css"))]

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {% endmacro %}
        {% macro html(this, kwargs) %}
        <div class="folium-map" id="{{ this.get_name() }}"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {{ this.map_options|tojson }});
        window[{{ this.get_name()|tojson }}] = {{ this.get_name() }};
        L.control.scale({imperial: false, position: {{ this.zoom_position|tojson }}}).addTo({{ this.get_name() }});
        L.control.zoom({position: {{ this.zoom_position|tojson }}}).addTo({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, extent: list[float], max_extent: list[float], zoom_position: str = "bottomleft"):
        west, south, east, north = extent
        super().__init__(location=[(south + north) / 2, (west + east) / 2], tiles=None)
        west, south, east, north = max_extent
        self.map_options = {
            "center": self.location,
            "zoom": 9,
            "zoomControl": False,
            "maxBounds": [[south, west], [north, east]],
            "maxBoundsViscosity": 1.0,
            "minZoom": 7,
            "zoomSnap": 0.25,  # so that the frame fills the window rather than the next whole zoom level
        }
        self.zoom_position = zoom_position
