"""The files the page loads, by name: Leaflet and its plugins from node_modules (installed by `npm ci`) and the
map's own scripts (ES modules) and stylesheet from webmap/static.

This table is an allow-list: the app serves exactly these files under `assets/<name>` (no path from a URL reaches
the filesystem), the static copy copies exactly these, and a page that links any other URL fails to build, so that
no element can bring a CDN link into the page unnoticed.
"""

from __future__ import annotations

from pathlib import Path

from geo.errors import IdlibMapError

__all__ = ["ASSETS", "DECK_PARTS", "FAVICON", "MODULES", "PREFIX", "AssetError", "asset_url", "asset_path", "is_local"]

#: URLs of assets start with this; relative, so that the page works served at / and opened from disk alike.
PREFIX = "assets/"

_STATIC = Path(__file__).parent / "static"

#: The map's own scripts: every ES module in webmap/static/js, each importing the others it uses (relative URLs,
#: so they resolve below assets/idlibmap/js/ as served and as copied). map.js imports the entry point, app.js.
MODULES = tuple(sorted(path.name for path in (_STATIC / "js").glob("*.js")))

#: deck.gl's modules the webgl layers use, in the order their bundles must load.
DECK_PARTS = ("core", "layers", "extensions")

#: Name below assets/ -> (root, path below the root); root "npm" is node_modules, "own" is webmap/static.
#: A stylesheet's relative url(...) resolves against its name, so images keep their place beside it.
ASSETS: dict[str, tuple[str, str]] = {
    "leaflet/leaflet.js": ("npm", "leaflet/dist/leaflet.js"),
    "leaflet/leaflet.css": ("npm", "leaflet/dist/leaflet.css"),
    "leaflet/images/layers.png": ("npm", "leaflet/dist/images/layers.png"),
    "leaflet/images/layers-2x.png": ("npm", "leaflet/dist/images/layers-2x.png"),
    "leaflet/images/marker-icon.png": ("npm", "leaflet/dist/images/marker-icon.png"),
    "leaflet.fullscreen/Control.FullScreen.js": ("npm", "leaflet.fullscreen/Control.FullScreen.js"),
    "leaflet.fullscreen/Control.FullScreen.css": ("npm", "leaflet.fullscreen/Control.FullScreen.css"),
    "leaflet.fullscreen/icon-fullscreen.svg": ("npm", "leaflet.fullscreen/icon-fullscreen.svg"),
    "leaflet-mouse-position/L.Control.MousePosition.js": (
        "npm",
        "leaflet-mouse-position/src/L.Control.MousePosition.js",
    ),
    "leaflet-mouse-position/L.Control.MousePosition.css": (
        "npm",
        "leaflet-mouse-position/src/L.Control.MousePosition.css",
    ),
    # deck.gl's own bundles (classic scripts adding to the global `deck`) and its Leaflet layer (DeckGlLeaflet),
    # loaded only by a page with a webgl layer (webmap.controls.WebglScripts).
    **{f"deck.gl/{part}.js": ("npm", f"@deck.gl/{part}/dist.min.js") for part in DECK_PARTS},
    "deck.gl-leaflet/deck.gl-leaflet.js": ("npm", "deck.gl-leaflet/dist/deck.gl-leaflet.umd.min.js"),
    **{f"idlibmap/js/{script}": ("own", f"js/{script}") for script in MODULES},
    "idlibmap/idlibmap.css": ("own", "idlibmap.css"),
}

#: The icon browsers ask for at /favicon.ico; the page links it too, so that the static copy shows it.
FAVICON = _STATIC / "favicon.ico"


class AssetError(IdlibMapError):
    """The page links a file that is not a local asset, or a local asset is missing."""


def asset_url(name: str) -> str:
    """The page's (relative) URL of the asset `name`; an unknown name is an error at page build time."""
    if name not in ASSETS:
        raise AssetError(f"{name!r} is not a local asset; add it to webmap.assets.ASSETS from an npm package")
    return PREFIX + name


def is_local(url: str) -> bool:
    """True for a URL that asset_url made."""
    return url.startswith(PREFIX) and url[len(PREFIX) :] in ASSETS


def asset_path(name: str, node_modules: Path) -> Path:
    """The file behind the asset `name`; raise AssetError for an unknown name or a file not installed."""
    if name not in ASSETS:
        raise AssetError(f"{name!r} is not a local asset")
    root, relative = ASSETS[name]
    path = (Path(node_modules) if root == "npm" else _STATIC) / relative
    if not path.is_file():
        raise AssetError(f"{path}: the asset {name!r} is missing; run `make setup` to install the npm packages")
    return path
