"""Events as news on the static map: only the events the manifest's recent_days still counts as news on the map's
date are labelled with their date (geo.model.layer.is_recent, the web map's rule too)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from geo.model.layer import is_recent
from geo.model.manifest import load_manifest
from geo.model.mapdata import MapData
from geo.model.wording import Wording
from geo.paths import BuildPaths
from geo.staticmap.sheet import map_figure

from support import LAYERS_DIR, build_situation

DATE = dt.date(2020, 3, 15)
MANIFEST = load_manifest(LAYERS_DIR)


def short_date(day: dt.date) -> str:
    """A day as the map's date labels write it in the situation's first language."""
    return Wording.of(MANIFEST).date(day, "short")


def _dated_labels(inputs: MapData) -> set[str]:
    """The date labels on the map panel (italic, as the sheet writes them)."""
    figure = map_figure(inputs, DATE)
    return {text.get_text() for text in figure.axes[0].texts if text.get_fontstyle() == "italic"}


def test_only_recent_events_are_dated(inputs: MapData) -> None:
    spec = inputs.catalog.manifest["events"]
    events = inputs.catalog.drawn_on(DATE)["events"]
    recent = {
        short_date(dt.date.fromisoformat(f["properties"]["valid_from"]))
        for f in events
        if is_recent(spec, f["properties"], DATE)
    }
    older = {short_date(dt.date.fromisoformat(f["properties"]["valid_from"])) for f in events} - recent
    labelled = _dated_labels(inputs)
    assert labelled and labelled <= recent
    assert not labelled & older


def test_the_manifest_sets_how_long_an_event_is_news(layers_copy: Path, built: BuildPaths) -> None:
    manifest = layers_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(re.sub(r"(?m)^recent_days = \d+$", "recent_days = 1", text), encoding="utf-8")
    rebuilt = build_situation(layers_copy, layers_copy.parent / "build", basemap_from=built)
    assert _dated_labels(MapData.open(rebuilt.layers, rebuilt.basemap)) == {short_date(DATE)}, (
        "the first joint patrol, that day"
    )


def test_an_event_dated_to_a_week_or_a_month_is_labelled_with_its_period_not_its_first_day() -> None:
    english, arabic = Wording.of(MANIFEST), Wording.of(MANIFEST, "ar")
    week = dt.date(2020, 2, 10), dt.date(2020, 2, 17)  # valid_to: the day after the week, as an import writes it
    assert english.period(*week, "week").replace("\u2009", " ") == "10 – 16 Feb 2020"
    assert arabic.period(*week, "week") == "10–16 فبراير 2020"
    assert english.period(dt.date(2020, 2, 1), dt.date(2020, 3, 1), "month") == "Feb 2020"
    assert english.period(dt.date(2020, 2, 6), dt.date(2020, 2, 7), "day") == short_date(dt.date(2020, 2, 6))
    assert english.period(*week) == short_date(week[0]), "a feature without a date precision: its first day"
