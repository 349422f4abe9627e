"""The map is drawn in metres, so that its scale bar is true: map distances match distances on the ground."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from pyproj import Geod

from geo.model.mapdata import MapData
from geo.staticmap.projection import MapProjection
from geo.staticmap.sheet import map_figure

#: Idlib city to Saraqib, and Latakia to Aleppo: across the frame, in degrees (longitude, latitude).
PAIRS = [((36.63, 35.93), (36.80, 35.86)), ((35.78, 35.52), (37.16, 36.20))]


@pytest.mark.parametrize(("start", "end"), PAIRS)
def test_a_distance_on_the_map_is_the_distance_on_the_ground(inputs: MapData, start, end) -> None:
    projection = MapProjection.of(inputs.catalog.manifest)
    x, y = projection.to_map([start[0], end[0]], [start[1], end[1]])
    _, _, ground = Geod(ellps="WGS84").inv(start[0], start[1], end[0], end[1])
    assert np.hypot(x[1] - x[0], y[1] - y[0]) == pytest.approx(ground, rel=1e-3)


def test_the_map_axes_are_in_metres_at_one_scale_both_ways(inputs: MapData) -> None:
    figure = map_figure(inputs, dt.date(2020, 3, 15))
    ax = figure.axes[0]
    projection = MapProjection.of(inputs.catalog.manifest)
    assert (*ax.get_xlim(), *ax.get_ylim()) == pytest.approx(
        (projection.bounds[0], projection.bounds[2], *projection.bounds[1::2])
    )
    box = ax.get_position()
    width, height = figure.get_size_inches()
    metres_per_inch_x = (projection.bounds[2] - projection.bounds[0]) / (box.width * width)
    metres_per_inch_y = (projection.bounds[3] - projection.bounds[1]) / (box.height * height)
    assert metres_per_inch_x == pytest.approx(metres_per_inch_y, rel=1e-6)


def test_true_north_leans_by_the_grid_convergence(inputs: MapData) -> None:
    projection = MapProjection.of(inputs.catalog.manifest)
    # West of the zone's central meridian (39 E), north on a UTM grid leans to the right of the map's up: a
    # small turn clockwise, about (lon - 39) sin(lat) degrees.
    lon = (projection.extent[0] + projection.extent[2]) / 2
    lat = np.radians((projection.extent[1] + projection.extent[3]) / 2)
    assert projection.convergence() == pytest.approx((lon - 39) * np.sin(lat), abs=0.05)
