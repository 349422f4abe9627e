"""The atlas (a page per key date, as one PDF and as PNGs) and the time-lapse (a frame per key date)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from geo.cli import main
from geo.errors import ExportError
from geo.model.mapdata import MapData
from geo.staticmap.atlas import ffmpeg, key_dates, render_frame, write_atlas, write_gif, write_mp4

from export_support import MAGIC, pdf_pages
from support import LAYERS_DIR

#: Atlas and time-lapse tests draw every key date: at a low resolution, as what is checked is the pages.
DPI = "20"


def test_the_key_dates_are_the_timeline_dates_each_once_in_order(inputs: MapData) -> None:
    dates = key_dates(inputs.catalog)
    assert dates == sorted(set(dates))
    assert set(dates) == {entry.date for entry in inputs.catalog.timeline()}


def test_the_atlas_has_a_page_and_a_png_for_every_key_date(inputs: MapData, tmp_path) -> None:
    pdf, pngs = tmp_path / "atlas.pdf", tmp_path / "atlas"
    pngs.mkdir()
    (pngs / "1999-01-01.png").write_bytes(b"a page of a key date no longer in the timeline")
    (pngs / "1999-01-01-2.png").write_bytes(b"its second page")
    (pngs / "notes.png").write_bytes(b"not a page")
    options = ["-o", str(pdf), "--png-dir", str(pngs), "--dpi", DPI]
    result = CliRunner().invoke(main, ["--layers", str(LAYERS_DIR), "atlas", *options])
    assert result.exit_code == 0, result.output
    dates = key_dates(inputs.catalog)
    assert pdf.read_bytes().startswith(MAGIC["pdf"])
    pages = sorted(p.name for p in pngs.iterdir() if p.name != "notes.png")
    assert {f"{d}.png" for d in dates} <= set(pages), "the map of every key date"
    assert all(re.fullmatch(r"(\d{4}-\d\d-\d\d)(-\d+)?\.png", p)[1] in {str(d) for d in dates} for p in pages)
    assert pdf_pages(pdf) == len(pages), "a PNG for every page of the PDF, the notes' continuations too"
    with Image.open(pngs / f"{dates[0]}.png") as page:
        assert page.size[0] > page.size[1]


def test_the_time_lapse_has_a_frame_for_every_key_date(inputs: MapData, tmp_path) -> None:
    gif = tmp_path / "timelapse.gif"
    options = ["-o", str(gif), "--no-mp4", "--dpi", DPI, "--seconds", "0.5"]
    result = CliRunner().invoke(main, ["--layers", str(LAYERS_DIR), "timelapse", *options])
    assert result.exit_code == 0, result.output
    with Image.open(gif) as animation:
        assert animation.format == "GIF"
        assert animation.n_frames == len(key_dates(inputs.catalog))
        assert animation.info["duration"] == 500
    assert not gif.with_suffix(".mp4").exists()


def test_the_time_lapse_is_also_an_mp4(inputs: MapData, tmp_path: Path) -> None:
    program = ffmpeg()
    assert program, "ffmpeg is not installed: `make setup` installs it"
    frames = [render_frame(inputs, date, 20) for date in key_dates(inputs.catalog)[:3]]
    video = tmp_path / "timelapse.mp4"
    write_mp4(frames, video, 0.5, program)
    assert video.read_bytes()[4:8] == b"ftyp"
    probe = subprocess.run(
        [
            str(Path(program).with_name("ffprobe")),
            "-v",
            "error",
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,nb_read_frames,duration",
            "-of",
            "default=noprint_wrappers=1",
            str(video),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    read = dict(line.split("=", 1) for line in probe.split())
    assert read["codec_name"] == "h264" and int(read["nb_read_frames"]) >= len(frames)
    assert float(read["duration"]) == pytest.approx(0.5 * len(frames), abs=0.1)


def test_no_key_dates_is_an_error_and_writes_nothing(inputs: MapData, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no key dates"):
        write_atlas(inputs, [], tmp_path / "atlas.pdf", tmp_path / "atlas", 20)
    with pytest.raises(ExportError, match="no key dates"):
        write_gif([], tmp_path / "timelapse.gif", 1.0)
    assert not list(tmp_path.rglob("*.*"))
