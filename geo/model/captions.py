"""What a map of a date says in words: its title, the latest key date as subtitle, and dates written out."""

from __future__ import annotations

import calendar
import datetime as dt

from geo.model.catalog import Catalog

__all__ = ["long_date", "short_date", "map_title"]


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
