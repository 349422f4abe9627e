"""The make pipeline: builds every layer, rebuilds only what changed, and keeps earlier outputs on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.pipeline import make_in_copy

from support import copy_pipeline


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_pipeline(tmp_path)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.glob("*.geojson"))}


def test_make_layers_builds_every_layer_then_rewrites_nothing(project: Path, manifest) -> None:
    first = make_in_copy(project, "layers")
    assert first.returncode == 0, first.stderr
    outputs = project / "build" / "layers"
    assert {p.stem for p in outputs.glob("*.geojson")} == set(manifest.ids)
    built = snapshot(outputs)
    second = make_in_copy(project, "layers")
    assert second.returncode == 0 and "idlibmap" not in second.stdout
    assert snapshot(outputs) == built


def test_a_changed_layer_rebuilds_it_and_what_derives_from_it_only(project: Path, manifest) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    source = next(spec for spec in manifest.layers if spec.kind == "source" and spec.id == "m4_highway")
    edited = project / "layers" / source.file.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode == 0, result.stderr
    rebuilt = {name for name, state in snapshot(project / "build" / "layers").items() if state != built[name]}
    derived = {f"{spec.id}.geojson" for spec in manifest.layers if source.id in spec.inputs}
    assert rebuilt == {f"{source.id}.geojson"} | derived


def test_a_bad_layer_stops_the_build_and_leaves_earlier_outputs_untouched(project: Path) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    places = project / "layers" / "places.geojson"
    data = json.loads(places.read_text(encoding="utf-8"))
    data["features"][0]["geometry"] = None
    places.write_text(json.dumps(data), encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode != 0
    assert "places.geojson" in result.stderr and data["features"][0]["properties"]["id"] in result.stderr
    assert "has no geometry" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project / "build" / "layers") == built
    assert not list((project / "build" / "layers").glob("*.tmp"))


def test_make_runs_the_copys_own_code(project: Path) -> None:
    """An edit to the copy's code is what make runs: the copy's package comes before the installed one."""
    (project / "geo" / "model" / "dates.py").write_text("raise SystemExit('the copy of geo.model.dates ran')\n")
    result = make_in_copy(project, "layers")
    assert result.returncode != 0 and "the copy of geo.model.dates ran" in result.stderr


def test_a_changed_static_map_module_rebuilds_no_layer(project: Path) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    for module in (project / "geo" / "staticmap").glob("*.py"):
        module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode == 0 and "idlibmap" not in result.stdout
    assert snapshot(project / "build" / "layers") == built


def test_a_changed_model_module_rebuilds_the_layers(project: Path, manifest) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    module = project / "geo" / "model" / "layer.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert make_in_copy(project, "layers").returncode == 0
    rebuilt = snapshot(project / "build" / "layers")
    assert all(rebuilt[name][0] != built[name][0] for name in built)
