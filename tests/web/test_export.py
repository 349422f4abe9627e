"""GET /export/<date>.<format>?layers=a,b&bbox=W,S,E,N&lang=code, the static map the "Download" control offers:
parameters checked, each map drawn once by `idlibmap export` in a subprocess and kept, at most two drawn at once; and
in a real browser the control saves the PDF and PNG of the view, date, layers and language on screen, and their
features as GeoJSON. The static copy, which has no server, says so and offers the printed maps it was built with."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.model.catalog import Catalog
from geo.paths import BuildPaths
from tools.browser import serving
from webmap import create_app
from webmap.built import STAMP
from webmap.site import write_site

from support import NODE_MODULES

#: Stands in for `idlibmap`: writes "<format> <layer ids>" to the output file and a line to a log, after a pause.
FAKE_EXPORT = """
import sys, time
from pathlib import Path
args = sys.argv[1:]
log, pause = Path(args.pop(0)), float(args.pop(0))
with log.open("a") as out:
    out.write(" ".join(args) + "\\n")
time.sleep(pause)
if "--date" in args and args[args.index("--date") + 1] == "1999-01-01":
    sys.exit("error: no map of that day")
layers = [args[i + 1] for i, a in enumerate(args) if a == "--layer"]
Path(args[args.index("-o") + 1]).write_text(args[args.index("--format") + 1] + " " + ",".join(layers))
"""


@pytest.fixture
def fake(tmp_path: Path, app_with):
    """An app whose maps are drawn by FAKE_EXPORT (pause in seconds as argument), and the log of its runs."""
    script = tmp_path / "fake_export.py"
    script.write_text(FAKE_EXPORT)
    log = tmp_path / "runs.log"

    def app(pause: float = 0.0):
        command = [sys.executable, str(script), str(log), str(pause)]
        return app_with(EXPORT_COMMAND=command, EXPORT_CACHE=tmp_path / "cache")

    app.runs = lambda: log.read_text().splitlines() if log.exists() else []
    return app


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/export/2020-02-30.pdf", "not a day"),
        ("/export/15-03-2020.pdf", "YYYY-MM-DD"),
        ("/export/2020-03-15.gif", "gif"),
        ("/export/2020-03-15", "format"),
        ("/export/2020-03-15.png?layers=places,nope", "nope"),
        ("/export/2020-03-15.png?layers=", "no layer"),
        ("/export/2020-03-15.png?bbox=36.6,35.7,36.9", "four numbers"),
        ("/export/2020-03-15.png?bbox=36.9,35.7,36.6,35.9", "not a box"),
        ("/export/2020-03-15.png?bbox=10,10,11,11", "outside the map"),
        ("/export/2020-03-15.png?lang=fr", "no language 'fr'"),
    ],
)
def test_bad_parameters_are_400_with_a_json_error(fake, path: str, words: str) -> None:
    response = fake().test_client().get(path)
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert words in response.get_json()["error"]
    assert fake.runs() == [], "nothing is drawn for a bad request"


def _get(client, path: str):
    """The answer to `path`, read and closed (a map is sent from its file)."""
    with client.get(path) as response:
        response.get_data()
        return response


def test_a_map_is_drawn_once_with_the_layers_asked_for_and_kept(fake) -> None:
    client = fake().test_client()
    first = _get(client, "/export/2020-03-15.pdf?layers=observation_posts,places")
    assert first.status_code == 200
    assert first.mimetype == "application/pdf"
    assert first.headers["Content-Disposition"] == "attachment; filename=idlib-2020-03-15.pdf"
    assert first.data == b"pdf places,observation_posts", "the layers, in the manifest's order"
    (run,) = fake.runs()
    kept = client.application.extensions["idlibmap"].kept
    assert f"--build {kept.root} export --date 2020-03-15 --format pdf" in run, "drawn from the build served"
    assert kept.root.parent == kept.root.parent.parent / "served"
    again = _get(client, "/export/2020-03-15.pdf?layers=places,observation_posts")
    assert again.data == first.data and len(fake.runs()) == 1, "the same map is served from the cache"
    for path in ("/export/2020-03-15.svg?layers=places", "/export/2020-03-16.svg?layers=places"):
        _get(client, path)
    everything = _get(client, "/export/2020-03-16.png")
    assert len(fake.runs()) == 4
    assert everything.data.startswith(b"png control_areas,")


def test_a_view_in_a_language_is_drawn_as_asked_and_named_so(fake) -> None:
    client = fake().test_client()
    view = _get(client, "/export/2020-03-06.pdf?layers=places&bbox=36.650001,35.78,36.95,35.95&lang=ar")
    assert view.status_code == 200
    assert view.headers["Content-Disposition"] == "attachment; filename=idlib-2020-03-06-view-ar.pdf"
    (run,) = fake.runs()
    assert "--lang ar" in run and run.endswith("--bbox 36.65,35.78,36.95,35.95"), "the view written one way"
    again = _get(client, "/export/2020-03-06.pdf?layers=places&bbox=36.65,35.78,36.95,35.95&lang=ar")
    assert again.data == view.data and len(fake.runs()) == 1, "the same view is the same map"
    _get(client, "/export/2020-03-06.pdf?layers=places&bbox=36.65,35.78,36.95,35.95&lang=tr")
    _get(client, "/export/2020-03-06.pdf?layers=places&bbox=36.6,35.78,36.95,35.95&lang=ar")
    assert len(fake.runs()) == 3, "another language or view is another map"


def test_at_most_two_maps_are_drawn_at_once(fake) -> None:
    answers: list[tuple[int, str | None, dict]] = []

    def ask(url: str) -> None:
        try:
            with urllib.request.urlopen(url) as response:
                answers.append((response.status, None, {}))
        except urllib.error.HTTPError as error:
            with error:
                answers.append((error.code, error.headers.get("Retry-After"), json.loads(error.read())))

    with serving(fake(pause=2.0)) as base:
        threads = [
            threading.Thread(target=ask, args=(f"{base}/export/2020-03-{day}.pdf?layers=places",))
            for day in ("10", "11", "12")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(status for status, _, _ in answers) == [200, 200, 503]
        (busy,) = [answer for answer in answers if answer[0] == 503]
        assert int(busy[1]) > 0 and "try again" in busy[2]["error"]
        answers.clear()
        for day in ("10", "11", "12"):
            ask(f"{base}/export/2020-03-{day}.pdf?layers=places")
        assert [status for status, _, _ in answers] == [200, 200, 200]
        assert len(fake.runs()) == 3, "the two drawn before are kept; the one refused is drawn now"


def test_the_map_drawn_is_of_the_build_served_not_of_the_one_make_is_writing(built: BuildPaths, tmp_path: Path) -> None:
    """The real `idlibmap export`, from the build the server keeps: a build folder that make is writing (not stamped
    yet) does not reach the map."""
    copy = BuildPaths(tmp_path / "build")
    for folder in ("layers", "basemap"):
        shutil.copytree(built.root / folder, copy.root / folder)
    (copy.layers / STAMP).touch()
    app = create_app({"BUILD": copy, "NODE_MODULES": NODE_MODULES, "BUILD_POLL_S": 0, "EXPORT_CACHE": tmp_path / "c"})
    written = tmp_path / "new.geojson"
    written.write_text('{"type":"FeatureCollection","features":[]}')
    written.replace(copy.layers / "observation_posts.geojson")  # as make writes a layer: a new file moved into place
    response = _get(app.test_client(), "/export/2020-03-15.svg?layers=observation_posts")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert 'id="layer-observation_posts' in response.get_data(as_text=True), "the posts of the build served"


def test_a_drawing_that_fails_is_500_saying_why(fake) -> None:
    response = fake().test_client().get("/export/1999-01-01.pdf")
    assert response.status_code == 500
    assert "no map of that day" in response.get_json()["error"]


@pytest.fixture(scope="module")
def drawing_server(app_with, tmp_path_factory: pytest.TempPathFactory):
    """The app with the real `idlibmap export`, keeping its maps in a folder of its own."""
    with serving(app_with(EXPORT_CACHE=tmp_path_factory.mktemp("exports"))) as url:
        yield url


def test_download_saves_the_pdf_and_png_of_the_date_and_layers_shown(open_page, drawing_server: str) -> None:
    visit = open_page(drawing_server)
    page = visit.open("/?date=2020-03-06&layers=observation_posts,places", "2020-03-06")
    page.get_by_role("button", name="Download", exact=True).click()
    for label, magic in (("PDF", b"%PDF"), ("PNG", b"\x89PNG")):
        with page.expect_download(timeout=120_000) as saved:
            page.get_by_role("button", name=label).click()
        download = saved.value
        assert download.suggested_filename == f"idlib-2020-03-06-view.{label.lower()}", "the view on screen"
        assert Path(download.path()).read_bytes().startswith(magic)
    asked = [url for url in visit.requests if "/export/" in url]
    assert [url.split("&bbox=")[0] for url in asked] == [
        f"{drawing_server}/export/2020-03-06.pdf?layers=places,observation_posts",
        f"{drawing_server}/export/2020-03-06.png?layers=places,observation_posts",
    ]
    assert all(re.search(r"&bbox=[\d.]+,[\d.]+,[\d.]+,[\d.]+$", url) for url in asked), "the view on screen"
    expect(page.locator(".download-status")).to_contain_text("idlib-2020-03-06-view.png")


#: Move the page's map (folium names the map's variable after its element's id) and wait until it has moved.
_SET_VIEW = """([lat, lon, zoom]) => new Promise((done) => {
  const map = window[document.querySelector(".folium-map").id];
  map.once("moveend", () => done());
  map.setView([lat, lon], zoom, { animate: false });
})"""


def test_download_of_a_view_in_arabic_gives_that_view_in_arabic(open_page, drawing_server: str) -> None:
    """The reader zoomed on Saraqib in Arabic gets a PDF of that view in Arabic, the inset locating it."""
    visit = open_page(drawing_server)
    page = visit.open("/?date=2020-03-06&lang=ar", "2020-03-06")
    page.evaluate(_SET_VIEW, [35.864, 36.804, 12])
    page.get_by_role("button", name="تنزيل", exact=True).click()
    with page.expect_download(timeout=120_000) as saved:
        page.get_by_role("button", name="PDF", exact=False).click()
    download = saved.value
    assert download.suggested_filename == "idlib-2020-03-06-view-ar.pdf"
    (url,) = [url for url in visit.requests if "/export/" in url]
    west, south, east, north = (float(v) for v in re.search(r"bbox=([^&]+)", url).group(1).split(","))
    assert west < 36.804 < east and south < 35.864 < north and east - west < 0.5, "the view on screen"
    assert "lang=ar" in url
    text = subprocess.run(["pdftotext", download.path(), "-"], capture_output=True, text=True, check=True).stdout
    assert "خريطة الوضع في إدلب" in text and "سراقب" in text and "موقع هذا المنظر من الخريطة كاملة" in text


def test_download_saves_the_features_of_the_date_as_geojson(visit, catalog: Catalog) -> None:
    page = visit.open("/?date=2020-03-06&layers=observation_posts,places", "2020-03-06")
    page.get_by_role("button", name="Download", exact=True).click()
    with page.expect_download() as saved:
        page.get_by_role("button", name="GeoJSON").click()
    collection = json.loads(Path(saved.value.path()).read_text(encoding="utf-8"))
    day = dt.date(2020, 3, 6)
    expected = [
        (layer_id, f["properties"]["id"])
        for layer_id in ("places", "observation_posts")
        for f in catalog[layer_id].at(day)
    ]
    assert collection["type"] == "FeatureCollection" and collection["date"] == "2020-03-06"
    assert [(f["properties"]["layer"], f["properties"]["id"]) for f in collection["features"]] == expected
    assert all(set(f) == {"type", "geometry", "properties"} for f in collection["features"])


def test_the_static_copy_offers_the_printed_maps_it_was_built_with(app, tmp_path: Path, open_page) -> None:
    atlas, pages = tmp_path / "atlas.pdf", tmp_path / "atlas"
    atlas.write_bytes(b"%PDF-1.4 atlas")
    pages.mkdir()
    (pages / "2020-03-05.png").write_bytes(b"\x89PNG page")
    write_site(app.extensions["idlibmap"], tmp_path / "site", atlas=atlas, pages=pages)
    assert (tmp_path / "site" / "prints" / "atlas" / "2020-03-05.png").read_bytes() == b"\x89PNG page"
    folder = (tmp_path / "site").as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    page = visit.open("?date=2020-03-06", "2020-03-06")
    page.get_by_role("button", name="Download", exact=True).click()
    expect(page.get_by_role("link", name="5 March 2020")).to_have_attribute("href", "prints/atlas/2020-03-05.png")
    expect(page.get_by_role("link", name="atlas")).to_have_attribute("href", "prints/atlas.pdf")
    expect(page.get_by_role("button", name="PDF")).to_have_count(0)
    expect(page.locator(".download-map")).to_contain_text("cannot print the view on screen")


def test_a_static_copy_without_printed_maps_says_so(app, tmp_path: Path, open_page) -> None:
    write_site(app.extensions["idlibmap"], tmp_path / "site", atlas=tmp_path / "none.pdf", pages=tmp_path / "none")
    folder = (tmp_path / "site").as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    page = visit.open("?date=2020-03-06", "2020-03-06")
    page.get_by_role("button", name="Download", exact=True).click()
    expect(page.locator(".download-prints")).to_contain_text("make atlas")
