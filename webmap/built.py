"""The build the web map serves, and how to tell that make has finished another.

`make layers` writes every layer file and the build's index (geo.model.index), then touches <build>/layers/.built
once all is written. The server never reads the build folder that make writes into: it first keeps the build as it
is then (snapshot: a hard link of each of its files in <build>/served/<digest>/, so that make replacing a file, which
it does by renaming a new one over it, leaves the served one whole), and reads that. The static maps the page offers
(webmap.export) are drawn from the same snapshot, so that a download shows what the page shows. A failed make
touches nothing, so what is served stays the last good build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from geo.errors import LayerFileError
from geo.model.index import INDEX, BuildIndex, file_state
from geo.paths import BuildPaths

__all__ = ["STAMP", "BuildState", "snapshot", "prune_snapshots"]

#: Touched by make (the Makefile's `layers` goal) after every file of a build is written.
STAMP = ".built"


@dataclass(frozen=True)
class BuildState:
    """What the files of a build look like now: the stamp's, the index's and each layer file's (size, modification
    time), from a stat of each, no read."""

    stamp: tuple[int, int] | None
    layers: tuple[tuple[str, tuple[int, int] | None], ...]

    @classmethod
    def of(cls, layers_dir: Path) -> BuildState:
        folder = Path(layers_dir)
        names = (
            sorted(e.name for e in os.scandir(folder) if e.name.endswith(".geojson") or e.name == INDEX)
            if folder.is_dir()
            else []
        )
        return cls(file_state(folder / STAMP), tuple((name, file_state(folder / name)) for name in names))

    @property
    def complete(self) -> bool:
        """True when make has finished a build: the stamp is there and no file is newer (one that is was written
        by a make still running, or by one that failed halfway)."""
        written = [status for _, status in self.layers if status is not None]
        return self.stamp is not None and all(mtime <= self.stamp[1] for _, mtime in written)


def snapshot(build: BuildPaths) -> BuildPaths:
    """The build in `build` as it is now, kept in build.served/<digest> (its layers and index, and its base map),
    where make never writes: the folders of a BuildPaths whose root is the snapshot. The same build twice is one
    snapshot."""
    index = BuildIndex.read(build.layers)
    layer_files = [build.layers / INDEX, *(index.path(layer_id) for layer_id in index.layers)]
    basemap_files = sorted(Path(build.basemap).glob("*.geojson"))
    states = {path: file_state(path) for path in [*layer_files, *basemap_files]}
    digest = hashlib.blake2b(digest_size=10)
    for path, state in states.items():
        digest.update(f"{path.name}\0{state}\n".encode())
    kept = BuildPaths(build.served / digest.hexdigest())
    if kept.root.is_dir():
        return kept
    staging = build.served / f".{kept.root.name}.{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for folder, files in ((staging / "layers", layer_files), (staging / "basemap", basemap_files)):
            folder.mkdir(parents=True)
            for path in files:
                try:
                    os.link(path, folder / path.name)
                except FileNotFoundError:
                    raise LayerFileError(f"{path}: gone while the build was being kept; make is writing it") from None
                if file_state(folder / path.name) != states[path]:
                    raise LayerFileError(f"{path}: written again while the build was being kept; make is running")
        os.replace(staging, kept.root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return kept


def prune_snapshots(build: BuildPaths, keep: set[Path]) -> None:
    """Remove the snapshots of `build` but those in `keep` (the build served, and the one before it, which a drawing
    begun before the swap may still read)."""
    if not build.served.is_dir():
        return
    for folder in build.served.iterdir():
        if folder.is_dir() and not folder.name.startswith(".") and folder.resolve() not in keep:
            shutil.rmtree(folder, ignore_errors=True)
