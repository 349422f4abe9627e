"""The rules every feature of every layer follows (layers/README.md), checked with messages a person can act on.

`check_collection` never stops at the first problem: it lists them all, each naming the file, the feature
and what to do, so that an author can fix a file in one pass.
"""

from __future__ import annotations

import difflib
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from shapely.validation import explain_validity

from geo.errors import DateError, ValidationError
from geo.model.dates import parse_date
from geo.model.geojson import normalize_geometries
from geo.model.schema import GEOMETRY_TYPES

if TYPE_CHECKING:
    from geo.model.manifest import LayerSpec, Manifest

__all__ = ["check_collection", "check_feature", "PRECISIONS"]

#: How precise a date is: to the day, to the week or the month it names (valid_from its first day and valid_to the
#: day after its last), to the year, or a span that a source gives as its first and last days.
PRECISIONS = ("day", "week", "month", "year", "span")

#: The properties every layer's features may have (layers/README.md lists them, from here): name -> (required?, type,
#: what it means). `name_<code>` stands for the name in each language of the map after the first.
COMMON_PROPERTIES: dict[str, tuple[str, str, str]] = {
    "id": ("yes", "text, snake_case ASCII", "unique in the layer, e.g. `morek_encircled`"),
    "name": ("yes", "text", "what a reader sees, in the map's first language"),
    "name_<code>": ("no", "text", "the name in another language of the map (`name_ar`: Arabic)"),
    "valid_from": ("yes, except `temporal = false` layers", "`YYYY-MM-DD`", "first day it holds"),
    "valid_to": ("no", "`YYYY-MM-DD`", "first day it no longer holds"),
    "date_precision": (
        "no",
        "`day` | `week` | `month` | `year` | `span`",
        "how precise `valid_from` is (default `day`); `week`, `month`: the dates are that week's or month's first day "
        "and the day after its last; `span`: the event lasted from `valid_from` to the day before `valid_to`",
    ),
    "valid_to_precision": ("no", "`day` | `week` | `month` | `year` | `span`", "how precise `valid_to` is"),
    "entity_id": ("no", "text", "the thing a feature is one state of, stable across its states"),
    "sources": (
        "yes",
        'list of `{"title", "url", "date"?, "supports"?}`',
        'at least one; `supports` lists the properties that source gives; see "Provenance"',
    ),
    "geometry_quality": (
        "yes",
        "a `[geometry_quality]` of the manifest",
        'how exact the geometry is; see "Provenance"',
    ),
    "uncertainty_m": (
        "no",
        "integer",
        "the radius, in metres, within which the sources place a point the geometry cannot place exactly",
    ),
    "note": ("yes for all but `surveyed`", "text", "how the geometry was placed or drawn, and any judgement made"),
    "disputes": (
        "no",
        'list of `{"fact", "label", "versions": [{"value", "drawn"?, "sources"}]}`',
        'where the sources disagree; see "Where the sources disagree"',
    ),
}
#: How deep the coordinates of each geometry type nest, counted from a position.
_POSITION_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


class _Problems:
    """Collects problems for one file, each prefixed with where it is."""

    def __init__(self, label: str):
        self.label = label
        self.items: list[str] = []

    def add(self, feature: str | None, problem: str) -> None:
        where = f"{self.label}: feature {feature!r}" if feature else self.label
        self.items.append(f"{where}: {problem}")


def check_collection(data: Any, spec: LayerSpec, manifest: Manifest, label: str | Path) -> list[dict[str, Any]]:
    """Validate a parsed layer file and return its features normalized; raise ValidationError listing all problems.

    Normalized: geometry rounded to 6 decimals with right-hand polygon winding (RFC 7946), properties as given.
    """
    problems = _Problems(str(label))
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        problems.add(
            None,
            f"is not a GeoJSON FeatureCollection (found {found!r}); wrap the features in "
            '{"type": "FeatureCollection", "features": [...]}',
        )
        raise ValidationError(problems.items)
    raw_features = data.get("features")
    if not isinstance(raw_features, list):
        problems.add(None, 'has no "features" list; a FeatureCollection needs one')
        raise ValidationError(problems.items)
    candidates: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    seen_ids: dict[str, int] = {}
    for index, raw in enumerate(raw_features, 1):
        checked = check_feature(raw, spec, manifest, problems, index)
        if checked is None:
            continue
        fid = checked[0]
        if fid in seen_ids:
            problems.add(fid, f"the id is used twice (features #{seen_ids[fid]} and #{index}); give each its own id")
            continue
        seen_ids[fid] = index
        candidates.append(checked)
    geometries = _checked_geometries([(fid, geometry) for fid, _, geometry in candidates], problems)
    features = [
        {"type": "Feature", "geometry": geometry, "properties": properties}
        for (_, properties, _), geometry in zip(candidates, geometries)
        if geometry is not None
    ]
    _check_entity_states(features, spec, problems)
    if problems.items:
        raise ValidationError(problems.items)
    return features


