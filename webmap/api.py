"""The JSON API, thin over geo: the manifest, a layer's features on a date, the key dates, what changed."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, current_app, jsonify, request

from geo.errors import DateError, UnknownLayerError
from geo.model.dates import parse_date
from webmap.content import WebContent

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api")


def _content() -> WebContent:
    return current_app.extensions["idlibmap"]


def _date(name: str, required: bool) -> dt.date | None:
    """The query parameter `name` as a day; DateError (400) when it is not one, or is missing but required."""
    if name not in request.args and not required:
        return None
    return parse_date(request.args.get(name), what=name)


@bp.get("/layers")
def manifest() -> Response:
    """The manifest: the map's frame, every layer's spec in drawing order, how geometry quality is drawn."""
    return jsonify(_content().data.catalog.manifest.to_json())


@bp.get("/layers/<layer_id>")
def layer(layer_id: str) -> Response:
    """The layer's features valid on ?date= (all of them without it), GeoJSON with the resolved styles."""
    encoded = _content().store[layer_id]
    return Response(encoded.collection(_date("date", required=False)), mimetype="application/geo+json")


@bp.get("/timeline")
def timeline() -> Response:
    """The key dates and their events, in order."""
    return jsonify([entry.to_json() for entry in _content().data.catalog.timeline()])


@bp.get("/diff")
def diff() -> Response:
    """What appeared, disappeared or changed state between ?from= and ?to=."""
    changes = _content().data.catalog.diff(_date("from", required=True), _date("to", required=True))
    return jsonify([change.to_json() for change in changes])


@bp.errorhandler(DateError)
def bad_date(error: DateError) -> tuple[Response, int]:
    return jsonify(error=str(error)), 400


@bp.errorhandler(UnknownLayerError)
def unknown_layer(error: UnknownLayerError) -> tuple[Response, int]:
    return jsonify(error=str(error)), 404
