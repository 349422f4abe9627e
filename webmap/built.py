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
from geo.model.geojson import read_json
from geo.model.layer import Layer
from geo.model.manifest import LayerSpec

__all__ = ["STAMP", "BuildState", "file_state", "layer_path", "read_layer"]

#: Touched by make (the Makefile's `layers` goal) after every layer of a build is written.
STAMP = ".built"


def layer_path(build_dir: Path, layer_id: str) -> Path:
    """Where make writes the layer `layer_id`: `build_dir`/<id>.geojson."""
    return Path(build_dir) / f"{layer_id}.geojson"


def read_layer(spec: LayerSpec, path: Path) -> Layer:
    """The layer of `spec` with its features read from `path`, as make built it; a layer not built raises an error
    saying to run make."""
    if not path.is_file():
        raise LayerFileError(f"{path}: the layer {spec.id!r} is not built; run `make layers`")
    return Layer(spec, read_json(path)["features"])


def file_state(path: Path) -> tuple[int, int] | None:
    """The file's (modification time in ns, size), None when there is none: make writes each file anew, so another
    state is another file."""
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
        return cls(file_state(folder / STAMP), tuple((name, file_state(folder / name)) for name in names))

    @property
    def complete(self) -> bool:
        """True when make has finished a build: the stamp is there and no layer file is newer (one that is was
        written by a make still running, or by one that failed halfway)."""
        written = [status for _, status in self.layers if status is not None]
        return self.stamp is not None and all(mtime <= self.stamp[0] for mtime, _ in written)
