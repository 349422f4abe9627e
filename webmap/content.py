"""Everything the map shows, loaded once when the app starts (or the static copy is written): the validated
layers, their features encoded for the API, the base map, and the two renderings of the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from geo.model.catalog import Catalog
from geo.pipeline.basemap import load_basemap
from webmap.assets import ASSETS, asset_path
from webmap.document import RenderedPage
from webmap.mapbuild import build_page
from webmap.store import Store

__all__ = ["MapContent"]


@dataclass
class MapContent:
    """The layers (catalog, store), the base map parts, where the npm packages are installed, and the page
    that asks the API for each date's features, rendered at once (a page that cannot be built stops the app)."""

    catalog: Catalog
    store: Store
    basemap: dict[str, gpd.GeoDataFrame]
    node_modules: Path
    served_page: RenderedPage = field(init=False)

    def __post_init__(self) -> None:
        self.served_page = build_page(self, embedded=False)

    @classmethod
    def load(cls, layers_dir: Path, basemap_dir: Path, node_modules: Path) -> MapContent:
        """Load and validate everything; a missing layer, base map or asset raises an error saying what to run."""
        for name in ASSETS:
            asset_path(name, node_modules)
        catalog = Catalog.load(Path(layers_dir))
        return cls(catalog, Store(catalog), load_basemap(Path(basemap_dir)), Path(node_modules).resolve())

    def static_page(self) -> RenderedPage:
        """The page that reads every date's features from data.js, for the static copy."""
        return build_page(self, embedded=True)
