"""Where the project is, and small builders of GeoJSON for tests that make their own features."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

from bench.acled import add_feed_layers, feed_file_name
from bench.pipeline import pipeline_copy
from geo import paths
from geo.model.build import build_layers
from geo.model.manifest import load_manifest
from geo.paths import BuildPaths
from geo.pipeline.basemap import build_basemap

ROOT = Path(__file__).resolve().parents[1]
LAYERS_DIR = ROOT / "layers"
NODE_MODULES = ROOT / paths.NODE_MODULES
#: The second situation in the repository, built and served by the tests with no code of its own.
EXAMPLE_DIR = ROOT / "examples" / "kyiv-2022"


def build_situation(layers_dir: Path, root: Path, basemap_from: BuildPaths | None = None) -> BuildPaths:
    """Build the situation of `layers_dir` below `root` as `make basemap layers` does: the base map from the npm
    packages (or copied from the build `basemap_from`, when its situation has the same base map), then the layers."""
    build = BuildPaths(Path(root))
    if basemap_from is None:
        build_basemap(NODE_MODULES, load_manifest(layers_dir), build.basemap)
    else:
        shutil.copytree(basemap_from.basemap, build.basemap, dirs_exist_ok=True)
    build_layers(layers_dir, build.layers, build.basemap)
    return build


def point_feature(**properties: Any) -> dict[str, Any]:
    """A valid feature for a Point layer with the common properties; keyword arguments override them."""
    base = {
        "id": "sample",
        "name": "Sample",
        "valid_from": "2020-02-27",
        "sources": [{"title": "A report", "url": "https://example.org/report", "date": "2020-02-28"}],
        "geometry_quality": "approximate",
        "note": "Placed at the town's point.",
    }
    base.update(properties)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.6, 35.9]}, "properties": base}


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [copy.deepcopy(f) for f in features]}


def copy_pipeline(tmp_path: Path, basemap: Path | None = None) -> Path:
    """A copy of the project's pipeline (Makefile, code, layers) in `tmp_path`/project, for `make_in_copy`; with
    `basemap`, its base map already built (that one)."""
    return pipeline_copy(LAYERS_DIR, tmp_path / "project", basemap)


#: The made-up files in the formats of ACLED's export and UCDP GED (tests/data/README.md), by dataset.
FEED_FIXTURES = {source: ROOT / "tests" / "data" / f"{source}_fixture.csv" for source in ("acled", "ucdp")}


def feed_situation(root: Path) -> tuple[Path, dict[str, Path]]:
    """A copy of layers/ in `root`/layers with the feed layers of layers/README.md ("Event datasets", the tables it
    tells a reader to write) added to its manifest, and the fixtures in `root`/downloads under the file names those
    tables give; (the folder, each dataset's file)."""
    layers = root / "layers"
    shutil.copytree(LAYERS_DIR, layers)
    tables = add_feed_layers(layers, tuple(FEED_FIXTURES))
    downloads = root / "downloads"
    downloads.mkdir()
    files = {}
    for source, fixture in FEED_FIXTURES.items():
        files[source] = downloads / feed_file_name(tables[source])
        shutil.copyfile(fixture, files[source])
    return layers, files
