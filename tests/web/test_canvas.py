"""Layers with renderer = "canvas" (the benchmark's synthetic layers, as large layers are drawn): one canvas of its
own per layer carrying the class layer-<id>, the features of each date counted as geo selects them, and one popup
per layer that opens on the feature clicked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.synthetic import write_synthetic_layers
from tools.browser import serving, wait_until_drawn

EXTENT = [35.75, 35.25, 37.35, 36.75]
DATES = ["2018-06-01", "2020-03-20", "2017-03-01"]

#: The container point of a point feature of the map (folium names the map's variable after its element's id).
_WHERE = """([lng, lat]) => {
  const map = window[document.querySelector(".folium-map").id];
  const point = map.latLngToContainerPoint([lat, lng]);
  const box = map.getContainer().getBoundingClientRect();
  return [box.left + point.x, box.top + point.y];
}"""


def test_canvas_layers_draw_each_date_and_open_the_popup_clicked(tmp_path: Path, make_app, open_page) -> None:
    layers = tmp_path / "layers"
    ids = write_synthetic_layers(layers, 300, EXTENT)
    app = make_app(layers)
    catalog = app.extensions["idlibmap"].data.catalog
    with serving(app) as url:
        visit = open_page(url)
        page = visit.open(f"/?date={DATES[0]}", DATES[0])
        for date in DATES:
            page.get_by_label("Date").fill(date)
            wait_until_drawn(page, date)
            expected = {layer.id: len(layer.at(dt.date.fromisoformat(date))) for layer in catalog}
            assert page.evaluate("window.idlibmapDrawn") == expected, date
        assert [page.locator(f"canvas.layer-{layer_id}").count() for layer_id in ids] == [1, 1, 1]
        point = catalog["synthetic_points"].at(dt.date.fromisoformat(DATES[-1]))[0]
        page.evaluate("() => document.querySelectorAll('.idl-panel').forEach((panel) => (panel.hidden = true))")
        page.mouse.click(*page.evaluate(_WHERE, point["geometry"]["coordinates"]))
        assert page.locator(".leaflet-popup h2").inner_text() == point["properties"]["name"]
        page.context.close()  # before the server stops
