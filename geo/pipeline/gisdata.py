"""The layers as GIS data: a GeoPackage of every layer, a KML per layer, a CSV per point layer, or one date of them.

GDAL writes every file, through pyogrio, so that QGIS, Google Earth and spreadsheets read them as they read any
other GIS data. The temporal model travels with the features: `valid_from` and `valid_to` are date fields in a
GeoPackage (for QGIS's Temporal Controller), a TimeSpan on each KML placemark (for Google Earth's time slider) and
YYYY-MM-DD text in a CSV, where GDAL would write dates as YYYY/MM/DD. Lists and objects (`sources`) are JSON text.
Layers that stand on every date (temporal = false) have no date fields. Each file names the licence of each of its
layers and the credits of the map (the manifest's `licence` and [map] attribution): in the GeoPackage's metadata
and table descriptions, in the KML's descriptions, and in a `<file>.txt` beside a CSV.

A file is written into a temporary folder beside its target, under its own name (GDAL picks the kind of output
from the name), and moved into place: a failure leaves an earlier file as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.raw import write

from geo.errors import DataExportError
from geo.model.catalog import Catalog
from geo.model.files import output_format as chosen_format
from geo.model.files import write_text_atomic
from geo.model.layer import Layer
from geo.model.manifest import LayerSpec, Manifest

__all__ = ["FORMATS", "is_point_layer", "licence_statement", "output_format", "write_data", "write_data_folder"]

#: The GIS formats, by file extension.
FORMATS = ("gpkg", "csv", "kml")

#: The fields of the temporal model: a feature holds from valid_from up to, not including, valid_to.
_BOUNDS = ("valid_from", "valid_to")

#: The CRS of every layer and every file: longitude and latitude in degrees (RFC 7946).
_CRS = "EPSG:4326"

#: LIBKML writes a placemark's TimeSpan from the fields these GDAL options name.
_KML_TIME_SPAN = {"LIBKML_BEGIN_FIELD": "valid_from", "LIBKML_END_FIELD": "valid_to"}

#: The numpy type of a field whose values are all of these Python types.
_NUMERIC: dict[frozenset, Any] = {
    frozenset({bool}): np.bool_,
    frozenset({int}): np.int64,
    frozenset({float}): np.float64,
    frozenset({int, float}): np.float64,
}

_Records = list[dict[str, Any]]
_Columns = tuple[list[str], list[np.ndarray], list[np.ndarray | None]]


def is_point_layer(spec: LayerSpec) -> bool:
    """True for a layer of single points, the only one a CSV's longitude and latitude can hold."""
    return set(spec.geometry) == {"Point"}


def licence_statement(spec: LayerSpec, manifest: Manifest) -> str:
    """Whose layer it is, under which licence, and the credits of everything the map draws on."""
    return (
        f"{spec.title} (layer {spec.id} of the {manifest.map['title']}). Licence: {spec.credit}. Every feature "
        f"cites its own sources in its `sources` field. Credits of the whole map: {manifest.map['attribution']}"
    )


def output_format(fmt: str | None, output: Path) -> str:
    """The format to write `output` in (geo.model.files.output_format over FORMATS); DataExportError if none fits."""
    return chosen_format(fmt, output, FORMATS, DataExportError)


