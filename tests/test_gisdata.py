"""The data in GIS formats: `make data` writes a GeoPackage, KMLs and CSVs that GDAL reads back as the layers hold
them, dates as dates and TimeSpans, each with its licence; `idlibmap at DATE --format` writes one date."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner

from bench.pipeline import make_in_copy, pipeline_copy
from geo.cli import main
from geo.errors import DataExportError
from geo.model.catalog import Catalog
from geo.model.layer import Layer
from geo.model.manifest import Manifest
from geo.paths import BuildPaths
from geo.pipeline import gisdata
from geo.pipeline.gisdata import is_point_layer, licence_statement, write_data

from support import LAYERS_DIR, ROOT, point_feature

KML = {"kml": "http://www.opengis.net/kml/2.2"}
DAY = dt.date(2020, 3, 20)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, built: BuildPaths) -> Path:
    """A copy of the pipeline after `make data`."""
    project = pipeline_copy(LAYERS_DIR, tmp_path_factory.mktemp("gisdata") / "project", built.basemap)
    result = make_in_copy(project, "data")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def data(project: Path) -> Path:
    return project / "build" / "data"


def point_layers(manifest: Manifest) -> list[str]:
    return [spec.id for spec in manifest.layers if is_point_layer(spec)]


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())}


def placemarks(path: Path) -> dict[str, dict[str, str | None]]:
    """Each KML placemark's id with its TimeSpan's begin and end (absent: None), read as XML."""
    spans = {}
    for placemark in ET.parse(path).getroot().iterfind(".//kml:Placemark", KML):
        span = placemark.find("kml:TimeSpan", KML)
        bounds = {"begin": None, "end": None}
        if span is not None:
            bounds = {key: span.findtext(f"kml:{key}", namespaces=KML) for key in bounds}
        spans[placemark.get("id")] = bounds
    return spans


# --- make data ---


def test_make_data_writes_the_geopackage_a_kml_per_layer_and_a_csv_per_point_layer(data: Path, manifest) -> None:
    points = point_layers(manifest)
    stem = manifest.map["file_stem"]
    expected = {f"{stem}.gpkg", *(f"{i}.kml" for i in manifest.ids), *(f"{i}.csv" for i in points)}
    expected |= {f"{i}.csv.txt" for i in points}
    assert {p.name for p in data.iterdir() if not p.name.startswith(".")} == expected
    assert points and len(points) < len(manifest.ids)


def test_a_second_make_rewrites_nothing(project: Path, data: Path) -> None:
    built = snapshot(data)
    again = make_in_copy(project, "data")
    assert again.returncode == 0, again.stderr
    assert "idlibmap" not in again.stdout, "make data with nothing changed runs nothing"
    assert snapshot(data) == built


def test_the_geopackage_holds_every_layer_with_all_its_features(data: Path, catalog: Catalog) -> None:
    path = data / "idlib.gpkg"
    assert [name for name, _ in pyogrio.list_layers(path)] == list(catalog.manifest.ids)
    for layer in catalog:
        info = pyogrio.read_info(path, layer=layer.id)
        assert info["features"] == len(layer), layer.id
        assert info["crs"] == "EPSG:4326"
        frame = pyogrio.read_dataframe(path, layer=layer.id)
        assert list(frame["id"]) == [f["properties"]["id"] for f in layer.features]


def test_validity_and_date_properties_are_date_fields_and_only_in_temporal_layers(data: Path, catalog: Catalog) -> None:
    path = data / "idlib.gpkg"
    for layer in catalog:
        info = pyogrio.read_info(path, layer=layer.id)
        types = dict(zip(info["fields"], info["ogr_types"]))
        present = {key for f in layer.features for key in f["properties"]}  # a field no feature has is not written
        dates = {name for name, kind in layer.spec.property_types.items() if kind == "date" and name in present}
        if layer.spec.temporal:
            dates |= {"valid_from", "valid_to"}
        else:
            assert "valid_from" not in types and "valid_to" not in types, layer.id
        assert {name for name, kind in types.items() if kind == "OFTDate"} == dates, layer.id


def test_dates_read_back_as_the_layers_hold_them(data: Path, catalog: Catalog) -> None:
    for layer in (layer for layer in catalog if layer.spec.temporal):
        frame = pyogrio.read_dataframe(data / "idlib.gpkg", layer=layer.id)
        for key in ("valid_from", "valid_to"):
            read = [None if pd.isna(value) else value.date().isoformat() for value in frame[key]]
            assert read == [f["properties"].get(key) for f in layer.features], (layer.id, key)


def test_lists_and_objects_are_json_text(data: Path, catalog: Catalog) -> None:
    for layer in catalog:
        frame = pyogrio.read_dataframe(data / "idlib.gpkg", layer=layer.id)
        assert [json.loads(text) for text in frame["sources"]] == [f["properties"]["sources"] for f in layer.features]


def test_the_geopackage_names_each_layers_licence_and_the_map_credits(data: Path, catalog: Catalog) -> None:
    path = data / "idlib.gpkg"
    attribution = catalog.manifest.map["attribution"]
    assert pyogrio.read_info(path, layer=catalog.manifest.ids[0])["dataset_metadata"]["CREDITS"] == attribution
    for layer in catalog:
        metadata = pyogrio.read_info(path, layer=layer.id)["layer_metadata"]
        assert metadata["LICENCE"] == layer.spec.licence
        assert metadata["IDENTIFIER"] == layer.spec.title
        assert metadata["DESCRIPTION"] == licence_statement(layer.spec, catalog.manifest)
        assert layer.spec.licence in metadata["DESCRIPTION"] and attribution in metadata["DESCRIPTION"]


def test_each_kml_placemark_spans_its_features_validity(data: Path, catalog: Catalog) -> None:
    for layer in catalog:
        path = data / f"{layer.id}.kml"
        assert pyogrio.read_info(path)["driver"] == "LIBKML"
        spans = placemarks(path)
        assert list(spans) == [f["properties"]["id"] for f in layer.features]
        for feature in layer.features:
            properties = feature["properties"]
            expected = {"begin": properties.get("valid_from"), "end": properties.get("valid_to")}
            assert spans[properties["id"]] == expected, (layer.id, properties["id"])


def test_each_kml_describes_its_licence(data: Path, catalog: Catalog) -> None:
    for layer in catalog:
        document = ET.parse(data / f"{layer.id}.kml").getroot().find("kml:Document", KML)
        assert licence_statement(layer.spec, catalog.manifest) in document.findtext("kml:description", namespaces=KML)
        assert layer.spec.title in [
            d.findtext("kml:name", namespaces=KML) for d in document.iterfind("kml:Document", KML)
        ]


def test_each_csv_has_coordinates_the_layer_and_the_properties(data: Path, catalog: Catalog) -> None:
    for layer_id in point_layers(catalog.manifest):
        layer = catalog[layer_id]
        path = data / f"{layer_id}.csv"
        assert pyogrio.read_info(path)["features"] == len(layer)
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        header = list(rows[0])
        assert header[:5] == ["longitude", "latitude", "layer", "id", "name"]
        assert set(header) == {"longitude", "latitude", "layer"} | {
            k for f in layer.features for k in f["properties"]
        } | ({"valid_from", "valid_to"} if layer.spec.temporal else set())
        for row, feature in zip(rows, layer.features, strict=True):
            assert [float(row["longitude"]), float(row["latitude"])] == feature["geometry"]["coordinates"]
            assert row["layer"] == layer_id and row["id"] == feature["properties"]["id"]
            for key in ("valid_from", "valid_to"):
                assert row.get(key, "") == (feature["properties"].get(key) or "")
                assert not row.get(key) or ISO_DAY.fullmatch(row[key])


def test_each_csv_has_a_licence_note_beside_it(data: Path, catalog: Catalog) -> None:
    for layer_id in point_layers(catalog.manifest):
        note = (data / f"{layer_id}.csv.txt").read_text(encoding="utf-8")
        assert licence_statement(catalog[layer_id].spec, catalog.manifest) in note
        assert "YYYY-MM-DD" in note


# --- writing, directly ---


def test_property_types_become_field_types(tmp_path: Path, manifest) -> None:
    spec = manifest[point_layers(manifest)[0]]
    features = [
        point_feature(id="a", count=3, share=0.5, flag=True, tags=["x"], mixed=1),
        point_feature(id="b", count=None, share=2, flag=False, tags=None, mixed="one"),
    ]
    path = tmp_path / "sample.gpkg"
    assert write_data(path, [Layer(spec, features)], manifest, "gpkg") == 2
    info = pyogrio.read_info(path, layer=spec.id)
    types = dict(zip(info["fields"], zip(info["ogr_types"], info["ogr_subtypes"])))
    assert types["count"] == ("OFTInteger", "OFSTNone")
    assert types["share"] == ("OFTReal", "OFSTNone")
    assert types["flag"] == ("OFTInteger", "OFSTBoolean")
    assert types["tags"][0] == types["mixed"][0] == "OFTString"
    frame = pyogrio.read_dataframe(path, layer=spec.id)
    assert frame["count"].isna().tolist() == [False, True]
    assert list(frame["mixed"]) == ["1", '"one"']
    assert frame["tags"][0] == '["x"]' and frame["tags"].isna().tolist() == [False, True]


def test_a_failed_write_leaves_the_earlier_file_untouched(tmp_path: Path, catalog: Catalog, monkeypatch) -> None:
    path = tmp_path / "data.gpkg"
    write_data(path, list(catalog), catalog.manifest, "gpkg")
    before = path.read_bytes()

    def broken(target: str, **options: Any) -> None:
        Path(target).write_bytes(b"half a file")
        raise pyogrio.errors.DataLayerError("disk full")

    monkeypatch.setattr(gisdata, "write", broken)
    with pytest.raises(DataExportError, match="data.gpkg: cannot be written"):
        write_data(path, list(catalog), catalog.manifest, "gpkg")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["data.gpkg"]


def test_a_csv_of_a_layer_that_is_not_points_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    lines = next(layer for layer in catalog if not is_point_layer(layer.spec))
    with pytest.raises(DataExportError, match=f"{lines.id} is not; write gpkg or kml instead"):
        write_data(tmp_path / "lines.csv", [lines], catalog.manifest, "csv")
    assert not list(tmp_path.iterdir())


# --- idlibmap at DATE --format, and idlibmap data ---


def invoke(*args: str):
    return CliRunner().invoke(main, ["--layers", str(LAYERS_DIR), *args])


def test_at_writes_a_geopackage_of_the_date(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "day.gpkg"
    result = invoke("at", DAY.isoformat(), "-o", str(path))
    assert result.exit_code == 0, result.output
    for layer in catalog:
        assert pyogrio.read_info(path, layer=layer.id)["features"] == len(layer.at(DAY))
    assert pyogrio.read_info(path, layer=layer.id)["dataset_metadata"]["TITLE"].endswith(DAY.isoformat())


def test_at_writes_a_kml_of_the_date_with_a_folder_per_layer(tmp_path: Path, catalog: Catalog) -> None:
    chosen = [layer.id for layer in catalog if layer.spec.temporal][-2:]
    path = tmp_path / "day.kml"
    result = invoke("at", DAY.isoformat(), "--layer", chosen[0], "--layer", chosen[1], "-o", str(path))
    assert result.exit_code == 0, result.output
    folders = ET.parse(path).getroot().find("kml:Document", KML).findall("kml:Document", KML)
    assert [folder.get("id") for folder in folders] == chosen
    assert list(placemarks(path)) == [f["properties"]["id"] for i in chosen for f in catalog[i].at(DAY)]


def test_at_writes_a_csv_of_the_point_layers_and_says_which_it_left_out(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "day.csv"
    result = invoke("at", DAY.isoformat(), "-o", str(path))
    assert result.exit_code == 0, result.output
    others = [layer.id for layer in catalog if not is_point_layer(layer.spec)]
    assert result.stderr.strip() == f"left out of the CSV, as they are not points: {', '.join(others)}"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    points = point_layers(catalog.manifest)
    assert [row["layer"] for row in rows] == [layer_id for layer_id in points for _ in catalog[layer_id].at(DAY)]
    assert path.with_name("day.csv.txt").is_file()


def test_at_refuses_a_csv_of_a_layer_named_that_is_not_points(tmp_path: Path, catalog: Catalog) -> None:
    lines = next(layer for layer in catalog if not is_point_layer(layer.spec))
    result = invoke("at", DAY.isoformat(), "--format", "csv", "--layer", lines.id, "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1
    assert "a CSV holds point layers only" in result.output and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_at_needs_a_file_for_a_gis_format() -> None:
    result = invoke("at", DAY.isoformat(), "--format", "gpkg")
    assert result.exit_code == 2 and "-o FILE" in result.output


def test_at_writes_geojson_to_a_file_or_to_standard_output(tmp_path: Path, manifest) -> None:
    printed = invoke("at", DAY.isoformat(), "--layer", manifest.ids[-1])
    path = tmp_path / "day.geojson"
    written = invoke("at", DAY.isoformat(), "--layer", manifest.ids[-1], "-o", str(path))
    assert written.exit_code == printed.exit_code == 0
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(printed.output)


def test_data_needs_the_built_layers(tmp_path: Path) -> None:
    result = invoke("--build", str(tmp_path / "nothing"), "data", "-o", str(tmp_path / "x.gpkg"))
    assert result.exit_code == 1 and "run `make layers`" in result.output
    assert "nothing" in result.output


def test_a_format_that_contradicts_the_extension_is_refused(tmp_path: Path) -> None:
    result = invoke("at", DAY.isoformat(), "--format", "kml", "-o", str(tmp_path / "day.gpkg"))
    assert result.exit_code == 1 and "ends in .gpkg but the format asked for is kml" in result.output


def test_the_citation_credits_the_authors_that_the_data_files_credit(manifest) -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert text.startswith("cff-version: 1.2.0\n")
    assert f"\ntitle: {manifest.map['title']}\n" in text
    authors = re.search(r"\nauthors:\n  - name: (.+)\n", text)
    assert authors and authors.group(1) in manifest.map["attribution"]


# Last, as it edits the module's copy of the pipeline.
def test_a_changed_layer_rewrites_its_own_files_and_the_geopackage_only(project: Path, data: Path, manifest) -> None:
    changed = next(spec for spec in manifest.layers if spec.kind == "source" and is_point_layer(spec))
    source = project / "layers" / changed.file.name
    edited = json.loads(source.read_text(encoding="utf-8"))
    edited["features"][0]["properties"]["note"] += " (edited)"
    source.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    before = snapshot(data)
    result = make_in_copy(project, "data")
    assert result.returncode == 0, result.stderr
    rewritten = {name for name, state in snapshot(data).items() if before.get(name) != state and name[0] != "."}
    derived = [spec.id for spec in manifest.layers if changed.id in spec.inputs]
    expected = {f"{manifest.map['file_stem']}.gpkg", f"{changed.id}.kml", f"{changed.id}.csv", f"{changed.id}.csv.txt"}
    assert rewritten == expected | {f"{layer_id}.kml" for layer_id in derived}
