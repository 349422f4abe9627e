"""GET /export/<date>.<format>?layers=a,b&bbox=W,S,E,N&lang=ar: the print-ready static map of a date with the layers
asked for (every layer without `layers`), of the view asked for (the whole frame without `bbox`: the web map sends
the view on screen), in a language of the situation (its first without `lang`), as PNG, PDF or SVG: the map
`idlibmap export` draws, from the build being served. A PNG or SVG is the map's first page (a crowded date's notes
continue on a second, which the PDF holds).

webmap imports the data model only (tests/test_architecture.py), so the map is drawn by the command line in a
subprocess, which also bounds the memory a drawing takes; it reads the build served, as the server keeps it
(WebContent.kept: webmap.built.snapshot), never the sources nor a build make is writing. At most EXPORT_RENDERS
drawings run at once; a request beyond that is answered 503 with Retry-After. Each map drawn is kept in EXPORT_CACHE,
named by a key of the date, the layers, the view, the language, the format, the build served and the static maps'
code, so that a map is drawn once per build and anything `make` or an edit changes draws it anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import threading
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request, send_file
from flask.blueprints import BlueprintSetupState

from geo.errors import DateError
from geo.model.dates import parse_date
from geo.model.manifest import Manifest
from geo.model.view import ViewError, parse_view, view_text
from geo.modules import code_digest
from webmap.live import current

__all__ = ["bp", "MEDIA_TYPES"]

bp = Blueprint("export", __name__, url_prefix="/export")

#: The formats of the static maps (geo.staticmap.export.FORMATS) and how each is served.
MEDIA_TYPES = {"png": "image/png", "pdf": "application/pdf", "svg": "image/svg+xml"}
#: What a busy server asks the reader to wait, in seconds: about one drawing.
RETRY_AFTER = 10

_SLOTS = "idlibmap.export_slots"
#: The modules that draw a static map (read as source, never imported here): their code is part of a map's key.
_DRAWN_BY = ("geo.staticmap.export",)


@bp.record_once
def _slots(state: BlueprintSetupState) -> None:
    """The drawings one app may run at once."""
    state.app.extensions[_SLOTS] = threading.BoundedSemaphore(state.app.config["EXPORT_RENDERS"])


def _error(message: str, status: int = 400) -> tuple[Response, int]:
    return jsonify(error=message), status


def _layers(known: tuple[str, ...]) -> list[str]:
    """The layer ids of ?layers=a,b, in the manifest's order (every layer without the parameter); ValueError naming
    any id the manifest lacks, or none given."""
    if "layers" not in request.args:
        return list(known)
    asked = [layer_id for layer_id in request.args["layers"].split(",") if layer_id]
    unknown = sorted(set(asked) - set(known))
    if unknown:
        raise ValueError(f"unknown layer(s) {', '.join(unknown)}; the map has {', '.join(known)}")
    if not asked:
        raise ValueError("no layer asked for: give ?layers=a,b (or leave it out for every layer)")
    return [layer_id for layer_id in known if layer_id in asked]


def _view(manifest: Manifest) -> str | None:
    """The view of ?bbox=W,S,E,N as the one way it is written (geo.model.view), None without it; ViewError for a
    bad one."""
    if "bbox" not in request.args:
        return None
    return view_text(parse_view(request.args["bbox"], manifest))


def _language(manifest: Manifest) -> str:
    """The language of ?lang= (the situation's first without it); ValueError naming those there are."""
    codes = manifest.language_codes
    language = request.args.get("lang", codes[0])
    if language not in codes:
        raise ValueError(f"no language {language!r} on this map; it has {', '.join(codes)}")
    return language


def _draw(
    build: Path, date: dt.date, fmt: str, layers: list[str], view: str | None, language: str, output: Path
) -> None:
    """Run `idlibmap export` for the map, from the build kept in `build`; CalledProcessError or TimeoutExpired when
    it fails."""
    config = current_app.config
    command = [
        *config["EXPORT_COMMAND"],
        "--build",
        str(build),
        "export",
        "--date",
        date.isoformat(),
        "--format",
        fmt,
        "--lang",
        language,
        "-o",
        str(output),
    ]
    for layer_id in layers:
        command += ["--layer", layer_id]
    if view is not None:
        command += ["--bbox", view]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=config["EXPORT_TIMEOUT"])


@bp.get("/<name>")
def static_map(name: str) -> Response | tuple[Response, int]:
    """The static map <date>.<format> with ?layers=a,b&bbox=W,S,E,N&lang=code; 400 with a JSON error for a bad date,
    format, layer, view or language."""
    day, dot, fmt = name.rpartition(".")
    if not dot:
        day, fmt = name, ""
    try:
        date = parse_date(day, what="date")
    except DateError as error:
        return _error(str(error))
    if fmt not in MEDIA_TYPES:
        return _error(f"{name}: no static map format {fmt!r}; use .{', .'.join(MEDIA_TYPES)}")
    content = current()
    manifest = content.data.catalog.manifest
    try:
        layers = _layers(manifest.ids)
        view = _view(manifest)
        language = _language(manifest)
    except (ValueError, ViewError) as error:
        return _error(str(error))
    build = f"{content.kept.root.name}|{code_digest(*_DRAWN_BY)}"
    key = hashlib.sha256(f"{date}|{','.join(layers)}|{view}|{language}|{fmt}|{build}".encode()).hexdigest()[:24]
    cached = Path(current_app.config["EXPORT_CACHE"]).resolve() / f"{key}.{fmt}"
    if not cached.is_file():
        slots = current_app.extensions[_SLOTS]
        if not slots.acquire(blocking=False):
            response, status = _error("the server is drawing other maps; try again shortly", 503)
            response.headers["Retry-After"] = str(RETRY_AFTER)
            return response, status
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            _draw(content.kept.root, date, fmt, layers, view, language, cached)
        except subprocess.CalledProcessError as failure:
            reason = (failure.stderr or "").strip().splitlines()[-1:] or [f"exit status {failure.returncode}"]
            return _error(f"the map could not be drawn: {reason[0]}", 500)
        except subprocess.TimeoutExpired:
            return _error("the map took too long to draw", 500)
        finally:
            slots.release()
    return send_file(
        cached,
        mimetype=MEDIA_TYPES[fmt],
        as_attachment=True,
        download_name=_file_name(manifest, date, view, language, fmt),
    )


def _file_name(manifest: Manifest, date: dt.date, view: str | None, language: str, fmt: str) -> str:
    """<file_stem>-<date>[-view][-<language>].<format>: the language when it is not the situation's first."""
    parts = [manifest.map["file_stem"], date.isoformat()]
    parts += ["view"] if view is not None else []
    parts += [language] if language != manifest.language_codes[0] else []
    return f"{'-'.join(parts)}.{fmt}"
