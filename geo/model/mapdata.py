"""What every map is made from, the web map and the static maps alike: the validated layers and the built base
map."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from geo.model.basemap import load_basemap
from geo.model.catalog import Catalog

__all__ = ["MapData"]


@dataclass(frozen=True)
class MapData:
    """The layers (a catalog) and the base map parts (GeoDataFrames by part name)."""

    catalog: Catalog
    basemap: dict[str, gpd.GeoDataFrame]

    @classmethod
    def load(cls, layers_dir: Path, basemap_dir: Path) -> MapData:
        """Validate and load the layers of `layers_dir` and read the base map built in `basemap_dir`."""
        return cls(Catalog.load(Path(layers_dir)), load_basemap(Path(basemap_dir)))
