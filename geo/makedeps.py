"""The Makefile fragment that ties each build/layers/<id>.geojson to the layer files it is made from."""

from __future__ import annotations

from pathlib import Path

from geo.manifest import Manifest
from geo.pipeline.gisdata import is_point_layer

__all__ = ["make_dependencies"]


def make_dependencies(manifest: Manifest, build_dir: Path) -> str:
    """Make rules listing every layer output and, for each, the source files that must rebuild it."""
    root = Path.cwd()

    def rel(path: Path) -> str:
        return str(Path(path).resolve().relative_to(root)) if Path(path).is_absolute() else str(path)

    outputs = {layer_id: f"{build_dir}/{layer_id}.geojson" for layer_id in manifest.ids}
    sources = sorted({rel(spec.file) for spec in manifest.layers if spec.file is not None})
    lines = [
        "# Made by `idlibmap makedeps` from layers/manifest.toml; do not edit.",
        f"LAYER_IDS := {' '.join(manifest.ids)}",
        f"POINT_LAYER_IDS := {' '.join(spec.id for spec in manifest.layers if is_point_layer(spec))}",
        f"LAYER_SOURCES := {' '.join(sources)}",
        f"LAYER_OUTPUTS := {' '.join(outputs.values())}",
    ]
    for layer_id, output in outputs.items():
        files = " ".join(rel(f) for f in manifest.source_files(layer_id))
        lines.append(f"{output}: {files}")
    return "\n".join(lines) + "\n"
