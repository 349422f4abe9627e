"""What a map of a date says in words, in one of its languages (geo.model.wording): its title, the latest key date as
subtitle, and where the sources of what it draws disagree."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from geo.model.catalog import Catalog
from geo.model.wording import Wording

__all__ = ["map_title", "Disagreement", "disagreements", "source_name"]

#: A value that is a day (a disputed date).
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def map_title(catalog: Catalog, date: dt.date, words: Wording) -> tuple[str, str]:
    """The map's title (with the date) and subtitle (what happened on or just before the date)."""
    title = words("print.title", title=words.text(catalog.manifest.map, "title"), date=words.date(date))
    timeline = catalog.timeline()
    event = catalog.latest_event(date)
    if not timeline:
        return title, words("print.no_key_dates")
    if event is None:
        return title, words("print.before_key_dates", date=words.date(timeline[0].date))
    if event.date == date:
        return title, words("print.on_this_day", event=words.name(event.names))
    return title, words("print.latest_key_date", date=words.date(event.date), event=words.name(event.names))


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


def _value(value: Any, words: Wording) -> str:
    """A version's value: a number or a day written the language's way, a word of the data in the language, else as
    given."""
    if isinstance(value, int) and not isinstance(value, bool):
        return words.number(value)
    if isinstance(value, str) and _DAY.fullmatch(value):
        return words.date(dt.date.fromisoformat(value), "short")
    return words.value(value)


def disagreements(drawn: dict[str, list[dict[str, Any]]], words: Wording) -> list[Disagreement]:
    """Every disagreement between sources over the features drawn (layer id -> features), each once (with the names of
    every feature it is about, in the language of `words`), in order."""
    found: dict[tuple, list[str]] = {}
    for features in drawn.values():
        for feature in features:
            for dispute in feature["properties"].get("disputes", ()):
                versions = tuple(
                    (
                        _value(version["value"], words),
                        bool(version.get("drawn")),
                        tuple(dict.fromkeys(source_name(s) for s in version["sources"])),
                    )
                    for version in dispute["versions"]
                )
                label = dispute.get("label") or dispute["fact"].replace("_", " ")
                names = found.setdefault((label, versions), [])
                name = words.name(feature["properties"])
                if name not in names:
                    names.append(name)
    return [Disagreement(label, versions, tuple(names)) for (label, versions), names in found.items()]
