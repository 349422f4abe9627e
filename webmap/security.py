"""Response headers that keep the page to its own files: a Content-Security-Policy allowing only this origin
(and the optional online tiles for images), no MIME sniffing, no referrer to the sources' sites; and JSON
errors for every path under /api/."""

from __future__ import annotations

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from geo.model.manifest import Manifest
from webmap.mapbuild import OnlineTiles

__all__ = ["init_app", "content_security_policy"]


def content_security_policy(manifest: Manifest) -> str:
    """The page's own origin for everything; images also from the manifest's optional online tiles."""
    return "; ".join(
        (
            "default-src 'self'",
            f"img-src 'self' {OnlineTiles.of(manifest).origin}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


def _headers(manifest: Manifest) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(manifest),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


def _http_error(error: HTTPException) -> Response | HTTPException:
    """An HTTP error as JSON under /api/ (an API client reads JSON), as the usual page elsewhere."""
    if not request.path.startswith("/api/"):
        return error
    response = jsonify(error=error.description)
    response.status_code = error.code or 500
    return response


def init_app(app: Flask, manifest: Manifest) -> None:
    """Add the headers to every response of `app` and answer errors under /api/ as JSON."""
    headers = _headers(manifest)

    def add_headers(response: Response) -> Response:
        response.headers.update(headers)
        return response

    app.after_request(add_headers)
    app.register_error_handler(HTTPException, _http_error)
