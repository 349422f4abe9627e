"""The benchmark's synthetic layers: seeded, so every run measures the same data, and valid map layers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.synthetic import write_synthetic_layers
from geo.errors import ManifestError
from geo.model.build import build_layers
from geo.model.catalog import Catalog
from geo.model.manifest import load_manifest
from geo.paths import BuildPaths

EXTENT = [35.75, 35.25, 37.35, 36.75]


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_same_seed_writes_the_same_files_and_another_seed_other_ones(tmp_path: Path) -> None:
    write_synthetic_layers(tmp_path / "a", 50, EXTENT)
    write_synthetic_layers(tmp_path / "b", 50, EXTENT)
    write_synthetic_layers(tmp_path / "c", 50, EXTENT, seed=7)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_the_layers_are_valid_drawn_on_canvas_and_dated_across_2017_to_2020(tmp_path: Path, built: BuildPaths) -> None:
    ids = write_synthetic_layers(tmp_path / "layers", 200, EXTENT)
    build_layers(tmp_path / "layers", tmp_path / "build", built.basemap)
    catalog = Catalog.open(tmp_path / "build")
    assert list(catalog.manifest.ids) == ids
    assert {spec.renderer for spec in catalog.manifest.layers} == {"canvas"}
    assert {spec.to_json()["renderer"] for spec in catalog.manifest.layers} == {"canvas"}
    for layer in catalog:
        assert len(layer) == 200
        assert len({f["geometry"]["type"] for f in layer.features}) == 1
        starts = [dt.date.fromisoformat(f["properties"]["valid_from"]) for f in layer.features]
        assert dt.date(2017, 1, 1) <= min(starts) and max(starts) <= dt.date(2020, 12, 31)
        assert max(starts) - min(starts) > dt.timedelta(days=3 * 365)


def test_a_renderer_other_than_svg_canvas_or_webgl_is_refused(tmp_path: Path) -> None:
    write_synthetic_layers(tmp_path, 5, EXTENT)
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"canvas"', '"webgpu"', 1), encoding="utf-8")
    with pytest.raises(ManifestError, match="`renderer` = 'webgpu': Input should be 'svg', 'canvas' or 'webgl'"):
        load_manifest(tmp_path)
