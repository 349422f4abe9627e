"""The story the layers tell, checked against what the sources say (see layers/README.md for the sources)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from shapely.geometry import shape
from shapely.ops import unary_union

from geo.model.catalog import Catalog

LAYERS = Path(__file__).resolve().parents[1] / "layers"

#: The twelve posts Turkey set up under the Astana process, October 2017 - May 2018 (SOHR's numbered list).
ASTANA_GROUP = "Astana 12 (2017-2018)"
#: Of those, the ones no source places (layers/README.md, "Known gaps"): none since al-Zaytunah (No. 8) and
#: al-Rashideen (No. 10) are drawn as inferred points with the radius the sources allow.
UNPLACED_ASTANA_POSTS: set[int] = set()

#: Posts the sources say were encircled by 20 February 2020 (Morek Aug 2019, Surman Dec 2019, al-Rashideen 29 Jan,
#: Maar Hattat 1 Feb, Tal Tuqan 5 Feb, the four Saraqib posts 6 Feb, Tal al-Eis 8 Feb, Anadan 16 Feb, Sheikh Aqil
#: 17 Feb 2020).
ENCIRCLED_ON_20_FEB_2020 = {
    "morek",
    "rashideen",
    "surman",
    "sheikh_aqil",
    "maar_hattat",
    "tal_tuqan",
    "tal_al_eis",
    "anadan",
    "saraqib_north",
    "saraqib_south",
    "saraqib_west",
    "saraqib_east",
}

#: Posts set up from August 2019 to the end of February 2020 that the sources name and date, on the map of 1 March
#: 2020 with their state: the eastern Saraqib post stayed encircled when the town was retaken on 27 February.
LATER_POSTS_ON_1_MAR_2020 = {
    "maar_hattat": "encircled",
    "saraqib_north": "relieved",
    "saraqib_south": "relieved",
    "saraqib_west": "relieved",
    "saraqib_east": "encircled",
    "qminas": "established",
    "taftanaz": "established",
    "military_housing": "established",
    "mastumah_camp": "established",
    "deir_sunbul": "established",
    "darat_izza_1": "established",
    "darat_izza_2": "established",
    "nabi_ayyub": "established",
    "bsanqul_1": "established",
}

#: Posts the sources say Turkey withdrew from October 2020 to January 2021.
WITHDRAWN_BY_1_FEB_2021 = {
    "morek",
    "rashideen",
    "shir_mughar",
    "maar_hattat",
    "sheikh_aqil",
    "saraqib_east",
    "surman",
    "tal_tuqan",
    "tal_al_eis",
    "anadan",
}

#: Every displacement figure the reports give (tests/data/README.md).
FIGURES = json.loads((Path(__file__).with_name("data") / "displacement_figures.json").read_text(encoding="utf-8"))

#: Places of the places layer on the M4 between Tronba and Ain al-Havr (vertices of the M4 line).
ON_M4_FROM_TRONBA_TO_AIN_AL_HAVR = [
    "tronba",
    "nayrab",
    "mastumah",
    "ariha",
    "urum_al_jawz",
    "jisr_al_shughur",
    "bdama",
    "ain_al_havr",
]


def _by_entity(features: list[dict]) -> dict[str, dict]:
    return {f["properties"]["entity_id"]: f["properties"] for f in features}


def _place(catalog: Catalog, place_id: str):
    for feature in catalog["places"].features:
        if feature["properties"]["id"] == place_id:
            return shape(feature["geometry"])
    raise AssertionError(f"no place {place_id!r}")


def test_the_astana_posts_the_sources_place_stand_on_1_january_2019(catalog: Catalog) -> None:
    standing = _by_entity(catalog["observation_posts"].at(dt.date(2019, 1, 1)))
    astana = {entity: p for entity, p in standing.items() if p["group"] == ASTANA_GROUP}
    assert sorted(p["post_no"] for p in astana.values()) == sorted(set(range(1, 13)) - UNPLACED_ASTANA_POSTS)
    assert {p["status"] for p in astana.values()} == {"established"}
    assert {p["operator"] for p in standing.values()} == {"Turkey"}


def test_no_post_stands_before_the_first_one(catalog: Catalog) -> None:
    assert catalog["observation_posts"].at(dt.date(2017, 9, 30)) == []
    assert set(_by_entity(catalog["observation_posts"].at(dt.date(2017, 10, 15)))) == {"salwa"}


def test_the_posts_encircled_on_20_february_2020(catalog: Catalog) -> None:
    standing = _by_entity(catalog["observation_posts"].at(dt.date(2020, 2, 20)))
    assert {entity for entity, p in standing.items() if p["status"] == "encircled"} == ENCIRCLED_ON_20_FEB_2020
    # Shir Mughar was besieged only on 26 February 2020.
    assert standing["shir_mughar"]["status"] == "established"
    assert _by_entity(catalog["observation_posts"].at(dt.date(2020, 2, 26)))["shir_mughar"]["status"] == "encircled"


def test_the_later_posts_stand_on_1_march_2020_in_their_state(catalog: Catalog) -> None:
    standing = _by_entity(catalog["observation_posts"].at(dt.date(2020, 3, 1)))
    assert {entity: standing[entity]["status"] for entity in LATER_POSTS_ON_1_MAR_2020} == LATER_POSTS_ON_1_MAR_2020


def test_the_withdrawals_of_october_2020_to_january_2021(catalog: Catalog) -> None:
    posts = catalog["observation_posts"]
    assert _by_entity(posts.at(dt.date(2019, 8, 22)))["morek"]["status"] == "established"
    assert _by_entity(posts.at(dt.date(2019, 8, 23)))["morek"]["status"] == "encircled"
    assert _by_entity(posts.at(dt.date(2020, 10, 18)))["morek"]["status"] == "encircled"
    assert _by_entity(posts.at(dt.date(2020, 10, 19)))["morek"]["status"] == "withdrawn"
    standing = _by_entity(posts.at(dt.date(2021, 2, 1)))
    assert {entity for entity, p in standing.items() if p["status"] == "withdrawn"} == WITHDRAWN_BY_1_FEB_2021


def test_states_of_a_post_follow_each_other_without_gap_or_overlap(catalog: Catalog) -> None:
    by_entity: dict[str, list[dict]] = {}
    for feature in catalog["observation_posts"].features:
        by_entity.setdefault(feature["properties"]["entity_id"], []).append(feature["properties"])
    for entity, states in by_entity.items():
        states.sort(key=lambda p: p["valid_from"])
        for earlier, later in zip(states, states[1:]):
            assert earlier.get("valid_to") == later["valid_from"], entity
        assert "valid_to" not in states[-1], entity


def test_a_disputed_post_number_keeps_both_versions_with_their_sources(catalog: Catalog) -> None:
    disputed = [
        (f["properties"], d)
        for f in catalog["observation_posts"].features
        for d in f["properties"].get("disputes", ())
        if d["fact"] == "post_no"
    ]
    assert disputed
    for properties, dispute in disputed:
        drawn = [v for v in dispute["versions"] if v.get("drawn")]
        assert [v["value"] for v in drawn] == [properties["post_no"]]
        assert len({s["url"] for v in dispute["versions"] for s in v["sources"]}) >= 2


def test_the_m4_corridor_stands_from_the_ceasefire(catalog: Catalog) -> None:
    corridor = catalog["m4_corridor"]
    assert corridor.at(dt.date(2020, 3, 4)) == []
    kinds = {f["properties"]["kind"] for f in corridor.at(dt.date(2020, 3, 20))}
    assert kinds == {"corridor", "patrol_route"}


def test_the_patrols_reach_further_west_then_stop(catalog: Catalog) -> None:
    def route(day: str):
        (patrols,) = [
            f
            for f in catalog["m4_corridor"].at(dt.date.fromisoformat(day))
            if f["properties"]["kind"] == "patrol_route"
        ]
        return shape(patrols["geometry"])

    first, eighth, full = route("2020-03-15"), route("2020-05-05"), route("2020-07-22")
    assert first.length < eighth.length < full.length
    assert first.distance(_place(catalog, "ain_al_havr")) > 0.5 and full.distance(_place(catalog, "ain_al_havr")) < 1e-6
    assert [
        f for f in catalog["m4_corridor"].at(dt.date(2020, 8, 26)) if f["properties"]["kind"] == "patrol_route"
    ] == []


def test_the_corridor_runs_from_tronba_to_ain_al_havr_along_the_m4(catalog: Catalog) -> None:
    layer = catalog["m4_corridor"]
    frame = layer.to_geodataframe(layer.at(dt.date(2020, 3, 20)))
    assert frame.crs.to_epsg() == 4326
    area = unary_union([g for g, kind in zip(frame.geometry, frame["kind"]) if kind == "corridor"])
    for place_id in ON_M4_FROM_TRONBA_TO_AIN_AL_HAVR:
        assert area.contains(_place(catalog, place_id)), place_id
    for place_id in ("maarat_al_numan", "idlib", "aleppo", "latakia", "khan_shaykhun"):
        assert not area.contains(_place(catalog, place_id)), place_id


def test_the_m4_line_passes_through_tronba_and_ain_al_havr(catalog: Catalog) -> None:
    (m4,) = catalog["m4_highway"].features
    vertices = [tuple(c) for c in m4["geometry"]["coordinates"]]
    assert len(vertices) >= 12
    for place_id in ON_M4_FROM_TRONBA_TO_AIN_AL_HAVR:
        point = _place(catalog, place_id)
        assert (point.x, point.y) in vertices, place_id


def test_no_one_is_drawn_displaced_before_2_january_2020(catalog: Catalog) -> None:
    assert catalog["displacement_routes"].at(dt.date(2019, 12, 31)) == []
    assert catalog["displacement_routes"].at(dt.date(2020, 1, 1)) == []


def test_every_number_of_the_displacement_layer_is_one_a_source_gives(catalog: Catalog) -> None:
    """No per-route share of a total: every figure shown (a route's people, a period's total) is a reported figure."""
    reported = {(figure["used_as"], figure["value"]) for figure in FIGURES}
    shown = {
        (key, f["properties"][key])
        for f in catalog["displacement_routes"].features
        for key in ("people", "total_people")
        if key in f["properties"]
    }
    assert shown and shown <= reported, sorted(shown - reported)


def test_the_totals_of_a_date_are_the_reported_figure_of_that_date(catalog: Catalog) -> None:
    totals = {f["properties"]["total_people"] for f in catalog["displacement_routes"].at(dt.date(2020, 2, 27))}
    assert totals == {948_000}
    totals = {f["properties"]["total_people"] for f in catalog["displacement_routes"].at(dt.date(2021, 1, 1))}
    assert totals == {846_000}


def test_the_peak_figures_that_disagree_are_all_kept(catalog: Catalog) -> None:
    (dispute,) = {
        json.dumps(d, sort_keys=True)
        for f in catalog["displacement_routes"].at(dt.date(2020, 2, 27))
        for d in f["properties"].get("disputes", ())
    }
    values = {v["value"] for v in json.loads(dispute)["versions"]}
    assert {948_000, 959_000, 961_000} <= values


def test_the_sochi_zone_lies_inside_the_de_escalation_zone(catalog: Catalog) -> None:
    (zone,) = catalog["deescalation_zone"].at(dt.date(2018, 9, 17))
    (dmz,) = catalog["sochi_dmz"].at(dt.date(2018, 9, 17))
    assert shape(dmz["geometry"]).within(shape(zone["geometry"]))
    assert catalog["sochi_dmz"].at(dt.date(2018, 9, 16)) == []
    assert catalog["deescalation_zone"].at(dt.date(2017, 5, 3)) == []
    assert {zone["properties"]["geometry_quality"], dmz["properties"]["geometry_quality"]} == {"schematic"}


def test_the_timeline_tells_the_key_dates(catalog: Catalog) -> None:
    timeline = catalog.timeline()
    assert len(timeline) >= 15
    assert [e.date for e in timeline] == sorted(e.date for e in timeline)
    by_kind: dict[str, set[dt.date]] = {}
    for entry in timeline:
        by_kind.setdefault(entry.kind, set()).add(entry.date)
    assert {dt.date(2017, 5, 4), dt.date(2018, 9, 17), dt.date(2020, 3, 5)} <= by_kind["agreement"]
    assert dt.date(2020, 1, 28) in by_kind["capture"]
    assert dt.date(2020, 3, 6) in by_kind["ceasefire"]
    assert dt.date(2020, 3, 15) in by_kind["patrol"]
    assert {dt.date(2020, 10, 19), dt.date(2020, 11, 2)} <= by_kind["withdrawal"]
    assert dt.date(2020, 3, 1) in by_kind["military_operation"]


def test_the_balyun_strike_killed_34_soldiers(catalog: Catalog) -> None:
    events = {f["properties"]["id"]: f["properties"] for f in catalog["events"].features}
    assert events["balyun_strike"]["date"] == "2020-02-27"
    assert events["balyun_strike"]["casualties"] == 34
    for properties in events.values():
        assert properties["date"] == properties["valid_from"]
        assert "valid_to" not in properties


def test_every_feature_cites_a_source_and_explains_its_geometry(catalog: Catalog) -> None:
    for layer in catalog:
        for feature in layer.features:
            properties = feature["properties"]
            where = f"{layer.id}/{properties['id']}"
            assert properties["sources"], where
            for source in properties["sources"]:
                assert source["title"].strip() and source["url"].startswith(("https://", "http://")), where
            if properties["geometry_quality"] in ("approximate", "schematic"):
                assert properties.get("note", "").strip(), where


def test_places_have_a_rank_and_the_corridor_ends(catalog: Catalog) -> None:
    places = {f["properties"]["id"]: f["properties"] for f in catalog["places"].features}
    assert len(places) >= 40
    assert {"tronba", "ain_al_havr"} <= set(places)
    assert all(p["rank"] in (1, 2, 3) for p in places.values())
    assert all("valid_from" not in p for p in places.values())
