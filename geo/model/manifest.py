"""A situation's manifest: read from the folder's manifest.toml (or from a build, which keeps the manifest it was made
from), checked against the schema (geo.model.schema), and given to the rest of the code as plain records: the map's
settings, its languages and words, the base map, and the layers (LayerSpec) in drawing order.

Everything that belongs to one crisis comes from here; the code names no layer, place, country, CRS or language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from geo.errors import ManifestError, UnknownLayerError
from geo.model.basemap import PARTS
from geo.model.crs import default_crs
from geo.model.languages import translated
from geo.model.schema import GEOMETRY_TYPES, LayerTable, ManifestTable, PropertyTable

__all__ = ["DeriveStep", "LayerSpec", "Language", "Manifest", "load_manifest", "manifest_from_json", "GEOMETRY_TYPES"]

#: The name of a situation's manifest in its folder.
MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class DeriveStep:
    """One feature of a derived layer: an operation on features of other layers, and the feature's properties."""

    operation: str
    params: dict[str, Any]
    properties: dict[str, Any]

    @property
    def inputs(self) -> tuple[str, ...]:
        """The layer ids this step reads: every parameter that is a {layer, feature} or {layer} reference."""
        return tuple(ref["layer"] for ref in self.params.values() if isinstance(ref, dict) and "layer" in ref)

    @property
    def basemap_parts(self) -> tuple[str, ...]:
        """The base map parts this step reads: every parameter that is a {basemap, name} reference."""
        return tuple(ref["basemap"] for ref in self.params.values() if isinstance(ref, dict) and "basemap" in ref)


@dataclass(frozen=True)
class LayerSpec:
    """One [[layer]] table of the manifest (geo.model.schema.LayerTable), with its properties' rules spelled out."""

    id: str
    title: str
    kind: str
    geometry: tuple[str, ...]
    legend: str
    licence: str
    style: dict[str, Any]
    file: Path | None = None
    temporal: bool = True
    timeline: bool = False
    gazetteer: bool = False
    label_rank: str | None = None
    style_by: dict[str, Any] | None = None
    #: The other ways the web map's reader may style the layer ([[layer.style_choice]], tables as style_by's).
    style_choices: tuple[dict[str, Any], ...] = ()
    required_properties: tuple[str, ...] = ()
    allowed_values: dict[str, tuple] = field(default_factory=dict)
    property_types: dict[str, str] = field(default_factory=dict)
    #: The properties a source of the feature must give ("supports"), numbers or not.
    sourced: tuple[str, ...] = ()
    #: Every property the layer declares, with what it means: name -> about.
    about: dict[str, str] = field(default_factory=dict)
    derive: tuple[DeriveStep, ...] = ()
    renderer: str = "svg"
    #: The properties the web map's layer panel filters a webgl layer's features by ([] for other layers).
    filters: tuple[str, ...] = ()
    states: dict[str, Any] | None = None
    when_absent: dict[str, str] = field(default_factory=dict)
    method: str | None = None
    cross_checks: tuple[dict[str, Any], ...] = ()
    recent_days: int | None = None
    translations: dict[str, str] = field(default_factory=dict)
    #: [layer.feed]: the event dataset the layer is imported from, as a table, or None for a layer written by hand.
    feed: dict[str, Any] | None = None

    @property
    def credit(self) -> str:
        """The layer's licence and, for a layer imported from a dataset, the citation the dataset asks for: what
        travels with its data (popup, static maps' small print, GIS files)."""
        return f"{self.licence}. {self.feed['attribution']}" if self.feed else self.licence

    @property
    def sourced_numbers(self) -> tuple[str, ...]:
        """The sourced properties that are numbers (integer-typed): the figures the maps report."""
        return tuple(key for key in self.sourced if self.property_types.get(key) == "integer")

    @property
    def state_property(self) -> str | None:
        """The property that names a thing's state in this layer: that of [layer.states] (a post's status), else
        the one its style is by (a town's controller); None for a layer of things without states."""
        if self.states:
            return self.states["property"]
        return self.style_by["property"] if self.style_by else None

    def text(self, key: str, language: str) -> str:
        """The layer's `title`, `legend` or `method` in `language`, as written where it has no translation."""
        return translated({key: getattr(self, key), **self.translations}, key, language)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The layers a derived layer is computed from, in first-use order."""
        return tuple(dict.fromkeys(layer for step in self.derive for layer in step.inputs))

    @property
    def basemap_parts(self) -> tuple[str, ...]:
        """The base map parts a derived layer is cut with (built by `make basemap` before it)."""
        return tuple(dict.fromkeys(part for step in self.derive for part in step.basemap_parts))

    def to_json(self) -> dict[str, Any]:
        """The spec as plain JSON for the API and the page (no file paths)."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "geometry": list(self.geometry),
            "legend": self.legend,
            "licence": self.licence,
            "style": self.style,
            "style_by": self.style_by,
            "style_choices": list(self.style_choices),
            "temporal": self.temporal,
            "timeline": self.timeline,
            "gazetteer": self.gazetteer,
            "label_rank": self.label_rank,
            "inputs": list(self.inputs),
            "renderer": self.renderer,
            "filters": list(self.filters),
            "states": self.states,
            "sourced_numbers": list(self.sourced_numbers),
            "when_absent": self.when_absent,
            "recent_days": self.recent_days,
            **({"credit": self.credit} if self.feed else {}),
            **self.translations,
        }


