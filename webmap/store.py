"""Every layer's features encoded as GeoJSON once, when a build is loaded, and again only when make changed it.

A request for a date then costs a lookup of the date's period (nothing changes between two of the layer's dates)
and, the first time that period is asked for, a join of the encoded features Layer.mask_at selects, which is kept
for the next request of the period (up to ANSWER_BYTES a layer, the least recently used dropped first): never an
encoding, and mostly not even the join. The same encoded features, with what changes from each period to the next,
make the page's data of the layer (EncodedLayer.page_data), which the served page fetches once per layer and the
static copy holds in data.js. Each layer's page data has a hash (its ETag), so a browser that has it already is
answered 304.

A webgl layer (renderer = "webgl": points by the hundred thousand or million) is kept otherwise: its page data is its
columns (webmap.columns), computed once, and its features are encoded only when asked for (a popup's feature, an
answer of a date), each kept once made; it has no periods, since the page filters it by date on the GPU.

A new build reuses the encoded layers of the build served (Store.load): a layer whose record in the build's index and
manifest entry did not change is not read or encoded again, so that the server serves the build soon after make has
changed one layer of many, and the ETags of the others stay the same.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import hashlib
import json
import operator
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import Any, overload

import numpy as np

from geo.model.catalog import Catalog
from geo.model.dates import FAR_FUTURE
from geo.model.layer import Layer, feature_interval
from geo.model.manifest import LayerSpec, Manifest
from webmap.columns import encode_columns
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
    """Bytes by key, up to `limit` bytes in all, the least recently used dropped first; safe across threads. The
    web map's one cache of bytes: a layer's answers (EncodedLayer) and the compressed bodies of responses
    (webmap.caching) are each kept in one."""

    def __init__(self, limit: int):
        self._limit = limit
        self._values: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @overload
    def get(self, key: Hashable) -> bytes | None: ...

    @overload
    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes: ...

    def get(self, key: Hashable, make: Callable[[], bytes] | None = None) -> bytes | None:
        """The bytes kept for `key`, now the most recently used; else what make() makes, kept (two threads asking at
        once may both make it), or None without `make`."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
                return value
        if make is None:
            return None
        value = make()
        self.set(key, value)
        return value

    def set(self, key: Hashable, value: bytes) -> None:
        """Keep `value` for `key`, the most recently used, dropping the least recently used beyond the limit."""
        with self._lock:
            self._size += len(value) - len(self._values.pop(key, b""))
            self._values[key] = value
            while self._size > self._limit:
                self._size -= len(self._values.popitem(last=False)[1])

    @property
    def size(self) -> int:
        """The bytes kept now."""
        return self._size


