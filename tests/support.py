"""Where the project is, and small builders of GeoJSON for tests that make their own features."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from bench.pipeline import pipeline_copy

ROOT = Path(__file__).resolve().parents[1]
LAYERS_DIR = ROOT / "layers"


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


def copy_pipeline(tmp_path: Path) -> Path:
    """A copy of the project's pipeline (Makefile, code, layers) in `tmp_path`/project, for `make_in`."""
    return pipeline_copy(LAYERS_DIR, tmp_path / "project")
