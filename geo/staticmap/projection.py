"""The static map's projection: the view in degrees (the manifest's extent, or a part of it a reader asks for), and
the projected plane the map is drawn on.

Maps are drawn in metres (the situation's metric CRS: a UTM zone, 37N for Idlib) rather than degrees, so that
distances, the scale bar and shapes are true; this module is the one place that turns degrees into map coordinates.
A view is widened around its centre to the shape of the room the sheet gives the map (`shape`), so that every view
fills the same map column and the scale is the one that fits it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geo.model.manifest import Manifest

__all__ = ["MapProjection"]


@dataclass(frozen=True)
class MapProjection:
    """The view [west, south, east, north] in degrees and its projection to a metric CRS, drawn at `shape` (width over
    height; None: the view's own).

    The CRS is the manifest's [map] crs, by default the UTM zone of the extent's centre (geo.model.crs); for Idlib,
    UTM zone 37N, whose central meridian (39 E) is within 3.3 degrees of the whole extent, so the scale error is
    under 0.07 %. It is also the plane the derived layers are computed in.
    """

    extent: tuple[float, float, float, float]
    crs: str
    shape: float | None = None

    @classmethod
    def of(cls, manifest: Manifest, view: tuple[float, float, float, float] | None = None) -> MapProjection:
        """The view (default: the extent of the manifest's [map] table) in the manifest's CRS."""
        return cls(tuple(view or manifest.map["extent"]), manifest.map["crs"])

    def fitted(self, shape: float) -> MapProjection:
        """The same view, widened around its centre to be drawn `shape` times as wide as it is high."""
        return replace(self, shape=shape)

    @cached_property
    def _forward(self) -> Transformer:
        return Transformer.from_crs("EPSG:4326", self.crs, always_xy=True)

    @cached_property
    def _inverse(self) -> Transformer:
        return Transformer.from_crs(self.crs, "EPSG:4326", always_xy=True)

    def to_map(self, lon: np.ndarray | float, lat: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
        """Map coordinates (metres) of points in degrees."""
        x, y = self._forward.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
        return np.asarray(x), np.asarray(y)

    @cached_property
    def lonlat_box(self) -> shapely.Polygon:
        """The extent as a polygon in degrees."""
        return shapely.box(*self.extent)

    @cached_property
    def outline(self) -> shapely.Polygon:
        """The extent in map coordinates: its edges are densified, as meridians and parallels curve slightly."""
        return self.project_geometry(self.lonlat_box.segmentize(0.01))

    @cached_property
    def bounds(self) -> tuple[float, float, float, float]:
        """The map's axes limits (x0, y0, x1, y1): the box around the projected view, widened to `shape`."""
        x0, y0, x1, y1 = (float(v) for v in self.outline.bounds)
        if self.shape is None:
            return x0, y0, x1, y1
        cx, cy, width, height = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
        width, height = max(width, height * self.shape), max(height, width / self.shape)
        return cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2

    @cached_property
    def drawn(self) -> shapely.Polygon:
        """What the map shows, in degrees: its axes' box, its edges densified (the features drawn are those in it)."""
        box = shapely.box(*self.bounds)
        edge = max(self.bounds[2] - self.bounds[0], self.bounds[3] - self.bounds[1]) / 100
        return shapely.transform(box.segmentize(edge), lambda xy: np.column_stack(self._inverse.transform(*xy.T)))

    @property
    def aspect(self) -> float:
        """Width over height of the map."""
        x0, y0, x1, y1 = self.bounds
        return (x1 - x0) / (y1 - y0)

    def project_geometry(self, geometry: shapely.Geometry) -> shapely.Geometry:
        """A shapely geometry in degrees, in map coordinates."""
        return shapely.transform(geometry, lambda xy: np.column_stack(self.to_map(xy[:, 0], xy[:, 1])))

    def project(self, features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """A GeoDataFrame in EPSG:4326, in map coordinates."""
        return features.to_crs(self.crs)

    def convergence(self) -> float:
        """Angle in degrees, counter-clockwise, from the map's up direction to true north at the frame's centre."""
        lon = (self.extent[0] + self.extent[2]) / 2
        lat = (self.extent[1] + self.extent[3]) / 2
        x, y = self.to_map([lon, lon], [lat, lat + 0.1])
        return float(np.degrees(np.arctan2(-(x[1] - x[0]), y[1] - y[0])))
