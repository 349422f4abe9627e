"""The Makefile fragment that ties each build/layers/<id>.geojson to the layer files it is made from."""

from __future__ import annotations

from pathlib import Path

from geo import paths
from geo.model.manifest import Manifest
from geo.pipeline.gisdata import is_point_layer

__all__ = ["make_dependencies"]


def make_dependencies(manifest: Manifest, build_dir: Path, basemap_dir: Path = paths.BASEMAP_DIR) -> str:
    """Make rules listing every layer output and, for each, the files that must rebuild it: its layer files and
    the base map parts it is cut with."""
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
    needed = sorted({part for spec in manifest.layers for part in spec.basemap_parts})
    lines.append(f"LAYER_BASEMAP := {' '.join(f'{basemap_dir}/{part}.geojson' for part in needed)}")
    for layer_id, output in outputs.items():
        files = [rel(f) for f in manifest.source_files(layer_id)]
        parts = {part for i in manifest.with_inputs([layer_id]) for part in manifest[i].basemap_parts}
        files += [f"{basemap_dir}/{part}.geojson" for part in sorted(parts)]
        lines.append(f"{output}: {' '.join(files)}")
    return "\n".join(lines) + "\n"
