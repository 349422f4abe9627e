"""The running server serves what `make` builds, with no restart: a new build within the poll window (2 s here),
whole; a `make` that fails, or a build that cannot be loaded, changes nothing served. With a real server and a real
`make` on a copy of the pipeline, and an open page that learns of the new build at its next date change."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from bench.pipeline import make_in_copy
from geo.errors import LayerFileError
from geo.paths import BuildPaths
from tools.browser import serving, wait_until_drawn
from webmap import create_app
from webmap.built import STAMP, BuildState
from webmap.content import WebContent
from webmap.live import POLL_SECONDS, LiveContent

from support import NODE_MODULES, copy_pipeline

#: How long the test waits for a new build to be served (webmap.live.POLL_SECONDS and the time to load it): more
#: than the 2 s it takes here, as a loaded CI machine is slower; the delay itself is measured by `make bench`.
WINDOW_S = 10.0


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _soon(check, seconds: float = WINDOW_S):
    """The first true answer of check() within `seconds`, else its last answer."""
    deadline = time.monotonic() + seconds
    while True:
        answer = check()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(0.1)


def _edit(path: Path, change) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection["features"][0]["properties"])
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def test_make_updates_the_running_map_and_a_failed_make_changes_nothing(
    tmp_path: Path, open_page, built: BuildPaths
) -> None:
    project = copy_pipeline(tmp_path, built.basemap)
    make_in_copy(project, "-s", "layers").check_returncode()
    app = create_app({"BUILD": BuildPaths(project / "build"), "NODE_MODULES": NODE_MODULES, "BUILD_POLL_S": 0.5})
    with serving(app) as url:
        layer = f"{url}/api/layers/sochi_dmz?date=2020-03-20"
        assert len(_get(layer)["features"]) == 1
        visit = open_page(url)
        page = visit.open("/?date=2020-03-20&layers=sochi_dmz", "2020-03-20")
        assert visit.count("sochi_dmz") == 1

        _edit(project / "layers" / "sochi_dmz.geojson", lambda properties: properties.update(valid_to="2020-01-01"))
        make_in_copy(project, "-s", "layers").check_returncode()
        assert _soon(lambda: _get(layer)["features"] == []), "the API serves the new build"
        page.wait_for_selector("html[data-new-build]", state="attached", timeout=WINDOW_S * 1000)
        assert visit.count("sochi_dmz") == 1, "what is on screen changes at the next date change, not before"
        page.get_by_label("Date").fill("2020-03-21")
        page.wait_for_function("() => window.idlibmapDrawn.sochi_dmz === 0", timeout=WINDOW_S * 1000)
        wait_until_drawn(page, "2020-03-21")
        assert visit.count("sochi_dmz") == 0
        assert visit.requests.count(f"{url}/data/sochi_dmz.json") == 2, "read again; the page itself did not change"
        assert visit.requests.count(f"{url}/data/events.json") == 0, "a layer not shown is read when shown"

        served = _get(f"{url}/api/build")
        (project / "layers" / "sochi_dmz.geojson").write_text("{", encoding="utf-8")
        assert make_in_copy(project, "-s", "layers").returncode != 0
        time.sleep(10 * POLL_SECONDS)  # ten looks for a new build: a failed make gives none
        assert _get(f"{url}/api/build") == served, "a failed make changes nothing served"
        assert _get(layer)["features"] == []
        page.context.close()  # before the server stops


def _content(build: BuildPaths, earlier: WebContent | None = None) -> WebContent:
    return WebContent.load(build, NODE_MODULES, 0, earlier)


@pytest.fixture
def build_copy(tmp_path: Path, built: BuildPaths) -> BuildPaths:
    """A copy of the tests' build (layers, index, base map), stamped as make stamps it."""
    target = BuildPaths(tmp_path / "build")
    for source, copy in ((built.layers, target.layers), (built.basemap, target.basemap)):
        shutil.copytree(source, copy)  # times kept: the index names each file by its size and time
    (target.layers / STAMP).touch()
    return target


def _later(path: Path, than: Path) -> None:
    """Give `path` a modification time a second after every file of the folder `than` (whatever the file system's
    clock resolution)."""
    later = max(entry.stat().st_mtime for entry in than.iterdir()) + 1
    os.utime(path, (later, later))


def _stamp_later(build: BuildPaths) -> None:
    """Touch the stamp as a later make would."""
    _later(build.layers / STAMP, build.layers)


def test_a_build_that_fails_to_load_keeps_the_last_good_one(build_copy: BuildPaths, caplog) -> None:
    served: list[WebContent] = []
    live = LiveContent(lambda earlier: _content(build_copy, earlier), build_copy, served.append)
    assert live.refresh() is False, "nothing new"
    (build_copy.layers / "events.geojson").write_text("{", encoding="utf-8")
    _stamp_later(build_copy)
    with caplog.at_level(logging.ERROR, logger="webmap.live"):
        assert live.refresh() is False
    assert len(served) == 1
    assert "could not be loaded" in caplog.text


def test_the_build_served_is_kept_as_it_was_while_make_writes_the_next(build_copy: BuildPaths) -> None:
    served: list[WebContent] = []
    live = LiveContent(lambda earlier: _content(build_copy, earlier), build_copy, served.append)
    kept = served[0].kept
    assert kept.root.parent == build_copy.served and (kept.layers / "events.geojson").is_file()
    events = build_copy.layers / "events.geojson"
    before = (kept.layers / "events.geojson").read_bytes()
    events.unlink()
    events.write_text("{", encoding="utf-8")  # make writes a new file where the old one was
    assert (kept.layers / "events.geojson").read_bytes() == before, "the build served is not touched"
    assert not BuildState.of(build_copy.layers).complete, "a layer newer than the stamp: make is still at work"
    assert live.refresh() is False


def test_a_build_whose_files_are_not_those_its_index_names_is_not_kept(build_copy: BuildPaths) -> None:
    _later(build_copy.layers / "events.geojson", build_copy.layers)  # written again after the index
    with pytest.raises(LayerFileError, match="events.geojson: changed since the build's index was written"):
        _content(build_copy)


def test_a_new_build_is_served_and_only_its_changed_layers_are_read_again(build_copy: BuildPaths) -> None:
    served: list[WebContent] = []
    live = LiveContent(lambda earlier: _content(build_copy, earlier), build_copy, served.append)
    first = served[0]
    index = json.loads((build_copy.layers / "index.json").read_text(encoding="utf-8"))
    events = build_copy.layers / "events.geojson"
    events.write_text(events.read_text(encoding="utf-8").replace('"name":"', '"name":"New: ', 1), encoding="utf-8")
    status = events.stat()
    index["layers"]["events"]["state"] = [status.st_size, status.st_mtime_ns]
    index["layers"]["events"]["made_from"] = "another"
    (build_copy.layers / "index.json").write_text(json.dumps(index), encoding="utf-8")
    _stamp_later(build_copy)
    assert live.refresh() is True
    second = served[1]
    assert second.kept != first.kept and first.kept.root.is_dir(), "the build before stays for drawings under way"
    assert second.store["events"] is not first.store["events"]
    assert all(second.store[i] is first.store[i] for i in second.data.catalog.manifest.ids if i != "events")


def test_a_build_is_complete_once_make_stamps_it(build_copy: BuildPaths) -> None:
    assert BuildState.of(build_copy.layers).complete
    (build_copy.layers / STAMP).unlink()
    assert not BuildState.of(build_copy.layers).complete
