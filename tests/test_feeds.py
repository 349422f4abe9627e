"""Importing event datasets (`idlibmap import acled|ucdp`): the made-up fixtures of tests/data in ACLED's and UCDP
GED's formats become layer files by event id, the same file gives the same bytes, a newer one is counted, a bad row
is refused with its line and changes nothing, and the imported layers build and carry their dataset's terms into the
GIS files and the static maps."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import main
from geo.model.catalog import Catalog
from geo.model.mapdata import MapData
from geo.paths import BuildPaths
from geo.pipeline.gisdata import write_data_folder
from geo.staticmap.export import export_map

from support import ROOT, build_situation, feed_situation

DATA = ROOT / "tests" / "data"
#: The properties the web map's drawing of large event layers relies on, as the import names them.
CONTRACT = {
    "id",
    "name",
    "valid_from",
    "valid_to",
    "date_precision",
    "event_type",
    "fatalities",
    "geometry_quality",
    "sources",
    "precision_code",
}


@pytest.fixture
def situation(tmp_path: Path) -> tuple[Path, dict[str, Path]]:
    return feed_situation(tmp_path)


def run_import(layers: Path, source: str, file: Path, layer: str):
    return CliRunner().invoke(main, ["--layers", str(layers), "import", source, str(file), "--layer", layer])


def features(path: Path) -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"]}


def test_an_acled_export_becomes_a_feature_per_event(situation) -> None:
    layers, files = situation
    result = run_import(layers, "acled", files["acled"], "acled_events")
    assert result.exit_code == 0, result.output
    assert "4 events; 4 added, 0 updated, 0 removed" in result.output
    events = features(layers / "acled_events.geojson")
    assert list(events) == sorted(events) == ["acled:FIX0001", "acled:FIX0002", "acled:FIX0003", "acled:FIX0004"]
    clash = events["acled:FIX0001"]
    assert clash["geometry"]["coordinates"] == [36.8006, 35.862]
    p = clash["properties"]
    assert set(p) >= CONTRACT
    assert (p["name"], p["valid_from"], p["valid_to"], p["date_precision"]) == (
        "Armed clash, Saraqab",
        "2020-02-06",
        "2020-02-07",
        "day",
    )
    assert (p["actor1"], p["actor2"], p["location"], p["admin1"], p["admin3"]) == (
        "Fixture Force A",
        "Fixture Force B",
        "Saraqab",
        "Idleb",
        "Saraqab",
    )
    assert (p["fatalities"], p["geometry_quality"], p["uncertainty_m"], p["precision_code"]) == (
        7,
        "approximate",
        2000,
        "1",
    )
    (source,) = p["sources"]
    assert source["url"] == "https://acleddata.com/" and source["supports"] == ["fatalities"]
    assert "FIX0001" in source["title"] and "Fixture Agency; Fixture Observatory" in source["title"]
    week, month = events["acled:FIX0002"]["properties"], events["acled:FIX0003"]["properties"]
    assert (week["valid_from"], week["valid_to"], week["date_precision"]) == ("2020-02-10", "2020-02-17", "week")
    assert (month["valid_from"], month["valid_to"], month["date_precision"]) == ("2020-02-01", "2020-03-01", "month")
    assert (week["geometry_quality"], week["uncertainty_m"]) == ("inferred", 10000)
    assert (month["geometry_quality"], month["uncertainty_m"]) == ("inferred", 50000)
    assert "<script>alert('x')</script>" in week["note"]  # text is kept as written, and shown as text
    assert "actor2" not in week and "note" not in events["acled:FIX0004"]["properties"]


def test_a_ucdp_file_spans_its_dates_and_keeps_low_and_high_as_a_disagreement(situation) -> None:
    layers, files = situation
    result = run_import(layers, "ucdp", files["ucdp"], "ucdp_events")
    assert result.exit_code == 0, result.output
    events = features(layers / "ucdp_events.geojson")
    town, district, province = (events[f"ucdp:90000{n}"]["properties"] for n in (1, 2, 3))
    assert set(town) >= CONTRACT
    assert (town["event_type"], town["actor1"], town["actor2"]) == (
        "state-based conflict",
        "Fixture Government",
        "Fixture Rebels",
    )
    assert (district["valid_from"], district["valid_to"], district["date_precision"]) == (
        "2020-02-10",
        "2020-02-15",
        "span",
    )
    assert (province["valid_from"], province["valid_to"], province["date_precision"]) == (
        "2020-03-01",
        "2020-03-02",
        "day",
    )
    assert [(q["geometry_quality"], q["uncertainty_m"]) for q in (town, district, province)] == [
        ("approximate", 1000),
        ("inferred", 30000),
        ("inferred", 60000),
    ]
    assert town["fatalities"] == 12
    (dispute,) = town["disputes"]
    assert [(v["value"], v.get("drawn", False)) for v in dispute["versions"]] == [(12, True), (10, False), (20, False)]
    assert "disputes" not in district  # best, low and high agree
    assert [v["value"] for v in province["disputes"][0]["versions"]] == [1, 2]  # low is best: not given twice
    assert "Fixture Wire" in town["sources"][0]["title"]


def test_the_same_file_again_changes_no_byte(situation) -> None:
    layers, files = situation
    assert run_import(layers, "acled", files["acled"], "acled_events").exit_code == 0
    layer = layers / "acled_events.geojson"
    before, stamp = layer.read_bytes(), layer.stat().st_mtime_ns
    again = run_import(layers, "acled", files["acled"], "acled_events")
    assert again.exit_code == 0 and again.output.startswith("unchanged")
    assert layer.read_bytes() == before and layer.stat().st_mtime_ns == stamp


def test_a_newer_file_adds_updates_and_removes_by_event_id(situation) -> None:
    layers, files = situation
    assert run_import(layers, "acled", files["acled"], "acled_events").exit_code == 0
    shutil.copyfile(DATA / "acled_fixture_newer.csv", files["acled"])
    result = run_import(layers, "acled", files["acled"], "acled_events")
    assert result.exit_code == 0, result.output
    assert "4 events; 1 added, 1 updated, 1 removed" in result.output
    events = features(layers / "acled_events.geojson")
    assert "acled:FIX0003" not in events and "acled:FIX0005" in events
    assert events["acled:FIX0001"]["properties"]["fatalities"] == 9


@pytest.mark.parametrize(
    "line, problem",
    [
        (3, "event_date is empty"),
        (4, "outside the map's frame"),
        (5, "look swapped"),
        (6, "geo_precision is '9', a code [layer.feed.precision] does not map"),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_nothing_changes(situation, tmp_path: Path, line, problem) -> None:
    layers, files = situation
    assert run_import(layers, "acled", files["acled"], "acled_events").exit_code == 0
    layer = layers / "acled_events.geojson"
    before = layer.read_bytes()
    shutil.copyfile(DATA / "acled_broken.csv", files["acled"])
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "idlibmap"),
            "--layers",
            str(layers),
            "import",
            "acled",
            str(files["acled"]),
            "--layer",
            "acled_events",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    (named,) = [text for text in result.stderr.splitlines() if f"{files['acled'].name}, line {line}: " in text]
    assert problem in named
    assert "Traceback" not in result.stderr and "nothing was written" in result.stderr
    assert "line 2:" not in result.stderr  # the good row is not named
    assert layer.read_bytes() == before


def test_a_missing_column_is_named_on_the_header_line(situation) -> None:
    layers, files = situation
    with files["acled"].open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    drop = rows[0].index("fatalities")
    with files["acled"].open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([row[:drop] + row[drop + 1 :] for row in rows])
    result = run_import(layers, "acled", files["acled"], "acled_events")
    assert result.exit_code == 1
    assert "line 1: the header has no column fatalities" in result.output
    assert not (layers / "acled_events.geojson").exists()


def test_the_manifest_names_the_file_and_the_dataset_a_layer_is_imported_from(situation, tmp_path: Path) -> None:
    layers, files = situation
    renamed = tmp_path / "another-download.csv"
    shutil.copyfile(files["acled"], renamed)
    result = run_import(layers, "acled", renamed, "acled_events")
    assert result.exit_code == 1 and 'set file = "another-download.csv"' in result.output
    wrong = run_import(layers, "ucdp", files["acled"], "acled_events")
    assert wrong.exit_code == 1 and "is imported from acled" in wrong.output
    by_hand = run_import(layers, "acled", files["acled"], "events")
    assert by_hand.exit_code == 1 and "has no [layer.feed]" in by_hand.output


def test_a_feed_layer_not_imported_yet_says_how_to_make_it(situation, tmp_path: Path) -> None:
    layers, _ = situation
    result = CliRunner().invoke(main, ["--layers", str(layers), "validate"])
    assert result.exit_code == 1
    assert "idlibmap import acled 2017-01-01-2021-12-31-Syria.csv --layer acled_events" in result.output


@pytest.fixture
def feed_build(situation, built: BuildPaths, tmp_path: Path) -> BuildPaths:
    """The situation with both fixtures imported, built with the project's base map."""
    layers, files = situation
    for source in ("acled", "ucdp"):
        assert run_import(layers, source, files[source], f"{source}_events").exit_code == 0
    return build_situation(layers, tmp_path / "build", built)


