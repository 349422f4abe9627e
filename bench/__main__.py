"""`make bench`: ours against what a user would use instead, on the same seeded synthetic layers, in one run.

Layers of 1,000 and 10,000 features per layer (points, lines, polygons) for the page, the build and the static
map; 100,000 for the API, where a server holds them. Writes build/bench/results.json and prints the table.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import tempfile
from pathlib import Path

from bench.baselines import explore_html, read_frames, timeline_page, timestamped_html, valid_on
from bench.browser import BaselinePage, Ours, local_assets
from bench.load import latencies_ms, load, percentile, served
from bench.pipeline import ROOT, export_s, geopandas_copy_s, make_layers_s, pipeline_copy, plot_s
from bench.results import Result, table, write_results
from bench.synthetic import write_synthetic_layers
from geo import paths
from geo.model.manifest import load_manifest
from tools.browser import chromium

PAGE_SIZES = (1_000, 10_000)
API_SIZE = 100_000
OUTPUT = ROOT / paths.BUILD_DIR / "bench"
BASEMAP = ROOT / paths.BASEMAP_DIR
NODE_MODULES = ROOT / paths.NODE_MODULES
#: leaflet.timeline and moment, which folium's Timeline links and the project does not use (`make bench`).
#: The date first shown, then 24 switches: the first day of every second month, 2017 to 2020.
FIRST_DATE = dt.date(2019, 6, 15)
SWITCH_DATES = [dt.date(2017 + month // 12, month % 12 + 1, 1) for month in range(0, 48, 2)]
EXPORT_DATES = [FIRST_DATE, dt.date(2020, 3, 5)]


def _percentiles(name: str, size: int, ours: list[float], baseline: list[float] | None, what: str) -> list[Result]:
    return [
        Result(
            f"{name}_p{int(q * 100)}",
            size,
            percentile(ours, q),
            percentile(baseline, q) if baseline else None,
            what if baseline else None,
            "ms",
        )
        for q in (0.5, 0.95)
    ]


def page_results(browser, layers: Path, size: int) -> list[Result]:
    """html_bytes, first_render_ms and date_switch_ms of our page against the folium pages."""
    frames = read_frames(layers)
    expected = {layer_id: len(valid_on(frame, FIRST_DATE)) for layer_id, frame in frames.items()}
    with served("create_app", layers, "/api/layers") as url:
        ours = Ours(browser, url)
        page_bytes, render_ms = ours.first_load(FIRST_DATE.isoformat(), expected)
        switches = ours.date_switches(FIRST_DATE.isoformat(), [day.isoformat() for day in SWITCH_DATES])
    assets = local_assets(NODE_MODULES)
    explore = explore_html(frames)
    explore_ms = BaselinePage(browser, explore, assets).first_render(sum(map(len, frames.values())))
    timeline, slider = timeline_page(frames)
    epoch = [int(dt.datetime(day.year, day.month, day.day).timestamp() * 1000) for day in SWITCH_DATES]
    slider_switches = BaselinePage(browser, timeline, assets).slider_switches(slider, epoch)
    html_baselines = {
        "GeoDataFrame.explore()": explore,
        "folium TimestampedGeoJson": timestamped_html(frames),
        "folium Timeline": timeline,
    }
    return [
        *(
            Result("html_bytes", size, page_bytes, len(html.encode()), name, "bytes")
            for name, html in html_baselines.items()
        ),
        Result("first_render_ms", size, render_ms, explore_ms, "GeoDataFrame.explore()", "ms"),
        *_percentiles("date_switch_ms", size, switches, slider_switches, "folium Timeline + TimelineSlider"),
    ]


def build_results(layers: Path, size: int, scratch: Path) -> list[Result]:
    """layers_build_s, layers_noop_s and export_s against geopandas and GeoDataFrame.plot()."""
    project = pipeline_copy(layers, scratch / f"project-{size}")
    build, noop = make_layers_s(project), make_layers_s(project)
    copies = [geopandas_copy_s(layers, scratch / f"geopandas-{size}-{run}") for run in (1, 2)]
    exports = scratch / f"exports-{size}"
    exports.mkdir()
    baseline = "geopandas read_file + to_file"
    return [
        Result("layers_build_s", size, build, copies[0], baseline, "s"),
        Result("layers_noop_s", size, noop, copies[1], baseline, "s"),
        Result(
            "export_s",
            size,
            export_s(layers, BASEMAP, EXPORT_DATES, exports),
            plot_s(layers, EXPORT_DATES, exports),
            "GeoDataFrame.plot + savefig",
            "s",
        ),
    ]


def api_results(layers: Path, size: int) -> list[Result]:
    """GET /api/layers/<id>?date= latency, one client, and throughput under load, against the naive endpoint."""
    ids = load_manifest(layers).ids
    paths = [f"/api/layers/{layer_id}?date={day}" for day in SWITCH_DATES[::3] for layer_id in ids]
    measured = {}
    for factory in ("create_app", "create_naive_app"):
        with served(factory, layers, paths[0]) as url:
            latencies = latencies_ms([url + path for path in paths])
            measured[factory] = (latencies, load(f"{url}/api/layers/{ids[0]}?date={FIRST_DATE}"))
    (ours, ours_load), (naive, naive_load) = measured["create_app"], measured["create_naive_app"]
    baseline = "Flask + GeoDataFrame.to_json()"
    return [
        *_percentiles("api_ms", size, ours, naive, baseline),
        Result("api_rps", size, ours_load.requests_per_second, naive_load.requests_per_second, baseline, "req/s"),
        Result("api_errors", size, ours_load.errors, naive_load.errors, baseline, "errors"),
    ]


def machine() -> str:
    """The machine the benchmark ran on, in one line."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = models[0] if models else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{cpu}, {os.cpu_count()} CPUs, {memory:.0f} GiB, {system}"


def main() -> None:
    extent = load_manifest(ROOT / "layers").map["extent"]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="idlibmap-bench-") as scratch:
        scratch = Path(scratch)
        with chromium() as browser:
            for size in PAGE_SIZES:
                layers = scratch / f"layers-{size}"
                write_synthetic_layers(layers, size, extent)
                results += page_results(browser, layers, size)
                results += build_results(layers, size, scratch)
        layers = scratch / f"layers-{API_SIZE}"
        write_synthetic_layers(layers, API_SIZE, extent)
        results += api_results(layers, API_SIZE)
    write_results(OUTPUT / "results.json", results)
    print(f"Machine: {machine()}\n")
    print(table(results))


if __name__ == "__main__":
    main()
