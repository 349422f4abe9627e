"""The Makefile fragment of a situation (<build>/layers.mk): its layer outputs and the files each kind of output is
made from, so that `make` rebuilds exactly what an edit changes.

The files of the situation (its layer files, the base map files of its own) come from the manifest; the code each
output is made by is the import closure of the module that makes it (geo.modules.closure), so that editing a module
rebuilds what runs it and nothing else: the CLI's help text or the static maps' layout is not the layers' code.
"""

from __future__ import annotations

from pathlib import Path

from geo.model.manifest import Manifest
from geo.modules import ROOT, closure
from geo.paths import BuildPaths
from geo.pipeline.gisdata import is_point_layer

__all__ = ["CODE", "make_dependencies"]

#: Make variable -> the modules whose code makes that kind of output.
CODE = {
    "BUILD_CODE": ("geo.model.build",),
    "BASEMAP_CODE": ("geo.pipeline.basemap",),
    "DATA_CODE": ("geo.pipeline.gisdata",),
    "STATICMAP_CODE": ("geo.staticmap.export", "geo.staticmap.atlas"),
    "SITE_CODE": ("webmap.site",),
    "MAKEDEPS_CODE": ("geo.pipeline.makedeps",),
}


def _relative(path: Path) -> str:
    """`path` as make sees it: relative to the working directory where it lies below it."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def make_dependencies(manifest: Manifest, build: BuildPaths) -> str:
    """Make variables naming every output of the situation's build and what it is made from."""
    outputs = [f"{build.layers}/{layer_id}.geojson" for layer_id in manifest.ids]
    sources = sorted({_relative(spec.file) for spec in manifest.layers if spec.file is not None})
    own_basemap = sorted(
        _relative(manifest.directory / entry["file"])
        for part in manifest.basemap_parts.values()
        for entry in part["files"]
        if "file" in entry
    )
    cut_with = sorted({part for spec in manifest.layers for part in spec.basemap_parts})
    variables = {
        "FILE_STEM": manifest.map["file_stem"],
        "LAYER_IDS": " ".join(manifest.ids),
        "POINT_LAYER_IDS": " ".join(spec.id for spec in manifest.layers if is_point_layer(spec)),
        "LAYER_SOURCES": " ".join(sources),
        "LAYER_OUTPUTS": " ".join(outputs),
        "BASEMAP": " ".join(f"{build.basemap}/{part}.geojson" for part in manifest.basemap_parts),
        "BASEMAP_SOURCES": " ".join(own_basemap),
        "LAYER_BASEMAP": " ".join(f"{build.basemap}/{part}.geojson" for part in cut_with),
    }
    for name, modules in CODE.items():
        variables[name] = " ".join(str(path.relative_to(ROOT)) for path in closure(*modules))
    lines = [f"# Made by `idlibmap makedeps` from {_relative(manifest.path)} and the code's imports; do not edit."]
    lines += [f"{name} := {value}" for name, value in variables.items()]
    return "\n".join(lines) + "\n"