def check_feature(
    raw: Any, spec: LayerSpec, manifest: Manifest, problems: _Problems, index: int
) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """Check one feature's properties and the form of its geometry; return (id, properties, geometry), or None
    after adding its problems. The geometry's coordinates are checked for the whole layer at once."""
    before = len(problems.items)
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        problems.add(f"#{index}", 'is not a GeoJSON Feature (needs "type": "Feature")')
        return None
    props = raw.get("properties")
    if not isinstance(props, dict):
        problems.add(f"#{index}", 'has no "properties" object')
        return None
    fid = props.get("id")
    if not isinstance(fid, str) or not fid.strip():
        problems.add(f"#{index}", 'has no "id" property; give it one, unique in the layer (e.g. "morek_encircled")')
        fid = f"#{index}"
    _check_properties(props, spec, manifest, problems, fid)
    geometry = raw.get("geometry")
    _check_geometry_form(geometry, spec, problems, fid)
    if len(problems.items) > before:
        return None
    return fid, props, geometry


def _check_properties(
    props: dict[str, Any], spec: LayerSpec, manifest: Manifest, problems: _Problems, fid: str
) -> None:
    qualities = tuple(manifest.geometry_quality)
    _check_known(props, spec, manifest, problems, fid)
    for key in ("note", *manifest.name_keys):
        if key in props and (not isinstance(props[key], str) or not props[key].strip()):
            problems.add(fid, f'"{key}" must be non-empty text')
    if "name" not in props:
        problems.add(fid, 'has no "name"; give the name a reader will see')
    _check_dates(props, spec, problems, fid)
    _check_sources(props.get("sources"), problems, fid)
    quality = props.get("geometry_quality")
    if quality not in qualities:
        problems.add(fid, f'"geometry_quality" is {quality!r}; use one of {", ".join(qualities)}')
    for key in spec.required_properties:
        if props.get(key) in (None, ""):
            problems.add(fid, f'has no "{key}", which every feature of layer {spec.id!r} needs')
    for key, allowed in spec.allowed_values.items():
        if key in props and props[key] not in allowed:
            problems.add(fid, f'"{key}" is {props[key]!r}; layer {spec.id!r} allows {", ".join(map(str, allowed))}')
    for key, type_name in spec.property_types.items():
        if key in props:
            _check_type(props[key], type_name, key, problems, fid)
    if "disputes" in props:
        _check_disputes(props, problems, fid)
    for key in spec.sourced:
        if key in props and not _supported(props, key):
            problems.add(
                fid,
                f'"{key}" is {props[key]!r}, but no source says it: add "supports": ["{key}"] to the source that gives '
                "the number, or remove the number",
            )
    if "control_exception" in props:
        exception = props["control_exception"]
        if not isinstance(exception, dict) or not isinstance(exception.get("reason"), str):
            problems.add(fid, '"control_exception" must be {"reason": "...", "sources": [...]}')
        else:
            _check_sources(exception.get("sources"), problems, fid, "control_exception: ")


def _check_known(props: dict[str, Any], spec: LayerSpec, manifest: Manifest, problems: _Problems, fid: str) -> None:
    """Every property is one every feature may have, a name in a language of the map, or one the layer declares
    ([layer.property.<name>], or what a cross-check's explained_by names); a typo is named with its likely fix."""
    known = {*COMMON_PROPERTIES, *manifest.name_keys, *spec.about, *(c["explained_by"] for c in spec.cross_checks)}
    for key in props:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.add(
                fid,
                f'"{key}" is not a property of layer {spec.id!r}: {hint}declare it in the manifest as '
                f"[layer.property.{key}] (with what it means), or remove it",
            )
    if "uncertainty_m" in props:
        _check_type(props["uncertainty_m"], "integer", "uncertainty_m", problems, fid)


