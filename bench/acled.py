"""Seeded synthetic files in the shape of ACLED's export, of any size, for the benchmark and the web map's tests; and a
situation that imports one with `idlibmap import acled`, as a user imports a real download.

Every row is made up and says so (its notes, its actors, its sources): the columns are those of ACLED's codebook
and the values of the kinds ACLED writes (event types and sub-event types, time and location precision codes), so
the import runs the path a real file takes. The feed layer's manifest tables are those layers/README.md gives a
reader to copy ("Event datasets"), read from there so that the benchmark imports what the documentation describes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

from bench.synthetic import FIRST_DAY, SPAN_DAYS, map_tables
from geo import paths
from geo.feeds.acled import COLUMNS
from geo.feeds.importer import import_feed
from geo.model.manifest import load_manifest

ROOT = Path(__file__).resolve().parent.parent

__all__ = [
    "ACTORS",
    "EVENT_TYPES",
    "FILTERS",
    "feed_layer_tables",
    "feed_file_name",
    "add_feed_layers",
    "write_acled_csv",
    "acled_situation",
    "imported_events",
    "import_s",
]

#: ACLED's event types and some of the sub-event types of each (its codebook's names).
EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance"),
    "Strategic developments": ("Agreement", "Headquarters or base established", "Looting/property destruction"),
    "Protests": ("Peaceful protest",),
}
ACTORS = tuple(f"Synthetic actor {letter}" for letter in "ABCDEFGH")
#: The properties a layer of a hundred thousand events or more is filtered by, drawn with WebGL.
FILTERS = ("event_type", "actor1")
#: Columns of an export beyond those the map reads, written as an export has them.
_OTHER_COLUMNS = (
    "disorder_type",
    "year",
    "assoc_actor_1",
    "inter1",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "region",
    "country",
    "timestamp",
)
#: The layer the README's tables declare for an ACLED download, and the file name they give it.
LAYER_ID = "acled_events"


def feed_layer_tables(source: str = "acled", filters: tuple[str, ...] = ()) -> str:
    """The manifest tables of the `source` dataset's layer as layers/README.md gives them ("Event datasets"); with
    `filters`, drawn with WebGL and filtered by them instead (layers/README.md's `renderer` for a file of a hundred
    thousand events or more)."""
    text = (ROOT / paths.LAYERS_DIR / "README.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(block) for block in re.findall(r"```toml\n(.*?)```", text, re.S)]
    (tables,) = [block for block in blocks if f'[layer.feed]\nsource = "{source}"' in block]
    if filters:
        tables = tables.replace('renderer = "canvas"', f'renderer = "webgl"\nfilters = {json.dumps(list(filters))}')
    return tables


def feed_file_name(tables: str) -> str:
    """The download's file name the tables' [layer.feed] gives."""
    return re.search(r'\[layer\.feed\]\nsource = "[a-z]+"\nfile = "([^"]+)"', tables)[1]


def add_feed_layers(
    layers: Path, sources: tuple[str, ...] = ("acled",), filters: tuple[str, ...] = ()
) -> dict[str, str]:
    """Add the README's layer of each dataset of `sources` (drawn with WebGL and filtered by `filters`, if any) to the
    manifest of the situation `layers`; return their tables by dataset."""
    tables = {source: feed_layer_tables(source, filters) for source in sources}
    manifest = layers / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n" + "\n".join(tables.values()), encoding="utf-8")
    return tables


def write_acled_csv(path: Path, rows: int, seed: int = 2020, extent: list[float] | None = None) -> Path:
    """Write `rows` made-up events in the shape of an ACLED export to `path` (the same seed, the same bytes),
    scattered over `extent` ([west, south, east, north]; default: the project's map frame) and 2017-2020."""
    if extent is None:
        extent = load_manifest(ROOT / paths.LAYERS_DIR).map["extent"]
    west, south, east, north = extent
    rng = random.Random(seed)
    types = list(EVENT_TYPES)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        header = (*COLUMNS, *_OTHER_COLUMNS)
        writer.writerow(header)
        for number in range(1, rows + 1):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS))
            event_type = types[rng.randrange(len(types))]
            subs = EVENT_TYPES[event_type]
            place = f"Synthetic place {rng.randrange(400)}"
            actor2 = ACTORS[rng.randrange(len(ACTORS))] if rng.random() < 0.6 else ""
            record = {
                "event_id_cnty": f"SYN{number}",
                "event_date": day.strftime("%d %B %Y"),
                "time_precision": rng.choices(("1", "2", "3"), (85, 10, 5))[0],
                "disorder_type": "Political violence",
                "event_type": event_type,
                "sub_event_type": subs[rng.randrange(len(subs))],
                "actor1": ACTORS[rng.randrange(len(ACTORS))],
                "actor2": actor2,
                "admin1": "Synthetic governorate",
                "admin2": f"Synthetic district {rng.randrange(12)}",
                "admin3": f"Synthetic sub-district {rng.randrange(60)}",
                "location": place,
                "latitude": f"{rng.uniform(south, north):.4f}",
                "longitude": f"{rng.uniform(west, east):.4f}",
                "geo_precision": rng.choices(("1", "2", "3"), (70, 25, 5))[0],
                "source": "Synthetic agency; Synthetic observatory",
                "source_scale": "National",
                "notes": f"On {day:%d %B %Y}, a made-up event at {place} for the benchmark (not a fact).",
                "fatalities": str(rng.choices((0, 1, 2, 5, 12), (60, 20, 10, 7, 3))[0]),
                "year": str(day.year),
                "iso": "760",
                "region": "Middle East",
                "country": "Syria",
                "timestamp": "1700000000",
            }
            writer.writerow([record.get(column, "") for column in header])
    return path


