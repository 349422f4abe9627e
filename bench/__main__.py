"""`make bench`: ours against what a user would use instead, on the same seeded synthetic layers, in one run.

Layers of 1,000, 10,000 and 100,000 features per layer (points, lines, polygons), each built by `make layers` in a
copy of the pipeline and served from that build as `make run` serves it: the page in the browser, how soon the
server serves a new build after make, and at 100,000 the API; the build and the static map at 1,000 and 10,000;
and synthetic ACLED-shaped exports of 100,000 and 1,000,000 events, imported by `idlibmap import acled` into the
layer layers/README.md declares for a download and drawn with WebGL in the page. Writes build/bench/results.json and
prints the table; `python -m bench import` measures the import only, `python -m bench events` the import and the
event layer's page (build/bench/results-import.json, results-events.json).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.acled import FILTERS, LAYER_ID, acled_situation, import_s
from bench.baselines import explore_html, read_frames, timeline_page, valid_on
from bench.browser import BaselinePage, Ours, OursWebgl, local_assets
from bench.load import LoadResult, latencies_ms, load, percentile, served
from bench.pipeline import ROOT, export_s, geopandas_copy_s, make_in_copy, make_layers_s, pipeline_copy, plot_s
from bench.results import Result, table, write_results
from bench.synthetic import write_synthetic_layers
from geo import paths
from geo.model.manifest import load_manifest
from geo.paths import BuildPaths
from tools.browser import chromium

PAGE_SIZES = (1_000, 10_000, 100_000)
#: The folium pages are measured at these sizes only: at 100,000 features a layer their HTML (hundreds of MB, every
#: feature inline) closes Chromium's tab while loading, and explore() draws 300,000 SVG elements; so are the
#: build's and the static map's baselines.
SMALL_SIZES = (1_000, 10_000)
API_SIZE = 100_000
#: Events in the synthetic ACLED exports imported, and drawn with WebGL.
EVENT_SIZES = (100_000, 1_000_000)
#: The zoom at which a webgl layer draws its points, not its density (webmap/static/js/webgl.js's POINTS_ZOOM).
POINTS_ZOOM = 11
OUTPUT = ROOT / paths.BUILD_DIR / "bench"
BASEMAP = paths.BuildPaths(ROOT / paths.BUILD_DIR).basemap
NODE_MODULES = ROOT / paths.NODE_MODULES
#: The date first shown, then 24 switches: the first day of every second month, 2017 to 2020.
FIRST_DATE = dt.date(2019, 6, 15)
SWITCH_DATES = [dt.date(2017 + month // 12, month % 12 + 1, 1) for month in range(0, 48, 2)]
EXPORT_DATES = [FIRST_DATE, dt.date(2020, 3, 5)]
#: How long to wait for the server to serve a new build before calling it lost.
LIVE_TIMEOUT_S = 300


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


def page_results(browser, layers: Path, size: int, url: str) -> list[Result]:
    """bytes_transferred, html_bytes, first_render_ms, date_switch_ms and js_heap_mb of our page served at `url`
    against the folium pages (at SMALL_SIZES)."""
    frames = read_frames(layers)
    expected = {layer_id: len(valid_on(frame, FIRST_DATE)) for layer_id, frame in frames.items()}
    ours = Ours(browser, url)
    first = ours.first_load(FIRST_DATE.isoformat(), expected)
    switches, heap = ours.date_switches(FIRST_DATE.isoformat(), [day.isoformat() for day in SWITCH_DATES])
    if size not in SMALL_SIZES:
        return [
            Result("bytes_transferred", size, first.transferred, None, None, "bytes"),
            Result("html_bytes", size, first.decoded, None, None, "bytes"),
            Result("first_render_ms", size, first.render_ms, None, None, "ms"),
            *_percentiles("date_switch_ms", size, switches, None, ""),
            Result("js_heap_mb", size, heap, None, None, "MiB"),
        ]
    assets = local_assets(NODE_MODULES)
    timeline, slider = timeline_page(frames)
    epoch = [int(dt.datetime(day.year, day.month, day.day).timestamp() * 1000) for day in SWITCH_DATES]
    timeline_ms, slider_switches, timeline_heap = BaselinePage(browser, timeline, assets).slider_switches(slider, epoch)
    explore = explore_html(frames).encode()
    explore_ms = BaselinePage(browser, explore.decode(), assets).first_render(sum(map(len, frames.values())))
    timeline_name = "folium Timeline + TimelineSlider"
    return [
        Result("bytes_transferred", size, first.transferred, len(explore), "GeoDataFrame.explore()", "bytes"),
        Result(
            "bytes_transferred", size, first.transferred, len(gzip.compress(explore, 6)), "explore(), gzipped", "bytes"
        ),
        Result("bytes_transferred", size, first.transferred, len(timeline.encode()), timeline_name, "bytes"),
        Result("html_bytes", size, first.decoded, len(explore), "GeoDataFrame.explore()", "bytes"),
        Result("first_render_ms", size, first.render_ms, explore_ms, "GeoDataFrame.explore()", "ms"),
        Result("first_render_ms", size, first.render_ms, timeline_ms, timeline_name, "ms"),
        *_percentiles("date_switch_ms", size, switches, slider_switches, timeline_name),
        Result("js_heap_mb", size, heap, timeline_heap, timeline_name, "MiB"),
    ]


def _build_id(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/api/build", timeout=60) as response:
        return json.load(response)


def edit_to_served_s(project: Path, layer_id: str, url: str) -> float:
    """Seconds from saving an edit of one feature of a layer of the copy `project` (its name) and running `make` (the
    whole default goal, as a user does) to the running server answering the new build (/api/build)."""
    served_before = _build_id(url)
    layer = project / paths.LAYERS_DIR / f"{layer_id}.geojson"
    collection = json.loads(layer.read_text(encoding="utf-8"))
    collection["features"][0]["properties"]["name"] += " (edited)"
    started = time.perf_counter()
    layer.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    make = make_in_copy(project, "-s", wait=False)
    try:
        while _build_id(url) == served_before:
            if time.perf_counter() - started > LIVE_TIMEOUT_S:
                raise AssertionError(f"the server did not serve the new build within {LIVE_TIMEOUT_S} s")
            time.sleep(0.02)
        return time.perf_counter() - started
    finally:
        make.wait()


def live_results(project: Path, size: int, url: str, restart_s: float) -> list[Result]:
    """edit_to_served_s of a synthetic layer, against restarting the server (its start-up, `restart_s`)."""
    seconds = edit_to_served_s(project, "synthetic_points", url)
    return [Result("edit_to_served_s", size, seconds, restart_s, "restart the server", "s")]


def real_layers_results(scratch: Path) -> list[Result]:
    """edit_to_served_s of the project's own layers (an event edited), served from a copy of the pipeline."""
    project = pipeline_copy(ROOT / paths.LAYERS_DIR, scratch / "project-real", basemap=BASEMAP)
    make_in_copy(project, "-s").check_returncode()
    started = time.perf_counter()
    with served("create_app", project, "/api/layers") as url:
        restart_s = time.perf_counter() - started
        seconds = edit_to_served_s(project, "events", url)
    return [Result("edit_to_served_s", 0, seconds, restart_s, "restart the server", "s")]


