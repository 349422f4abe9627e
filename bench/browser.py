"""What a reader waits for, in Debian's headless Chromium: bytes of the first load (as sent over the wire, and as
decoded), navigation start to every feature of the date drawn, date switches, and the JavaScript heap after them,
for our page and for the folium pages made instead.

The folium pages link their scripts from CDNs. Here they are served from npm copies (Leaflet from the project's
node_modules, and leaflet.timeline and moment, the project's npm devDependencies); every other outside
request (jQuery, bootstrap, fonts, marker icons: nothing the vector layers need) is aborted. So neither side's
CDN assets are counted: a folium page's bytes are its HTML file, ours every response of the load.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, Route

__all__ = ["BaselinePage", "FirstLoad", "Ours", "OursWebgl", "local_assets", "heap_mb"]

#: Before any script of the page: remember when the page was first drawn, on the frame after it happened.
#: Ours says so with <html data-drawn="date">; a folium page draws its layers while loading, so "load" it is.
_WATCH_DRAWN = """
window.benchDrawnAt = null;
const benchMark = () => requestAnimationFrame(() => {
  window.benchDrawnAt = window.benchDrawnAt || performance.now();
});
if (%s) {
  new MutationObserver(() => { if (document.documentElement.dataset.drawn) benchMark(); })
    .observe(document, { attributes: true, subtree: true, attributeFilter: ["data-drawn"] });
} else {
  window.addEventListener("load", benchMark);
}
"""

#: Change our page's date as a reader does and resolve with the time until the frame after it is drawn.
_SWITCH_OURS = """(date) => new Promise((resolve) => {
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (document.documentElement.dataset.drawn !== date) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-drawn"] });
  const input = document.getElementById("date-input");
  input.value = date;
  input.dispatchEvent(new Event("change"));
})"""

#: Move a TimelineSlider to a time (ms) and resolve with the time until the frame after: its layers update at once.
_SWITCH_SLIDER = """([slider, time]) => new Promise((resolve) => {
  const start = performance.now();
  window[slider].setTime(time);
  requestAnimationFrame(() => resolve(performance.now() - start));
})"""

#: Bytes of every response of the page once decoded (Resource Timing: Chromium does not keep bodies of megabytes
#: for the harness to read).
_DECODED = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
  .reduce((sum, entry) => sum + entry.decodedBodySize, 0)"""

_WAIT_DRAWN = "(date) => document.documentElement.dataset.drawn === date && window.benchDrawnAt !== null"

#: A webgl layer's page is drawn once what the layer was last asked to draw is on the screen (its pane's data-rendered
#: is its data-asked, webmap/static/js/webgl.js: its 2D canvas at once, deck.gl in a frame of its own), after the page
#: says the date is drawn.
_DECK_DRAWN = """(pane) => {
  const element = document.querySelector(pane);
  return Boolean(document.documentElement.dataset.drawn && element && element.dataset.asked
    && element.dataset.rendered === element.dataset.asked);
}"""

_WATCH_DECK = """
window.benchDrawnAt = null;
const benchDeckDrawn = %s;
new MutationObserver(() => {
  if (window.benchDrawnAt === null && benchDeckDrawn(%s)) {
    requestAnimationFrame(() => { window.benchDrawnAt = window.benchDrawnAt || performance.now(); });
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-drawn", "data-rendered"] });
"""

#: Change the date of a page with a webgl layer and resolve with the time until the frame after deck.gl drew it.
_SWITCH_DECK = """([date, pane]) => new Promise((resolve) => {
  const deckDrawn = DECK_DRAWN;
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (document.documentElement.dataset.drawn !== date || !deckDrawn(pane)) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  });
  observer.observe(document, { attributes: true, subtree: true, attributeFilter: ["data-drawn", "data-rendered"] });
  const input = document.getElementById("date-input");
  input.value = date;
  input.dispatchEvent(new Event("change"));
})""".replace("DECK_DRAWN", _DECK_DRAWN)

#: Zoom a page with a webgl layer in to `zoom` at the map's centre and resolve once deck.gl has drawn the layer's
#: points there (no longer its density).
_ZOOM_TO_POINTS = """([zoom, pane]) => new Promise((resolve) => {
  const deckDrawn = DECK_DRAWN;
  window[document.querySelector(".folium-map").id].setZoom(zoom, { animate: false });
  const drawn = () => {
    if (document.querySelector(pane).dataset.drawnAs === "points" && deckDrawn(pane)) resolve();
    else requestAnimationFrame(drawn);
  };
  drawn();
})""".replace("DECK_DRAWN", _DECK_DRAWN)


def local_assets(node_modules: Path) -> dict[str, Path]:
    """The file served for each CDN script or stylesheet of the folium pages, by its file name in the URL."""
    return {
        "leaflet.js": node_modules / "leaflet/dist/leaflet.js",
        "leaflet.css": node_modules / "leaflet/dist/leaflet.css",
        "leaflet.timeline.min.js": node_modules / "leaflet.timeline/dist/leaflet.timeline.js",
        "moment.min.js": node_modules / "moment/min/moment.min.js",
    }


