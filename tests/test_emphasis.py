"""Time-aware emphasis, one rule for both maps: a feature of a layer with `recent_days` is drawn in full from its date
for that many days and faded after that (geo.model.layer.is_faded, geo.model.style.faded), events as news and the
displacement routes once the period of their report is over; and a layer's style choices reach the page."""

from __future__ import annotations

import datetime as dt
import json

from geo.model.catalog import Catalog
from geo.model.layer import is_faded, is_recent
from geo.model.style import FADED_OPACITY, OTHERWISE, feature_style, legend_entries
from webmap.store import EncodedLayer


def test_the_routes_of_2020_are_faded_on_2021_01_01_and_not_before(catalog: Catalog) -> None:
    spec = catalog.manifest["displacement_routes"]
    assert spec.recent_days
    for day, faded in ((dt.date(2020, 3, 6), False), (dt.date(2020, 5, 20), False), (dt.date(2021, 1, 1), True)):
        routes = catalog[spec.id].at(day)
        assert routes and {is_faded(spec, f["properties"], day) for f in routes} == {faded}, day
        for route in routes:
            full = feature_style(catalog.manifest, spec, route["properties"])
            drawn = feature_style(catalog.manifest, spec, route["properties"], on=day)
            expected = round(full["opacity"] * FADED_OPACITY, 3) if faded else full["opacity"]
            assert drawn["opacity"] == expected


def test_an_event_is_faded_exactly_when_it_is_no_longer_news(catalog: Catalog) -> None:
    spec = catalog.manifest["events"]
    day = dt.date(2020, 3, 15)
    for event in catalog[spec.id].at(day):
        assert is_faded(spec, event["properties"], day) != is_recent(spec, event["properties"], day)


def test_a_layer_without_the_rule_is_never_faded(catalog: Catalog) -> None:
    spec = catalog.manifest["observation_posts"]
    assert spec.recent_days is None
    assert not any(is_faded(spec, f["properties"], dt.date(2030, 1, 1)) for f in catalog[spec.id].features)


def test_the_towns_faction_view_never_infers_a_faction(catalog: Catalog) -> None:
    manifest = catalog.manifest
    spec = manifest["town_control"]
    (choice,) = spec.style_choices
    towns = catalog[spec.id].features
    entries = {entry.value: entry for entry in legend_entries(manifest, spec, towns, style_by=choice)}
    assert set(entries) == {*(t["properties"]["faction"] for t in towns if "faction" in t["properties"]), OTHERWISE}
    for town in towns:
        style = feature_style(manifest, spec, town["properties"], choice)
        faction = town["properties"].get("faction")
        assert style["fill_color"] == (choice["values"][faction] if faction else choice["otherwise"])["fill_color"]


def test_the_page_data_has_each_style_choice_s_rows(catalog: Catalog) -> None:
    layer = catalog["town_control"]
    encoded = EncodedLayer(catalog.manifest, layer)
    data = json.loads(encoded.page_data)
    (rows,) = data["choices"].values()
    assert len(rows) == len(layer.features) == len(data["features"])
    for feature, row in zip(layer.features, rows):
        faction = feature["properties"].get("faction")
        assert (data["styles"][row]["fill_color"] == "#ffffff") == (faction is None)
    assert json.loads(EncodedLayer(catalog.manifest, catalog["places"]).page_data)["choices"] == {}
