"""The interactive web map: a Flask app serving the folium page, its local assets and a JSON API over geo.

Served by `make run`: waitress-serve $(SERVE_OPTIONS) --port 8000 --call webmap:create_app (see the Makefile)
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from webmap import api, caching, export, frontend, security
from webmap.config import default_settings
from webmap.content import WebContent
from webmap.live import LiveContent

__all__ = ["create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The app, with everything it shows loaded now from the build `make` wrote (BUILD, a geo.paths.BuildPaths:
    its layers, their manifest and the base map; NODE_MODULES for the assets), and again whenever make builds anew;
    open pages ask for a new build every BUILD_POLL_S seconds (0: never)."""
    app = Flask(__name__, static_folder=None)
    app.config.update(default_settings())
    app.config.update(config or {})
    settings = app.config

    def serve(content: WebContent) -> None:
        app.extensions["idlibmap"] = content  # one assignment: a request sees the old content or the new one

    def load(earlier: WebContent | None) -> WebContent:
        return WebContent.load(settings["BUILD"], settings["NODE_MODULES"], settings["BUILD_POLL_S"], earlier)

    live = app.extensions["idlibmap_live"] = LiveContent(load, settings["BUILD"], serve)
    live.watch()
    app.register_blueprint(frontend.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export.bp)
    caching.init_app(app)
    security.init_app(app, app.extensions["idlibmap"].data.catalog.manifest)
    return app
