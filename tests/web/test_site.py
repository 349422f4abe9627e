"""The static copy (`python -m webmap.site`): complete, its data answering every date as geo does, and
written so that a failure leaves the previous copy in place."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from geo.model.catalog import Catalog
from tools.browser import wait_until_drawn
from webmap import site
from webmap.assets import ASSETS, PREFIX

from support import ROOT

DATES = ["2016-01-01", "2017-05-04", "2018-09-16", "2018-09-17", "2020-03-05", "2020-03-06", "2020-03-20", "2021-01-01"]


@pytest.fixture(scope="module")
def written(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "site"
    site.write_site(app.extensions["idlibmap"], output)
    return output


def _data(output: Path) -> dict:
    text = (output / "data.js").read_text(encoding="utf-8")
    prefix = "window.IDLIBMAP_DATA = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def test_the_copy_has_the_page_its_script_data_and_assets(written: Path) -> None:
    html = (written / "index.html").read_text(encoding="utf-8")
    assert '<script src="data.js"></script>' in html
    assert html.index('src="data.js"') < html.index('src="map.js"')
    assert '"source": "embedded"' in (written / "map.js").read_text(encoding="utf-8")
    assert (written / "favicon.ico").is_file()
    for name in ASSETS:
        assert (written / PREFIX / name).is_file(), name


def test_the_copy_loads_its_modules_bundled_in_one_classic_script(written: Path) -> None:
    """A browser runs no module from disk: map.js is the app's modules and folium's script in one classic script."""
    html = (written / "index.html").read_text(encoding="utf-8")
    assert 'type="module"' not in html and "idlibmap/js/" not in html
    assert html.count('<script src="map.js"></script>') == 1
    script = (written / "map.js").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|export)\b", script, re.MULTILINE)
    assert "IdlibMap.start" not in script and "function start(map, options)" in script, "the entry point, inlined"


def test_the_copy_opened_from_disk_draws_with_no_module(written: Path, open_page, catalog: Catalog) -> None:
    folder = written.as_uri()
    visit = open_page(folder + "/index.html", local=folder + "/")
    page = visit.open("?date=2020-03-06", "2020-03-06")
    for layer in catalog:
        assert visit.count(layer.id) > 0 or not layer.at(dt.date(2020, 3, 6)), layer.id
    assert page.evaluate("typeof window.IdlibMap") == "undefined"
    assert [url for url in visit.requests if "/idlibmap/js/" in url] == [], "the modules are in map.js"
    page.get_by_label("Date").fill("2020-03-20")
    wait_until_drawn(page, "2020-03-20")


def _standing(stored: dict, period: int) -> list[int]:
    """As the page does: the features of `period`, by applying each period's changes from the first one on."""
    standing: set[int] = set()
    for added, removed in zip(stored["added"][: period + 1], stored["removed"][: period + 1]):
        standing = (standing - set(removed)) | set(added)
    return sorted(standing)


@pytest.mark.parametrize("date", DATES)
def test_the_data_gives_each_date_what_geo_selects(written: Path, catalog: Catalog, date: str) -> None:
    """As the page does: the period of a date is the number of the layer's dates up to it."""
    data = _data(written)
    assert list(data) == [layer.id for layer in catalog]
    for layer in catalog:
        stored = data[layer.id]
        assert stored["dates"] == sorted(stored["dates"])
        assert len(stored["added"]) == len(stored["removed"]) == len(stored["dates"]) + 1
        period = sum(1 for day in stored["dates"] if day <= date)
        chosen = [stored["features"][i]["properties"]["id"] for i in _standing(stored, period)]
        assert chosen == [f["properties"]["id"] for f in layer.at(dt.date.fromisoformat(date))], layer.id


def test_each_change_adds_what_did_not_stand_and_removes_what_did(written: Path, catalog: Catalog) -> None:
    """The changes are minimal: going back a period undoes them exactly (the page moves both ways)."""
    for layer_id, stored in _data(written).items():
        assert stored["removed"][0] == [], layer_id
        standing: set[int] = set()
        for added, removed in zip(stored["added"], stored["removed"]):
            assert not set(added) & standing and set(removed) <= standing, layer_id
            standing = (standing - set(removed)) | set(added)


def test_a_new_copy_replaces_the_old_one(app: Flask, tmp_path: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    (output / "stale.txt").write_text("from before")
    site.write_site(app.extensions["idlibmap"], output)
    assert not (output / "stale.txt").exists()
    assert (output / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failure_leaves_the_old_copy(app: Flask, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "site"
    site.write_site(app.extensions["idlibmap"], output)
    before = (output / "index.html").read_text(encoding="utf-8")

    def broken(content: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setattr(site, "data_script", broken)
    with pytest.raises(RuntimeError):
        site.write_site(app.extensions["idlibmap"], output)
    assert (output / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_command_writes_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(site.main, [str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_command_reports_a_problem_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("IDLIBMAP_BUILD", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(site.main, [str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "error:" in result.output and "run `make layers`" in result.output
    assert not (tmp_path / "site").exists()
