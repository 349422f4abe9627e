"""layers/manifest.toml: the one list of layers, read into LayerSpec records and checked for consistency."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.errors import ManifestError, UnknownLayerError
from geo.model.languages import translated, translation_keys
from geo.model.symbols import MARKERS

__all__ = ["DeriveStep", "LayerSpec", "Manifest", "load_manifest", "GEOMETRY_TYPES", "BASEMAP_COLOURS"]

GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
PROPERTY_TYPES = ("string", "integer", "date")
_LAYER_ID = re.compile(r"[a-z][a-z0-9_]*")
_KINDS = ("source", "derived")
RENDERERS = ("svg", "canvas")
#: The keys of the manifest's [basemap] table: the base map's colours, on paper and on screen.
BASEMAP_COLOURS = (
    "sea",
    "land",
    "focus",
    "coast",
    "border",
    "province",
    "graticule",
    "text",
    "frame",
    "inset_focus",
    "inset_edge",
)
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: The texts of a [[layer]] table that may carry translations beside them (title_ar, legend_tr, ...).
_TRANSLATED_TEXTS = ("title", "legend")


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
    """One [[layer]] table of the manifest."""

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
    required_properties: tuple[str, ...] = ()
    allowed_values: dict[str, tuple] = field(default_factory=dict)
    property_types: dict[str, str] = field(default_factory=dict)
    derive: tuple[DeriveStep, ...] = ()
    renderer: str = "svg"
    states: dict[str, Any] | None = None
    sourced_numbers: tuple[str, ...] = ()
    when_absent: dict[str, str] = field(default_factory=dict)
    method: str | None = None
    cross_checks: tuple[dict[str, Any], ...] = ()
    recent_days: int | None = None
    translations: dict[str, str] = field(default_factory=dict)

    @property
    def state_property(self) -> str | None:
        """The property that names a thing's state in this layer: that of [layer.states] (a post's status), else
        the one its style is by (a town's controller); None for a layer of things without states."""
        if self.states:
            return self.states["property"]
        return self.style_by["property"] if self.style_by else None

    def text(self, key: str, language: str) -> str:
        """The layer's `title` or `legend` in `language` (geo.model.languages), English where it has no translation."""
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
            "temporal": self.temporal,
            "timeline": self.timeline,
            "gazetteer": self.gazetteer,
            "label_rank": self.label_rank,
            "inputs": list(self.inputs),
            "renderer": self.renderer,
            "states": self.states,
            "sourced_numbers": list(self.sourced_numbers),
            "when_absent": self.when_absent,
            "recent_days": self.recent_days,
            **self.translations,
        }


@dataclass(frozen=True)
class Manifest:
    """All layers in drawing order (first at the bottom), how each geometry quality is drawn, the map's
    settings ([map]) and the base map's colours ([basemap], "#rrggbb" by BASEMAP_COLOURS key)."""

    path: Path
    layers: tuple[LayerSpec, ...]
    geometry_quality: dict[str, dict[str, Any]]
    map: dict[str, Any]
    basemap: dict[str, str] = field(default_factory=dict)

    @property
    def directory(self) -> Path:
        return self.path.parent

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(spec.id for spec in self.layers)

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

    def source_files(self, layer_id: str) -> list[Path]:
        """The layer files that `layer_id` is built from (its own, or those of its inputs)."""
        return [self[i].file for i in self.with_inputs([layer_id]) if self[i].file is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "map": self.map,
            "layers": [spec.to_json() for spec in self.layers],
            "geometry_quality": self.geometry_quality,
            "basemap": self.basemap,
        }


def load_manifest(layers_dir: Path) -> Manifest:
    """Read `layers_dir`/manifest.toml and check it; raise ManifestError naming the problem."""
    path = Path(layers_dir) / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: no manifest here; run from the project's root or pass --layers DIR") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid TOML ({exc}); fix the syntax") from None
    quality = data.get("geometry_quality")
    if not isinstance(quality, dict) or not quality:
        raise ManifestError(f"{path}: needs [geometry_quality.<name>] tables (surveyed, approximate, schematic)")
    tables = data.get("layer")
    if not isinstance(tables, list) or not tables:
        raise ManifestError(f"{path}: lists no [[layer]] tables")
    layers = tuple(_layer_spec(path, index, table) for index, table in enumerate(tables, 1))
    manifest = Manifest(
        path=path,
        layers=layers,
        geometry_quality=quality,
        map=_map_settings(path, data.get("map")),
        basemap=_basemap_colours(path, data.get("basemap")),
    )
    _check_references(manifest)
    return manifest


