"""The temporal rule: a feature is on the map of day D iff valid_from <= D < valid_to."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from geo.model.layer import Layer
from geo.model.manifest import LayerSpec

from support import point_feature

SPEC = LayerSpec(id="t", title="T", kind="source", geometry=("Point",), legend="T", licence="x", style={})
STATIC = LayerSpec(
    id="s", title="S", kind="source", geometry=("Point",), legend="S", licence="x", style={}, temporal=False
)
days = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2021, 12, 31))
intervals = st.tuples(days, st.one_of(st.none(), st.integers(min_value=1, max_value=2000)))


def feature(index: int, start: dt.date, length: int | None) -> dict:
    properties = {"id": f"f{index}", "valid_from": start.isoformat()}
    if length is not None:
        properties["valid_to"] = (start + dt.timedelta(days=length)).isoformat()
    return point_feature(**properties)


@given(st.lists(intervals, max_size=30), days)
@example([(dt.date(2020, 3, 6), 1)], dt.date(2020, 3, 6))  # the first day is in
@example([(dt.date(2020, 3, 6), 1)], dt.date(2020, 3, 7))  # valid_to is out
@example([(dt.date(2020, 3, 6), None)], dt.date(2020, 3, 5))  # the day before is out
def test_a_feature_is_selected_iff_valid_from_le_date_lt_valid_to(spans: list, date: dt.date) -> None:
    features = [feature(i, start, length) for i, (start, length) in enumerate(spans)]
    selected = {f["properties"]["id"] for f in Layer(SPEC, features).at(date)}
    for f in features:
        start = dt.date.fromisoformat(f["properties"]["valid_from"])
        end = f["properties"].get("valid_to")
        expected = start <= date and (end is None or date < dt.date.fromisoformat(end))
        assert (f["properties"]["id"] in selected) == expected


@given(days)
def test_a_layer_without_dates_stands_on_every_date(date: dt.date) -> None:
    town = point_feature()
    del town["properties"]["valid_from"]
    assert Layer(STATIC, [town]).at(date) == [town]


def test_no_date_means_every_feature() -> None:
    features = [feature(0, dt.date(2018, 1, 1), 10), feature(1, dt.date(2020, 1, 1), None)]
    assert Layer(SPEC, features).at(None) == features


def test_selection_keeps_file_order() -> None:
    features = [feature(i, dt.date(2019, 1, 1), None) for i in range(5)]
    assert [f["properties"]["id"] for f in Layer(SPEC, features).at(dt.date(2020, 1, 1))] == [
        "f0",
        "f1",
        "f2",
        "f3",
        "f4",
    ]
