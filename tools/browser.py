"""The app on a free local port in a background thread, and Debian's Chromium driven by Playwright, headless:
what the screenshot script and the browser tests share. Needs the test dependencies (`make setup`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from waitress import create_server

from geo.errors import IdlibMapError

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "serving", "chromium", "wait_until_drawn"]

CHROMIUM = Path("/usr/bin/chromium")
#: Headless in a container, and quiet: no background requests of the browser's own to the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve `app` with waitress on a free 127.0.0.1 port while the block runs; yield its base URL."""
    server = create_server(app, host="127.0.0.1", port=0, threads=16)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # The requests being answered finish first: a worker that ends its answer after the server's sockets are
        # closed fails on them (waitress's "Bad file descriptor").
        server.task_dispatcher.shutdown(timeout=5)
        server.close()
        thread.join(timeout=5)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; an error saying how to install it when it is missing."""
    if not CHROMIUM.is_file():
        raise IdlibMapError(f"{CHROMIUM} is missing: run `make setup`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_drawn(page: Page, date: str | None = None) -> None:
    """Wait until the map has drawn every layer shown (on `date`, when given)."""
    selector = f'html[data-drawn="{date}"]' if date else "html[data-drawn]:not([data-drawn=''])"
    page.wait_for_selector(selector, state="attached")