def _supported(props: dict[str, Any], key: str) -> bool:
    """True when a source of the feature says it gives `key`, or a dispute over `key` has a drawn version with
    its sources."""
    sources = props.get("sources") if isinstance(props.get("sources"), list) else []
    if any(isinstance(s, dict) and key in (s.get("supports") or ()) for s in sources):
        return True
    disputes = props.get("disputes") if isinstance(props.get("disputes"), list) else []
    return any(
        isinstance(d, dict) and d.get("fact") == key and any(v.get("drawn") and v.get("sources") for v in d["versions"])
        for d in disputes
        if isinstance(d.get("versions"), list) and all(isinstance(v, dict) for v in d["versions"])
    )


def _check_disputes(props: dict[str, Any], problems: _Problems, fid: str) -> None:
    """Each dispute names a fact and gives at least two versions, from at least two sources; the version drawn is
    marked, and it is the feature's own value when the fact is one of its properties."""
    disputes = props["disputes"]
    if not isinstance(disputes, list) or not disputes:
        problems.add(fid, '"disputes" must be a list of {"fact", "label", "versions": [...]}')
        return
    for number, dispute in enumerate(disputes, 1):
        where = f"dispute #{number}"
        versions = dispute.get("versions") if isinstance(dispute, dict) else None
        if not isinstance(dispute, dict) or not isinstance(dispute.get("fact"), str) or not isinstance(versions, list):
            problems.add(fid, f'{where} must be {{"fact": ..., "label": ..., "versions": [...]}}')
            continue
        where = f"dispute over {dispute['fact']!r}"
        if len(versions) < 2 or not all(isinstance(v, dict) and "value" in v for v in versions):
            problems.add(fid, f"{where} needs at least two versions, each with a value and its sources")
            continue
        for version in versions:
            _check_sources(version.get("sources"), problems, fid, f"{where}, version {version['value']!r}: ")
        # Two sources differ in title or address: a dataset's estimates (UCDP's low, best and high) are told apart by
        # the titles of one dataset's record.
        cited = {
            (s.get("title"), s.get("url")) for v in versions for s in v.get("sources") or () if isinstance(s, dict)
        }
        if len(cited) < 2:
            problems.add(fid, f"{where} names fewer than two sources; a disagreement is between sources")
        drawn = [v for v in versions if v.get("drawn")]
        fact = dispute["fact"]
        if fact in props:
            if len(drawn) != 1 or drawn[0]["value"] != props[fact]:
                problems.add(
                    fid,
                    f'{where}: exactly one version must be "drawn": true, the one equal to the feature\'s '
                    f'"{fact}" ({props[fact]!r})',
                )
        elif drawn:
            problems.add(fid, f'{where}: "{fact}" is not a property of the feature, so no version can be drawn')


def _check_type(value: Any, type_name: str, key: str, problems: _Problems, fid: str) -> None:
    if type_name == "integer" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        problems.add(fid, f'"{key}" is {value!r}; it must be a whole number, 0 or more, without quotes')
    elif type_name == "string" and not isinstance(value, str):
        problems.add(fid, f'"{key}" is {value!r}; it must be text')
    elif type_name == "object" and not isinstance(value, dict):
        problems.add(fid, f'"{key}" is {value!r}; it must be an object, {{...}}')
    elif type_name == "date":
        try:
            parse_date(value, f'"{key}"')
        except DateError as exc:
            problems.add(fid, str(exc))


def _check_dates(props: dict[str, Any], spec: LayerSpec, problems: _Problems, fid: str) -> None:
    if not spec.temporal:
        for key in ("valid_from", "valid_to"):
            if key in props:
                problems.add(
                    fid,
                    f'has "{key}", but layer {spec.id!r} holds things that stand on every date '
                    "(manifest: temporal = false); remove it",
                )
        return
    start = end = None
    if "valid_from" not in props:
        problems.add(fid, 'has no "valid_from"; give the first day it holds, YYYY-MM-DD')
    else:
        try:
            start = parse_date(props["valid_from"], '"valid_from"')
        except DateError as exc:
            problems.add(fid, str(exc))
    if props.get("valid_to") is not None:
        try:
            end = parse_date(props["valid_to"], '"valid_to"')
        except DateError as exc:
            problems.add(fid, str(exc))
    if start and end and end <= start:
        problems.add(
            fid,
            f'"valid_to" {end} is not after "valid_from" {start}; valid_to is the first day it no '
            "longer holds (exclusive): make it later, or remove it if it still holds",
        )
    for key in ("date_precision", "valid_to_precision"):
        if key in props and props[key] not in PRECISIONS:
            problems.add(fid, f'"{key}" is {props[key]!r}; use one of {", ".join(PRECISIONS)}')