@dataclass(frozen=True)
class Language:
    """A language of the map ([[language]]): code, own name, direction, the locale of its dates and numbers, and the
    key of a feature's name in it (`name` for the first language, the data's own; `name_<code>` for the others)."""

    code: str
    name: str
    dir: str
    locale: str
    name_key: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "dir": self.dir, "locale": self.locale, "nameKey": self.name_key}


@dataclass(frozen=True)
class Manifest:
    """A situation: its layers in drawing order (first at the bottom), how each geometry quality is drawn, the map's
    settings ([map], with its metric `crs` filled in), the base map (its colours by name, its parts' files, its focus),
    the languages (the first is the data's own) and the words of the data's properties and values."""

    path: Path
    layers: tuple[LayerSpec, ...]
    geometry_quality: dict[str, dict[str, Any]]
    map: dict[str, Any]
    basemap: dict[str, str] = field(default_factory=dict)
    basemap_parts: dict[str, Any] = field(default_factory=dict)
    #: The country the map is about, by its base map name (None: the one at the frame's centre).
    focus: str | None = None
    languages: tuple[Language, ...] = ()
    words: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    #: The manifest as checked, as JSON: what a build keeps and manifest_from_json reads back.
    table: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(spec.id for spec in self.layers)

    @property
    def crs(self) -> str:
        """The metric CRS of the static maps and of the derived layers' distances."""
        return self.map["crs"]

    @property
    def language_codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def name_keys(self) -> tuple[str, ...]:
        """The properties that hold a feature's name, one per language: name, name_ar, ..."""
        return tuple(language.name_key for language in self.languages)

    def __getitem__(self, layer_id: str) -> LayerSpec:
        for spec in self.layers:
            if spec.id == layer_id:
                return spec
        raise UnknownLayerError(f"unknown layer {layer_id!r}; the manifest lists: {', '.join(self.ids)}")

    def with_inputs(self, layer_ids: list[str] | tuple[str, ...]) -> list[str]:
        """`layer_ids` and every layer they are derived from, inputs first."""
        order: list[str] = []

        def visit(layer_id: str) -> None:
            if layer_id not in order:
                for input_id in self[layer_id].inputs:
                    visit(input_id)
                order.append(layer_id)

        for layer_id in layer_ids:
            visit(layer_id)
        return order

    def dependents(self, layer_ids: set[str]) -> set[str]:
        """`layer_ids` and every layer derived from any of them, at any depth."""
        found = set(layer_ids)
        for layer_id in self.ids:
            if set(self.with_inputs([layer_id])) & found:
                found.add(layer_id)
        return found

    def source_files(self, layer_id: str) -> list[Path]:
        """The layer files that `layer_id` is built from (its own, or those of its inputs)."""
        return [self[i].file for i in self.with_inputs([layer_id]) if self[i].file is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "map": self.map,
            "layers": [spec.to_json() for spec in self.layers],
            "geometry_quality": self.geometry_quality,
            "basemap": self.basemap,
            "languages": [language.to_json() for language in self.languages],
        }


