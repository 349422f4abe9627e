"""Fixtures of the static map tests: the real layers and base map, as the tests' build holds them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from geo.model.mapdata import MapData
from geo.paths import BuildPaths


@pytest.fixture(scope="session")
def basemap_dir(built: BuildPaths) -> Path:
    """The base map, built for the tests from the npm packages, as `make basemap` builds it."""
    return built.basemap


@pytest.fixture(scope="session")
def inputs(built: BuildPaths) -> MapData:
    return MapData.open(built.layers, built.basemap)


@pytest.fixture(scope="session")
def idlibmap() -> Path:
    """The installed `idlibmap` command of this environment."""
    return Path(sys.executable).parent / "idlibmap"
