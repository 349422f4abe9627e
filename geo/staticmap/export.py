"""Writing static maps: one date as PNG (300 dpi), PDF or SVG, reproducibly and atomically.

A map whose notes continue past its page is one PDF of every page; as PNG or SVG, its first page is the file asked
for and each page after it a file beside it, <name>-2.png, ... The same inputs always give the same bytes: the fonts
are fixed and the files carry no timestamps and no random ids, so that a map can be compared against a baseline. A
file is written beside its target and moved into place, so that an error never leaves a half-written or changed
output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import IO

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from geo.errors import ExportError
from geo.model.files import output_format as chosen_format
from geo.model.files import write_atomic
from geo.model.mapdata import MapData
from geo.staticmap.sheet import RC, Sheet, map_pages

__all__ = [
    "FORMATS",
    "PRINT_DPI",
    "PDF_METADATA",
    "output_format",
    "page_path",
    "save_figure",
    "save_pages",
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


def save_pages(pages: list[Figure], stream: IO[bytes]) -> None:
    """Write `pages` to `stream` as one PDF, reproducibly."""
    with matplotlib.rc_context(RC), PdfPages(stream, metadata=PDF_METADATA) as pdf:
        for page in pages:
            pdf.savefig(page, facecolor="white")


def page_path(output: Path, number: int) -> Path:
    """Where page `number` of a map written as `output` (PNG or SVG) goes: `output` itself for the first."""
    return output if number == 1 else output.with_name(f"{output.stem}-{number}{output.suffix}")


def export_map(
    inputs: MapData,
    date: dt.date,
    fmt: str | None,
    output: Path,
    dpi: float | None = None,
    sheet: Sheet | None = None,
) -> list[Path]:
    """Write the map of `date` as `sheet` says (default: every layer, the whole frame, the first language, A4
    landscape) to `output` in `fmt` (default: from its extension) at `dpi` (default: PRINT_DPI): a PDF of every
    page, or each page as PNG or SVG (page_path). Returns the files written; on any error raise, leaving them as
    they were."""
    fmt = output_format(fmt, output)
    pages = map_pages(inputs, date, sheet)
    if fmt == "pdf":
        with write_atomic(output) as stream:
            save_pages(pages, stream)
        return [output]
    written = []
    for number, page in enumerate(pages, start=1):
        with write_atomic(page_path(output, number)) as stream:
            save_figure(page, stream, fmt, dpi or PRINT_DPI)
        written.append(page_path(output, number))
    return written
