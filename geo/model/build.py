"""The build of a situation's layers (`make layers`, `idlibmap build`): the only step that validates the layer files
and derives the computed layers. Everything after it (the web map, the GIS files, the static maps, every command)
reads the build through geo.model.catalog.Catalog.open.

The build writes every layer, all its features over all dates, to <build>/<id>.geojson (source layers normalized,
derived layers computed) and its index last (geo.model.index). It is incremental: a layer whose source file, manifest
entry and code are those of the build before (and, for a derived layer, whose inputs did not change) is neither read
nor checked again, so after an edit of one layer only that layer is validated, and only it and what derives from it
are written. Every changed source is checked before anything is derived, and all their problems are raised together;
the cross-checks between layers run where one of their layers changed. On any error nothing is written, so what was
built before stays as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import LayerFileError, ValidationError
from geo.model.basemap import basemap_file
from geo.model.catalog import read_built_layer
from geo.model.crosscheck import cross_check
from geo.model.derive import derive_layer
from geo.model.files import write_text_atomic
from geo.model.geojson import display_path, parse_json, read_json
from geo.model.index import BuildIndex, LayerRecord, file_state
from geo.model.layer import Layer
from geo.model.manifest import LayerSpec, Manifest, load_manifest
from geo.model.validate import check_collection
from geo.modules import code_digest

__all__ = ["BuildReport", "build_layers", "load_source_layer"]


@dataclass
class BuildReport:
    """What a build did: the layers it checked from their source files, those it derived, those whose files it
    wrote (a layer made again with the same bytes is not written), and those it left as they were."""

    validated: list[str] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    features: int = 0


def load_source_layer(spec: LayerSpec, manifest: Manifest, path: Path | None = None) -> Layer:
    """Read and validate a source layer's file (or another file checked against the same spec): the build's check,
    and `idlibmap validate FILE`'s while editing."""
    path = path or spec.file
    return Layer(spec, check_collection(read_json(path), spec, manifest, display_path(path)))


def _digest(*parts: bytes | str) -> str:
    hashed = hashlib.blake2b(digest_size=12)
    for part in parts:
        hashed.update(part.encode("utf-8") if isinstance(part, str) else part)
        hashed.update(b"\0")
    return hashed.hexdigest()


def build_layers(layers_dir: Path, build_dir: Path, basemap_dir: Path) -> BuildReport:
    """Build the situation of `layers_dir` into `build_dir`, reading base map shapes from `basemap_dir`; return what
    was done. ValidationError (every problem found) or another project error when it cannot be built."""
    manifest = load_manifest(layers_dir)
    build_dir = Path(build_dir)
    code = code_digest(__name__)
    try:
        earlier: BuildIndex | None = BuildIndex.read(build_dir)
    except LayerFileError:
        earlier = None
    if earlier is not None and earlier.code != code:
        earlier = None
    settings = json.dumps(
        [manifest.language_codes, list(manifest.geometry_quality)], sort_keys=True, ensure_ascii=False
    )
    tables = {table["id"]: json.dumps(table, sort_keys=True, ensure_ascii=False) for table in manifest.table["layer"]}

    order = manifest.with_inputs(list(manifest.ids))
    made_from: dict[str, str] = {}
    sources: dict[str, bytes] = {}
    for layer_id in order:
        spec = manifest[layer_id]
        if spec.kind == "source":
            sources[layer_id] = _read_source(spec)
            made_from[layer_id] = _digest(code, settings, tables[layer_id], sources[layer_id])
        else:
            parts = [basemap_file(basemap_dir, part).read_bytes() for part in spec.basemap_parts]
            made_from[layer_id] = _digest(
                code, settings, tables[layer_id], *(made_from[i] for i in spec.inputs), *parts
            )

    def kept(layer_id: str) -> bool:
        record = earlier.layers.get(layer_id) if earlier else None
        return (
            record is not None
            and record.made_from == made_from[layer_id]
            and file_state(build_dir / record.file) == record.state
        )

    report = BuildReport()
    layers: dict[str, Layer] = {}
    problems: list[str] = []
    for layer_id in order:
        spec = manifest[layer_id]
        if spec.kind == "source" and not kept(layer_id):
            try:
                layers[layer_id] = Layer(
                    spec,
                    check_collection(parse_json(sources[layer_id], spec.file), spec, manifest, display_path(spec.file)),
                )
                report.validated.append(layer_id)
            except ValidationError as exc:
                problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)

    def layer(layer_id: str) -> Layer:
        if layer_id not in layers:
            layers[layer_id] = read_built_layer(manifest[layer_id], build_dir / f"{layer_id}.geojson")
        return layers[layer_id]

    changed = set(report.validated)
    for layer_id in order:
        spec = manifest[layer_id]
        if spec.kind == "derived" and not kept(layer_id):
            layers[layer_id] = derive_layer(spec, manifest, {i: layer(i) for i in spec.inputs}, basemap_dir)
            report.derived.append(layer_id)
            changed.add(layer_id)
    for spec in manifest.layers:
        for check in spec.cross_checks:
            involved = {spec.id, check["areas"], check["towns"]}
            if involved & changed:
                mismatches = cross_check(manifest, {i: layer(i) for i in involved})
                if mismatches:
                    raise ValidationError(mismatches)

    records = {}
    for layer_id in manifest.ids:
        spec = manifest[layer_id]
        path = build_dir / f"{layer_id}.geojson"
        if layer_id in changed:
            if write_text_atomic(path, layers[layer_id].to_geojson() + "\n", keep_same=True):
                report.written.append(layer_id)
            count = len(layers[layer_id])
        else:
            report.unchanged.append(layer_id)
            count = earlier.layers[layer_id].features
        report.features += count
        source = display_path(spec.file) if spec.file is not None else None
        records[layer_id] = LayerRecord(
            file=path.name,
            made_from=made_from[layer_id],
            features=count,
            state=file_state(path),
            source=source,
            source_state=file_state(spec.file) if spec.file is not None else None,
        )
    for stale in set(earlier.layers if earlier else ()) - set(manifest.ids):
        (build_dir / earlier.layers[stale].file).unlink(missing_ok=True)
    BuildIndex(build_dir, manifest.table, display_path(manifest.path), code, records).write()
    return report


def _read_source(spec: LayerSpec) -> bytes:
    try:
        return Path(spec.file).read_bytes()
    except OSError as exc:
        raise LayerFileError(f"{spec.file}: cannot be read ({exc.strerror}); check that the file exists") from None
