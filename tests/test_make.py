"""The make pipeline: builds every layer, rebuilds only what changed, and keeps earlier outputs on error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's pipeline (Makefile, code, layers) using the installed tools.

    A set-up stamp newer than every copied file tells make that set-up is done, so the copy never
    reinstalls the package (which would point the shared environment at the copy).
    """
    target = tmp_path / "project"
    target.mkdir()
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("geo", "layers"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "setup-done").touch()
    return target


def make(project: Path, *goals: str) -> subprocess.CompletedProcess:
    tools = [f"BIN={Path(sys.executable).parent}", f"SETUP_DONE={project.parent / 'setup-done'}"]
    return subprocess.run(["make", "-C", str(project), *tools, *goals], capture_output=True, text=True, check=False)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.glob("*.geojson"))}


def test_make_layers_builds_every_layer_then_rewrites_nothing(project: Path, manifest) -> None:
    first = make(project, "layers")
    assert first.returncode == 0, first.stderr
    outputs = project / "build" / "layers"
    assert {p.stem for p in outputs.glob("*.geojson")} == set(manifest.ids)
    built = snapshot(outputs)
    second = make(project, "layers")
    assert second.returncode == 0 and "idlibmap" not in second.stdout
    assert snapshot(outputs) == built


def test_a_changed_layer_rebuilds_it_and_what_derives_from_it_only(project: Path, manifest) -> None:
    assert make(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    source = next(spec for spec in manifest.layers if spec.kind == "source" and spec.id == "m4_highway")
    edited = project / "layers" / source.file.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = make(project, "layers")
    assert result.returncode == 0, result.stderr
    rebuilt = {name for name, state in snapshot(project / "build" / "layers").items() if state != built[name]}
    derived = {f"{spec.id}.geojson" for spec in manifest.layers if source.id in spec.inputs}
    assert rebuilt == {f"{source.id}.geojson"} | derived


def test_a_bad_layer_stops_the_build_and_leaves_earlier_outputs_untouched(project: Path) -> None:
    assert make(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    places = project / "layers" / "places.geojson"
    data = json.loads(places.read_text(encoding="utf-8"))
    data["features"][0]["geometry"] = None
    places.write_text(json.dumps(data), encoding="utf-8")
    result = make(project, "layers")
    assert result.returncode != 0
    assert "places.geojson" in result.stderr and data["features"][0]["properties"]["id"] in result.stderr
    assert "has no geometry" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(project / "build" / "layers") == built
    assert not list((project / "build" / "layers").glob("*.tmp"))
