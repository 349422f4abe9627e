"""The map as static files that open from disk, with no server: `python -m webmap.site OUTPUT_DIR`.

OUTPUT_DIR gets index.html, map.js, the allow-listed assets, and data.js: every layer's data as the served page
reads it (webmap.store: its features, its dates and what changes from each period between two of them to the next),
from the layers `make layers` built. The data is a script, not JSON files, because a browser
does not let a page opened from disk (file://) fetch() files. The printed maps the copy offers for download are
the atlas (`make atlas`) where it has been made: prints/atlas.pdf and prints/atlas/<date>.png, listed in
prints.js. The copy is written beside OUTPUT_DIR and moved into place, so a failure leaves the previous copy as
it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from geo.errors import reported
from geo.model.files import atomic_directory
from webmap.assets import FAVICON, PREFIX
from webmap.config import default_settings
from webmap.content import WebContent

__all__ = ["write_site", "main"]


def data_script(content: WebContent) -> bytes:
    """data.js: window.IDLIBMAP_DATA, each layer's page data (styles, dates, added, removed, features) by layer id."""
    layers = b",".join(b'"%s":%s' % (layer.layer.id.encode(), layer.page_data) for layer in content.store)
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


def write_site(content: WebContent, output: Path, atlas: Path | None = None, pages: Path | None = None) -> None:
    """Write the static copy to `output` (replacing what was there only once the new copy is complete), with the
    atlas at `atlas` and its pages in `pages` where they exist (none when not given)."""
    with atomic_directory(output) as staging:
        page = content.static_page()
        (staging / "index.html").write_text(page.html, encoding="utf-8")
        (staging / "map.js").write_text(page.script, encoding="utf-8")
        (staging / "data.js").write_bytes(data_script(content))
        (staging / "prints.js").write_bytes(copy_prints(staging, atlas, pages))
        shutil.copyfile(FAVICON, staging / "favicon.ico")
        for name, body in content.assets.items():
            target = staging / PREFIX / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)


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
