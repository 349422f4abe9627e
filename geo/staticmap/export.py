"""Writing static maps: one date as PNG (300 dpi), PDF or SVG, reproducibly and atomically.

The same inputs always give the same bytes: the fonts are fixed and the files carry no timestamps and no
random ids, so that a map can be compared against a baseline. A file is written beside its target and moved
into place, so that an error never leaves a half-written or changed output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO

import matplotlib
from matplotlib.figure import Figure

from geo.errors import ExportError
from geo.model.files import output_format as chosen_format
from geo.model.files import write_atomic
from geo.model.mapdata import MapData
from geo.staticmap.sheet import RC, map_figure

__all__ = [
    "FORMATS",
    "PRINT_DPI",
    "PDF_METADATA",
    "output_format",
    "save_figure",
    "export_map",
]

#: The formats a map can be written in.
FORMATS = ("png", "pdf", "svg")

#: Resolution of PNG maps, for print.
PRINT_DPI = 300

#: Metadata that would change from run to run (creation dates) is left out.
PDF_METADATA = {"CreationDate": None}
_METADATA = {"png": {}, "pdf": PDF_METADATA, "svg": {"Date": None}}


def output_format(fmt: str | None, output: Path) -> str:
    """The format to write `output` in (geo.model.files.output_format over FORMATS); ExportError if none fits."""
    return chosen_format(fmt, output, FORMATS, ExportError)


def save_figure(figure: Figure, stream: IO[bytes], fmt: str, dpi: float = PRINT_DPI) -> None:
    """Write `figure` to `stream` in `fmt`, reproducibly (no dates, fixed ids, fonts embedded or kept as text)."""
    with matplotlib.rc_context(RC):
        figure.savefig(stream, format=fmt, dpi=dpi, metadata=_METADATA[fmt], facecolor="white")


def export_map(inputs: MapData, date: dt.date, fmt: str | None, output: Path, dpi: float | None = None) -> None:
    """Write the map of `date` to `output` in `fmt` (default: from its extension) at `dpi` (default: PRINT_DPI);
    on any error raise, leaving `output` as it was."""
    fmt = output_format(fmt, output)
    figure = map_figure(inputs, date)
    with write_atomic(output) as stream:
        save_figure(figure, stream, fmt, dpi or PRINT_DPI)
