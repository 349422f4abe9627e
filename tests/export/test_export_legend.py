"""What a map says: the legend lists exactly the layers drawn on its date (in the function and in the rendered
SVG), explains approximate and schematic geometry when it is drawn and the circle round a point placed within a radius
when one is drawn, and the title and subtitle name the date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import shapely
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from shapely.geometry import shape

from geo.model.captions import disagreements, map_title
from geo.model.catalog import Catalog
from geo.model.mapdata import MapData
from geo.model.style import UNCERTAINTY_SYMBOL
from geo.model.wording import Wording
from geo.staticmap.atlas import key_dates
from geo.staticmap.drawing import uncertainty_line
from geo.staticmap.export import export_map
from geo.staticmap.legend import MapLegend, draw_legend, map_legend
from geo.staticmap.sheet import legend_on

from export_support import svg_text

BEFORE_CORRIDOR = dt.date(2020, 3, 1)
WITH_CORRIDOR = dt.date(2020, 3, 20)


def layers_drawn(catalog: Catalog, date: dt.date) -> set[str]:
    """The layers with a feature valid on `date` inside the map's frame, found without the exporter's code."""
    frame = shapely.box(*catalog.manifest.map["extent"])
    return {layer.id for layer in catalog if any(frame.intersects(shape(f["geometry"])) for f in layer.at(date))}


@pytest.mark.parametrize("date", [dt.date(2016, 1, 1), BEFORE_CORRIDOR, WITH_CORRIDOR, dt.date(2021, 6, 1)])
def test_the_legend_lists_the_layers_drawn_and_no_other(inputs: MapData, date: dt.date) -> None:
    assert set(legend_on(inputs.catalog, date).layers) == layers_drawn(inputs.catalog, date)


def test_the_legend_follows_the_layers_on_every_key_date(inputs: MapData) -> None:
    for date in key_dates(inputs.catalog):
        assert set(legend_on(inputs.catalog, date).layers) == layers_drawn(inputs.catalog, date), date


def test_the_corridor_enters_the_legend_when_it_is_agreed(inputs: MapData) -> None:
    assert "m4_corridor" not in legend_on(inputs.catalog, BEFORE_CORRIDOR).layers
    assert "m4_corridor" in legend_on(inputs.catalog, WITH_CORRIDOR).layers


def test_the_rendered_legend_shows_the_corridor_only_when_it_is_drawn(inputs: MapData, tmp_path: Path) -> None:
    labels = [entry.label for entry in legend_on(inputs.catalog, WITH_CORRIDOR).entries if entry.layer == "m4_corridor"]
    assert labels
    texts = {}
    for date in (BEFORE_CORRIDOR, WITH_CORRIDOR):
        export_map(inputs, date, "svg", tmp_path / f"{date}.svg")
        texts[date] = svg_text(tmp_path / f"{date}.svg")
    for label in labels:
        assert label not in texts[BEFORE_CORRIDOR]
        assert label in texts[WITH_CORRIDOR]


def test_every_legend_line_of_the_date_is_in_the_rendered_map(inputs: MapData, tmp_path: Path) -> None:
    export_map(inputs, WITH_CORRIDOR, "svg", tmp_path / "map.svg")
    text = svg_text(tmp_path / "map.svg")
    legend = legend_on(inputs.catalog, WITH_CORRIDOR)
    assert legend.uncertainty, "a post placed within a radius stands on that date"
    circle = Wording.of(inputs.catalog.manifest)("maps.uncertainty")
    for label in [entry.label for entry in legend.entries] + [label for _, label, _ in legend.qualities] + [circle]:
        assert label in text


def test_approximate_and_schematic_geometry_is_explained_only_when_drawn(inputs: MapData) -> None:
    manifest = inputs.catalog.manifest
    feature = inputs.catalog["observation_posts"].features[0]
    for quality in ("surveyed", "approximate", "schematic"):
        sample = {**feature, "properties": {**feature["properties"], "geometry_quality": quality}}
        legend = map_legend(manifest, {"observation_posts": [sample]})
        explained = [name for name, _, _ in legend.qualities]
        assert explained == ([] if quality == "surveyed" else [quality])
    assert map_legend(manifest, {}).entries == [] and map_legend(manifest, {}).qualities == []


def _legend_rows(legend: MapLegend, words: Wording) -> dict[str, Any]:
    """The rows of `legend` as drawn (in a bare figure): label, its wrapping undone -> the artist of its symbol."""
    columns = draw_legend(Figure().add_subplot(), legend, {}, words)
    return {
        " ".join(text.get_text().split()): handle
        for column in columns
        for text, handle in zip(column.get_texts(), column.legend_handles)
    }


def test_the_circle_round_an_uncertain_point_is_explained_only_when_one_is_drawn(inputs: MapData) -> None:
    manifest = inputs.catalog.manifest
    words = Wording.of(manifest)
    post = next(f for f in inputs.catalog["observation_posts"].features if "uncertainty_m" not in f["properties"])
    surveyed = {**post["properties"], "geometry_quality": "surveyed"}  # no quality to explain: the circle alone
    for radius, explained in ((None, False), (0, False), (2000, True)):
        properties = surveyed if radius is None else {**surveyed, "uncertainty_m": radius}
        legend = map_legend(manifest, {"observation_posts": [{**post, "properties": properties}]})
        assert legend.uncertainty is explained and legend.qualities == []
        rows = _legend_rows(legend, words)
        assert (words("maps.uncertainty") in rows) is explained
        assert (words("maps.qualities") in rows) is explained, "the section is shown for the circle alone"
    circle = rows[words("maps.uncertainty")]  # the symbol's circle, drawn as the map draws one, in the neutral grey
    width, (_, dash) = uncertainty_line()
    assert list(circle.get_linewidths()) == [width]
    assert circle.get_linestyles()[0][1] == pytest.approx([n * width for n in dash])
    assert tuple(circle.get_edgecolors()[0][:3]) == pytest.approx(to_rgb(UNCERTAINTY_SYMBOL["color"]))


def test_the_title_names_the_date_and_the_subtitle_the_latest_key_date(inputs: MapData) -> None:
    catalog = inputs.catalog
    timeline = catalog.timeline()
    event = next(entry for entry in timeline if entry.date == dt.date(2020, 3, 15))
    words = Wording.of(catalog.manifest)
    title, subtitle = map_title(catalog, dt.date(2020, 3, 15), words)
    assert title == f"{catalog.manifest.map['title']} — 15 March 2020"
    assert event.title in subtitle
    _, later = map_title(catalog, dt.date(2020, 3, 16), words)
    assert "15 March 2020" in later and event.title in later
    _, before = map_title(catalog, timeline[0].date - dt.timedelta(days=1), words)
    assert before.startswith("Before the key dates")


def test_the_map_names_where_the_sources_of_what_it_draws_disagree(inputs: MapData, tmp_path: Path) -> None:
    day = dt.date(2020, 3, 15)
    found = disagreements(inputs.catalog.drawn_on(day), Wording.of(inputs.catalog.manifest))
    assert found, "some fact drawn on that date is disputed"
    pages = export_map(inputs, day, "svg", tmp_path / "map.svg")
    assert len(pages) > 1 and pages[1].name == "map-2.svg", "a crowded date's notes continue on a second page"
    assert "Continued on the next page" in svg_text(pages[0])
    text = " ".join(svg_text(page) for page in pages)
    assert "Where the sources disagree" in text
    for item in found:
        assert item.label in text
        for value, drawn, _ in item.versions:
            assert (f"■ {value}" if drawn else value) in text


def test_the_front_line_and_the_ground_are_drawn_with_their_method(inputs: MapData, tmp_path: Path) -> None:
    export_map(inputs, dt.date(2020, 2, 20), "svg", tmp_path / "map.svg")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert 'id="layer-control_areas-' in svg
    text = svg_text(tmp_path / "map.svg")
    assert "Front line between government and opposition ground" in text
    assert "Voronoi partition" in text, "the small print says how the areas were made"


def test_the_legend_of_a_map_of_some_layers_has_only_those(inputs: MapData) -> None:
    shown = {"observation_posts", "m4_corridor"}
    assert set(legend_on(inputs.catalog, WITH_CORRIDOR, shown).layers) == shown
