"""Derived layers: each [[layer.derive]] table of a layer run by its operation (geo.model.operations) on the layers
it names, and the features made checked as a source layer's are.

A step whose operation is `per_period` is run once for every period between two dates of its inputs, on the features
valid in it; a feature that comes out the same in consecutive periods is one feature over both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shapely

from geo.errors import ManifestError
from geo.model.basemap import basemap_shapes
from geo.model.dates import FAR_FUTURE
from geo.model.geojson import display_path, normalize_geometry
from geo.model.layer import Layer, feature_interval
from geo.model.operations import OPERATIONS, Derived, Inputs, Operation
from geo.model.validate import check_collection

if TYPE_CHECKING:
    from geo.model.manifest import DeriveStep, LayerSpec, Manifest

__all__ = ["derive_layer"]


def derive_layer(spec: LayerSpec, manifest: Manifest, layers: Mapping[str, Layer], basemap_dir: Path) -> Layer:
    """Compute a derived layer's features from its input `layers` (by id) and the base map built in `basemap_dir`,
    then check them by the same rules as a source layer's."""

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
    label = f"{display_path(manifest.path)} (derived layer {spec.id})"
    return Layer(spec, check_collection(collection, spec, manifest, label))


def _basemap_shapes(step: DeriveStep, basemap_dir: Path) -> dict[str, shapely.Geometry]:
    """The base map shapes a step refers to ({basemap: part, name: shape name}), by part."""
    shapes = {}
    for reference in (r for r in step.params.values() if isinstance(r, dict) and "basemap" in r):
        named = basemap_shapes(basemap_dir, reference["basemap"])
        chosen = [geometry for name, geometry in named if name == reference.get("name")]
        if not chosen:
            raise ManifestError(
                f"a derive step names the base map shape {reference.get('name')!r} of part {reference['basemap']!r}, "
                f"which has no shape of that name; use one of {', '.join(sorted({name for name, _ in named}))}"
            )
        shapes[reference["basemap"]] = shapely.union_all(chosen)
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