def build_results(layers: Path, project: Path, size: int, scratch: Path, build_s: float, noop_s: float) -> list[Result]:
    """layers_build_s, layers_noop_s and export_s against geopandas and GeoDataFrame.plot()."""
    copies = [geopandas_copy_s(layers, scratch / f"geopandas-{size}-{run}") for run in (1, 2)]
    exports = scratch / f"exports-{size}"
    exports.mkdir()
    baseline = "geopandas read_file + to_file"
    return [
        Result("layers_build_s", size, build_s, copies[0], baseline, "s"),
        Result("layers_noop_s", size, noop_s, copies[1], baseline, "s"),
        Result(
            "export_s",
            size,
            export_s(BuildPaths(project / paths.BUILD_DIR), EXPORT_DATES, exports),
            plot_s(layers, EXPORT_DATES, exports),
            "GeoDataFrame.plot + savefig",
            "s",
        ),
    ]


def api_results(project: Path, size: int, url: str) -> list[Result]:
    """GET /api/layers/<id>?date= latency, one client, the first time each is asked for and again, and throughput
    under load, of ours (served at `url`) against the naive endpoint."""
    ids = load_manifest(project / paths.LAYERS_DIR).ids
    paths_ = [f"/api/layers/{layer_id}?date={day}" for day in SWITCH_DATES[::3] for layer_id in ids]
    one = f"/api/layers/{ids[0]}?date={FIRST_DATE}"

    def measure(base: str) -> tuple[list[float], list[float], LoadResult]:
        urls = [base + path for path in paths_]
        return latencies_ms(urls), latencies_ms(urls), load(base + one)

    ours, ours_again, ours_load = measure(url)
    with served("create_naive_app", project, paths_[0]) as naive_url:
        naive, naive_again, naive_load = measure(naive_url)
    baseline = "Flask + GeoDataFrame.to_json()"
    return [
        *_percentiles("api_ms", size, ours, naive, baseline),
        *_percentiles("api_again_ms", size, ours_again, naive_again, baseline),
        Result("api_rps", size, ours_load.requests_per_second, naive_load.requests_per_second, baseline, "req/s"),
        Result("api_errors", size, ours_load.errors, naive_load.errors, baseline, "errors"),
    ]


