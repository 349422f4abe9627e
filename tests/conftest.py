"""Fixtures shared by the whole suite: the project's real layers, built afresh as make builds them, and copies of
them to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geo.model.catalog import Catalog
from geo.model.manifest import Manifest, load_manifest
from geo.paths import BuildPaths

from support import LAYERS_DIR, build_situation


@pytest.fixture(autouse=True)
def _matplotlib_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep matplotlib's cache out of the home folder."""
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path_factory.getbasetemp() / "matplotlib"))


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return load_manifest(LAYERS_DIR)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildPaths:
    """The project's situation built for the tests, as `make basemap layers` builds it, in a folder of its own."""
    return build_situation(LAYERS_DIR, tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session", autouse=True)
def _commands_read_the_tests_build(built: BuildPaths) -> None:
    """Every command a test runs (idlibmap, in this process or another; the app's settings) reads the tests' build,
    never the working copy's build/ (IDLIBMAP_BUILD, as make sets it)."""
    os.environ["IDLIBMAP_BUILD"] = str(built.root)


@pytest.fixture(scope="session")
def catalog(built: BuildPaths) -> Catalog:
    """The built layers, as every consumer reads them."""
    return Catalog.open(built.layers)


@pytest.fixture
def layers_copy(tmp_path: Path) -> Path:
    """A writable copy of layers/, for tests that break or change a file."""
    target = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, target)
    return target
