"""`idlibmap import`: a dataset's CSV file into the layer file the manifest's [layer.feed] declares for it.

Each row becomes one feature (geo.feeds.acled, geo.feeds.ucdp), keyed by the dataset's event id. The file is read as
a stream and the features written sorted by id, one a line, in a fixed form, so that the same CSV gives the same
bytes and a newer one changes only the lines of the events it adds, updates or removes. Every row is checked before
anything is written: a bad row fails the import with the file, its line and what to do, and the layer file (and so
the build) stays as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from geo.errors import FeedError, LayerFileError, ValidationError
from geo.feeds import acled, ucdp
from geo.feeds.rows import Frame, RowProblem, read_rows
from geo.model.files import write_text_atomic
from geo.model.geojson import display_path, read_json
from geo.model.manifest import LayerSpec, load_manifest

__all__ = ["DATASETS", "ImportReport", "import_feed", "dumps_features"]

#: The datasets an import reads, by the name [layer.feed] source gives them.
DATASETS: dict[str, ModuleType] = {acled.SOURCE: acled, ucdp.SOURCE: ucdp}

#: How many bad rows an import lists before it stops reading (all of them are refused).
_MOST_PROBLEMS = 20


@dataclass(frozen=True)
class ImportReport:
    """What an import did to the layer file: the events it holds now, how many were added, updated, removed, and
    whether the file was written (False: it held these bytes already)."""

    path: Path
    events: int
    added: int
    updated: int
    removed: int
    written: bool = True

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def _feature_text(feature: dict[str, Any]) -> str:
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def dumps_features(texts: list[str]) -> str:
    """A FeatureCollection of features each already as compact JSON text, one a line: the import's fixed form."""
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(texts) + "\n]}\n"


def _feed_layer(spec: LayerSpec, source: str, csv_path: Path) -> dict[str, Any]:
    """The layer's [layer.feed], checked against what is imported: its dataset, its file and its properties."""
    feed = spec.feed
    if feed is None:
        raise FeedError(
            f"layer {spec.id!r} has no [layer.feed]: it is written by hand; declare the dataset it is imported from "
            'in the manifest (layers/README.md, "Event datasets"), or import into another layer'
        )
    if feed["source"] != source:
        raise FeedError(
            f"layer {spec.id!r} is imported from {feed['source']} ([layer.feed] source), not {source}: run "
            f"`idlibmap import {feed['source']} ...`, or import into another layer"
        )
    if Path(csv_path).name != feed["file"]:
        raise FeedError(
            f"{csv_path}: layer {spec.id!r} is imported from {feed['file']} ([layer.feed] file); for a newer "
            f'download, first set file = "{Path(csv_path).name}" there, so that the map names the file its events come '
            "from"
        )
    undeclared = [key for key in DATASETS[source].PROPERTIES if key not in spec.about]
    if undeclared:
        raise FeedError(
            f"layer {spec.id!r} does not declare {', '.join(undeclared)}, which its features have: add "
            + ", ".join(f"[layer.property.{key}]" for key in undeclared)
            + ' to the manifest (layers/README.md, "Event datasets", has them all)'
        )
    return feed


def _read_features(source: str, csv_path: Path, feed: dict[str, Any], frame: Frame) -> dict[str, dict[str, Any]]:
    """Every row of the file as a feature, by id; ValidationError listing the bad rows (at most _MOST_PROBLEMS)."""
    dataset = DATASETS[source]
    shown = display_path(csv_path)
    features: dict[str, dict[str, Any]] = {}
    lines: dict[str, int] = {}
    problems: list[str] = []
    for row in read_rows(csv_path, dataset.COLUMNS):
        try:
            feature_id, feature = dataset.event(row, feed, frame)
        except RowProblem as exc:
            problems.append(f"{shown}, line {row.line}: {exc}")
        else:
            if feature_id in lines:
                problems.append(
                    f"{shown}, line {row.line}: event {feature_id} is on line {lines[feature_id]} too; an event id is "
                    "the dataset's own and unique: keep one of the rows"
                )
            lines[feature_id] = row.line
            features[feature_id] = feature
        if len(problems) >= _MOST_PROBLEMS:
            problems.append(f"{shown}: stopped reading after {_MOST_PROBLEMS} bad rows")
            break
    if problems:
        raise ValidationError(problems)
    return features


def _earlier(path: Path) -> dict[str, str]:
    """The features the layer file holds now, each as the import writes it, by id (none before the first import)."""
    if not path.is_file():
        return {}
    data = read_json(path)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise LayerFileError(f"{path}: not a FeatureCollection; move it away, and import again to make it anew")
    return {
        str(feature.get("properties", {}).get("id")): _feature_text(feature)
        for feature in features
        if isinstance(feature, dict)
    }


def import_feed(layers_dir: Path, source: str, csv_path: Path, layer_id: str) -> ImportReport:
    """Import the `source` dataset's file `csv_path` into the layer `layer_id` of the situation `layers_dir`: its file
    written anew (atomically) where an event was added, updated or removed, left as it is otherwise."""
    manifest = load_manifest(layers_dir, files=False)
    spec = manifest[layer_id]
    feed = _feed_layer(spec, source, csv_path)
    frame = Frame(*manifest.map["extent"])
    features = _read_features(source, Path(csv_path), feed, frame)
    texts = {key: _feature_text(features[key]) for key in sorted(features)}
    body = dumps_features(list(texts.values()))
    if spec.file.is_file() and spec.file.read_bytes() == body.encode("utf-8"):
        return ImportReport(path=spec.file, events=len(texts), added=0, updated=0, removed=0, written=False)
    earlier = _earlier(spec.file)
    report = ImportReport(
        path=spec.file,
        events=len(texts),
        added=sum(key not in earlier for key in texts),
        updated=sum(key in earlier and earlier[key] != text for key, text in texts.items()),
        removed=sum(key not in texts for key in earlier),
    )
    write_text_atomic(spec.file, body)
    return report
