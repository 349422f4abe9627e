"""A seeded synthetic event layer of any size, with the properties of an imported event feed (ACLED-shaped), for the
web map's tests and the benchmark: one point layer drawn with WebGL (`renderer = "webgl"`), filtered by event type
and actor.

Each event has what an imported event has: `id`, `name`, `valid_from`, `valid_to`, `date_precision`, `event_type`,
`sub_event_type`, `actor1`, `actor2`, `location`, `admin1`-`admin3`, `fatalities`, `geometry_quality`,
`uncertainty_m`, `sources`, `note` and `precision_code`. The events are made up and say so in their note and source.
write_event_layer writes the GeoJSON and its manifest entry directly; an import of a synthetic feed file can take its
place without changing what the tests and the benchmark read.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from bench.synthetic import FIRST_DAY, SPAN_DAYS, map_tables

__all__ = ["ACTORS", "EVENT_TYPES", "LAYER_ID", "QUALITIES", "write_event_layer"]

LAYER_ID = "feed_events"
#: Event types and their sub-event types, as an ACLED file names them.
EVENT_TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Agreement", "Looting/property destruction"],
}
ACTORS = [
    "Military Forces of Syria",
    "Military Forces of Russia",
    "Military Forces of Turkey",
    "Hayat Tahrir al-Sham",
    "National Front for Liberation",
    "Civilians (Syria)",
    "Protesters (Syria)",
    "Unidentified Armed Group (Syria)",
]
ADMIN = [("Idleb", "Ariha", "Ariha"), ("Idleb", "Idleb", "Saraqab"), ("Aleppo", "Jebel Saman", "Atareb")]
#: A position's precision code -> its geometry quality and radius in metres (an imported layer's manifest table).
QUALITIES = {1: ("surveyed", 0), 2: ("approximate", 5_000), 3: ("inferred", 25_000)}
SOURCE = {"title": "Synthetic event feed", "url": "https://example.org/synthetic-feed"}


def _event(index: int, rng: random.Random, extent: list[float]) -> dict:
    west, south, east, north = extent
    start = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    precision = "month" if rng.random() < 0.05 else "day"
    days = 31 if precision == "month" else rng.choice((1, 1, 1, 2, 7))
    event_type = rng.choice(list(EVENT_TYPES))
    code = rng.choice((1, 1, 2, 3))
    quality, radius = QUALITIES[code]
    admin1, admin2, admin3 = rng.choice(ADMIN)
    properties = {
        "id": f"synthetic:SYR{index}",
        "name": f"{event_type} near {admin3}",
        "valid_from": start.isoformat(),
        "valid_to": (start + dt.timedelta(days=days)).isoformat(),
        "date_precision": precision,
        "event_type": event_type,
        "sub_event_type": rng.choice(EVENT_TYPES[event_type]),
        "actor1": rng.choice(ACTORS),
        "actor2": rng.choice(ACTORS),
        "location": admin3,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": admin3,
        "fatalities": rng.choice((0, 0, 0, 1, 2, 5)),
        "geometry_quality": quality,
        "uncertainty_m": radius,
        "sources": [{**SOURCE, "date": start.isoformat()}],
        "note": "Synthetic event for the tests and the benchmark, not a fact.",
        "precision_code": code,
    }
    point = [round(rng.uniform(west, east), 5), round(rng.uniform(south, north), 5)]
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": point}, "properties": properties}


#: The layer's manifest entry: the properties beyond those every feature has, each (type, about).
_PROPERTIES = {
    "event_type": ("string", "the kind of event, as the feed names it"),
    "sub_event_type": ("string", "the kind within event_type"),
    "actor1": ("string", "the first side named"),
    "actor2": ("string", "the other side named"),
    "location": ("string", "the place named"),
    "admin1": ("string", "the governorate"),
    "admin2": ("string", "the district"),
    "admin3": ("string", "the sub-district"),
    "fatalities": ("integer", "people killed, as the feed reports"),
    "uncertainty_m": ("integer", "how far the event may be from its point, in metres"),
    "precision_code": ("integer", "the feed's code of how exact the position is"),
}


def write_event_layer(folder: Path, size: int, extent: list[float], seed: int = 2020) -> str:
    """Write a manifest and an event layer of `size` events over `extent` into `folder`; return the layer's id."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    features = [_event(index, rng, extent) for index in range(size)]
    (folder / f"{LAYER_ID}.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")), encoding="utf-8"
    )
    tables = map_tables("Synthetic event feed", extent, [quality for quality, _ in QUALITIES.values()])
    tables += [
        "[[layer]]",
        f'id = "{LAYER_ID}"',
        'title = "Events of the feed"',
        f'file = "{LAYER_ID}.geojson"',
        'kind = "source"',
        'geometry = ["Point"]',
        'legend = "Event (synthetic)"',
        'licence = "CC0"',
        'renderer = "webgl"',
        'filters = ["event_type", "actor1"]',
        "[layer.style]",
        'color = "#b2182b"',
        "radius = 4",
    ]
    for name, (kind, about) in _PROPERTIES.items():
        tables += [f"[layer.property.{name}]", f'type = "{kind}"', f'about = "{about}"']
    (folder / "manifest.toml").write_text("\n".join(tables) + "\n", encoding="utf-8")
    return LAYER_ID
