"""The layers as `make layers` built them, and how to tell that a whole new build is there.

`make layers` validates every layer and writes each one, normalized (source) or computed (derived), to
build/layers/<id>.geojson, then touches build/layers/.built once every layer is written. The web map reads only
these files: a failed `make` writes none of them, so what is served stays the last good build. The features are
not validated again here; that is make's job, done once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from geo.errors import LayerFileError
from geo.model.catalog import Catalog
from geo.model.geojson import read_json
from geo.model.layer import Layer
from geo.model.manifest import load_manifest

__all__ = ["STAMP", "BuildState", "read_built"]

#: Touched by make (the Makefile's `layers` goal) after every layer of a build is written.
STAMP = ".built"


def read_built(layers_dir: Path, build_dir: Path) -> Catalog:
    """The catalog of the manifest in `layers_dir` with each layer's features read from `build_dir`/<id>.geojson;
    a layer not built raises an error saying to run make."""
    manifest = load_manifest(layers_dir)
    layers = {}
    for spec in manifest.layers:
        path = Path(build_dir) / f"{spec.id}.geojson"
        if not path.is_file():
            raise LayerFileError(f"{path}: the layer {spec.id!r} is not built; run `make layers`")
        layers[spec.id] = Layer(spec, read_json(path)["features"])
    return Catalog(manifest, layers)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_size


@dataclass(frozen=True)
class BuildState:
    """What the files of a build look like now: the stamp's and each layer file's (modification time, size)."""

    stamp: tuple[int, int] | None
    layers: tuple[tuple[str, tuple[int, int] | None], ...]

    @classmethod
    def of(cls, build_dir: Path) -> BuildState:
        folder = Path(build_dir)
        names = (
            sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".geojson"))
            if folder.is_dir()
            else []
        )
        return cls(_stat(folder / STAMP), tuple((name, _stat(folder / name)) for name in names))

    @property
    def complete(self) -> bool:
        """True when make has finished a build: the stamp is there and no layer file is newer (one that is was
        written by a make still running, or by one that failed halfway)."""
        written = [status for _, status in self.layers if status is not None]
        return self.stamp is not None and all(mtime <= self.stamp[0] for mtime, _ in written)
