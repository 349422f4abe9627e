"""A build's index (build/layers/index.json): what `make layers` built, so that everything after it reads the build
and never the sources again.

It holds the manifest the layers were built with (as checked: geo.model.manifest.Manifest.table), a digest of the
code that built them, and for each layer its file, what it was made from (a digest of its source file, its manifest
entry and the code, or of its inputs' digests: LayerRecord.made_from), how many features it has and the state of its
file when written (size, modification time), and the state of each source file read. The build writes the layer
files first and the index last, each atomically, so an index names only files that are complete.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import LayerFileError
from geo.model.files import write_text_atomic

__all__ = ["INDEX", "FileState", "LayerRecord", "BuildIndex", "file_state"]

#: The index's name in the build's layer folder.
INDEX = "index.json"
#: Raised when the format changes, so that an older index is rebuilt rather than misread.
_FORMAT = 1

FileState = tuple[int, int]


def file_state(path: Path) -> FileState | None:
    """(size, modification time in ns) of a file, None when there is none: every write makes a new file, so another
    state is another content."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_size, status.st_mtime_ns


@dataclass(frozen=True)
class LayerRecord:
    """One built layer: its file (below the build folder), what it was made from, its feature count and its file's
    state when written; for a source layer, the source file's path and state when read."""

    file: str
    made_from: str
    features: int
    state: FileState
    source: str | None = None
    source_state: FileState | None = None


@dataclass(frozen=True)
class BuildIndex:
    """The index of the build in `folder`: the manifest (as checked), where it was read from, the code's digest and
    each layer's record, by id in the manifest's order."""

    folder: Path
    manifest: dict[str, Any]
    manifest_path: str
    code: str
    layers: dict[str, LayerRecord] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> BuildIndex:
        """The index of the build in `folder`; an error saying to run make when there is none (or an older one)."""
        path = Path(folder) / INDEX
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise LayerFileError(f"{path}: no build here; run `make layers` (or `make`) first") from None
        except ValueError:
            raise LayerFileError(f"{path}: not a build's index; run `make layers` again") from None
        if data.get("format") != _FORMAT:
            raise LayerFileError(f"{path}: a build of an older version; run `make layers` again")
        layers = {
            layer_id: LayerRecord(
                **{**record, "state": tuple(record["state"]), "source_state": _state(record.get("source_state"))}
            )
            for layer_id, record in data["layers"].items()
        }
        return cls(Path(folder), data["manifest"], data["manifest_path"], data["code"], layers)

    def write(self) -> None:
        """Write the index into its folder, atomically; unchanged bytes are not written again."""
        body = {
            "format": _FORMAT,
            "manifest_path": self.manifest_path,
            "code": self.code,
            "layers": {layer_id: asdict(record) for layer_id, record in self.layers.items()},
            "manifest": self.manifest,
        }
        write_text_atomic(self.folder / INDEX, json.dumps(body, ensure_ascii=False, indent=1) + "\n", keep_same=True)

    def path(self, layer_id: str) -> Path:
        """The built file of the layer `layer_id`."""
        return self.folder / self.layers[layer_id].file

    def check(self, layer_id: str) -> None:
        """Raise an error saying to run make if the layer's file is not the one this index recorded (make wrote it
        again, or something else did)."""
        path = self.path(layer_id)
        if file_state(path) != self.layers[layer_id].state:
            raise LayerFileError(f"{path}: changed since the build's index was written; run `make layers` again")

    def stale_sources(self) -> list[str]:
        """The source files (as the build read them: paths relative to the working directory, or absolute) that
        have changed since: the build does not show them yet."""
        return sorted(
            record.source
            for record in self.layers.values()
            if record.source is not None and file_state(Path(record.source)) != record.source_state
        )


def _state(value: Any) -> FileState | None:
    return tuple(value) if value is not None else None
