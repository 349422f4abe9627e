"""The content the running server serves, replaced whole when `make` has built new layers, with no restart.

A background thread looks at the build's files every POLL_SECONDS (webmap.built.BuildState: a stat of each, no
read). Once make has finished a new build it keeps it aside (webmap.built.snapshot), loads it (reading and encoding
again only the layers make changed: webmap.store.Store.load) and swaps it in by one assignment, and each request
holds on to the content it started with (current), so a request sees the old build or the new one, never a mix. A
make that fails writes nothing, so nothing changes; a build that fails to load is logged and the last good one goes
on being served. The snapshots of builds no longer served are removed, but the one before, which a drawing begun
before the swap may still read.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable

from flask import current_app, g

from geo.paths import BuildPaths
from webmap.built import BuildState, prune_snapshots
from webmap.content import WebContent

__all__ = ["POLL_SECONDS", "LiveContent", "current"]

#: How often the build's files are looked at: a new build is served within this and the time to load it. A look is
#: a stat of a dozen files, a fraction of a millisecond.
POLL_SECONDS = 0.2

_log = logging.getLogger(__name__)


class LiveContent:
    """The content loaded by `load` from the build `build`, handed to `serve` now and again whenever make has finished
    another build (the app keeps it in app.extensions["idlibmap"]); `load` is given the content served before, whose
    unchanged layers it reuses.

    refresh() looks once; watch() starts the thread that looks every POLL_SECONDS for as long as this object is in use.
    """

    def __init__(
        self,
        load: Callable[[WebContent | None], WebContent],
        build: BuildPaths,
        serve: Callable[[WebContent], None],
    ):
        self._load = load
        self._build = build
        self._serve = serve
        self._state = BuildState.of(build.layers)
        self._content = load(None)
        serve(self._content)

    def refresh(self) -> bool:
        """Load the build if make has finished one since the last look; True when a new content is served."""
        state = BuildState.of(self._build.layers)
        if state == self._state or not state.complete:
            return False
        self._state = state
        try:
            content = self._load(self._content)
        except Exception:  # whatever is wrong with the new build, the server goes on with the last good one
            _log.exception("the new build in %s could not be loaded; still serving the previous one", self._build.root)
            return False
        previous, self._content = self._content, content
        self._serve(content)
        prune_snapshots(self._build, {content.kept.root.resolve(), previous.kept.root.resolve()})
        _log.info("serving the new build %s from %s", content.build_id, content.kept.root)
        return True

    def watch(self) -> None:
        """Look for new builds in a daemon thread, which ends once this object is no longer used."""
        threading.Thread(target=_watch, args=(weakref.ref(self),), name="idlibmap-build-watch", daemon=True).start()


def _watch(live: weakref.ref[LiveContent]) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        target = live()
        if target is None:
            return
        target.refresh()
        del target


def current() -> WebContent:
    """The content this request is answered from: what was served when it first asked, for the whole request."""
    if "idlibmap_content" not in g:
        g.idlibmap_content = current_app.extensions["idlibmap"]
    return g.idlibmap_content
