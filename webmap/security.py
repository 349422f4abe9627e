"""Response headers that keep the page to its own files: a Content-Security-Policy allowing only this origin
(and the optional online tiles for images), no MIME sniffing, no referrer to the sources' sites; and JSON
errors for every path under /api/."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from webmap.mapbuild import ONLINE_TILES

__all__ = ["init_app", "CONTENT_SECURITY_POLICY"]

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        f"img-src 'self' {ONLINE_TILES.origin}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)

_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _add_headers(response: Response) -> Response:
    response.headers.update(_HEADERS)
    return response


def _http_error(error: HTTPException) -> Response | HTTPException:
    """An HTTP error as JSON under /api/ (an API client reads JSON), as the usual page elsewhere."""
    if not request.path.startswith("/api/"):
        return error
    response = jsonify(error=error.description)
    response.status_code = error.code or 500
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
    app.register_error_handler(HTTPException, _http_error)
