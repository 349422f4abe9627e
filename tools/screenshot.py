"""A screenshot of the map as a reader first sees it: `python -m tools.screenshot docs/screenshot.png`.

Serves the app on a free local port, opens it in headless Chromium and writes a PNG (atomically).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import click
from playwright.sync_api import Browser

from geo.errors import reported
from geo.model.files import atomic_path
from tools.browser import chromium, serving, wait_until_drawn
from webmap import create_app

__all__ = ["take_screenshot", "main"]


def take_screenshot(browser: Browser, url: str, output: Path, size: tuple[int, int] = (1400, 900)) -> None:
    """Open `url` in a page of `size` (width, height), wait until the map is drawn, write the PNG to `output`."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        page.goto(url)
        wait_until_drawn(page)
        with atomic_path(output) as temporary:
            page.screenshot(path=temporary, type="png")
    finally:
        page.close()


@click.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", help="The date to show (YYYY-MM-DD); default: the map's default date.")
@click.option("--size", default=(1400, 900), nargs=2, type=int, show_default=True, help="Width and height in px.")
@click.option("--lang", help="The page's language (a code of the manifest's [[language]]); default: the first.")
@reported
def main(output: Path, date: str | None, size: tuple[int, int], lang: str | None) -> None:
    """Write a PNG screenshot of the map to OUTPUT.

    \b
    Example:
      python -m tools.screenshot docs/screenshot.png --date 2020-03-20
      python -m tools.screenshot /tmp/phone-ar.png --date 2020-03-06 --size 390 844 --lang ar
    """
    query = urlencode({key: value for key, value in (("date", date), ("lang", lang)) if value})
    with serving(create_app()) as url, chromium() as browser:
        take_screenshot(browser, f"{url}/?{query}" if query else url, output, size)
    click.echo(f"wrote {output}")


if __name__ == "__main__":
    main()
