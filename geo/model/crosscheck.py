"""Checks between layers, named in the manifest ([[layer.cross_check]]): a point's state must agree with the
ground it stands in, as another layer draws it on the same dates.

For the observation posts: a post "encircled" on a date stands in government-held ground on that date, and a
post standing (established or relieved) in ground its side holds. A mismatch that a source explains is recorded
on the feature (`control_exception`, with its sources) and passes; any other fails the build, naming the post,
the date and the nearest town with its holder, so that the author can see which of the two layers is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from geo.model.layer import Layer, feature_interval
from geo.model.manifest import Manifest

__all__ = ["cross_check"]


def cross_check(manifest: Manifest, layers: Mapping[str, Layer]) -> list[str]:
    """Every mismatch of every cross-check of the manifest whose layers are among `layers` (by id), as messages;
    none when all agree."""
    problems = []
    for spec in manifest.layers:
        for check in spec.cross_checks:
            if {spec.id, check["areas"], check["towns"]} <= layers.keys():
                problems += _check(layers[spec.id], layers[check["areas"]], layers[check["towns"]], check)
    return problems


def _check(points: Layer, areas: Layer, towns: Layer, check: dict[str, Any]) -> list[str]:
    holder, by, expect = check["holder"], check["by"], check["expect"]
    starts = sorted({feature_interval(f["properties"])[0] for f in areas.features})
    problems = []
    for feature in points.features:
        properties = feature["properties"]
        wanted = expect.get(properties.get(by))
        if wanted is None or check["explained_by"] in properties:
            continue
        point = shape(feature["geometry"])
        begin, end = feature_interval(properties)
        for day in [begin, *(d for d in starts if begin < d < end)]:
            found = _holder_at(areas, point, day, holder)
            if found is not None and found != wanted:
                town, town_holder = _nearest_town(towns, point, day, holder)
                problems.append(
                    f"{points.spec.file.name if points.spec.file else points.id}: feature {properties['id']!r}: "
                    f"{by} {properties.get(by)!r} on {day} but it stands in {found} ground ({areas.id}); the "
                    f"nearest town is {town} ({town_holder} on that date). Correct the dates of one of the two "
                    f'layers, or record the sourced reason on the feature as "{check["explained_by"]}"'
                )
                break
    return problems


def _holder_at(areas: Layer, point: shapely.Point, day: dt.date, holder: str) -> str | None:
    """The holder of the area that contains `point` on `day`, or None where no area is drawn."""
    for feature in areas.at(day):
        value = feature["properties"].get(holder)
        if value is not None and shapely.intersects(shape(feature["geometry"]), point):
            return value
    return None


def _nearest_town(towns: Layer, point: shapely.Point, day: dt.date, holder: str) -> tuple[str, str]:
    """The name and holder of the town nearest `point` on `day` (in degrees: it names a town, it measures nothing)."""
    standing = towns.at(day)
    if not standing:
        return "none known", "no holder"
    distances = shapely.distance(point, [shape(f["geometry"]) for f in standing])
    nearest = standing[int(np.argmin(distances))]["properties"]
    return nearest["name"], nearest.get(holder, "no holder")
