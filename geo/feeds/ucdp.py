"""A UCDP GED row as a feature of the map, by the GED codebook: its event id, the span from `date_start` to
`date_end`, its place at the precision `where_prec` gives (mapped to a geometry quality and a radius by the
manifest's [layer.feed.precision]), the kind of violence (`type_of_violence`, named by the manifest's
[layer.feed] event_types) and its two sides, the deaths UCDP counts (`best`, with `low` and `high` kept as the
disagreement they are when they differ) and the articles it was coded from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from geo.feeds.rows import Frame, Row, RowProblem, day, point, position, precision, whole_number

__all__ = ["SOURCE", "COLUMNS", "PROPERTIES", "event"]

SOURCE = "ucdp"

#: The columns of the GED codebook the map must have; where_coordinates, adm_1, adm_2 and where_description are read
#: where the file has them, and the others are left aside.
COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_prec",
    "latitude",
    "longitude",
    "best",
    "low",
    "high",
    "source_article",
)

#: The layer's own properties a feature of UCDP's may have (the manifest declares each, [layer.property.<name>]).
PROPERTIES = ("event_type", "actor1", "actor2", "location", "admin1", "admin2", "fatalities", "precision_code")


def event(row: Row, feed: dict[str, Any], frame: Frame) -> tuple[str, dict[str, Any]]:
    """(the feature's id, the feature) of one row of a UCDP GED file; RowProblem says what is wrong with it."""
    event_id = row["id"]
    if not event_id:
        raise RowProblem("id is empty; every UCDP GED event has its id: export the file again")
    start, end = day(row, "date_start"), day(row, "date_end")
    if end < start:
        raise RowProblem(f"date_end {end} is before date_start {start}; fix the row")
    longitude, latitude = position(row, frame)
    code, placed = precision(row, "where_prec", feed["precision"])
    violence = row["type_of_violence"]
    if violence not in feed["event_types"]:
        raise RowProblem(
            f"type_of_violence is {violence!r}, a code [layer.feed] event_types does not name (it names "
            f"{', '.join(feed['event_types']) or 'none'}); add it there as the codebook names it, or fix the row"
        )
    best, low, high = (whole_number(row, column) for column in ("best", "low", "high"))
    feature_id = f"{SOURCE}:{event_id}"
    record = f"UCDP GED event {event_id}"
    articles = row["source_article"]
    properties: dict[str, Any] = {
        "id": feature_id,
        "name": ", ".join(part for part in (feed["event_types"][violence], row.get("where_coordinates")) if part),
        "valid_from": start.isoformat(),
        "valid_to": (end + dt.timedelta(days=1)).isoformat(),
        "date_precision": "span" if end > start else "day",
        "event_type": feed["event_types"][violence],
    }
    for key, column in (
        ("actor1", "side_a"),
        ("actor2", "side_b"),
        ("location", "where_coordinates"),
        ("admin1", "adm_1"),
        ("admin2", "adm_2"),
    ):
        if row.get(column):
            properties[key] = row.get(column)
    properties["fatalities"] = best
    properties["geometry_quality"] = placed["geometry_quality"]
    if placed["uncertainty_m"]:
        properties["uncertainty_m"] = placed["uncertainty_m"]
    properties["precision_code"] = code
    title = record + (f", coded from: {articles}" if articles else "")
    properties["sources"] = [{"title": title, "url": feed["url"], "supports": ["fatalities"]}]
    estimates = {best: "best", low: "low", high: "high"}  # a value given twice keeps its first (best) name
    if len(estimates) > 1:
        properties["disputes"] = [
            {
                "fact": "fatalities",
                "label": f"Deaths in {record}: UCDP's best estimate, and the lowest and highest its sources support",
                "versions": [
                    {
                        "value": value,
                        **({"drawn": True} if value == best else {}),
                        "sources": [{"title": f"{record}: {name} estimate", "url": feed["url"]}],
                    }
                    for value, name in estimates.items()
                ],
            }
        ]
    if row.get("where_description"):
        properties["note"] = row.get("where_description")
    return feature_id, point(properties, longitude, latitude)
