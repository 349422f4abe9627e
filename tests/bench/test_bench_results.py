"""The benchmark's results: the file's schema, the ratio, and the table's verdict on each target."""

from __future__ import annotations

import json
from pathlib import Path

from bench.results import Result, table, targets_of, write_results

KEYS = {"name", "size", "ours", "baseline", "baseline_name", "ratio", "unit"}


def test_ratio_is_ours_over_baseline_or_none() -> None:
    assert Result("api_ms_p50", 100_000, 5.0, 20.0, "naive", "ms").ratio == 0.25
    assert Result("api_ms_p50", 100_000, 5.0, None, None, "ms").ratio is None
    assert Result("api_errors", 100_000, 0, 0, "naive", "errors").ratio is None


def test_the_results_file_is_a_list_of_records_with_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "bench" / "results.json"
    results = [
        Result("html_bytes", 10_000, 100, 400, "GeoDataFrame.explore()", "bytes"),
        Result("layers_noop_s", 1_000, 0.2, None, None, "s"),
    ]
    write_results(path, results)
    records = json.loads(path.read_text(encoding="utf-8"))
    assert [set(record) for record in records] == [KEYS, KEYS]
    assert records[0] == {
        "name": "html_bytes",
        "size": 10_000,
        "ours": 100,
        "baseline": 400,
        "baseline_name": "GeoDataFrame.explore()",
        "ratio": 0.25,
        "unit": "bytes",
    }
    assert [p.name for p in path.parent.iterdir()] == ["results.json"]


def test_targets_apply_to_their_measure_size_and_baseline_only() -> None:
    assert targets_of(Result("bytes_transferred", 10_000, 1, 2, "GeoDataFrame.explore()", "bytes"))
    assert not targets_of(Result("bytes_transferred", 10_000, 1, 2, "folium Timeline", "bytes"))
    assert not targets_of(Result("bytes_transferred", 1_000, 1, 2, "GeoDataFrame.explore()", "bytes"))
    assert targets_of(Result("export_s", 1_000, 1, 2, "plot", "s"))
    assert len(targets_of(Result("date_switch_ms_p95", 10_000, 1, 2, "folium Timeline + TimelineSlider", "ms"))) == 2


def test_the_table_says_which_targets_are_met_and_which_missed() -> None:
    printed = table(
        [
            Result("date_switch_ms_p95", 10_000, 30.0, 60.0, "folium Timeline + TimelineSlider", "ms"),
            Result("first_render_ms", 10_000, 2000.0, 900.0, "explore", "ms"),
            Result("bytes_transferred", 10_000, 300, 400, "GeoDataFrame.explore()", "bytes"),
            Result("api_rps", 100_000, 500, 5, "naive", "req/s"),
        ]
    ).splitlines()
    assert printed[2].endswith("<= 50: met; <= 1 x baseline: met |")
    assert printed[3].endswith("<= 1000: MISSED |")
    assert printed[4].endswith("<= 0.25 x baseline: MISSED |")
    assert printed[5].endswith("|  |")
