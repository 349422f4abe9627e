"""The encoded layers: a date's answer is its period's, made once, kept within a bound, and sent with its length."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from flask.testing import FlaskClient

from geo import paths
from geo.model.dates import FAR_FUTURE
from geo.model.manifest import load_manifest
from webmap.built import read_built
from webmap.store import EncodedLayer, Store, _Kept

from support import LAYERS_DIR, ROOT

MANIFEST = load_manifest(LAYERS_DIR)


@pytest.fixture(scope="module")
def store() -> Store:
    return Store(read_built(LAYERS_DIR, ROOT / paths.LAYER_BUILD_DIR))


def _days_around(encoded: EncodedLayer) -> list[dt.date]:
    """The first and last days, every date of the layer and the day before it."""
    dates = [dt.date.fromisoformat(day) for day in json.loads(encoded.page_data)["dates"]]
    return [dt.date.min, *(day - dt.timedelta(days=1) for day in dates), *dates, FAR_FUTURE]


@pytest.mark.parametrize("layer_id", MANIFEST.ids)
def test_the_answer_of_a_date_is_what_geo_selects_made_once_per_period(store: Store, layer_id: str) -> None:
    encoded = store[layer_id]
    for day in _days_around(encoded):
        answer = json.loads(b"".join(encoded.collection(day)))
        assert [f["properties"] for f in answer["features"]] == [f["properties"] for f in encoded.layer.at(day)], day
        assert answer["date"] == day.isoformat()
    dates = [dt.date.fromisoformat(day) for day in json.loads(encoded.page_data)["dates"]]
    for start, end in zip(dates, dates[1:]):
        assert encoded.collection(start)[1] is encoded.collection(end - dt.timedelta(days=1))[1], "kept, not made again"


def test_an_answer_is_sent_with_its_length(client: FlaskClient) -> None:
    response = client.get("/api/layers/events?date=2020-03-20")
    assert int(response.headers["Content-Length"]) == len(response.data) > 0


def test_answers_are_kept_within_the_bound_the_least_recently_used_dropped_first() -> None:
    kept = _Kept(limit=10)
    made: list[str] = []

    def maker(key: str):
        return lambda: made.append(key) or key.encode() * 4

    for key in ("a", "b", "a", "c", "b"):
        assert kept.get(key, maker(key)) == key.encode() * 4
    assert made == ["a", "b", "c", "b"], "a kept; b dropped when c came, a having been used since"
    assert kept.size <= 10