def size_results(browser, size: int, scratch: Path, extent: list[float]) -> list[Result]:
    """Everything measured at one size, on layers built by `make layers` in a copy of the pipeline."""
    layers = scratch / f"layers-{size}"
    write_synthetic_layers(layers, size, extent)
    project = pipeline_copy(layers, scratch / f"project-{size}", basemap=BASEMAP)
    build_s, noop_s = make_layers_s(project), make_layers_s(project)
    results = []
    started = time.perf_counter()
    with served("create_app", project, "/api/layers") as url:
        restart_s = time.perf_counter() - started
        results += page_results(browser, layers, size, url)
        if size == API_SIZE:
            results += api_results(project, size, url)
        results += live_results(project, size, url, restart_s)
    if size in SMALL_SIZES:
        results += build_results(layers, project, size, scratch, build_s, noop_s)
    else:
        results.append(Result("layers_build_s", size, build_s, None, None, "s"))
    return results


def imported_situation(scratch: Path, size: int) -> tuple[Path, list[Result]]:
    """A situation of the README's ACLED layer alone (drawn with WebGL, filtered by bench.acled.FILTERS), over the
    project's frame, and a synthetic export of `size` events imported into it, twice (the second time the same file:
    nothing changes); (its layers, the import's rows: the seconds of each import, the bytes of the file and of the
    layer file it makes). The layer alone, so that the page's rows measure the event layer, not the project's own."""
    layers, csv_path = acled_situation(scratch / f"acled-{size}", size, filters=FILTERS, alone=True)
    first, again = import_s(layers, csv_path), import_s(layers, csv_path)
    layer = load_manifest(layers)[LAYER_ID].file
    return layers, [
        Result("import_s", size, first, None, None, "s"),
        Result("reimport_s", size, again, None, None, "s"),
        Result("import_csv_bytes", size, csv_path.stat().st_size, None, None, "bytes"),
        Result("import_layer_bytes", size, layer.stat().st_size, None, None, "bytes"),
    ]


def _standing(url: str, layer_id: str) -> int:
    """How many features of the layer stand on FIRST_DATE, as the API at `url` answers."""
    with urllib.request.urlopen(f"{url}/api/layers/{layer_id}?date={FIRST_DATE}", timeout=600) as response:
        return len(json.load(response)["features"])


def event_results(browser, layers: Path, size: int, scratch: Path) -> list[Result]:
    """The page of the situation `layers` with its imported event layer of `size` events, built by `make layers` in
    a copy of the pipeline and served as `make run` serves it: bytes, first render, date switches zoomed out (its
    density) and in (its points), heap, and at API_SIZE the API's answers of the layer on a date. Every row's name
    starts with `events_`."""
    project = pipeline_copy(layers, scratch / f"project-events-{size}", basemap=BASEMAP)
    build_s = make_layers_s(project)
    dates = [day.isoformat() for day in SWITCH_DATES]
    with served("create_app", project, "/api/layers") as url:
        expected = {layer_id: _standing(url, layer_id) for layer_id in load_manifest(layers).ids}
        ours = OursWebgl(browser, url, LAYER_ID)
        first = ours.first_load(FIRST_DATE.isoformat(), expected)
        switches, heap = ours.date_switches(FIRST_DATE.isoformat(), dates)
        points = ours.points_date_switches(FIRST_DATE.isoformat(), dates, POINTS_ZOOM)
        results = [
            Result("events_bytes_transferred", size, first.transferred, None, None, "bytes"),
            Result("events_html_bytes", size, first.decoded, None, None, "bytes"),
            Result("events_first_render_ms", size, first.render_ms, None, None, "ms"),
            *_percentiles("events_date_switch_ms", size, switches, None, ""),
            *_percentiles("events_points_date_switch_ms", size, points, None, ""),
            Result("events_js_heap_mb", size, heap, None, None, "MiB"),
        ]
        if size == API_SIZE:
            api = latencies_ms([f"{url}/api/layers/{LAYER_ID}?date={day}" for day in SWITCH_DATES[::3]])
            results += _percentiles("events_api_ms", size, api, None, "")
    shutil.rmtree(project)
    results.append(Result("events_layers_build_s", size, build_s, None, None, "s"))
    return results


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
    """Every row (`python -m bench`, as `make bench` runs it), or only the rows of one part: `import` (the import of
    event datasets, results-import.json) or `events` (the webgl event layer, results-events.json)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="?", choices=["import", "events"], help="measure one part only")
    only = parser.parse_args().only
    extent = load_manifest(ROOT / "layers").map["extent"]
    results: list[Result] = []
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="idlibmap-bench-") as scratch,
        contextlib.nullcontext() if only == "import" else chromium() as browser,
    ):
        if only is None:
            for size in PAGE_SIZES:
                results += size_results(browser, size, Path(scratch), extent)
            results += real_layers_results(Path(scratch))
        for size in EVENT_SIZES:
            layers, imported = imported_situation(Path(scratch), size)
            results += imported if only != "events" else []
            results += event_results(browser, layers, size, Path(scratch)) if browser else []
            shutil.rmtree(layers.parent)
    write_results(OUTPUT / ("results.json" if only is None else f"results-{only}.json"), results)
    print(f"Machine: {machine()}; make bench measured for {(time.perf_counter() - started) / 60:.1f} min\n")
    print(table(results))


if __name__ == "__main__":
    main()
