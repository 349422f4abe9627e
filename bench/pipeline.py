"""The build side: `make layers` from clean and again with nothing changed, on a copy of the project's pipeline
whose layers/ is a synthetic set, against geopandas reading and writing the same files; and the static map of
a date (`idlibmap export`'s code) against GeoDataFrame.plot() and savefig at the same resolution."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.baselines import plot_png, read_frames
from geo.model.mapdata import MapData
from geo.paths import BuildPaths
from geo.staticmap.export import PRINT_DPI, export_map

__all__ = ["pipeline_copy", "make_in_copy", "make_layers_s", "geopandas_copy_s", "export_s", "plot_s"]

ROOT = Path(__file__).resolve().parent.parent
_PIPELINE_FILES = ("Makefile", "pyproject.toml", "uv.lock", "package.json", "package-lock.json")


def pipeline_copy(layers_dir: Path, target: Path, basemap: Path | None = None) -> Path:
    """A copy of the Makefile and geo/ with `layers_dir` as its layers/, and a set-up stamp of its own, newer than
    every file, so that make uses the installed tools and never reinstalls into the shared environment; with
    `basemap` (a built base map of the same situation), the copy's base map is that one, stamped as made, so that
    make does not cut it again."""
    target.mkdir(parents=True)
    for name in _PIPELINE_FILES:
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "geo", target / "geo", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(layers_dir, target / "layers")
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # the base map's data, installed once
    if basemap is not None:
        shutil.copytree(basemap, target / "build" / "basemap", ignore=shutil.ignore_patterns(".*"))
        (target / "build" / "basemap" / ".built").touch()
    (target / "setup-done").touch()
    return target


def make_in_copy(project: Path, *goals: str, wait: bool = True) -> subprocess.CompletedProcess | subprocess.Popen:
    """Run make in a copy made by `pipeline_copy`, with this environment's installed tools running the copy's own
    code (its folder comes first on PYTHONPATH, before the editable install of the original); without `wait`, the
    running make (its output discarded)."""
    tools = [f"BIN={Path(sys.executable).parent}", f"SETUP_DONE={project / 'setup-done'}"]
    environment = {**os.environ, "MPLCONFIGDIR": str(project / "build" / ".matplotlib"), "PYTHONPATH": str(project)}
    command = ["make", "-C", str(project), *tools, *goals]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    return subprocess.run(command, capture_output=True, text=True, check=False, env=environment)


def make_layers_s(project: Path) -> float:
    """Seconds that `make layers` takes in the copy `project`."""
    start = time.perf_counter()
    make_in_copy(project, "-s", "layers").check_returncode()
    return time.perf_counter() - start


def geopandas_copy_s(layers_dir: Path, output: Path) -> float:
    """Seconds to read every layer file with geopandas and write each as GeoJSON to `output`."""
    output.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for layer_id, frame in read_frames(layers_dir).items():
        frame.to_file(output / f"{layer_id}.geojson", driver="GeoJSON")
    return time.perf_counter() - start


def export_s(build: BuildPaths, days: list[dt.date], output: Path) -> float:
    """Mean seconds to write the static map of a date as PNG at print resolution, the build read once."""
    inputs = MapData.open(build.layers, build.basemap)
    start = time.perf_counter()
    for day in days:
        export_map(inputs, day, "png", output / f"ours-{day}.png", PRINT_DPI)
    return (time.perf_counter() - start) / len(days)


def plot_s(layers_dir: Path, days: list[dt.date], output: Path) -> float:
    """Mean seconds to plot the features of a date with GeoDataFrame.plot() and save a PNG at the same dpi."""
    frames = read_frames(layers_dir)
    start = time.perf_counter()
    for day in days:
        plot_png(frames, day, output / f"baseline-{day}.png", PRINT_DPI)
    return (time.perf_counter() - start) / len(days)
