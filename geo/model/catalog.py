"""All layers of the manifest, loaded and validated (source) or computed (derived), in drawing order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape

from geo import paths
from geo.errors import ManifestError, ValidationError
from geo.model.basemap import load_basemap
from geo.model.crosscheck import cross_check
from geo.model.dates import FAR_FUTURE
from geo.model.derive import OPERATIONS, Derived, Inputs, Operation
from geo.model.geojson import normalize_geometry, read_json
from geo.model.layer import Layer, feature_interval
from geo.model.manifest import DeriveStep, LayerSpec, Manifest, load_manifest
from geo.model.validate import check_collection

__all__ = ["Catalog", "TimelineEntry", "Change", "load_source_layer"]


@dataclass(frozen=True)
class TimelineEntry:
    """A key date of the map: an event of a timeline layer."""

    date: dt.date
    title: str
    kind: str
    layer: str
    feature_id: str

    def to_json(self) -> dict[str, str]:
        return {
            "date": self.date.isoformat(),
            "title": self.title,
            "kind": self.kind,
            "layer": self.layer,
            "feature_id": self.feature_id,
        }


@dataclass(frozen=True)
class Change:
    """How one thing (an entity, or a feature without one) differs between two dates.

    `kind` is what the change counts as: where the thing appeared in a state or moved to another one, its state
    now (the value of the layer's state property: a post's status, a town's controller); otherwise the change
    itself (appeared, changed, disappeared).
    """

    layer: str
    entity: str
    change: str  # appeared | disappeared | changed
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "entity": self.entity,
            "change": self.change,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }


def load_source_layer(spec: LayerSpec, manifest: Manifest, path: Path | None = None) -> Layer:
    """Read and validate a source layer's file (or another file checked against the same spec)."""
    path = path or spec.file
    features = check_collection(read_json(path), spec, tuple(manifest.geometry_quality), _display(path))
    return Layer(spec, features)


def _display(path: Path) -> str:
    """`path` relative to the working directory where it lies below it, as a person would type it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Catalog:
    """The layers of a manifest; build with Catalog.load, then index by layer id."""

    def __init__(self, manifest: Manifest, layers: dict[str, Layer]):
        self.manifest = manifest
        self._layers = layers

    @classmethod
    def load(cls, layers_dir: Path, only: list[str] | None = None, basemap_dir: Path = paths.BASEMAP_DIR) -> Catalog:
        """Validate and load every layer (or just `only` and what they derive from); a layer derived with a shape
        of the base map reads it from `basemap_dir`.

        Every source file is checked before anything is derived, and all their problems are raised together.
        """
        manifest = load_manifest(layers_dir)
        wanted = manifest.with_inputs(only if only is not None else list(manifest.ids))
        layers: dict[str, Layer] = {}
        problems: list[str] = []
        for layer_id in wanted:
            spec = manifest[layer_id]
            if spec.kind == "source":
                try:
                    layers[layer_id] = load_source_layer(spec, manifest)
                except ValidationError as exc:
                    problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
        for layer_id in wanted:
            spec = manifest[layer_id]
            if spec.kind == "derived":
                layers[layer_id] = _derive_layer(spec, manifest, layers, Path(basemap_dir))
        ordered = {layer_id: layers[layer_id] for layer_id in manifest.ids if layer_id in layers}
        mismatches = cross_check(manifest, ordered)
        if mismatches:
            raise ValidationError(mismatches)
        return cls(manifest, ordered)

    def __getitem__(self, layer_id: str) -> Layer:
        self.manifest[layer_id]  # raises UnknownLayerError for an id the manifest does not list
        return self._layers[layer_id]

    def __iter__(self) -> Iterator[Layer]:
        return iter(self._layers.values())

    def timeline(self) -> list[TimelineEntry]:
        """The key dates: every feature of the timeline layers, by date then title."""
        entries = [
            TimelineEntry(
                date=dt.date.fromisoformat(f["properties"]["valid_from"]),
                title=f["properties"]["name"],
                kind=str(f["properties"].get("kind", "")),
                layer=layer.id,
                feature_id=f["properties"]["id"],
            )
            for layer in self
            if layer.spec.timeline
            for f in layer.features
        ]
        return sorted(entries, key=lambda e: (e.date, e.title))

    def latest_event(self, date: dt.date) -> TimelineEntry | None:
        """The last key date on or before `date` (the last listed when several fall on that day)."""
        earlier = [entry for entry in self.timeline() if entry.date <= date]
        return earlier[-1] if earlier else None

    def drawn_on(self, date: dt.date, shown: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]:
        """Layer id -> the features a map of `date` draws: valid on that day and inside the map's extent; none for
        a layer that is not among the layer ids `shown` (default: every layer is shown)."""
        box = shapely.box(*self.manifest.map["extent"])
        drawn = {}
        for layer in self:
            features = layer.at(date) if shown is None or layer.id in shown else []
            inside = shapely.intersects(box, [shape(f["geometry"]) for f in features])
            drawn[layer.id] = [f for f, keep in zip(features, inside) if keep]
        return drawn

    def change_dates(self) -> list[dt.date]:
        """Every day on which the map of some layer changes (a feature's valid_from or valid_to), in order."""
        return sorted(
            {
                day
                for layer in self
                for f in layer.features
                for day in feature_interval(f["properties"])
                if dt.date.min < day < FAR_FUTURE
            }
        )

    def diff(self, before: dt.date, after: dt.date) -> list[Change]:
        """What appears, disappears or changes state between two dates, layer by layer (see Change).

        Features that share an `entity_id` are one thing in successive states; others are matched by `id`.
        """
        changes = []
        for layer in self:
            then = {_entity(f): f for f in layer.at(before)}
            now = {_entity(f): f for f in layer.at(after)}
            for entity in then.keys() | now.keys():
                old, new = then.get(entity), now.get(entity)
                if old is None:
                    kind = "appeared"
                elif new is None:
                    kind = "disappeared"
                elif old["properties"]["id"] != new["properties"]["id"]:
                    kind = "changed"
                else:
                    continue
                changes.append(
                    Change(layer.id, entity, kind, _kind(layer.spec, kind, old, new), _summary(old), _summary(new))
                )
        order = {layer_id: index for index, layer_id in enumerate(self.manifest.ids)}
        return sorted(changes, key=lambda c: (order[c.layer], c.change, c.entity))


def _entity(feature: dict[str, Any]) -> str:
    properties = feature["properties"]
    return properties.get("entity_id") or properties["id"]


def _kind(spec: LayerSpec, change: str, old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    """What a change counts as (see Change.kind)."""
    state = spec.state_property
    if new is None or state is None or new["properties"].get(state) is None:
        return change
    now = new["properties"][state]
    if old is not None and old["properties"].get(state) == now:
        return change
    return str(now)


def _summary(feature: dict[str, Any] | None) -> dict[str, Any] | None:
    if feature is None:
        return None
    keys = (
        "id",
        "name",
        "name_ar",
        "name_tr",
        "status",
        "controller",
        "kind",
        "total_people",
        "valid_from",
        "valid_to",
    )
    return {k: feature["properties"][k] for k in keys if k in feature["properties"]}


def _derive_layer(spec: LayerSpec, manifest: Manifest, layers: dict[str, Layer], basemap_dir: Path) -> Layer:
    """Compute a derived layer's features, then validate them by the same rules as a source layer."""

    def feature(reference: dict[str, str]) -> dict[str, Any]:
        for candidate in layers[reference["layer"]].features:
            if candidate["properties"]["id"] == reference.get("feature"):
                return candidate
        raise ManifestError(
            f"{manifest.path}: layer {spec.id!r} is derived from feature {reference.get('feature')!r} of layer "
            f"{reference['layer']!r}, which has no such feature; fix the reference or add the feature"
        )

    features = []
    for step in spec.derive:
        operation = OPERATIONS[step.operation]
        shape = _basemap_shapes(step, basemap_dir).__getitem__
        if not operation.per_period:
            inputs = Inputs(
                feature, lambda ref: layers[ref["layer"]].features, lambda ref, pick=shape: pick(ref["basemap"])
            )
            features += [_derived_feature(step.properties, made) for made in operation.run(step.params, inputs)]
        else:
            features += _derive_per_period(step, operation, layers, feature, shape)
    collection = {"type": "FeatureCollection", "features": features}
    label = f"{_display(manifest.path)} (derived layer {spec.id})"
    return Layer(spec, check_collection(collection, spec, tuple(manifest.geometry_quality), label))


def _basemap_shapes(step: DeriveStep, basemap_dir: Path) -> dict[str, shapely.Geometry]:
    """The base map shapes a step refers to ({basemap: part, name: shape name}), by part."""
    shapes = {}
    for reference in (r for r in step.params.values() if isinstance(r, dict) and "basemap" in r):
        part = load_basemap(basemap_dir, [reference["basemap"]])[reference["basemap"]]
        chosen = part[part["name"] == reference.get("name")]
        if chosen.empty:
            raise ManifestError(
                f"a derive step names the base map shape {reference.get('name')!r} of part {reference['basemap']!r}, "
                f"which has no shape of that name; use one of {', '.join(sorted(part['name']))}"
            )
        shapes[reference["basemap"]] = shapely.union_all(chosen.geometry.to_numpy())
    return shapes


def _derived_feature(step_properties: dict[str, Any], made: Derived, period: tuple | None = None) -> dict[str, Any]:
    """A feature made by a derive step: the step's properties, the operation's own, an id told apart by the
    feature's suffix (and period), and the period's dates."""
    properties = {**step_properties, **(made.properties or {})}
    entity = "_".join(part for part in (step_properties["id"], made.suffix) if part)
    properties["id"] = entity
    if period is not None:
        start, end = period
        properties.update(id=f"{entity}_{start.isoformat()}", entity_id=entity, valid_from=start.isoformat())
        if end is not None:
            properties["valid_to"] = end.isoformat()
    return {"type": "Feature", "geometry": normalize_geometry(made.geometry), "properties": properties}


def _derive_per_period(
    step: DeriveStep,
    operation: Operation,
    layers: dict[str, Layer],
    feature: Callable[[dict[str, str]], dict[str, Any]],
    shape: Callable[[str], shapely.Geometry],
) -> list[dict[str, Any]]:
    """Run a per-period step on the features valid in each period between two dates of its inputs; a feature that
    comes out the same in consecutive periods is one feature over both."""
    bounds = sorted(
        {
            day
            for layer_id in step.inputs
            for f in layers[layer_id].features
            for day in feature_interval(f["properties"])
            if dt.date.min < day < FAR_FUTURE
        }
    )
    made: list[dict[str, Any]] = []
    last: dict[str, dict[str, Any]] = {}  # suffix -> the feature of the previous period, to extend
    for start, end in zip(bounds, [*bounds[1:], None]):
        inputs = Inputs(feature, lambda ref, day=start: layers[ref["layer"]].at(day), lambda ref: shape(ref["basemap"]))
        current = {}
        for result in operation.run(step.params, inputs):
            new = _derived_feature(step.properties, result, (start, end))
            previous = last.get(result.suffix)
            if (
                previous is not None
                and previous["properties"].get("valid_to") == start.isoformat()
                and _same(previous, new)
            ):
                if end is None:
                    del previous["properties"]["valid_to"]
                else:
                    previous["properties"]["valid_to"] = end.isoformat()
                current[result.suffix] = previous
            else:
                made.append(new)
                current[result.suffix] = new
        last = current
    return made


def _same(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """True when two derived features differ only in their dates and id."""
    dates = ("id", "valid_from", "valid_to")
    strip = lambda f: {k: v for k, v in f["properties"].items() if k not in dates}  # noqa: E731
    return one["geometry"] == other["geometry"] and strip(one) == strip(other)
