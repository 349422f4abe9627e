"""An ACLED export's row as a feature of the map, by ACLED's codebook: its event id, its date at the precision
`time_precision` gives (1: the day; 2: the week the source names; 3: only the month), its place at the precision
`geo_precision` gives (mapped to a geometry quality and a radius by the manifest's [layer.feed.precision]), what
happened and between whom, its fatalities, its notes, and the sources ACLED coded it from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from geo.feeds.rows import Frame, Row, RowProblem, day, point, position, precision, whole_number

__all__ = ["SOURCE", "COLUMNS", "PROPERTIES", "event"]

SOURCE = "acled"

#: The columns of ACLED's codebook the map reads; an export holds others too (disorder_type, the actors' associates
#: and kinds, ...), which are left aside, so that an export from before ACLED's columns of 2023 reads as well.
COLUMNS = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)

#: The layer's own properties a feature of ACLED's may have (the manifest declares each, [layer.property.<name>]).
PROPERTIES = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "admin2",
    "admin3",
    "fatalities",
    "precision_code",
)


def _dates(row: Row) -> tuple[dt.date, dt.date, str]:
    """(valid_from, valid_to, date_precision): the day, the week (Monday to Sunday) or the month the row names."""
    date = day(row, "event_date")
    code = row["time_precision"]
    if code in ("1", "1.0"):
        return date, date + dt.timedelta(days=1), "day"
    if code in ("2", "2.0"):
        monday = date - dt.timedelta(days=date.weekday())
        return monday, monday + dt.timedelta(days=7), "week"
    if code in ("3", "3.0"):
        first = date.replace(day=1)
        return first, (first + dt.timedelta(days=32)).replace(day=1), "month"
    raise RowProblem(
        f"time_precision is {code!r}; ACLED's codebook has 1 (the day), 2 (the week) and 3 (the month): fix the row"
    )


def event(row: Row, feed: dict[str, Any], frame: Frame) -> tuple[str, dict[str, Any]]:
    """(the feature's id, the feature) of one row of an ACLED export; RowProblem says what is wrong with it."""
    event_id = row["event_id_cnty"]
    if not event_id:
        raise RowProblem("event_id_cnty is empty; every ACLED event has its id: export the file again")
    start, end, date_precision = _dates(row)
    longitude, latitude = position(row, frame)
    code, placed = precision(row, "geo_precision", feed["precision"])
    fatalities = whole_number(row, "fatalities")
    feature_id = f"{SOURCE}:{event_id}"
    title = f"ACLED event {event_id}" + (f", coded from: {row['source']}" if row["source"] else "")
    if row["source_scale"]:
        title += f" (scale of the sources: {row['source_scale']})"
    properties: dict[str, Any] = {
        "id": feature_id,
        "name": ", ".join(part for part in (row["sub_event_type"] or row["event_type"], row["location"]) if part),
        "valid_from": start.isoformat(),
        "valid_to": end.isoformat(),
        "date_precision": date_precision,
    }
    for key in ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "admin2", "admin3"):
        if row[key]:
            properties[key] = row[key]
    properties["fatalities"] = fatalities
    properties["geometry_quality"] = placed["geometry_quality"]
    if placed["uncertainty_m"]:
        properties["uncertainty_m"] = placed["uncertainty_m"]
    properties["precision_code"] = code
    properties["sources"] = [{"title": title, "url": feed["url"], "supports": ["fatalities"]}]
    if row["notes"]:
        properties["note"] = row["notes"]
    return feature_id, point(properties, longitude, latitude)
