"""Layers with renderer = "canvas" (the benchmark's synthetic layers, as large layers are drawn): one canvas of its
own per layer carrying the class layer-<id>, the features of each date counted as geo selects them, one popup per
layer that opens on the feature clicked, and an imported point's circle of uncertainty drawn under it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from bench.synthetic import write_synthetic_layers
from geo.cli import main
from tools.browser import serving, wait_until_drawn

from support import feed_situation

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


def test_a_canvas_layer_draws_the_circle_of_a_points_uncertainty_under_it(tmp_path: Path, make_app, open_page) -> None:
    layers, files = feed_situation(tmp_path)  # the feed layers are drawn on a canvas, as a large import is
    for source in files:
        result = CliRunner().invoke(
            main, ["--layers", str(layers), "import", source, str(files[source]), "--layer", f"{source}_events"]
        )
        assert result.exit_code == 0, result.output
    app = make_app(layers)
    event = next(
        f
        for f in app.extensions["idlibmap"].data.catalog["acled_events"].features
        if f["properties"]["id"] == "acled:FIX0002"
    )
    radius_m = event["properties"]["uncertainty_m"]
    assert radius_m == 10_000
    with serving(app) as url:
        page = open_page(url).open("/?date=2020-02-12&layers=acled_events", "2020-02-12")
        alpha = page.evaluate(_ALPHA_AROUND, [*event["geometry"]["coordinates"], radius_m])
        assert alpha["rim"] > 200, "its dashed outline is drawn at its radius"
        # Its fill is faint, never hiding the map (the month's event, 50 km from where it is drawn, fills there too).
        assert 0 < alpha["inside"] < 100 and alpha["outside"] < 100
        page.context.close()


#: The canvas's opacity (0-255) half way from a point to its circle's rim, on the rim, and beyond it (greatest of the
#: pixels around each, at every 10 degrees), for the point at lng, lat whose circle is `metres` on the ground.
_ALPHA_AROUND = """([lng, lat, metres]) => {
  const map = window[document.querySelector(".folium-map").id];
  const canvas = document.querySelector("canvas.layer-acled_events");
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const context = canvas.getContext("2d");
  const centre = map.latLngToContainerPoint([lat, lng]);
  const east = map.latLngToContainerPoint([lat, lng + metres / (111320 * Math.cos(lat * Math.PI / 180))]);
  const radius = east.x - centre.x;
  const at = (distance, from = 0, to = 360) => {
    const offset = map.containerPointToLayerPoint([0, 0]).subtract(L.DomUtil.getPosition(canvas));
    let most = 0;
    for (let angle = from; angle < to; angle += 10) {
      const x = (centre.x + offset.x + distance * Math.cos(angle * Math.PI / 180)) * ratio;
      const y = (centre.y + offset.y + distance * Math.sin(angle * Math.PI / 180)) * ratio;
      const pixels = context.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
      for (let alpha = 3; alpha < pixels.length; alpha += 4) most = Math.max(most, pixels[alpha]);
    }
    return most;
  };
  // Beyond it to the south only: the fixture's other events lie west, north and east of this one.
  return { inside: at(radius / 2), rim: at(radius), outside: at(radius * 1.6, 60, 130) };
}"""