def _check_sources(sources: Any, problems: _Problems, fid: str, where: str = "") -> None:
    if not isinstance(sources, list) or not sources:
        problems.add(
            fid, f'{where}has no "sources"; cite at least one: [{{"title": ..., "url": ..., "date": "YYYY-MM-DD"}}]'
        )
        return
    for number, source in enumerate(sources, 1):
        if not isinstance(source, dict):
            problems.add(fid, f"{where}source #{number} must be an object with title, url and date")
            continue
        if not isinstance(source.get("title"), str) or not source["title"].strip():
            problems.add(fid, f'{where}source #{number} has no "title"')
        url = source.get("url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            problems.add(fid, f'{where}source #{number} has no "url" starting with https:// or http://')
        if "date" in source:
            try:
                parse_date(source["date"], f"{where}source #{number} date")
            except DateError as exc:
                problems.add(fid, str(exc))
        supports = source.get("supports", [])
        if not isinstance(supports, list) or not all(isinstance(key, str) for key in supports):
            problems.add(fid, f'{where}source #{number}: "supports" must list the property names it gives')


def _check_geometry_form(geometry: Any, spec: LayerSpec, problems: _Problems, fid: str) -> None:
    """The geometry is there, of a type the layer allows, with long enough lines and closed rings."""
    if geometry is None:
        problems.add(fid, "has no geometry (null); every feature of the map must be placed")
        return
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        found = geometry.get("type") if isinstance(geometry, dict) else geometry
        problems.add(fid, f"geometry type {found!r} is not GeoJSON; use one of {', '.join(spec.geometry)}")
        return
    kind = geometry["type"]
    if kind not in spec.geometry:
        problems.add(fid, f"geometry is a {kind}, but layer {spec.id!r} holds only {', '.join(spec.geometry)}")
        return
    coordinates = geometry.get("coordinates")
    problem = _coordinate_problem(coordinates, _POSITION_DEPTH[kind], check_values=False)
    if problem is None:
        problem = _part_problem(kind, coordinates)
    if problem:
        problems.add(fid, problem)


def _checked_geometries(
    candidates: list[tuple[str, dict[str, Any]]], problems: _Problems
) -> list[dict[str, Any] | None]:
    """Check the coordinates and validity of many well-formed geometries at once (vectorized, as layers run to
    hundreds of thousands of features); return each normalized, or None after adding its problem."""
    texts = [json.dumps(geometry) for _, geometry in candidates]
    geometries = shapely.from_geojson(texts, on_invalid="ignore") if texts else np.array([], dtype=object)
    bad = np.zeros(len(candidates), dtype=bool)
    for i in np.flatnonzero(shapely.is_missing(geometries)):
        fid, geometry = candidates[i]
        problem = _coordinate_problem(geometry["coordinates"], _POSITION_DEPTH[geometry["type"]])
        problems.add(fid, problem or f"the coordinates cannot be read as a {geometry['type']}")
        bad[i] = True
    coordinates, owner = shapely.get_coordinates(geometries, return_index=True)
    outside = ~(np.isfinite(coordinates).all(axis=1) & (np.abs(coordinates) <= [180, 90]).all(axis=1))
    for i in np.unique(owner[outside]):
        fid, geometry = candidates[i]
        problems.add(fid, _coordinate_problem(geometry["coordinates"], _POSITION_DEPTH[geometry["type"]]))
        bad[i] = True
    for i in np.flatnonzero(~bad & ~shapely.is_valid(geometries)):
        fid, geometry = candidates[i]
        problems.add(
            fid,
            f"the {geometry['type']} is not valid ({explain_validity(geometries[i])}); "
            "redraw it so that its boundary does not cross itself",
        )
        bad[i] = True
    good = np.flatnonzero(~bad)
    normalized = normalize_geometries(geometries[good])
    result: list[dict[str, Any] | None] = [None] * len(candidates)
    for i, geometry in zip(good, normalized):
        result[i] = candidates[i][1] if geometry is None else geometry
    return result


def _coordinate_problem(coordinates: Any, depth: int, check_values: bool = True) -> str | None:
    """Why `coordinates` is not a well-formed WGS 84 array nested `depth` levels above positions, or None.

    With check_values False only the form is checked: finite numbers in range are checked for a whole layer
    at once by _checked_geometries, which calls this again to name the position at fault."""
    if depth == 0:
        if (
            not isinstance(coordinates, list)
            or len(coordinates) not in (2, 3)
            or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coordinates)
        ):
            return f"position {coordinates!r} must be [longitude, latitude]"
        if not check_values:
            return None
        lon, lat = coordinates[0], coordinates[1]
        if not all(math.isfinite(c) for c in coordinates):
            return f"position {coordinates!r} holds a number that is not finite"
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return (
                f"position [{lon}, {lat}] is outside WGS 84 (longitude -180..180, latitude -90..90); give "
                "longitude first, in degrees, not projected metres"
            )
        return None
    if not isinstance(coordinates, list) or not coordinates:
        return "coordinates are missing or empty"
    for part in coordinates:
        problem = _coordinate_problem(part, depth - 1, check_values)
        if problem:
            return problem
    return None


