"""Fixtures of the web map's tests: the app over the tests' build of the project's layers, a Flask client,
the app served by a real waitress server, and a real headless Chromium whose pages may reach nothing but that
server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser, Page, Route

from geo.paths import BuildPaths
from tools.browser import chromium, serving, wait_until_drawn
from webmap import create_app

from support import NODE_MODULES, build_situation


def _make_app(build: BuildPaths, **settings: Any) -> Flask:
    """The app over the build `build` (layers, manifest and base map, as make builds them) and the npm assets
    (`make setup`), and any other `settings` (e.g. EXPORT_CACHE)."""
    return create_app(
        {
            "BUILD": build,
            "NODE_MODULES": NODE_MODULES,
            "BUILD_POLL_S": 0,  # a test's requests are its own (tests/web/test_live.py asks for new builds)
            "EXPORT_CACHE": build.web_exports,
            **settings,
        }
    )


@pytest.fixture(scope="session")
def app(built: BuildPaths) -> Flask:
    return _make_app(built)


@pytest.fixture(scope="session")
def make_app(built: BuildPaths) -> Callable[[Path], Flask]:
    """Make the app over another layers folder (e.g. a changed copy of layers/), built first beside it (with the
    project's base map), or over another situation's folder with `basemap=False` (its base map built too)."""

    def make(layers_dir: Path, same_basemap: bool = True) -> Flask:
        build = build_situation(layers_dir, layers_dir.parent / "build", built if same_basemap else None)
        return _make_app(build)

    return make


@pytest.fixture(scope="session")
def app_with(built: BuildPaths) -> Callable[..., Flask]:
    """Make the app over the tests' build with other settings (e.g. EXPORT_CACHE)."""
    return lambda **settings: _make_app(built, **settings)


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
