"""The map as static files that open from disk, with no server: `python -m webmap.site OUTPUT_DIR`.

OUTPUT_DIR gets index.html, map.js (the page's modules bundled into one classic script, see bundle), the
allow-listed assets, and data.js: every layer's data as the served page
reads it (webmap.store: its features, its dates and what changes from each period between two of them to the next),
from the layers `make layers` built. The data is a script, not JSON files, because a browser
does not let a page opened from disk (file://) fetch() files. The printed maps the copy offers for download are
the atlas (`make atlas`) where it has been made: prints/atlas.pdf and prints/atlas/<date>.png, listed in
prints.js. The copy is written beside OUTPUT_DIR and moved into place, so a failure leaves the previous copy as
it was.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import click

from geo.errors import reported
from geo.model.files import atomic_directory
from webmap.assets import FAVICON, PREFIX, AssetError
from webmap.config import default_settings
from webmap.content import WebContent
from webmap.document import MAP_SCRIPT
from webmap.store import EncodedLayer

__all__ = ["bundle", "write_site", "main"]

#: The bundler of the static copy's script, from npm (esbuild, pinned in package-lock.json), below node_modules.
ESBUILD = Path(".bin/esbuild")


def _embedded(layer: EncodedLayer) -> bytes:
    """A layer's data in data.js: its page data; for a webgl layer, {columns: its columns in base64, features: every
    feature}, the features a popup shows (there is no server to ask for one when it is clicked)."""
    if not layer.columnar:
        return layer.page_data
    features = b",".join(layer.feature(index) for index in range(len(layer.layer)))
    return b'{"columns":"%s","features":[%s]}' % (base64.b64encode(layer.page_data), features)


def data_script(content: WebContent) -> bytes:
    """data.js: window.IDLIBMAP_DATA, each layer's page data (styles, choices, dates, added, removed, features; a
    webgl layer's as _embedded writes it) by layer id."""
    layers = b",".join(b'"%s":%s' % (layer.layer.id.encode(), _embedded(layer)) for layer in content.store)
    return b"window.IDLIBMAP_DATA = {%s};\n" % layers


def copy_prints(staging: Path, atlas: Path | None, pages: Path | None) -> bytes:
    """Copy the atlas PDF and its pages' PNGs, where they exist, into `staging`/prints; prints.js, which lists them
    for the page: window.IDLIBMAP_PRINTS = {atlas: path or null, pages: {date: path}}."""
    listed: dict = {"atlas": None, "pages": {}}
    if atlas is not None and Path(atlas).is_file():
        (staging / "prints").mkdir(exist_ok=True)
        shutil.copyfile(atlas, staging / "prints" / "atlas.pdf")
        listed["atlas"] = "prints/atlas.pdf"
    for page in sorted(Path(pages).glob("????-??-??.png")) if pages is not None else ():
        (staging / "prints" / "atlas").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, staging / "prints" / "atlas" / page.name)
        listed["pages"][page.stem] = f"prints/atlas/{page.name}"
    return b"window.IDLIBMAP_PRINTS = %s;\n" % json.dumps(listed).encode()


def bundle(script: str, root: Path, node_modules: Path) -> str:
    """`script` (map.js, an ES module) and every module it imports (resolved from `root`, the copy's folder), as one
    classic script.

    The served page loads the modules themselves, as the browser asks for them; but a browser runs no module in a
    page opened from disk (Chromium refuses a module from a file:// URL: its origin is "null", which CORS does not
    allow), and the static copy is made to be opened from disk. So it gets them bundled, by esbuild: the modules'
    code, not minified, in one function (an IIFE), in strict mode as modules are and in the order their imports
    give. (No bundler serves the app: the served page needs none.)
    """
    program = Path(node_modules) / ESBUILD
    if not program.is_file():
        raise AssetError(f"{program} is missing; run `make setup` to install the npm packages")
    command = [
        str(program),
        "--bundle",
        "--format=iife",
        f"--sourcefile={MAP_SCRIPT}",
        '--banner:js="use strict";',
        "--log-level=warning",
    ]
    done = subprocess.run(command, input=script, cwd=root, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise AssetError(f"esbuild could not bundle {MAP_SCRIPT}:\n{done.stderr.strip()}")
    return done.stdout


def write_site(content: WebContent, output: Path, atlas: Path | None = None, pages: Path | None = None) -> None:
    """Write the static copy to `output` (replacing what was there only once the new copy is complete), with the
    atlas at `atlas` and its pages in `pages` where they exist (none when not given)."""
    with atomic_directory(output) as staging:
        for name, body in content.assets.items():
            target = staging / PREFIX / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        module = content.static_page()
        page = module.bundled(bundle(module.script, staging, content.node_modules))
        (staging / "index.html").write_text(page.html, encoding="utf-8")
        (staging / MAP_SCRIPT).write_text(page.script, encoding="utf-8")
        (staging / "data.js").write_bytes(data_script(content))
        (staging / "prints.js").write_bytes(copy_prints(staging, atlas, pages))
        shutil.copyfile(FAVICON, staging / "favicon.ico")


@click.command()
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@reported
def main(output: Path) -> None:
    """Write the map as static files to OUTPUT (open OUTPUT/index.html in a browser; no server needed).

    \b
    Example:
      python -m webmap.site build/site
    """
    settings = default_settings()
    build = settings["BUILD"]
    content = WebContent.load(build, settings["NODE_MODULES"], keep=False)
    write_site(content, output, build.atlas, build.atlas_pages)
    click.echo(f"wrote {output}/index.html (open it in a browser; no server needed)")


if __name__ == "__main__":
    main()
