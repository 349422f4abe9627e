"""Every layer's features encoded as GeoJSON once, when a build is loaded.

A request for a date then costs a lookup of the date's period (nothing changes between two of the layer's dates)
and, the first time that period is asked for, a join of the encoded features Layer.mask_at selects, which is kept
for the next request of the period (up to ANSWER_BYTES a layer, the least recently used dropped first): never an
encoding, and mostly not even the join. The same encoded features, with what changes from each period to the next,
make the page's data of the layer (EncodedLayer.page_data), which the served page fetches once per layer and the
static copy holds in data.js. Each layer's page data has a hash (its ETag), so a browser that has it already is
answered 304.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any

import numpy as np

from geo.model.catalog import Catalog
from geo.model.dates import FAR_FUTURE
from geo.model.layer import Layer, feature_interval
from geo.model.manifest import Manifest
from webmap.styletable import style_table

__all__ = ["ANSWER_BYTES", "EncodedLayer", "Store", "digest"]

#: The answers of a layer kept for the next request of their period, in bytes (the features joined, per layer): at
#: 100,000 features a layer, an answer is 5-17 MB, so some 10-20 periods of each layer.
ANSWER_BYTES = 128 * 2**20


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _encoded(feature: dict[str, Any], row: int) -> bytes:
    """A feature as the page and the API get it: GeoJSON with `style`, its row of the layer's style table."""
    return _json(
        {"type": "Feature", "style": row, "geometry": feature["geometry"], "properties": feature["properties"]}
    )


def digest(*parts: bytes) -> str:
    """A short hash of `parts` (hex): the ETag of what they make."""
    hashed = hashlib.blake2b(digest_size=12)
    for part in parts:
        hashed.update(part)
    return hashed.hexdigest()


class _Kept:
    """Bytes by key, up to `limit` bytes in all, the least recently used dropped first; safe across threads."""

    def __init__(self, limit: int):
        self._limit = limit
        self._values: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes kept for `key`, else what make() makes, kept (two threads asking at once may both make it)."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
                return value
        value = make()
        with self._lock:
            self._size += len(value) - len(self._values.pop(key, b""))
            self._values[key] = value
            while self._size > self._limit:
                self._size -= len(self._values.popitem(last=False)[1])
        return value

    @property
    def size(self) -> int:
        """The bytes kept now."""
        return self._size


class EncodedLayer:
    """One layer's features as JSON bytes (each as _encoded writes it) and the layer's page data (page_data) with its
    hash (etag)."""

    def __init__(self, manifest: Manifest, layer: Layer):
        self.layer = layer
        self.styles, rows = style_table(manifest, layer)
        self._features = np.empty(len(layer), dtype=object)
        self._features[:] = [_encoded(feature, row) for feature, row in zip(layer.features, rows)]
        self._styles = _json(self.styles)
        #: Every day on which a feature starts or stops standing, in order (FAR_FUTURE too, where the open intervals
        #: end): nothing changes between two of them, so a date's answer is its period's.
        self._days = sorted(
            {day for f in layer.features for day in feature_interval(f["properties"]) if day > dt.date.min}
        )
        self._answers = _Kept(ANSWER_BYTES)
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

    def collection(self, date: dt.date | None) -> list[bytes]:
        """The FeatureCollection of the features valid on `date` (all of them when `date` is None), in parts to send
        one after the other: the features' part as kept, not copied (2-3 ms less an answer of 10 MB)."""
        dated = b'"date":"%s",' % date.isoformat().encode() if date else b""
        head = b'{"type":"FeatureCollection","name":%s,%s"styles":%s,"features":[' % (
            _json(self.layer.id),
            dated,
            self._styles,
        )
        return [head, self._selected(date), b"]}"]

    def _selected(self, date: dt.date | None) -> bytes:
        """The encoded features valid on `date` (all when None), joined: once per period, then kept."""
        if date is None:
            return self._answers.get(None, lambda: b",".join(self._features))
        period = bisect.bisect_right(self._days, date)
        return self._answers.get(period, lambda: b",".join(self._features[self.layer.mask_at(date)]))

    def changes(self) -> tuple[list[str], list[list[int]], list[list[int]]]:
        """The layer's dates (every valid_from and valid_to, sorted) and, for each period they bound, the indexes of
        the features that start to stand (added) and stop standing (removed) where the period starts, against the
        period before: period 0 is before the first date (added: the features valid then; removed: none), period i
        starts at date i-1.

        Nothing changes within a period, so the page answers every date by applying these changes from one period
        to another, and the temporal rule is written nowhere but Layer.mask_at.
        """
        bounds = [day for day in self._days if day < FAR_FUTURE]
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
