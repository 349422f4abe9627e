"""Fixtures of the web map's tests: the app over the project's layers as `make layers` built them, a Flask client,
the app served by a real waitress server, and a real headless Chromium whose pages may reach nothing but that
server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, Page, Route

from geo import paths
from geo.cli import main as idlibmap
from geo.model.manifest import load_manifest
from tools.browser import chromium, serving, wait_until_drawn
from webmap import create_app

from support import LAYERS_DIR, ROOT

BUILD_DIR = ROOT / paths.LAYER_BUILD_DIR
BASEMAP_DIR = ROOT / paths.BASEMAP_DIR
NODE_MODULES = ROOT / paths.NODE_MODULES


def built(layers_dir: Path) -> Path:
    """Build every layer of `layers_dir` as `make layers` does (`idlibmap build-layer`) into a `build` folder beside
    it; return that folder."""
    output = layers_dir.parent / "build"
    for layer_id in load_manifest(layers_dir).ids:
        target = output / f"{layer_id}.geojson"
        result = CliRunner().invoke(idlibmap, ["--layers", str(layers_dir), "build-layer", layer_id, "-o", str(target)])
        assert result.exit_code == 0, result.output
    return output


def _make_app(layers_dir: Path = LAYERS_DIR, build_dir: Path = BUILD_DIR, **settings: Any) -> Flask:
    """The app over the manifest of `layers_dir` and the layers built in `build_dir`, with the project's built base
    map and npm assets (`make layers`, `make basemap`, `make setup`), and any other `settings` (e.g. EXPORT_CACHE)."""
    return create_app(
        {
            "LAYERS_DIR": layers_dir,
            "BUILD_DIR": build_dir,
            "BASEMAP_DIR": BASEMAP_DIR,
            "NODE_MODULES": NODE_MODULES,
            "BUILD_POLL_S": 0,  # a test's requests are its own (tests/web/test_live.py asks for new builds)
            **settings,
        }
    )


@pytest.fixture(scope="session")
def app() -> Flask:
    return _make_app()


@pytest.fixture(scope="session")
def make_app() -> Callable[[Path], Flask]:
    """Make the app over another layers folder (e.g. a changed copy of layers/), built first."""
    return lambda layers_dir: _make_app(layers_dir, built(layers_dir))


@pytest.fixture(scope="session")
def app_with() -> Callable[..., Flask]:
    """Make the app over the project's layers and build with other settings (e.g. EXPORT_CACHE)."""
    return lambda **settings: _make_app(**settings)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def server(app: Flask) -> Iterator[str]:
    """The base URL of the app served by waitress on a free 127.0.0.1 port."""
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium; the tests fail (never skip) when it is missing: `make setup` installs it."""
    with chromium() as launched:
        yield launched


@dataclass
class Visit:
    """A browser page that records every request and console error, and aborts requests to other hosts."""

    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "/", date: str | None = None) -> Page:
        """Go to `path` on the base URL and wait until the map has drawn (on `date`, when given)."""
        self.page.goto(self.base + path)
        wait_until_drawn(self.page, date)
        return self.page

    def count(self, layer_id: str) -> int:
        return self.page.locator(f".layer-{layer_id}").count()


def _visit(browser: Browser, base: str, local: str) -> Iterator[Visit]:
    """A Visit whose page may load only URLs starting with `local`; it must end with no console error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    visit = Visit(page=page, base=base)

    def guard(route: Route) -> None:
        if route.request.url.startswith(local):
            route.continue_()
        else:
            visit.outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    page.on("dialog", lambda dialog: visit.errors.append(f"dialog: {dialog.message}") or dialog.dismiss())
    yield visit
    context.close()
    assert visit.errors == [], "the page logged errors"
    assert visit.outside == [], "the page asked for URLs outside the app"


@pytest.fixture
def visit(browser: Browser, server: str) -> Iterator[Visit]:
    """A fresh page on the served app."""
    yield from _visit(browser, server, server + "/")


@pytest.fixture
def open_page(browser: Browser):
    """Make a Visit on another base URL (another server, a file:// copy) that may load only below `local`
    (default: the base URL itself)."""
    visits: list[Iterator[Visit]] = []

    def make(base: str, local: str | None = None) -> Visit:
        generator = _visit(browser, base, local or base + "/")
        visits.append(generator)
        return next(generator)

    yield make
    for generator in visits:
        next(generator, None)