def acled_situation(
    root: Path, rows: int, seed: int = 2020, filters: tuple[str, ...] = (), alone: bool = False
) -> tuple[Path, Path]:
    """A situation in `root`/layers: the project's layers (`alone`: only its languages and frame, bench.synthetic's
    map tables) and the README's ACLED layer (drawn with WebGL and filtered by `filters`, if any), with a synthetic
    export of `rows` events in `root`/downloads under the file name the tables give, not imported yet; (layers, the
    CSV)."""
    layers = root / "layers"
    if alone:
        precision = tomllib.loads(feed_layer_tables())["layer"][0]["feed"]["precision"]
        qualities = sorted({code["geometry_quality"] for code in precision.values()})
        extent = load_manifest(ROOT / paths.LAYERS_DIR).map["extent"]
        layers.mkdir(parents=True)
        tables = map_tables("Synthetic ACLED export", extent, qualities)
        (layers / "manifest.toml").write_text("\n".join(tables) + "\n", encoding="utf-8")
    else:
        shutil.copytree(ROOT / paths.LAYERS_DIR, layers)
    tables = add_feed_layers(layers, ("acled",), filters)
    return layers, write_acled_csv(root / "downloads" / feed_file_name(tables["acled"]), rows, seed)


def imported_events(root: Path, rows: int) -> Path:
    """The layers of a situation of the README's ACLED layer alone, drawn with WebGL and filtered by FILTERS, with a
    synthetic export of `rows` events imported (in this process, as `idlibmap import acled` does): the web map's
    tests of an event layer at scale."""
    layers, csv_path = acled_situation(root, rows, filters=FILTERS, alone=True)
    import_feed(layers, "acled", csv_path, LAYER_ID)
    return layers


def import_s(layers: Path, csv_path: Path) -> float:
    """Seconds `idlibmap import acled` takes, run as a user runs it (a process of its own, its start-up included)."""
    command = [
        str(Path(sys.executable).with_name("idlibmap")),
        "--layers",
        str(layers),
        "import",
        "acled",
        str(csv_path),
        "--layer",
        LAYER_ID,
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started
