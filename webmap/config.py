"""Where the app and the static copy find their inputs, by default and from the environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from geo import paths

__all__ = ["default_settings"]


def default_settings() -> dict[str, Any]:
    """LAYERS_DIR (env IDLIBMAP_LAYERS, default layers/: the manifest), BUILD_DIR (env IDLIBMAP_BUILD, default
    build/layers: the layers as `make layers` built them), BASEMAP_DIR (build/basemap), NODE_MODULES;
    BUILD_POLL_S, how often (seconds) an open page asks which build is served; and for the static maps the page
    offers (webmap.export): the command that draws one (the `idlibmap` beside this Python), where the maps drawn
    are kept, how many may be drawn at once and how long one may take (seconds)."""
    return {
        "LAYERS_DIR": Path(os.environ.get("IDLIBMAP_LAYERS", paths.LAYERS_DIR)),
        "BUILD_DIR": Path(os.environ.get("IDLIBMAP_BUILD", paths.LAYER_BUILD_DIR)),
        "BASEMAP_DIR": paths.BASEMAP_DIR,
        "NODE_MODULES": paths.NODE_MODULES,
        "BUILD_POLL_S": 5,
        "EXPORT_COMMAND": [str(Path(sys.executable).with_name("idlibmap"))],
        "EXPORT_CACHE": paths.WEB_EXPORTS_DIR,
        "EXPORT_RENDERS": 2,
        "EXPORT_TIMEOUT": 180,
    }
