"""What a user would write instead, on the same features: folium maps made with GeoDataFrame.explore() and
folium's time plugins (TimestampedGeoJson, Timeline + TimelineSlider), and static maps made with
GeoDataFrame.plot(). The synthetic layers are read with geopandas, as a user would read their own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import folium
import geopandas as gpd
import matplotlib
import pandas as pd

matplotlib.use("Agg")
from folium.plugins import Timeline, TimelineSlider, TimestampedGeoJson  # noqa: E402
from matplotlib import pyplot  # noqa: E402

from geo.model.manifest import load_manifest  # noqa: E402

__all__ = ["read_frames", "explore_html", "timestamped_html", "timeline_page", "valid_on", "plot_png"]

#: The end of an open interval for the time plugins, which need one: the day after the synthetic data ends.
OPEN_END = pd.Timestamp("2021-01-01")


def read_frames(layers_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    """Every layer of the folder's manifest, read by geopandas, by id (valid_from and valid_to become datetimes)."""
    return {spec.id: gpd.read_file(spec.file) for spec in load_manifest(layers_dir).layers if spec.file}


def valid_on(frame: gpd.GeoDataFrame, day: dt.date) -> gpd.GeoDataFrame:
    """The rows valid on `day` (valid_from <= day < valid_to), the filter a user writes with pandas."""
    stamp = pd.Timestamp(day)
    return frame[(frame["valid_from"] <= stamp) & (frame["valid_to"].isna() | (frame["valid_to"] > stamp))]


def explore_html(frames: dict[str, gpd.GeoDataFrame]) -> str:
    """One explore() map of every layer (all features: explore() has no notion of date), as HTML."""
    folium_map = None
    for layer_id, frame in frames.items():
        folium_map = frame.explore(m=folium_map, name=layer_id, tiles=None)
    return folium_map.get_root().render()


def _collection(frame: gpd.GeoDataFrame) -> dict:
    """The frame as GeoJSON; datetimes as text, as json.dumps(default=str) writes them."""
    return json.loads(frame.to_json(drop_id=True, default=str))


def timestamped_html(frames: dict[str, gpd.GeoDataFrame]) -> str:
    """A TimestampedGeoJson map of every layer's features, each stamped with its valid_from."""
    folium_map = folium.Map(tiles=None)
    features = []
    for frame in frames.values():
        for feature in _collection(frame)["features"]:
            feature["properties"]["times"] = [feature["properties"]["valid_from"]]
            features.append(feature)
    TimestampedGeoJson({"type": "FeatureCollection", "features": features}, period="P1D").add_to(folium_map)
    return folium_map.get_root().render()


def timeline_page(frames: dict[str, gpd.GeoDataFrame]) -> tuple[str, str]:
    """A Timeline map of every layer with one TimelineSlider, as HTML, and the slider's JavaScript name."""
    folium_map = folium.Map(tiles=None)
    slider = TimelineSlider(auto_play=False, enable_playback=False, show_ticks=False)
    for frame in frames.values():
        timed = frame.assign(start=frame["valid_from"], end=frame["valid_to"].fillna(OPEN_END))
        slider.add_timelines(Timeline(_collection(timed)).add_to(folium_map))
    slider.add_to(folium_map)
    return folium_map.get_root().render(), slider.get_name()


def plot_png(frames: dict[str, gpd.GeoDataFrame], day: dt.date, output: Path, dpi: float) -> None:
    """The layers' features valid on `day` plotted on one A4 landscape figure, saved as PNG at `dpi`."""
    figure, axes = pyplot.subplots(figsize=(11.69, 8.27))
    for frame in frames.values():
        valid_on(frame, day).plot(ax=axes)
    figure.savefig(output, format="png", dpi=dpi)
    pyplot.close(figure)
