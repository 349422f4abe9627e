"""Responses that cost little on the wire: compressed, and answered 304 Not Modified when the browser has them.

Every answer of the page and the API carries an ETag that is a hash of what it holds (tagged): a browser asking
again with If-None-Match gets 304 and no body, so a reload costs a few hundred bytes. Bodies are compressed by
flask-compress (zstd, brotli or gzip, whichever the browser prefers), and a tagged body compressed once is kept, by
its path and ETag, for the next browser that asks (up to CACHE_BYTES, the least recently used dropped first): the
layers' page data is compressed once per build, not once per reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_compress import Compress

from webmap.store import _Kept, digest

__all__ = ["CACHE_BYTES", "init_app", "tagged", "tagged_json"]

#: Compressed bodies kept for the next reader, in bytes.
CACHE_BYTES = 256 * 2**20

_MIMETYPES = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/json",
    "application/geo+json",
    "application/octet-stream",
    "image/svg+xml",
]


class _CompressedBodies(_Kept):
    """flask-compress's cache: compressed bodies of tagged responses by key, up to `limit` bytes, the least recently
    used dropped first."""

    def __init__(self, limit: int = CACHE_BYTES):
        super().__init__(limit)

    def set(self, key: str, body: bytes) -> None:
        """Keep `body` for `key`, unless the response was not tagged (its body may depend on more than its path)."""
        if "idlibmap_etag" in g:
            super().set(key, body)


def _cache_key(req: Any) -> str:
    return f"{req.full_path}|{g.get('idlibmap_etag')}"


def init_app(app: Flask) -> None:
    """Compress `app`'s text responses for browsers that accept it, keeping the tagged ones compressed."""
    app.config.setdefault("COMPRESS_MIMETYPES", _MIMETYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["zstd", "br", "gzip"])
    app.config.setdefault("COMPRESS_CACHE_BACKEND", _CompressedBodies)
    app.config.setdefault("COMPRESS_CACHE_KEY", _cache_key)
    Compress(app)


def _known(etag: str) -> str | None:
    """The tag of If-None-Match that names `etag` (as sent, or with the encoding flask-compress appends), if any."""
    return next((tag for tag in request.if_none_match if tag.split(":", 1)[0] == etag), None)


def tagged(body: bytes | Callable[[], bytes | list[bytes]], etag: str, mimetype: str, max_age: int = 0) -> Response:
    """`body` (or what the callable makes, only when it is sent: bytes, or parts sent one after the other) with the
    ETag `etag`; 304 Not Modified when the request's If-None-Match names it. The browser may keep it `max_age`
    seconds before asking again (0: it asks every time, and is answered 304 while nothing changed)."""
    g.idlibmap_etag = etag
    known = _known(etag)
    if known is not None:
        response = Response(status=304)
        response.set_etag(known)
    else:
        response = Response(body() if callable(body) else body, mimetype=mimetype)
        response.set_etag(etag)
    if max_age:
        response.cache_control.max_age = max_age
    else:
        response.cache_control.no_cache = True
    return response


def tagged_json(value: Any) -> Response:
    """`value` as JSON (as jsonify writes it), tagged with the hash of its bytes."""
    body = current_app.json.dumps(value).encode("utf-8")
    return tagged(body, digest(body), "application/json")
