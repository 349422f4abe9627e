"""The page: the map's HTML, its script (map.js), each layer's data (data/<id>.json; a webgl layer's data/<id>.bin,
and its features one at a time, data/<id>/<n>.json), the allow-listed assets and the favicon; each tagged with a
hash of what it holds (webmap.caching), so that a reload costs a 304."""

from __future__ import annotations

import mimetypes

from flask import Blueprint, Response, jsonify, request, send_file
from markupsafe import escape

from geo.errors import DateError, UnknownLayerError
from geo.model.dates import parse_date
from webmap.assets import FAVICON
from webmap.caching import tagged
from webmap.live import current
from webmap.store import digest

__all__ = ["bp"]

bp = Blueprint("page", __name__)

#: Assets change only with a new install; the page itself and map.js change with the layers, so the browser asks
#: for those every time (and gets 304 while nothing changed).
ASSET_MAX_AGE = 3600


@bp.get("/")
def index() -> Response:
    """The map; ?date=YYYY-MM-DD&layers=a,b opens it in that state (checked here: the date; in the page: the layers)."""
    if "date" in request.args:
        parse_date(request.args["date"])
    content = current()
    return tagged(content.served_page.html.encode(), content.build["page"], "text/html")


@bp.get("/map.js")
def map_script() -> Response:
    """The script that builds the map (folium's output, served so that the page needs no inline script), after
    the build it belongs to (window.IDLIBMAP_BUILD)."""
    content = current()
    return tagged(content.served_page.script.encode(), content.build_id, "text/javascript")


@bp.get("/data/<layer_id>.json")
def layer_data(layer_id: str) -> Response:
    """The layer as the page draws it, fetched once: styles, every feature, its dates and each period's changes."""
    layer = current().store[layer_id]
    if layer.columnar:
        return _not_here(f"the layer {layer_id!r} is drawn with WebGL: its data is data/{layer_id}.bin")
    return tagged(layer.page_data, layer.etag, "application/json")


@bp.get("/data/<layer_id>.bin")
def layer_columns(layer_id: str) -> Response:
    """A webgl layer as the page draws it, fetched once: its points as columns of numbers (webmap.columns)."""
    layer = current().store[layer_id]
    if not layer.columnar:
        return _not_here(f"the layer {layer_id!r} is not drawn with WebGL: its data is data/{layer_id}.json")
    return tagged(layer.page_data, layer.etag, "application/octet-stream")


@bp.get("/data/<layer_id>/<int:index>.json")
def layer_feature(layer_id: str, index: int) -> Response:
    """One feature of a layer, by its place in the layer's file, with every property: what a popup of a webgl
    layer shows, asked for when the reader clicks its point."""
    layer = current().store[layer_id]
    try:
        body = layer.feature(index)
    except IndexError as error:
        return _not_here(str(error))
    return tagged(body, f"{layer.etag}-{index}", "application/json")


def _not_here(message: str) -> Response:
    response = jsonify(error=message)
    response.status_code = 404
    return response


@bp.get("/assets/<path:name>")
def asset(name: str) -> Response:
    """One allow-listed file of Leaflet, a plugin or the map's own; any other name is 404."""
    body = current().assets.get(name)
    if body is None:
        return Response("Not a file of this map.\n", status=404, mimetype="text/plain")
    return tagged(body, digest(body), mimetypes.guess_type(name)[0], max_age=ASSET_MAX_AGE)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon browsers ask for."""
    return send_file(FAVICON, mimetype="image/vnd.microsoft.icon", max_age=ASSET_MAX_AGE)


@bp.errorhandler(UnknownLayerError)
def unknown_layer(error: UnknownLayerError) -> tuple[Response, int]:
    """data/<id>.json of a layer the map does not have: 404, saying which layers it has."""
    return jsonify(error=str(error)), 404


@bp.errorhandler(DateError)
def bad_date(error: DateError) -> tuple[str, int]:
    """A permalink with a date that is not a day: say so and link the map at its default date."""
    body = (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Not a date</title>'
        '<link rel="stylesheet" href="assets/idlibmap/idlibmap.css"></head>\n'
        '<body><main class="idl-panel error-page"><h1>This address asks for a date the map cannot show</h1>'
        f'<p>{escape(str(error))}.</p><p><a href="./">Open the map at its default date</a></p></main></body>\n</html>\n'
    )
    return body, 400
