"""The JSON API, thin over geo: the manifest, a layer's features on a date, the key dates, what changed, and which
build is served. Every answer is tagged with a hash of what it holds (webmap.caching)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, jsonify, request

from geo.errors import DateError, UnknownLayerError
from geo.model.dates import parse_date
from webmap.caching import tagged, tagged_json
from webmap.live import current

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api")


def _date(name: str, required: bool) -> dt.date | None:
    """The query parameter `name` as a day; DateError (400) when it is not one, or is missing but required."""
    if name not in request.args and not required:
        return None
    return parse_date(request.args.get(name), what=name)


@bp.get("/layers")
def manifest() -> Response:
    """The manifest: the map's frame, every layer's spec in drawing order, how geometry quality is drawn."""
    return tagged_json(current().data.catalog.manifest.to_json())


@bp.get("/layers/<layer_id>")
def layer(layer_id: str) -> Response:
    """The layer's features valid on ?date= (all of them without it), GeoJSON with the resolved styles."""
    encoded = current().store[layer_id]
    date = _date("date", required=False)
    etag = f"{encoded.etag}-{date or 'all'}"
    return tagged(lambda: encoded.collection(date), etag, "application/geo+json")


@bp.get("/timeline")
def timeline() -> Response:
    """The key dates and their events, in order."""
    return tagged_json([entry.to_json() for entry in current().data.catalog.timeline()])


@bp.get("/diff")
def diff() -> Response:
    """What appeared, disappeared or changed state between ?from= and ?to=."""
    changes = current().data.catalog.diff(_date("from", required=True), _date("to", required=True))
    return tagged_json([change.to_json() for change in changes])


@bp.get("/build")
def build() -> Response:
    """The build served now: {page: hash of the page, layers: {id: hash of its data}}; an open page asks it when
    its date changes, to read again what `make` has changed."""
    return tagged_json(current().build)


@bp.errorhandler(DateError)
def bad_date(error: DateError) -> tuple[Response, int]:
    return jsonify(error=str(error)), 400


@bp.errorhandler(UnknownLayerError)
def unknown_layer(error: UnknownLayerError) -> tuple[Response, int]:
    return jsonify(error=str(error)), 404
