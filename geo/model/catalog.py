"""The situation as one build holds it: the manifest it was built with and every layer, in drawing order, read from
the build (Catalog.open) by every consumer, the web map, the GIS files, the static maps and the commands alike;
and what a map asks of it: the features on a date, the key dates, the change between two dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import shape

from geo.errors import LayerFileError
from geo.model.dates import FAR_FUTURE
from geo.model.geojson import read_json
from geo.model.index import BuildIndex
from geo.model.layer import Layer, feature_interval
from geo.model.manifest import LayerSpec, Manifest, manifest_from_json

__all__ = ["Catalog", "TimelineEntry", "Change", "read_built_layer"]


@dataclass(frozen=True)
class TimelineEntry:
    """A key date of the map: an event of a timeline layer; `names` holds its name in each language the data gives
    it in (name, name_uk, ...), for the maps that speak them."""

    date: dt.date
    title: str
    kind: str
    layer: str
    feature_id: str
    names: dict[str, str] = field(default_factory=dict, compare=False)

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


def read_built_layer(spec: LayerSpec, path: Path) -> Layer:
    """The layer of `spec` as a build wrote it to `path`: its features as they are, not checked again."""
    if not Path(path).is_file():
        raise LayerFileError(f"{path}: the layer {spec.id!r} is not built; run `make layers`")
    return Layer(spec, read_json(path)["features"])


class Catalog:
    """The layers of a manifest; build with Catalog.load, then index by layer id."""

    def __init__(self, manifest: Manifest, layers: dict[str, Layer], index: BuildIndex | None = None):
        self.manifest = manifest
        self._layers = layers
        #: The index of the build the layers were read from (None for layers made in memory).
        self.index = index

    @classmethod
    def open(cls, build_dir: Path, earlier: Catalog | None = None) -> Catalog:
        """The layers `make layers` built in `build_dir`, with the manifest they were built with: read as built, not
        checked or derived again. A layer whose record is that of `earlier` (a catalog of the same folder's previous
        build) is taken from it, neither read nor parsed again. An error saying to run make where the build is
        missing, incomplete, or was written again while it was read."""
        index = BuildIndex.read(build_dir)
        manifest = manifest_from_json(Path(index.manifest_path), index.manifest)
        kept = earlier.index if earlier is not None and earlier.index is not None else None
        layers = {}
        for spec in manifest.layers:
            if (
                kept is not None
                and kept.layers.get(spec.id) == index.layers[spec.id]
                and spec == earlier.manifest[spec.id]
            ):
                layers[spec.id] = earlier[spec.id]
            else:
                layers[spec.id] = read_built_layer(spec, index.path(spec.id))
            index.check(spec.id)
        return cls(manifest, layers, index)

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
                names={key: f["properties"][key] for key in self.manifest.name_keys if key in f["properties"]},
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

    def drawn_on(
        self, date: dt.date, shown: Collection[str] | None = None, within: shapely.Geometry | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """Layer id -> the features a map of `date` draws: valid on that day and inside `within` (a shape in degrees;
        default: the map's extent); none for a layer that is not among the layer ids `shown` (default: every layer
        is shown)."""
        box = shapely.box(*self.manifest.map["extent"]) if within is None else within
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
                    Change(
                        layer.id,
                        entity,
                        kind,
                        _kind(layer.spec, kind, old, new),
                        _summary(layer.spec, self.manifest, old),
                        _summary(layer.spec, self.manifest, new),
                    )
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


def _summary(spec: LayerSpec, manifest: Manifest, feature: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a change says of a feature: who it is (id, its names in the map's languages), its state, the figures its
    sources give (the layer's sourced numbers) and its dates."""
    if feature is None:
        return None
    keys = ("id", *manifest.name_keys, spec.state_property, *spec.sourced_numbers, "valid_from", "valid_to")
    return {k: feature["properties"][k] for k in dict.fromkeys(keys) if k is not None and k in feature["properties"]}