def data_files(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """The GIS files of a build, by name, each with the layers it holds: the GeoPackage of every layer
    (<file_stem>.gpkg), a KML per layer and a CSV per point layer."""
    manifest = catalog.manifest
    files = {f"{manifest.map['file_stem']}.gpkg": manifest.ids}
    files.update({f"{spec.id}.kml": (spec.id,) for spec in manifest.layers})
    files.update({f"{spec.id}.csv": (spec.id,) for spec in manifest.layers if is_point_layer(spec)})
    return files


def write_data_folder(catalog: Catalog, folder: Path) -> list[tuple[Path, int]]:
    """Write every GIS file of the build of `catalog` into `folder` (data_files), rewriting only those whose layers
    were built anew since (by what each was made from: the build's index), and removing files no longer made; return
    the files written with their feature counts. `folder`/.made_from.json keeps what each file was made from."""
    folder = Path(folder)
    record_path = folder / ".made_from.json"
    try:
        previous = json.loads(record_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        previous = {}
    made = {name: [catalog.index.layers[i].made_from for i in ids] for name, ids in data_files(catalog).items()}
    written = []
    for name, layer_ids in data_files(catalog).items():
        path = folder / name
        if previous.get(name) == made[name] and path.is_file():
            continue
        fmt = output_format(None, path)
        written.append((path, write_data(path, [catalog[i] for i in layer_ids], catalog.manifest, fmt)))
    for name in set(previous) - set(made):
        for stale in (folder / name, folder / f"{name}.txt"):
            stale.unlink(missing_ok=True)
    if made != previous:
        write_text_atomic(record_path, json.dumps(made, indent=1, sort_keys=True) + "\n")
    return written


def write_data(path: Path, layers: Sequence[Layer], manifest: Manifest, fmt: str, date: dt.date | None = None) -> int:
    """Write the features of `layers` valid on `date` (all features when None) to `path` as `fmt`; return how many.

    gpkg: a table per layer, named by its id; kml: a folder per layer; csv: a row per feature of point layers only.
    """
    if not layers:
        raise DataExportError(f"{path}: no layers to write")
    if fmt == "csv":
        others = [layer.id for layer in layers if not is_point_layer(layer.spec)]
        if others:
            raise DataExportError(
                f"{path}: a CSV holds point layers only (a longitude and a latitude per row), and "
                f"{', '.join(others)} {'is' if len(others) == 1 else 'are'} not; write gpkg or kml instead"
            )
    writer = {"gpkg": _write_gpkg, "csv": _write_csv, "kml": _write_kml}[fmt]
    with _replaced(Path(path)) as temporary:
        writer(temporary, layers, manifest, date)
    return sum(len(layer.at(date)) for layer in layers)


def _write_gpkg(path: Path, layers: Sequence[Layer], manifest: Manifest, date: dt.date | None) -> None:
    dataset = {"TITLE": _title(manifest, date), "CREDITS": manifest.map["attribution"]}
    for index, layer in enumerate(layers):
        _write_layer(
            path,
            layer,
            date,
            "GPKG",
            dates_as_text=False,
            append=index > 0,
            dataset_metadata=None if index else dataset,
            layer_metadata={"TITLE": layer.spec.title, "LICENCE": layer.spec.credit},
            layer_options={"IDENTIFIER": layer.spec.title, "DESCRIPTION": licence_statement(layer.spec, manifest)},
        )


def _write_kml(path: Path, layers: Sequence[Layer], manifest: Manifest, date: dt.date | None) -> None:
    document = {
        "NAME": _title(manifest, date),
        "DESCRIPTION": "\n".join(licence_statement(layer.spec, manifest) for layer in layers),
    }
    with _gdal_config(_KML_TIME_SPAN):
        for index, layer in enumerate(layers):
            _write_layer(
                path,
                layer,
                date,
                "LIBKML",
                dates_as_text=True,  # LIBKML writes text dates as they are (2020-03-06), not as date-times
                append=index > 0,
                dataset_options=None if index else document,
                layer_options={"NAME": layer.spec.title, "DESCRIPTION": licence_statement(layer.spec, manifest)},
            )


def _write_csv(path: Path, layers: Sequence[Layer], manifest: Manifest, date: dt.date | None) -> None:
    records = []
    for layer in layers:
        for feature in layer.at(date):
            longitude, latitude = feature["geometry"]["coordinates"]
            records.append({"longitude": longitude, "latitude": latitude, "layer": layer.id, **feature["properties"]})
    leading = ["longitude", "latitude", "layer", "id", "name"]
    if any(layer.spec.temporal for layer in layers):
        leading += _BOUNDS
    fields, values, masks = _columns(records, leading, set(), dates_as_text=True)
    write(str(path), geometry=None, field_data=values, fields=fields, field_mask=masks, driver="CSV")
    about = (
        f"{path.name}: {_title(manifest, date)}. A row per feature: longitude and latitude in degrees (WGS 84, "
        f"{_CRS}), the layer's id, then the feature's properties. Dates are YYYY-MM-DD; a feature holds from "
        "valid_from up to, not including, valid_to (empty: still so). Lists and objects (sources) are JSON text."
    )
    statements = [licence_statement(layer.spec, manifest) for layer in layers]
    path.with_name(f"{path.name}.txt").write_text("\n\n".join([about, *statements]) + "\n", encoding="utf-8")


def _write_layer(path: Path, layer: Layer, date: dt.date | None, driver: str, dates_as_text: bool, **options) -> None:
    """One layer's features valid on `date` as a layer of `path`, with GDAL `options` (metadata, creation options)."""
    features = layer.at(date)
    leading = ["id", "name", *(_BOUNDS if layer.spec.temporal else ())]
    records = [feature["properties"] for feature in features]
    fields, values, masks = _columns(records, leading, _date_fields(layer.spec), dates_as_text)
    geometry_type, promote = _geometry_type(layer.spec)
    shapes = shapely.from_geojson([json.dumps(f["geometry"]) for f in features]) if features else np.array([])
    write(
        str(path),
        geometry=shapely.to_wkb(shapes),
        field_data=values,
        fields=fields,
        field_mask=masks,
        layer=layer.id,
        driver=driver,
        geometry_type=geometry_type,
        promote_to_multi=promote,
        crs=_CRS,
        **options,
    )


def _columns(records: _Records, leading: list[str], dates: set[str], dates_as_text: bool) -> _Columns:
    """The records as GDAL fields: `leading` names first, then every other key in the order first met; for each,
    its values as one numpy array and its null mask (None where no value is null, or nulls need no mask)."""
    names = list(dict.fromkeys([*leading, *(key for record in records for key in record)]))
    values, masks = [], []
    for name in names:
        column = [record.get(name) for record in records]
        if name in dates and not dates_as_text:
            values.append(np.array([day or "NaT" for day in column], dtype="datetime64[D]"))
            masks.append(None)
        else:
            array, mask = _field(column)
            values.append(array)
            masks.append(mask)
    return names, values, masks


def _field(column: list[Any]) -> tuple[np.ndarray, np.ndarray | None]:
    """A property's values as the narrowest field type that holds them all: boolean, integer, real or text (lists,
    objects and mixed values as JSON text); nulls stay null."""
    present = [value for value in column if value is not None]
    kinds = {type(value) for value in present}
    if kinds == {str} or not kinds:
        return np.array(column, dtype=object), None
    if kinds in ({bool}, {int}, {float}, {int, float}):
        mask = np.array([value is None for value in column])
        dtype = _NUMERIC[frozenset(kinds)]
        if dtype is np.int64 and all(np.iinfo(np.int32).min <= value <= np.iinfo(np.int32).max for value in present):
            dtype = np.int32  # a plain integer field: LIBKML writes 64-bit integers as text
        array = np.array([0 if value is None else value for value in column], dtype=dtype)
        return array, mask if mask.any() else None
    text = [None if value is None else json.dumps(value, ensure_ascii=False) for value in column]
    return np.array(text, dtype=object), None


def _date_fields(spec: LayerSpec) -> set[str]:
    """The properties of a layer that hold days: its validity (when temporal) and those typed `date`."""
    typed = {name for name, kind in spec.property_types.items() if kind == "date"}
    return typed | (set(_BOUNDS) if spec.temporal else set())


def _geometry_type(spec: LayerSpec) -> tuple[str, bool]:
    """The GDAL geometry type of a layer, and whether to make single parts multi to fit it: the one type the
    manifest allows; a type and its multi form as the multi form; anything else as any geometry ('Unknown')."""
    kinds = set(spec.geometry)
    if len(kinds) == 1:
        return kinds.pop(), False
    multi = {kind for kind in kinds if kind.startswith("Multi")}
    if len(multi) == 1 and kinds == multi | {next(iter(multi)).removeprefix("Multi")}:
        return multi.pop(), True
    return "Unknown", False


def _title(manifest: Manifest, date: dt.date | None) -> str:
    title = manifest.map["title"]
    return f"{title}, {date.isoformat()}" if date else f"{title}, every date"


@contextlib.contextmanager
def _replaced(path: Path) -> Iterator[Path]:
    """A path named as `path` in a new folder beside it; what is written in that folder (the file and any sidecar)
    is moved beside `path` when the block ends without error. The folder is removed either way. GDAL's and the
    file system's errors become DataExportError naming the file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    except OSError as exc:
        raise DataExportError(f"{path}: cannot be written ({exc.strerror}); check the folder") from None
    try:
        yield folder / path.name
        for written in sorted(folder.iterdir()):
            os.replace(written, path.parent / written.name)
    except (OSError, DataSourceError, DataLayerError) as exc:
        raise DataExportError(f"{path}: cannot be written ({exc})") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _gdal_config(options: dict[str, str]) -> Iterator[None]:
    """GDAL configuration `options` set for the block, and put back as they were after it."""
    before: dict[str, Any] = {name: pyogrio.get_gdal_config_option(name) for name in options}
    pyogrio.set_gdal_config_options(options)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)
