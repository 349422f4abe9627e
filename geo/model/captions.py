"""What a map of a date says in words: its title, the latest key date as subtitle, dates written out, and where the
sources of what it draws disagree."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from geo.model.catalog import Catalog

__all__ = ["long_date", "short_date", "map_title", "Disagreement", "disagreements", "source_name"]


def long_date(date: dt.date) -> str:
    """'15 March 2020' (English month names: the C locale's, whatever the machine's locale)."""
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"


def short_date(date: dt.date) -> str:
    """'15 Mar 2020'."""
    return f"{date.day} {calendar.month_abbr[date.month]} {date.year}"


def map_title(catalog: Catalog, date: dt.date) -> tuple[str, str]:
    """The map's title (with the date) and subtitle (what happened on or just before the date)."""
    title = f"{catalog.manifest.map['title']} — {long_date(date)}"
    timeline = catalog.timeline()
    event = catalog.latest_event(date)
    if not timeline:
        return title, "No key dates are recorded for this map"
    if event is None:
        return title, f"Before the key dates of this map; the first is {long_date(timeline[0].date)}"
    if event.date == date:
        return title, f"On this day: {event.title}"
    return title, f"Latest key date, {long_date(event.date)}: {event.title}"


@dataclass(frozen=True)
class Disagreement:
    """A fact the sources give differently: what it is, the features it is about (by name), and each version as
    (value, drawn?, its sources' names)."""

    label: str
    versions: tuple[tuple[str, bool, tuple[str, ...]], ...]
    features: tuple[str, ...] = ()


def source_name(source: dict[str, Any]) -> str:
    """A source's short name: its title up to the first colon (the publisher, as titles here are written), else
    the title without what it says in brackets."""
    title = str(source.get("title", ""))
    head, colon, _ = title.partition(":")
    if colon and len(head) <= 40:
        return head.strip()
    return title.split(" (")[0].strip()


def _value(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def disagreements(drawn: dict[str, list[dict[str, Any]]]) -> list[Disagreement]:
    """Every disagreement between sources over the features drawn (layer id -> features), each once (with the names of
    every feature it is about), in order."""
    found: dict[tuple, list[str]] = {}
    for features in drawn.values():
        for feature in features:
            for dispute in feature["properties"].get("disputes", ()):
                versions = tuple(
                    (
                        _value(version["value"]),
                        bool(version.get("drawn")),
                        tuple(dict.fromkeys(source_name(s) for s in version["sources"])),
                    )
                    for version in dispute["versions"]
                )
                label = dispute.get("label") or dispute["fact"].replace("_", " ")
                names = found.setdefault((label, versions), [])
                if feature["properties"]["name"] not in names:
                    names.append(feature["properties"]["name"])
    return [Disagreement(label, versions, tuple(names)) for (label, versions), names in found.items()]
