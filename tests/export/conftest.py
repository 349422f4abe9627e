"""Fixtures of the static map tests: the real layers, and a base map built from the npm packages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from geo import paths
from geo.model.manifest import load_manifest
from geo.model.mapdata import MapData
from geo.pipeline.basemap import build_basemap

from support import LAYERS_DIR, ROOT


@pytest.fixture(scope="session")
def basemap_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base map, built afresh for the tests from the npm packages, as `make basemap` builds it."""
    target = tmp_path_factory.mktemp("basemap")
    build_basemap(ROOT / paths.NODE_MODULES, load_manifest(LAYERS_DIR).map, target)
    return target


@pytest.fixture(scope="session")
def inputs(basemap_dir: Path) -> MapData:
    return MapData.load(LAYERS_DIR, basemap_dir)


@pytest.fixture(scope="session")
def idlibmap() -> Path:
    """The installed `idlibmap` command of this environment."""
    return Path(sys.executable).parent / "idlibmap"
