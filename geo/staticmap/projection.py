"""The static map's projection: the manifest's extent in degrees, and the projected plane the map is drawn on.

Maps are drawn in metres (the situation's metric CRS: a UTM zone, 37N for Idlib) rather than degrees, so that
distances, the scale bar and shapes are true; this module is the one place that turns degrees into map coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geo.model.manifest import Manifest

__all__ = ["MapProjection"]


@dataclass(frozen=True)
class MapProjection:
    """The map's extent [west, south, east, north] in degrees and its projection to a metric CRS.

    The CRS is the manifest's [map] crs, by default the UTM zone of the extent's centre (geo.model.crs); for Idlib,
    UTM zone 37N, whose central meridian (39 E) is within 3.3 degrees of the whole extent, so the scale error is
    under 0.07 %. It is also the plane the derived layers are computed in.
    """

    extent: tuple[float, float, float, float]
    crs: str

    @classmethod
    def of(cls, manifest: Manifest) -> MapProjection:
        """The extent and CRS of the manifest's [map] table."""
        return cls(tuple(manifest.map["extent"]), manifest.map["crs"])

    @cached_property
    def _forward(self) -> Transformer:
        return Transformer.from_crs("EPSG:4326", self.crs, always_xy=True)

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
        """The map's axes limits (x0, y0, x1, y1): the box around the projected extent."""
        return tuple(float(v) for v in self.outline.bounds)

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
