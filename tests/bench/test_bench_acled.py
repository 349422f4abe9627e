"""The benchmark's synthetic ACLED exports: seeded, in the export's columns, and imported by `idlibmap import acled`
into the layer layers/README.md declares for a download."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from bench.acled import LAYER_ID, acled_situation, import_s, write_acled_csv
from geo.feeds.acled import COLUMNS
from geo.model.manifest import load_manifest

EXTENT = [35.75, 35.25, 37.35, 36.75]


def test_the_same_seed_writes_the_same_file_and_another_seed_another(tmp_path: Path) -> None:
    first = write_acled_csv(tmp_path / "a.csv", 200, extent=EXTENT).read_bytes()
    assert write_acled_csv(tmp_path / "b.csv", 200, extent=EXTENT).read_bytes() == first
    assert write_acled_csv(tmp_path / "c.csv", 200, seed=7, extent=EXTENT).read_bytes() != first
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 200 and set(COLUMNS) <= set(rows[0])
    assert {row["time_precision"] for row in rows} == {"1", "2", "3"}


def test_a_synthetic_export_imports_into_the_readme_s_layer(tmp_path: Path) -> None:
    layers, csv_path = acled_situation(tmp_path, 300)
    assert import_s(layers, csv_path) > 0
    features = json.loads(load_manifest(layers)[LAYER_ID].file.read_text(encoding="utf-8"))["features"]
    assert len(features) == 300
    assert {f["properties"]["date_precision"] for f in features} == {"day", "week", "month"}