class EncodedLayer:
    """One layer's features as JSON bytes (each as _encoded writes it) and the layer's page data (page_data) with its
    hash (etag). `made_from` says what it was made from (Store.load compares it).

    An `earlier` encoding of the layer (before make changed it) lends the bytes of every feature that is the same at
    the same place, with the same style, and its changes when no feature's dates changed: an edit of a few features
    of a large layer encodes those features only.
    """

    def __init__(self, manifest: Manifest, layer: Layer, made_from: object = None, earlier: EncodedLayer | None = None):
        self.layer = layer
        self.made_from = made_from
        self.styles, self._rows, choices = style_table(manifest, layer)
        self._styles = _json(self.styles)
        self._answers = _Kept(ANSWER_BYTES)
        #: A webgl layer's page data is its columns (webmap.columns), and its features are encoded when asked for.
        self.columnar = layer.spec.renderer == "webgl"
        if self.columnar:
            self._features = np.empty(len(layer), dtype=object)
            self.page_data = encode_columns(layer, self.styles, layer.spec.filters)
            self.etag = digest(self.page_data)
            return
        if earlier is not None and (len(earlier.layer) != len(layer) or earlier.columnar):
            earlier = None  # features are lent by their place in the file only
        same = (
            [False] * len(layer) if earlier is None else list(map(operator.eq, earlier.layer.features, layer.features))
        )
        self._features = np.empty(len(layer), dtype=object)
        self._features[:] = [
            earlier._features[index] if same[index] and earlier._rows[index] == row else _encoded(feature, row)
            for index, (feature, row) in enumerate(zip(layer.features, self._rows))
        ]
        if earlier is not None and all(
            alike or feature_interval(before["properties"]) == feature_interval(after["properties"])
            for alike, before, after in zip(same, earlier.layer.features, layer.features)
        ):
            self._days, self._changes = earlier._days, earlier._changes
        else:
            #: Every day on which a feature starts or stops standing, in order (FAR_FUTURE too, where the open
            #: intervals end): nothing changes between two of them, so a date's answer is its period's.
            self._days = sorted(
                {day for f in layer.features for day in feature_interval(f["properties"]) if day > dt.date.min}
            )
            dates, added, removed = self.changes()
            self._changes = b'"dates":%s,"added":%s,"removed":%s' % (_json(dates), _json(added), _json(removed))
        #: The layer as the page gets it, once: {styles, choices, dates, added, removed, features} (see changes; each
        #: style choice's row of every feature by its property, geo.model.style's style_choices).
        self.page_data = b'{"styles":%s,"choices":%s,%s,"features":[%s]}' % (
            self._styles,
            _json(choices),
            self._changes,
            b",".join(self._features),
        )
        self.etag = digest(self.page_data)

    def feature(self, index: int) -> bytes:
        """The feature at `index` in the layer's file, encoded (once: a webgl layer's features are encoded when first
        asked for, as its popups ask); IndexError for an index out of range."""
        if not 0 <= index < len(self.layer):
            raise IndexError(f"layer {self.layer.id!r} has features 0 to {len(self.layer) - 1}, not {index}")
        encoded = self._features[index]
        if encoded is None:
            encoded = self._features[index] = _encoded(self.layer.features[index], self._rows[index])
        return encoded

    def _joined(self, indexes: np.ndarray) -> bytes:
        """The encoded features at `indexes`, joined."""
        if self.columnar:
            return b",".join(self.feature(int(index)) for index in indexes)
        return b",".join(self._features[indexes])

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
            return self._answers.get(None, lambda: self._joined(np.arange(len(self.layer))))
        if self.columnar:  # no periods computed: a webgl layer's answers are kept by date
            return self._answers.get(date, lambda: self._joined(np.flatnonzero(self.layer.mask_at(date))))
        period = bisect.bisect_right(self._days, date)
        return self._answers.get(period, lambda: self._joined(np.flatnonzero(self.layer.mask_at(date))))

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


def _entry(manifest: Manifest, spec: LayerSpec) -> Manifest:
    """The manifest as one layer's encoding sees it: the layer's spec and every setting, none of the other layers."""
    return dataclasses.replace(manifest, layers=(spec,))


class Store:
    """The encoded layers of a catalog, by id, in the manifest's drawing order."""

    def __init__(self, catalog: Catalog, layers: dict[str, EncodedLayer]):
        self.catalog = catalog
        self._layers = layers

    @classmethod
    def load(cls, catalog: Catalog, earlier: Store | None = None) -> Store:
        """Every layer of `catalog` encoded. A layer that is the same object as in the `earlier` store's catalog
        (geo.model.catalog.Catalog.open takes what did not change from the earlier build), with the same manifest
        entry, is that store's encoding, not encoded again; one that changed borrows what it can of it."""
        manifest = catalog.manifest
        layers = {}
        for spec in manifest.layers:
            layer = catalog[spec.id]
            made_from = _entry(manifest, spec)
            before = earlier._layers.get(spec.id) if earlier is not None else None
            if before is not None and before.made_from == made_from and before.layer is layer:
                layers[spec.id] = before
            else:
                layers[spec.id] = EncodedLayer(manifest, layer, made_from, before)
        return cls(catalog, layers)

    def __getitem__(self, layer_id: str) -> EncodedLayer:
        """The layer `layer_id`; geo.errors.UnknownLayerError (naming the known ids) for another id."""
        self.catalog.manifest[layer_id]
        return self._layers[layer_id]

    def __iter__(self) -> Iterator[EncodedLayer]:
        return iter(self._layers.values())
