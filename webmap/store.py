"""Every layer's features encoded as GeoJSON once, when a build is loaded.

A request for a date then costs a date comparison over the layer (Layer.mask_at) and a join of the encoded
features it selects, never an encoding: the layer endpoint stays fast at 100,000 features. The same encoded
features, with what changes from each period between two of the layer's dates to the next, make the page's data of
the layer (EncodedLayer.page_data), which the served page fetches once per layer and the static copy holds in data.js.
Each layer's page data has a hash (its ETag), so a browser that has it already is answered 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

import numpy as np

from geo.model.catalog import Catalog
from geo.model.dates import FAR_FUTURE
from geo.model.layer import Layer, feature_interval
from geo.model.manifest import Manifest
from webmap.styletable import style_table

__all__ = ["EncodedLayer", "Store", "digest"]


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def digest(*parts: bytes) -> str:
    """A short hash of `parts` (hex): the ETag of what they make."""
    hashed = hashlib.blake2b(digest_size=12)
    for part in parts:
        hashed.update(part)
    return hashed.hexdigest()


class EncodedLayer:
    """One layer's features as JSON bytes, each with the index of its row in the layer's style table, and the layer's
    page data (page_data) with its hash (etag).

    A feature is a GeoJSON Feature with one foreign member, `style`: its row of the collection's `styles`.
    """

    def __init__(self, manifest: Manifest, layer: Layer):
        self.layer = layer
        self.styles, rows = style_table(manifest, layer)
        encoded = [
            _json({"type": "Feature", "style": row, "geometry": f["geometry"], "properties": f["properties"]})
            for f, row in zip(layer.features, rows)
        ]
        self._features = np.empty(len(encoded), dtype=object)
        self._features[:] = encoded
        self._styles = _json(self.styles)
        dates, added, removed = self.changes()
        #: The layer as the page gets it, once: {styles, dates, added, removed, features} (see changes).
        self.page_data = b'{"styles":%s,"dates":%s,"added":%s,"removed":%s,"features":[%s]}' % (
            self._styles,
            _json(dates),
            _json(added),
            _json(removed),
            b",".join(self._features),
        )
        self.etag = digest(self.page_data)

    def collection(self, date: dt.date | None) -> bytes:
        """The FeatureCollection of the features valid on `date` (all of them when `date` is None)."""
        chosen = self._features if date is None else self._features[self.layer.mask_at(date)]
        dated = b'"date":"%s",' % date.isoformat().encode() if date else b""
        head = b'{"type":"FeatureCollection","name":%s,%s"styles":%s,"features":[' % (
            _json(self.layer.id),
            dated,
            self._styles,
        )
        return b"".join((head, b",".join(chosen), b"]}"))

    def changes(self) -> tuple[list[str], list[list[int]], list[list[int]]]:
        """The layer's dates (every valid_from and valid_to, sorted) and, for each period they bound, the indexes of
        the features that start to stand (added) and stop standing (removed) where the period starts, against the
        period before: period 0 is before the first date (added: the features valid then; removed: none), period i
        starts at date i-1.

        Nothing changes within a period, so the page answers every date by applying these changes from one period
        to another, and the temporal rule is written nowhere but Layer.mask_at.
        """
        bounds = sorted(
            {
                day
                for f in self.layer.features
                for day in feature_interval(f["properties"])
                if dt.date.min < day < FAR_FUTURE
            }
        )
        starts = [bounds[0] - dt.timedelta(days=1)] + bounds if bounds else [dt.date.min]
        before = np.zeros(len(self.layer), dtype=bool)
        added, removed = [], []
        for day in starts:
            standing = self.layer.mask_at(day)
            added.append(np.flatnonzero(standing & ~before).tolist())
            removed.append(np.flatnonzero(before & ~standing).tolist())
            before = standing
        return [day.isoformat() for day in bounds], added, removed


class Store:
    """The encoded layers of a catalog, by id, in the manifest's drawing order."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._layers = {layer.id: EncodedLayer(catalog.manifest, layer) for layer in catalog}

    def __getitem__(self, layer_id: str) -> EncodedLayer:
        """The layer `layer_id`; geo.errors.UnknownLayerError (naming the known ids) for another id."""
        self.catalog.manifest[layer_id]
        return self._layers[layer_id]

    def __iter__(self) -> Iterator[EncodedLayer]:
        return iter(self._layers.values())