def _map_settings(path: Path, table: Any) -> dict[str, Any]:
    """The [map] table: title, attribution, the static maps' crs, and extents as [west, south, east, north] degrees."""
    if not isinstance(table, dict):
        raise ManifestError(
            f"{path}: needs a [map] table (title, crs, extent, basemap_extent, inset_extent, attribution)"
        )
    for key in ("title", "attribution", "crs"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise ManifestError(f"{path}: [map] needs `{key}` (text)")
    for key in ("extent", "basemap_extent", "inset_extent"):
        box = table.get(key)
        if (
            not isinstance(box, list)
            or len(box) != 4
            or not all(isinstance(v, (int, float)) for v in box)
            or not (-180 <= box[0] < box[2] <= 180 and -90 <= box[1] < box[3] <= 90)
        ):
            raise ManifestError(f"{path}: [map] {key} must be [west, south, east, north] in degrees")
    ranks = table.get("label_ranks")
    needed = {"rank": int, "print_size": (int, float), "screen_size": (int, float), "weight": str, "min_zoom": int}
    if (
        not isinstance(ranks, list)
        or not ranks
        or not all(isinstance(r, dict) and all(isinstance(r.get(k), t) for k, t in needed.items()) for r in ranks)
    ):
        raise ManifestError(f"{path}: [map] label_ranks must list {{{', '.join(needed)}}} for each label rank")
    tiles = table.get("online_tiles")
    if not isinstance(tiles, dict) or not all(isinstance(tiles.get(k), str) for k in ("url", "label", "attribution")):
        raise ManifestError(f"{path}: [map.online_tiles] needs url, label and attribution (text)")
    if not tiles["url"].startswith("https://"):
        raise ManifestError(f"{path}: [map.online_tiles] url must start with https://")
    return table


def _basemap_colours(path: Path, table: Any) -> dict[str, str]:
    """The [basemap] table: every key of BASEMAP_COLOURS, each a "#rrggbb" colour, and no other key."""
    if not isinstance(table, dict):
        raise ManifestError(f"{path}: needs a [basemap] table of colours ({', '.join(BASEMAP_COLOURS)})")
    for key in BASEMAP_COLOURS:
        if key not in table:
            raise ManifestError(f'{path}: [basemap] needs `{key}` (a colour, "#rrggbb")')
    for key, value in table.items():
        if key not in BASEMAP_COLOURS:
            raise ManifestError(f"{path}: [basemap] {key} is not a base map colour; use {', '.join(BASEMAP_COLOURS)}")
        if not isinstance(value, str) or not _COLOUR.fullmatch(value):
            raise ManifestError(f'{path}: [basemap] {key} = {value!r} is not a colour; write it as "#rrggbb"')
    return dict(table)


def _layer_spec(path: Path, index: int, table: dict[str, Any]) -> LayerSpec:
    where = f"{path}: [[layer]] #{index} ({table.get('id', 'no id')})"

    def need(key: str, kind: type) -> Any:
        value = table.get(key)
        if not isinstance(value, kind) or value in ("", []):
            raise ManifestError(f"{where}: needs `{key}` ({kind.__name__})")
        return value

    layer_id = need("id", str)
    if not _LAYER_ID.fullmatch(layer_id):
        raise ManifestError(f"{where}: id {layer_id!r} must be lower-case letters, digits and _")
    kind = need("kind", str)
    if kind not in _KINDS:
        raise ManifestError(f"{where}: kind {kind!r} must be one of {', '.join(_KINDS)}")
    geometry = tuple(need("geometry", list))
    unknown = [g for g in geometry if g not in GEOMETRY_TYPES]
    if unknown:
        raise ManifestError(f"{where}: unknown geometry type {unknown[0]!r}; use {', '.join(GEOMETRY_TYPES)}")
    property_types = table.get("property_types", {})
    for name, type_name in property_types.items():
        if type_name not in PROPERTY_TYPES:
            raise ManifestError(f"{where}: property_types.{name} = {type_name!r}; use {', '.join(PROPERTY_TYPES)}")
    renderer = table.get("renderer", "svg")
    if renderer not in RENDERERS:
        raise ManifestError(f"{where}: renderer {renderer!r} must be one of {', '.join(RENDERERS)}")
    recent_days = table.get("recent_days")
    if recent_days is not None and (
        not isinstance(recent_days, int) or isinstance(recent_days, bool) or recent_days < 1
    ):
        raise ManifestError(f"{where}: recent_days must be a whole number of days, at least 1")
    style = need("style", dict)
    variants = (table.get("style_by") or {}).get("values", {})
    for marker in {style.get("marker"), *(v.get("marker") for v in variants.values())} - {None}:
        if marker not in MARKERS:
            raise ManifestError(f"{where}: marker {marker!r} is unknown; use one of {', '.join(MARKERS)}")
    file = None
    steps: tuple[DeriveStep, ...] = ()
    if kind == "source":
        file = path.parent / need("file", str)
        if not file.is_file():
            raise ManifestError(f"{where}: names the file {file}, which does not exist; create it or fix `file`")
    else:
        steps = tuple(_derive_step(where, step) for step in need("derive", list))
    return LayerSpec(
        id=layer_id,
        title=need("title", str),
        kind=kind,
        geometry=geometry,
        legend=need("legend", str),
        licence=need("licence", str),
        style=style,
        file=file,
        temporal=bool(table.get("temporal", True)),
        timeline=bool(table.get("timeline", False)),
        gazetteer=bool(table.get("gazetteer", False)),
        label_rank=table.get("label_rank"),
        style_by=table.get("style_by"),
        required_properties=tuple(table.get("required_properties", ())),
        allowed_values={k: tuple(v) for k, v in table.get("allowed_values", {}).items()},
        property_types=dict(property_types),
        derive=steps,
        renderer=renderer,
        states=_states(where, table.get("states")),
        sourced_numbers=tuple(table.get("sourced_numbers", ())),
        when_absent=dict(table.get("when_absent", {})),
        method=table.get("method") if kind == "derived" else None,
        cross_checks=tuple(table.get("cross_check", ())),
        recent_days=recent_days,
        translations={k: table[k] for key in _TRANSLATED_TEXTS for k in translation_keys(key) if k in table},
    )


def _states(where: str, table: Any) -> dict[str, Any] | None:
    """[layer.states]: the property that names an entity's state, the states it may start in, and for each state
    the states that may follow it."""
    if table is None:
        return None
    following = table.get("next")
    if not isinstance(table.get("property"), str) or not isinstance(following, dict):
        raise ManifestError(f"{where}: [layer.states] needs `property` (text) and `next` (state = [states after it])")
    unknown = {s for after in following.values() for s in after} - set(following)
    if unknown or not set(table.get("first", following)) <= set(following):
        raise ManifestError(f"{where}: [layer.states] names a state that `next` does not list: {sorted(unknown)}")
    return {"property": table["property"], "first": list(table.get("first", following)), "next": following}


def _derive_step(where: str, table: dict[str, Any]) -> DeriveStep:
    from geo.model.derive import OPERATIONS

    operation = table.get("operation")
    if operation not in OPERATIONS:
        raise ManifestError(f"{where}: derive operation {operation!r} is unknown; use one of {', '.join(OPERATIONS)}")
    properties = table.get("properties")
    if not isinstance(properties, dict):
        raise ManifestError(f"{where}: a [[layer.derive]] table needs [layer.derive.properties]")
    params = {k: v for k, v in table.items() if k not in ("operation", "properties")}
    missing = [name for name in OPERATIONS[operation].parameters if name not in params]
    if missing:
        raise ManifestError(f"{where}: derive operation {operation!r} needs {', '.join(missing)}")
    return DeriveStep(operation=operation, params=params, properties=properties)


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
    for spec in manifest.layers:
        _check_acyclic(manifest, spec.id, ())
    for spec in manifest.layers:
        for check in spec.cross_checks:
            for key in ("areas", "towns"):
                if check.get(key) not in seen:
                    raise ManifestError(
                        f"{manifest.path}: layer {spec.id!r} is cross-checked against {key} {check.get(key)!r}, which "
                        "the manifest does not list"
                    )


def _check_acyclic(manifest: Manifest, layer_id: str, chain: tuple[str, ...]) -> None:
    if layer_id in chain:
        raise ManifestError(f"{manifest.path}: layers derive from each other in a loop: {' -> '.join(chain)}")
    for input_id in manifest[layer_id].inputs:
        _check_acyclic(manifest, input_id, (*chain, layer_id))
