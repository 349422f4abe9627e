"""Where the app and the static copy find their inputs, by default and from the environment."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from geo import paths

__all__ = ["default_settings"]


def default_settings() -> dict[str, Any]:
    """BUILD (geo.paths.BuildPaths of env IDLIBMAP_BUILD, default build/: the build `make layers` wrote, whose
    manifest says what the map is of), NODE_MODULES; BUILD_POLL_S, how often (seconds) an open page asks which build
    is served; and for the static maps the page offers (webmap.export): the command that draws one (the `idlibmap`
    beside this Python), where the maps drawn are kept, how many may be drawn at once and how long one may take
    (seconds)."""
    build = paths.build_paths()
    return {
        "BUILD": build,
        "NODE_MODULES": paths.NODE_MODULES,
        "BUILD_POLL_S": 5,
        "EXPORT_COMMAND": [str(Path(sys.executable).with_name("idlibmap"))],
        "EXPORT_CACHE": build.web_exports,
        "EXPORT_RENDERS": 2,
        "EXPORT_TIMEOUT": 180,
    }