def _median_of(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


def heap_mb(page: Page) -> float:
    """The page's JavaScript heap in use after a full garbage collection, in MiB (Chromium's DevTools protocol)."""
    session = page.context.new_cdp_session(page)
    session.send("HeapProfiler.collectGarbage")
    used = session.send("Runtime.getHeapUsage")["usedSize"]
    session.detach()
    return used / 2**20


@dataclass(frozen=True)
class FirstLoad:
    """Our page's first load: bytes over the wire (bodies as sent, compressed, and headers), bytes decoded, and the
    median time from navigation start to the date drawn."""

    transferred: int
    decoded: int
    render_ms: float


@dataclass
class Ours:
    """Our page, served at `url` (the API selects each layer's features of the date on the server)."""

    browser: Browser
    url: str

    def _watch(self) -> str:
        """The script that records when the page has drawn (window.benchDrawnAt)."""
        return _WATCH_DRAWN % "true"

    def _switch(self, page: Page, date: str) -> float:
        """Switch to `date`; the time until the frame after it is drawn."""
        return page.evaluate(_SWITCH_OURS, date)

    def _open(self, date: str, requests: list | None = None) -> tuple[Page, float]:
        page = self.browser.new_page()
        if requests is not None:
            page.on("requestfinished", lambda request: requests.append(request))
        page.add_init_script(self._watch())
        page.goto(f"{self.url}/?date={date}")
        page.wait_for_function(_WAIT_DRAWN, arg=date, timeout=120_000)
        return page, page.evaluate("window.benchDrawnAt")

    def first_load(self, date: str, expected: dict[str, int], runs: int = 3) -> FirstLoad:
        """Bytes of every response of the first load, and the median time to the date drawn, of fresh pages.
        Fails unless every layer drew the `expected` number of features."""
        requests: list = []
        page, _ = self._open(date, requests)
        drawn = page.evaluate("window.idlibmapDrawn")
        if drawn != expected:
            raise AssertionError(f"our page drew {drawn} features on {date}, expected {expected}")
        sizes = [request.sizes() for request in requests]
        transferred = sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)
        decoded = page.evaluate(_DECODED)
        page.close()

        def render() -> float:
            page, drawn_at = self._open(date)
            page.close()
            return drawn_at

        return FirstLoad(transferred, decoded, _median_of(runs, render))

    def date_switches(self, first: str, dates: list[str]) -> tuple[list[float], float]:
        """The time of each switch from date to date, in order, on one page, and its heap then (MiB)."""
        page, _ = self._open(first)
        times = [self._switch(page, date) for date in dates]
        heap = heap_mb(page)
        page.close()
        return times, heap


@dataclass
class OursWebgl(Ours):
    """Our page with a webgl layer, `layer_id`: drawn once deck.gl has drawn its frame (see _DECK_DRAWN)."""

    layer_id: str = ""

    @property
    def _pane(self) -> str:
        return f".leaflet-pane-{self.layer_id}-pane"

    def _watch(self) -> str:
        return _WATCH_DECK % (_DECK_DRAWN, json.dumps(self._pane))

    def _switch(self, page: Page, date: str) -> float:
        return page.evaluate(_SWITCH_DECK, [date, self._pane])

    def points_date_switches(self, first: str, dates: list[str], zoom: int) -> list[float]:
        """The time of each switch from date to date on one page zoomed in to `zoom` at the map's centre, where the
        layer is drawn as points filtered by date on the GPU (the first view, zoomed out, draws its density)."""
        page, _ = self._open(first)
        page.evaluate(_ZOOM_TO_POINTS, [zoom, self._pane])
        times = [self._switch(page, date) for date in dates]
        page.close()
        return times


@dataclass
class BaselinePage:
    """A folium page's HTML, opened in the browser as if from a web server, with its CDN assets local."""

    browser: Browser
    html: str
    assets: dict[str, Path]

    def _open(self) -> tuple[Page, float]:
        page = self.browser.new_page()
        address = "http://127.0.0.1/baseline.html"  # never reached: every request is answered by _answer

        def answer(route: Route) -> None:
            url = route.request.url
            name = url.rsplit("/", 1)[-1]
            if url == address:
                route.fulfill(body=self.html, content_type="text/html")
            elif name in self.assets:
                route.fulfill(path=self.assets[name])
            else:
                route.abort()

        page.route("**/*", answer)
        page.add_init_script(_WATCH_DRAWN % "false")
        page.goto(address, timeout=600_000)  # folium pages of 100,000 features a layer are hundreds of MB
        page.wait_for_function("window.benchDrawnAt !== null", timeout=300_000)
        return page, page.evaluate("window.benchDrawnAt")

    def first_render(self, features: int, runs: int = 3) -> float:
        """Median time from navigation start to the frame after load, when explore() has drawn its layers;
        fails unless `features` vector elements are on the map."""

        def render() -> float:
            page, drawn_at = self._open()
            count = page.evaluate("document.querySelectorAll('.leaflet-overlay-pane .leaflet-interactive').length")
            page.close()
            if count != features:
                raise AssertionError(f"the baseline page drew {count} features, expected {features}")
            return drawn_at

        return _median_of(runs, render)

    def slider_switches(self, slider: str, times_ms: list[int]) -> tuple[float, list[float], float]:
        """Navigation start to load (when the page has drawn), the time of each move of the TimelineSlider `slider`
        to the next time, on one page, and its heap then (MiB)."""
        page, loaded_at = self._open()
        times = [page.evaluate(_SWITCH_SLIDER, [slider, time]) for time in times_ms]
        heap = heap_mb(page)
        page.close()
        return loaded_at, times, heap
