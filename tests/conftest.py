"""Fixtures shared by the whole suite: the project's real layers, and copies of them to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.model.catalog import Catalog
from geo.model.manifest import Manifest, load_manifest

from support import LAYERS_DIR


@pytest.fixture(autouse=True)
def _matplotlib_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep matplotlib's cache out of the home folder."""
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path_factory.getbasetemp() / "matplotlib"))


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return load_manifest(LAYERS_DIR)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.load(LAYERS_DIR)


@pytest.fixture
def layers_copy(tmp_path: Path) -> Path:
    """A writable copy of layers/, for tests that break or change a file."""
    target = tmp_path / "layers"
    shutil.copytree(LAYERS_DIR, target)
    return target
