"""The interactive web map: a Flask app serving the folium page, its local assets and a JSON API over geo.

Served by `make run`: waitress-serve $(SERVE_OPTIONS) --port 8000 --call webmap:create_app (see the Makefile)
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from webmap import api, export, frontend, security
from webmap.config import default_settings
from webmap.content import WebContent

__all__ = ["create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The app, with everything it shows loaded and validated once, now (LAYERS_DIR, BASEMAP_DIR, NODE_MODULES)."""
    app = Flask(__name__, static_folder=None)
    app.config.update(default_settings())
    app.config.update(config or {})
    app.extensions["idlibmap"] = WebContent.load(
        app.config["LAYERS_DIR"], app.config["BASEMAP_DIR"], app.config["NODE_MODULES"]
    )
    app.register_blueprint(frontend.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(export.bp)
    security.init_app(app, app.extensions["idlibmap"].data.catalog.manifest)
    return app
