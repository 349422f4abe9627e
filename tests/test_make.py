"""The make pipeline: builds every layer, rebuilds only what changed, and keeps earlier outputs on error."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.pipeline import make_in_copy
from geo.paths import BuildPaths

from support import copy_pipeline


@pytest.fixture
def project(tmp_path: Path, built: BuildPaths) -> Path:
    return copy_pipeline(tmp_path, built.basemap)


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


def test_a_changed_layer_is_validated_once_and_rebuilds_it_and_what_derives_from_it_only(
    project: Path, manifest
) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    edited = project / "layers" / manifest["m4_highway"].file.name
    data = json.loads(edited.read_text(encoding="utf-8"))
    data["features"][0]["geometry"]["coordinates"][6][1] += 0.001  # Ariha's vertex, within the corridor's segment
    edited.write_text(json.dumps(data), encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode == 0, result.stderr
    rebuilt = {name for name, state in snapshot(project / "build" / "layers").items() if state != built[name]}
    derived = {f"{spec.id}.geojson" for spec in manifest.layers if "m4_highway" in spec.inputs}
    assert rebuilt == {"m4_highway.geojson"} | derived
    assert result.stdout.count("idlibmap build") == 1, "one process builds"
    assert "validated or derived: m4_highway, m4_corridor;" in result.stdout, "the edited layer is validated once"


def test_a_saved_but_unchanged_layer_rewrites_nothing(project: Path, manifest) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    edited = project / "layers" / manifest["m4_highway"].file.name
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode == 0, result.stderr
    assert snapshot(project / "build" / "layers") == built


def test_a_manifest_typo_fails_make_with_a_suggestion_and_changes_nothing(project: Path) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    manifest = project / "layers" / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("fill_color = ", "fill_colour = ", 1), encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "unknown key `fill_colour`" in result.stderr and "did you mean `fill_color`?" in result.stderr
    assert snapshot(project / "build" / "layers") == built


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


@pytest.mark.parametrize(
    "modules",
    [
        ("geo/staticmap/*.py",),
        ("geo/cli.py", "geo/model/captions.py", "geo/model/mapdata.py", "geo/pipeline/gisdata.py"),
        ("geo/pipeline/basemap.py",),  # the base map is cut again, the same, so no layer cut with it changes
    ],
    ids=["static maps", "the CLI and modules the build does not run", "the base map's code"],
)
def test_a_changed_module_the_build_does_not_run_rebuilds_no_layer(project: Path, modules: tuple[str, ...]) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    built = snapshot(project / "build" / "layers")
    for pattern in modules:
        for module in project.glob(pattern):
            module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode == 0, result.stderr
    assert "idlibmap build" not in result.stdout, "nothing the build reads changed"
    assert snapshot(project / "build" / "layers") == built


def test_a_changed_model_module_rebuilds_the_layers(project: Path) -> None:
    assert make_in_copy(project, "layers").returncode == 0
    module = project / "geo" / "model" / "layer.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = make_in_copy(project, "layers")
    assert result.returncode == 0, result.stderr
    assert "idlibmap build" in result.stdout and "; unchanged: 0" in result.stdout, "every layer is made anew"


def test_watch_runs_the_command_at_start_and_on_every_save(tmp_path: Path) -> None:
    """`idlibmap watch -- COMMAND` (what `make watch` runs beside the server): the command runs once, then again
    after a file of the layers folder is saved, not while nothing changes."""
    folder = tmp_path / "layers"
    folder.mkdir()
    (folder / "events.geojson").write_text("{}", encoding="utf-8")
    log = tmp_path / "runs.log"
    command = [str(Path(sys.executable).with_name("idlibmap")), "--layers", str(folder), "watch", "--every", "0.1"]
    watcher = subprocess.Popen([*command, "--", "sh", "-c", f"echo run >> {log}"], stderr=subprocess.PIPE, text=True)
    try:
        assert _soon(lambda: _runs(log) == 1)
        time.sleep(0.5)
        assert _runs(log) == 1, "nothing saved, nothing run"
        (folder / "events.geojson").write_text('{"type": "FeatureCollection"}', encoding="utf-8")
        assert _soon(lambda: _runs(log) == 2), "a save runs the command again"
    finally:
        watcher.send_signal(signal.SIGINT)
        _, stderr = watcher.communicate(timeout=10)
    assert "Traceback" not in stderr and "stopped watching" in stderr


def _runs(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def _soon(check, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
