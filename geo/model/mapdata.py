"""What every map is made from, the web map and the static maps alike: one build's catalog (its layers and the
manifest they were built with) and its base map."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo.model.basemap import load_basemap
from geo.model.catalog import Catalog

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["MapData"]


@dataclass(frozen=True)
class MapData:
    """The layers (a catalog) and the base map parts (GeoDataFrames by part name)."""

    catalog: Catalog
    basemap: dict[str, gpd.GeoDataFrame]

    @classmethod
    def open(cls, layers_dir: Path, basemap_dir: Path, earlier: Catalog | None = None) -> MapData:
        """The build whose layers are in `layers_dir` and whose base map is in `basemap_dir` (Catalog.open, with the
        layers unchanged since `earlier` taken from it)."""
        catalog = Catalog.open(Path(layers_dir), earlier)
        return cls(catalog, load_basemap(Path(basemap_dir), tuple(catalog.manifest.basemap_parts)))
