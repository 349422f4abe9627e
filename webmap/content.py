"""Everything the web map serves, loaded from one build (or written into the static copy): the map's data (the build
`make layers` wrote, kept as it was when loaded: webmap.built.snapshot; its layers and base map), every layer's
features encoded for the browser, the page that asks the server for them, the local assets, and the hashes that name
the build."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.model.mapdata import MapData
from geo.paths import BuildPaths
from webmap.assets import ASSETS, asset_path
from webmap.built import snapshot
from webmap.document import RenderedPage
from webmap.mapbuild import build_page
from webmap.store import Store, digest

__all__ = ["WebContent"]

#: folium names each element of a page with a random hex id, new at every render.
_ELEMENT_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def _page_hash(page: RenderedPage) -> str:
    """A hash of the page that two renders of the same map share: folium's random element ids are numbered in the
    order they appear first."""
    ids: dict[str, str] = {}
    text = _ELEMENT_ID.sub(lambda match: ids.setdefault(match.group(), str(len(ids))), page.html + page.script)
    return digest(text.encode())


@contextmanager
def _kept_while_served() -> Iterator[None]:
    """Python's cyclic garbage collector off while the block runs (the reading and encoding of a build's layers:
    millions of objects, none in a reference cycle), and every object alive at its end frozen (gc.freeze), out of the
    collector's sight for good. Otherwise the collector goes through them again and again while they are made, and
    through the whole build served at each full collection: reading a layer of 100,000 features took 1 to 4 s with
    it, 0.3 s without, and the first collection after a load of three such layers 1.7 s. A frozen object is still
    freed by reference counting once nothing uses it (a build no longer served), but never if it ends in a reference
    cycle: so garbage is collected first (quickly: what earlier loads froze is not gone through again)."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@dataclass(frozen=True)
class WebContent:
    """One build, as served; never changed once made (a new build is a new WebContent).

    `build` names what the page is made of: {page: hash of the page, layers: {id: hash of its data}}; the served
    map.js begins by telling the page so (IDLIBMAP_BUILD), and GET /api/build answers the build served now, so that
    an open page can tell what `make` changed since it was loaded. `build_id` is the hash of the whole.
    """

    data: MapData
    store: Store
    node_modules: Path
    served_page: RenderedPage
    assets: dict[str, bytes]
    build: dict[str, Any]
    build_id: str
    #: Where the build served is kept (webmap.built.snapshot): what the static maps for download are drawn from.
    kept: BuildPaths

    @classmethod
    def load(
        cls,
        build: BuildPaths,
        node_modules: Path,
        build_poll: float = 0,
        earlier: WebContent | None = None,
        keep: bool = True,
    ) -> WebContent:
        """Load everything from the build in `build` as it is now (kept aside first: webmap.built.snapshot): its
        layers (those unchanged since the `earlier` content are taken from it, neither read nor encoded again), the
        base map, the assets; a missing build, base map or asset raises an error saying what to run, and a page that
        cannot be built stops the load. An open page asks every `build_poll` seconds which build is served (0:
        never). Without `keep` (the static copy, written once by make, which runs no other make meanwhile), the
        build is read where it is."""
        assets = {name: asset_path(name, node_modules).read_bytes() for name in ASSETS}
        kept = snapshot(build) if keep else build
        with _kept_while_served():
            data = MapData.open(kept.layers, kept.basemap, earlier.data.catalog if earlier else None)
            store = Store.load(data.catalog, earlier.store if earlier else None)
        page = build_page(data, embedded=False)
        build_hashes = {
            "page": _page_hash(page),
            "layers": {layer.layer.id: layer.etag for layer in store},
        }
        settings = (
            f"window.IDLIBMAP_BUILD = {json.dumps(build_hashes)};\nwindow.IDLIBMAP_BUILD_POLL = {build_poll:g};\n"
        )
        named = settings + page.script
        served = RenderedPage(html=page.html, script=named)
        return cls(
            data, store, Path(node_modules).resolve(), served, assets, build_hashes, digest(named.encode()), kept
        )

    def static_page(self) -> RenderedPage:
        """The page that reads every layer's features from data.js, for the static copy."""
        return build_page(self.data, embedded=True)
