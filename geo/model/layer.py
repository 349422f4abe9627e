"""A loaded layer: its validated features and the date index that answers "what stands on day D"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
from shapely.geometry import shape

from geo.model.dates import FAR_FUTURE
from geo.model.geojson import dumps_collection

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.model.manifest import LayerSpec

__all__ = ["Layer", "feature_interval", "recent_until", "is_recent", "is_faded"]

_FIRST_DAY = dt.date(1, 1, 1)


def feature_interval(properties: dict[str, Any]) -> tuple[dt.date, dt.date]:
    """[valid_from, valid_to) of a validated feature; a missing bound is open."""
    start = properties.get("valid_from")
    end = properties.get("valid_to")
    return (
        dt.date.fromisoformat(start) if start else _FIRST_DAY,
        dt.date.fromisoformat(end) if end else FAR_FUTURE,
    )


def recent_until(spec: LayerSpec, properties: dict[str, Any]) -> dt.date | None:
    """The first day on which a feature of a layer with `recent_days` is no longer recent: its valid_from plus
    recent_days. An event is news for that long; a displacement route stands for its report's period, and is no
    longer recent once that many days have passed without a newer report. None for a layer without the rule or a
    feature without valid_from."""
    if spec.recent_days is None or not properties.get("valid_from"):
        return None
    return dt.date.fromisoformat(properties["valid_from"]) + dt.timedelta(days=spec.recent_days)


def is_recent(spec: LayerSpec, properties: dict[str, Any], date: dt.date) -> bool:
    """True when the feature is recent on `date` (valid_from <= date < recent_until): the maps draw it in full and
    date it (a point of news)."""
    until = recent_until(spec, properties)
    return until is not None and feature_interval(properties)[0] <= date < until


def is_faded(spec: LayerSpec, properties: dict[str, Any], date: dt.date) -> bool:
    """True when a feature drawn on `date` is past its time (date >= recent_until): both maps draw it faded
    (geo.model.style.faded), and the static maps no longer date it."""
    until = recent_until(spec, properties)
    return until is not None and date >= until


class Layer:
    """The features of one manifest layer, over all dates, with a vectorized date selection."""

    def __init__(self, spec: LayerSpec, features: list[dict[str, Any]]):
        self.spec = spec
        self.features = features
        intervals = [feature_interval(f["properties"]) for f in features]
        self._start = np.array([s for s, _ in intervals], dtype="datetime64[D]")
        self._end = np.array([e for _, e in intervals], dtype="datetime64[D]")

    @property
    def id(self) -> str:
        return self.spec.id

    def __len__(self) -> int:
        return len(self.features)

    def intervals(self) -> tuple[np.ndarray, np.ndarray]:
        """Each feature's [valid_from, valid_to) as two arrays of datetime64[D] (open bounds as feature_interval's),
        for those who apply mask_at's rule elsewhere (the web map's GPU filter)."""
        return self._start, self._end

    def mask_at(self, date: dt.date) -> np.ndarray:
        """True for each feature valid on `date`: valid_from <= date < valid_to."""
        day = np.datetime64(date, "D")
        return (self._start <= day) & (day < self._end)

    def at(self, date: dt.date | None) -> list[dict[str, Any]]:
        """The features valid on `date`, in file order; every feature when `date` is None."""
        if date is None:
            return self.features
        return [self.features[i] for i in np.flatnonzero(self.mask_at(date))]

    def to_geojson(self, features: Iterable[dict[str, Any]] | None = None) -> str:
        """A FeatureCollection of `features` (default: all), named after the layer."""
        return dumps_collection(self.features if features is None else features, name=self.id)

    def to_geodataframe(self, features: Iterable[dict[str, Any]] | None = None) -> gpd.GeoDataFrame:
        """`features` (default: all) as a GeoDataFrame in EPSG:4326, one column per property (geopandas is imported
        here, by the maps that draw, so that building and serving the layers need not load it)."""
        import geopandas as gpd

        chosen = list(self.features if features is None else features)
        return gpd.GeoDataFrame(
            [f["properties"] for f in chosen],
            geometry=[shape(f["geometry"]) for f in chosen],
            crs="EPSG:4326",
        )
