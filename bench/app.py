"""The two servers the API is measured on, each an app factory for `waitress-serve --call`, as `make run` serves
the map: ours (webmap over the synthetic layers) and the endpoint a user would write instead (a GeoDataFrame
filtered by date and encoded with to_json() on every request, datetimes as text). Both serve the copy of the
pipeline named by BENCH_PROJECT (bench.pipeline.pipeline_copy): ours its layers as `make layers` built them, the
naive one the layer files themselves."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from flask import Flask, Response, abort, request

import webmap
from bench.baselines import read_frames, valid_on
from geo import paths
from geo.paths import BuildPaths

__all__ = ["create_app", "create_naive_app", "PROJECT_ENV"]

PROJECT_ENV = "BENCH_PROJECT"


def _project() -> Path:
    return Path(os.environ[PROJECT_ENV])


def create_app() -> Flask:
    """The project's app over the copy's build (its layers and base map) and the npm assets."""
    return webmap.create_app({"BUILD": BuildPaths(_project() / paths.BUILD_DIR), "NODE_MODULES": paths.NODE_MODULES})


def create_naive_app() -> Flask:
    """GET /api/layers/<id>?date=: the layer's rows valid on the date, GeoDataFrame.to_json() per request."""
    frames = read_frames(_project() / paths.LAYERS_DIR)
    app = Flask(__name__)

    @app.get("/api/layers/<layer_id>")
    def layer(layer_id: str) -> Response:
        if layer_id not in frames:
            abort(404)
        chosen = valid_on(frames[layer_id], dt.date.fromisoformat(request.args["date"]))
        return Response(chosen.to_json(default=str), mimetype="application/geo+json")

    return app
