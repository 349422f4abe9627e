"""Where a situation's files are: its folder (the manifest and the layer files) and everything built from it, each
path named once here and used by the CLI, the web map, the benchmark and the tests (each can be given another).

A command reads the situation folder from --layers or IDLIBMAP_LAYERS (default layers/) and builds into --build or
IDLIBMAP_BUILD (default build/); `make LAYERS=dir` sets both, so that every command of a build sees the same folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LAYERS_DIR", "BUILD_DIR", "NODE_MODULES", "BuildPaths", "situation_dir", "build_paths"]

#: The default situation folder: the layer files and their manifest.
LAYERS_DIR = Path("layers")
#: The default build folder: everything generated; never committed.
BUILD_DIR = Path("build")
#: Where npm installs the front-end assets and the base map data (`npm ci`).
NODE_MODULES = Path("node_modules")


@dataclass(frozen=True)
class BuildPaths:
    """The folders and files of one build, below its root."""

    root: Path

    @property
    def layers(self) -> Path:
        """Every layer, validated and normalized (source) or computed (derived), and the build's index."""
        return self.root / "layers"

    @property
    def basemap(self) -> Path:
        """The base map cut from the npm packages' Natural Earth data (or the folder's own): <part>.geojson."""
        return self.root / "basemap"

    @property
    def exports(self) -> Path:
        """Static maps: `make export` and `make atlas` write here."""
        return self.root / "exports"

    @property
    def atlas(self) -> Path:
        """The atlas (`make atlas`): every key date's map in one PDF."""
        return self.exports / "atlas.pdf"

    @property
    def atlas_pages(self) -> Path:
        """Each page of the atlas as <date>.png."""
        return self.exports / "atlas"

    @property
    def web_exports(self) -> Path:
        """The static maps the web map drew for its readers (GET /export/...), kept to be served again."""
        return self.exports / "web"

    @property
    def served(self) -> Path:
        """The builds the web map serves, each as it was when loaded (webmap.content): what /export/ draws from."""
        return self.root / "served"

    @property
    def data(self) -> Path:
        """The layers in GIS formats (`make data`)."""
        return self.root / "data"


def situation_dir(given: Path | None = None) -> Path:
    """The situation folder: `given`, else IDLIBMAP_LAYERS, else layers/."""
    return Path(given or os.environ.get("IDLIBMAP_LAYERS") or LAYERS_DIR)


def build_paths(given: Path | None = None) -> BuildPaths:
    """The build's paths below `given`, else IDLIBMAP_BUILD, else build/."""
    return BuildPaths(Path(given or os.environ.get("IDLIBMAP_BUILD") or BUILD_DIR))
