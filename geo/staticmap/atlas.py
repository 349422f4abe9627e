"""Maps of every key date, in one language of the situation: an atlas (one multi-page PDF, and one PNG per page: the
map of a date as <date>.png, the pages its notes continue on as <date>-2.png, ...) and a time-lapse (animated GIF,
and MP4 where ffmpeg is installed) of the maps' pages.

Each function takes the dates to draw as an iterable, so that the caller can wrap it in a progress bar.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from PIL import Image

from geo.errors import ExportError
from geo.model.catalog import Catalog
from geo.model.files import atomic_path, write_atomic
from geo.model.mapdata import MapData
from geo.staticmap.export import PDF_METADATA, page_path, save_figure
from geo.staticmap.sheet import RC, Sheet, map_figure, map_pages

__all__ = ["key_dates", "write_atlas", "render_frame", "write_gif", "write_mp4", "ffmpeg"]

#: Name of an atlas page's PNG: the date (and the page's number after the map's); other files are left alone.
_PAGE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}(-\d+)?\.png")


def key_dates(catalog: Catalog) -> list[dt.date]:
    """The key dates of the timeline, each once, in order."""
    return sorted({entry.date for entry in catalog.timeline()})


def write_atlas(
    inputs: MapData, dates: Iterable[dt.date], pdf_path: Path, png_dir: Path, dpi: float, sheet: Sheet | None = None
) -> list[Path]:
    """The map of each date as `sheet` says (its language, its paper): all pages in one PDF at `pdf_path`, and each
    page as `png_dir`/<date>.png (<date>-2.png ...) at `dpi`.

    PNGs of dates no longer among `dates` are removed, so that the folder matches the PDF. Returns the PNGs.
    """
    pngs = []
    with matplotlib.rc_context(RC), write_atomic(pdf_path) as stream, PdfPages(stream, metadata=PDF_METADATA) as pdf:
        for date in dates:
            for number, figure in enumerate(map_pages(inputs, date, sheet), start=1):
                pdf.savefig(figure, facecolor="white")
                png = page_path(Path(png_dir) / f"{date.isoformat()}.png", number)
                with write_atomic(png) as page:
                    save_figure(figure, page, "png", dpi)
                pngs.append(png)
        if not pngs:
            raise ExportError(f"{pdf_path}: no key dates to draw; the timeline layers have no features")
    for stale in set(Path(png_dir).glob("*.png")) - set(pngs):
        if _PAGE_NAME.fullmatch(stale.name):
            stale.unlink()
    return pngs


def render_frame(inputs: MapData, date: dt.date, dpi: float, sheet: Sheet | None = None) -> np.ndarray:
    """The map's page of `date` as `sheet` says, as an RGB image (height x width x 3) at `dpi`."""
    figure = map_figure(inputs, date, sheet)
    with matplotlib.rc_context(RC):
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        figure.set_facecolor("white")
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())[:, :, :3].copy()


def write_gif(frames: list[np.ndarray], path: Path, seconds: float) -> None:
    """An animated GIF of `frames`, each shown `seconds`, looping; one palette per frame, no dithering, so that
    text stays crisp."""
    if not frames:
        raise ExportError(f"{path}: no key dates to animate; the timeline layers have no features")
    images = [Image.fromarray(frame).quantize(colors=255, dither=Image.Dither.NONE) for frame in frames]
    with write_atomic(path) as stream:
        images[0].save(
            stream, format="GIF", save_all=True, append_images=images[1:], duration=int(seconds * 1000), loop=0
        )


def ffmpeg() -> str | None:
    """The ffmpeg program, or None where it is not installed (MP4 output is then skipped)."""
    return shutil.which("ffmpeg")


def write_mp4(frames: list[np.ndarray], path: Path, seconds: float, program: str) -> None:
    """An H.264 MP4 of `frames`, each shown `seconds`, made by `program` (ffmpeg) from raw frames on its input."""
    if not frames:
        raise ExportError(f"{path}: no key dates to animate; the timeline layers have no features")
    height, width, _ = frames[0].shape
    with atomic_path(path) as temporary:
        command = [
            program,
            "-loglevel",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-s",
            f"{width}x{height}",
            "-framerate",
            f"1/{seconds}",
            "-i",
            "-",
            "-vf",
            "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-r",
            "25",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(temporary),
        ]
        result = subprocess.run(command, input=b"".join(f.tobytes() for f in frames), capture_output=True, check=False)
        if result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip()
            raise ExportError(f"{path}: ffmpeg failed ({message})")