def test_the_imported_layers_build_and_their_terms_travel_into_the_gis_files(feed_build: BuildPaths) -> None:
    catalog = Catalog.open(feed_build.layers)
    assert len(catalog["acled_events"]) == 4 and len(catalog["ucdp_events"]) == 3
    on_the_day = [f["properties"]["id"] for f in catalog["acled_events"].at(dt.date(2020, 2, 12))]
    assert on_the_day == ["acled:FIX0002", "acled:FIX0003"]  # its week and its month, not another day's event
    write_data_folder(catalog, feed_build.data)
    acled = catalog.manifest["acled_events"].feed["attribution"]
    ucdp = catalog.manifest["ucdp_events"].feed["attribution"]
    assert acled in (feed_build.data / "acled_events.csv.txt").read_text(encoding="utf-8")
    assert ucdp in (feed_build.data / "ucdp_events.kml").read_text(encoding="utf-8")
    with sqlite3.connect(feed_build.data / "idlib.gpkg") as db:
        (description,) = db.execute(
            "SELECT description FROM gpkg_contents WHERE table_name = 'acled_events'"
        ).fetchone()
    assert acled in description


def test_a_static_map_draws_the_events_and_prints_their_datasets_terms(feed_build: BuildPaths, tmp_path: Path) -> None:
    data = MapData.open(feed_build.layers, feed_build.basemap)
    output = tmp_path / "map.pdf"
    export_map(data, dt.date(2020, 2, 12), "pdf", output, None)
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Armed Conflict Location & Event Data (ACLED)" in flat
    assert "Introducing the UCDP Georeferenced Event Dataset" in flat
    svg = tmp_path / "map.svg"
    export_map(data, dt.date(2020, 2, 12), "svg", svg, None)
    drawn = svg.read_text(encoding="utf-8")
    assert 'id="layer-acled_events-1-uncertainty' in drawn  # the circle of each point's uncertainty_m


def test_a_layer_file_edited_by_hand_is_written_back_in_the_import_s_form(situation) -> None:
    layers, files = situation
    assert run_import(layers, "acled", files["acled"], "acled_events").exit_code == 0
    layer = layers / "acled_events.geojson"
    imported = layer.read_bytes()
    layer.write_text(json.dumps(json.loads(imported), indent=2), encoding="utf-8")
    result = run_import(layers, "acled", files["acled"], "acled_events")
    assert result.exit_code == 0 and result.output.startswith("rewrote") and "none changed" in result.output
    assert layer.read_bytes() == imported