def load_manifest(layers_dir: Path, files: bool = True) -> Manifest:
    """Read and check the manifest of the situation folder `layers_dir`, whose layer files must exist (unless `files`
    is false: an import writes a layer's first file); raise ManifestError naming the file, the table and the key at
    fault."""
    path = Path(layers_dir) / MANIFEST_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(
            f"{path}: no manifest here; run from the project's root, or point at a situation's folder with "
            "--layers DIR (IDLIBMAP_LAYERS=DIR, make LAYERS=DIR)"
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid TOML ({exc}); fix the syntax") from None
    manifest = _manifest(path, data)
    for spec in manifest.layers if files else ():
        if spec.file is not None and not spec.file.is_file() and spec.feed:
            raise ManifestError(
                f'{path}: [[layer]] id = "{spec.id}": its file {spec.file} is not made yet; make it from the '
                f"dataset: idlibmap import {spec.feed['source']} {spec.feed['file']} --layer {spec.id}"
            )
        if spec.file is not None and not spec.file.is_file():
            raise ManifestError(
                f'{path}: [[layer]] id = "{spec.id}": names the file {spec.file}, which does not exist; create it or '
                "fix `file`"
            )
    return manifest


def manifest_from_json(path: Path, table: dict[str, Any]) -> Manifest:
    """The manifest a build was made from (Manifest.table), read back as `path` had it when it was built."""
    return _manifest(Path(path), table)


def _manifest(path: Path, data: Any) -> Manifest:
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: not a manifest")
    declared = data.get("language")
    codes = [entry.get("code") for entry in declared if isinstance(entry, dict)] if isinstance(declared, list) else []
    try:
        checked = ManifestTable.model_validate(data, context={"languages": tuple(codes)})
    except ValidationError as exc:
        raise ManifestError(f"{path}: {_explain(exc, data)}") from None
    table = checked.model_dump(mode="json", exclude_none=True)
    settings = table["map"]
    settings.setdefault("crs", default_crs(settings["extent"]))
    languages = tuple(
        Language(entry.code, entry.name, entry.dir, entry.locale, "name" if index == 0 else f"name_{entry.code}")
        for index, entry in enumerate(checked.language)
    )
    layers = tuple(_layer_spec(path, layer, settings) for layer in checked.layer)
    basemap = table["basemap"]
    manifest = Manifest(
        path=path,
        layers=layers,
        geometry_quality=table["geometry_quality"],
        map=settings,
        basemap=basemap["colours"],
        basemap_parts={name: basemap[name] for name in PARTS if name in basemap},
        focus=basemap.get("focus"),
        languages=languages,
        words=table["words"],
        table=table,
    )
    _check_references(manifest)
    return manifest


def _layer_spec(path: Path, table: LayerTable, settings: Mapping[str, Any]) -> LayerSpec:
    properties: dict[str, PropertyTable] = table.property
    dumped = table.model_dump(mode="json", exclude_none=True)
    steps = tuple(_derive_step(step, settings) for step in dumped.get("derive", []))
    return LayerSpec(
        id=table.id,
        title=table.title,
        kind=table.kind,
        geometry=tuple(table.geometry),
        legend=table.legend,
        licence=table.licence,
        style=dumped["style"],
        file=path.parent / table.file if table.file else None,
        temporal=table.temporal,
        timeline=table.timeline,
        gazetteer=table.gazetteer,
        label_rank=table.label_rank,
        style_by=dumped.get("style_by"),
        style_choices=tuple(dumped.get("style_choice", ())),
        required_properties=tuple(name for name, p in properties.items() if p.required),
        allowed_values={name: tuple(p.values) for name, p in properties.items() if p.values is not None},
        property_types={name: p.type for name, p in properties.items() if p.type is not None},
        sourced=tuple(name for name, p in properties.items() if p.sourced),
        about={name: p.about for name, p in properties.items()},
        derive=steps,
        renderer=table.renderer,
        filters=tuple(table.filters),
        states=dumped.get("states"),
        when_absent={name: p.when_absent for name, p in properties.items() if p.when_absent is not None},
        method=table.method,
        cross_checks=tuple(dumped.get("cross_check", ())),
        recent_days=table.recent_days,
        translations=table.translations,
        feed=dumped.get("feed"),
    )


def _derive_step(step: dict[str, Any], settings: Mapping[str, Any]) -> DeriveStep:
    """A derive table as the operation reads it: its parameters, with the map's crs (and, for a step with an
    `extent` parameter, the extent the base map is cut to) where the table gives none."""
    from geo.model.operations import OPERATIONS

    params = {k: v for k, v in step.items() if k not in ("operation", "properties")}
    params.setdefault("crs", settings["crs"])
    if "extent" in OPERATIONS[step["operation"]].parameters.model_fields:
        params.setdefault("extent", settings["basemap_extent"])
    return DeriveStep(operation=step["operation"], params=params, properties=step["properties"])


def _explain(error: ValidationError, data: dict[str, Any]) -> str:
    """The first problem pydantic found, said as a person reads the manifest: the table (`[[layer]] id = "x"`,
    `[layer.style]`), the key and what is wrong with it; and how many more there are."""
    problems = error.errors(include_url=False)
    first = problems[0]
    where, key = _place(first["loc"], data, table_level=first["type"] in ("unknown_key", "unknown_language"))
    value = f" = {first['input']!r}" if key and first["type"] not in ("missing",) and _scalar(first["input"]) else ""
    subject = f"`{key}`{value}: " if key else ""
    message = first["msg"]
    if first["type"] == "missing":
        subject, message = "", f"needs `{key}`"
    more = f" ({len(problems) - 1} more problem(s) after this one)" if len(problems) > 1 else ""
    return f"{where}: {subject}{message}{more}"


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def _place(loc: tuple, data: Any, table_level: bool) -> tuple[str, str | None]:
    """(the table a location names, the key in it or None) for a pydantic error location over the manifest `data`:
    an element of an array of tables by its id (or number), then the table below it by its dotted name."""
    parts = list(loc)
    key = None if table_level or not parts or not isinstance(parts[-1], str) else parts.pop()
    names: list[str] = []
    dotted: list[str] = []
    at_element = 0  # how much of `dotted` the last array element's name took
    node: Any = data
    for part in parts:
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            ident = node.get("id") if isinstance(node, dict) else None
            label = ".".join(dotted)
            names.append(f'[[{label}]] id = "{ident}"' if ident else f"[[{label}]] #{part + 1}")
            at_element = len(dotted)
        elif isinstance(node, dict) and part in node:
            dotted.append(str(part))
            node = node[part]
        # anything else is a union's tag (the operation of a derive step), not a key of the file
    if dotted and len(dotted) > at_element or dotted and not names:
        names.append(f"[{'.'.join(dotted)}]")
    return ", ".join(names) or "the top level", key


def _check_references(manifest: Manifest) -> None:
    seen: set[str] = set()
    for spec in manifest.layers:
        if spec.id in seen:
            raise ManifestError(f"{manifest.path}: layer id {spec.id!r} is listed twice")
        seen.add(spec.id)
    for spec in manifest.layers:
        for input_id in spec.inputs:
            if input_id not in seen:
                raise ManifestError(
                    f"{manifest.path}: layer {spec.id!r} is derived from {input_id!r}, which the manifest does "
                    f"not list; add that layer or fix the input"
                )
        for part in spec.basemap_parts:
            if part not in manifest.basemap_parts:
                raise ManifestError(
                    f"{manifest.path}: layer {spec.id!r} is cut with the base map part {part!r}, which [basemap] "
                    f"does not have; use one of {', '.join(manifest.basemap_parts)}"
                )
        for styled in ([spec.style_by] if spec.style_by else []) + list(spec.style_choices):
            if styled["property"] not in spec.about:
                raise ManifestError(
                    f"{manifest.path}: layer {spec.id!r} is styled by the property {styled['property']!r}, which it "
                    f"does not declare; declare it as [layer.property.{styled['property']}] or style by another"
                )
        if spec.feed:
            for code, precision in spec.feed["precision"].items():
                if precision["geometry_quality"] not in manifest.geometry_quality:
                    raise ManifestError(
                        f"{manifest.path}: layer {spec.id!r}: [layer.feed.precision.{code}] geometry_quality "
                        f"{precision['geometry_quality']!r} is not a [geometry_quality] of the manifest; use one of "
                        f"{', '.join(manifest.geometry_quality)}"
                    )
        for check in spec.cross_checks:
            for key in ("areas", "towns"):
                if check[key] not in seen:
                    raise ManifestError(
                        f"{manifest.path}: layer {spec.id!r} is cross-checked against {key} {check[key]!r}, which "
                        "the manifest does not list"
                    )
    for spec in manifest.layers:
        _check_acyclic(manifest, spec.id, ())


def _check_acyclic(manifest: Manifest, layer_id: str, chain: tuple[str, ...]) -> None:
    if layer_id in chain:
        raise ManifestError(f"{manifest.path}: layers derive from each other in a loop: {' -> '.join(chain)}")
    for input_id in manifest[layer_id].inputs:
        _check_acyclic(manifest, input_id, (*chain, layer_id))
