"""Everything the web map serves, loaded once when the app starts (or the static copy is written): the map's data
(geo.model.mapdata), every layer's features encoded for the browser, and the two renderings of the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from geo.model.mapdata import MapData
from webmap.assets import ASSETS, asset_path
from webmap.document import RenderedPage
from webmap.mapbuild import build_page
from webmap.store import Store

__all__ = ["WebContent"]


@dataclass
class WebContent:
    """The map's data, its encoded layers (store), where the npm packages are installed, and the page that asks
    the server for the features, rendered at once (a page that cannot be built stops the app)."""

    data: MapData
    store: Store
    node_modules: Path
    served_page: RenderedPage = field(init=False)

    def __post_init__(self) -> None:
        self.served_page = build_page(self.data, embedded=False)

    @classmethod
    def load(cls, layers_dir: Path, basemap_dir: Path, node_modules: Path) -> WebContent:
        """Load and validate everything; a missing layer, base map or asset raises an error saying what to run."""
        for name in ASSETS:
            asset_path(name, node_modules)
        data = MapData.load(layers_dir, basemap_dir)
        return cls(data, Store(data.catalog), Path(node_modules).resolve())

    def static_page(self) -> RenderedPage:
        """The page that reads every layer's features from data.js, for the static copy."""
        return build_page(self.data, embedded=True)