def _part_problem(kind: str, coordinates: list) -> str | None:
    """Why a line or ring is too short or a ring is not closed, or None."""
    if kind in ("LineString", "MultiLineString"):
        lines = [coordinates] if kind == "LineString" else coordinates
        if any(len(line) < 2 for line in lines):
            return "a line needs at least two positions"
    if kind in ("Polygon", "MultiPolygon"):
        polygons = [coordinates] if kind == "Polygon" else coordinates
        for ring in (ring for polygon in polygons for ring in polygon):
            if len(ring) < 4:
                return "a polygon ring needs at least four positions (the first repeated at the end)"
            if ring[0] != ring[-1]:
                return (
                    f"a polygon ring is not closed: it starts at {ring[0]} and ends at {ring[-1]}; "
                    "repeat the first position at the end"
                )
    return None


def _check_entity_states(features: list[dict[str, Any]], spec: LayerSpec, problems: _Problems) -> None:
    """Features that share an entity_id are successive states of one thing: their date ranges must not overlap.
    In a layer with [layer.states] they must also meet exactly (no gap) and follow the allowed order."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for feature in features:
        entity = feature["properties"].get("entity_id")
        if entity is not None and "valid_from" in feature["properties"]:
            by_entity.setdefault(entity, []).append(feature["properties"])
    for entity, states in by_entity.items():
        states.sort(key=lambda p: p["valid_from"])
        for earlier, later in zip(states, states[1:]):
            if earlier.get("valid_to") is None or earlier["valid_to"] > later["valid_from"]:
                problems.add(
                    later["id"],
                    f"overlaps {earlier['id']!r}, an earlier state of {entity!r}: end that state "
                    f"(valid_to) on or before {later['valid_from']}",
                )
        if spec.states:
            _check_state_order(entity, states, spec.states, problems)


def _check_state_order(entity: str, states: list[dict[str, Any]], rule: dict[str, Any], problems: _Problems) -> None:
    key, following = rule["property"], rule["next"]
    if states[0].get(key) not in rule["first"]:
        problems.add(
            states[0]["id"],
            f'is the first state of {entity!r} but its "{key}" is {states[0].get(key)!r}; '
            f"an entity starts as {' or '.join(rule['first'])}",
        )
    for earlier, later in zip(states, states[1:]):
        if earlier.get("valid_to") and earlier["valid_to"] < later["valid_from"]:
            problems.add(
                later["id"],
                f"starts on {later['valid_from']} but the state before it, {earlier['id']!r}, ends on "
                f"{earlier['valid_to']}: states of {entity!r} must meet (valid_to of one = valid_from of the next)",
            )
        if later.get(key) not in following.get(earlier.get(key), ()):
            allowed = ", ".join(following.get(earlier.get(key), ())) or "nothing"
            problems.add(
                later["id"],
                f'"{key}" {later.get(key)!r} cannot follow {earlier.get(key)!r} ({earlier["id"]!r}); after '
                f"{earlier.get(key)!r} comes {allowed}",
            )
