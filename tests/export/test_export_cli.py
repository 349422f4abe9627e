"""`idlibmap export` and `make export`: the files a user asks for, and on a mistake a clear message, a non-zero
exit status, no traceback and no output file touched."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.pipeline import make_in_copy
from geo.cli import main
from geo.paths import BuildPaths

from export_support import MAGIC
from support import LAYERS_DIR, copy_pipeline

MISTAKES = {
    "a day that does not exist": (["--date", "2020-02-30"], "2020-02-30"),
    "not a date": (["--date", "15/03/2020"], "YYYY-MM-DD"),
    "an unknown format": (["--date", "2020-03-15", "--format", "jpg"], "unknown format 'jpg'"),
    "a format the name contradicts": (["--date", "2020-03-15", "--format", "pdf"], "make them agree"),
    "an unknown layer": (["--date", "2020-03-15", "--layer", "places", "--layer", "nope"], "unknown layer 'nope'"),
    "a view that is not four numbers": (["--date", "2020-03-15", "--bbox", "36.6,35.7"], "not four numbers"),
    "a view that is not a box": (["--date", "2020-03-15", "--bbox", "36.9,35.7,36.6,35.9"], "not a box"),
    "a view off the map": (["--date", "2020-03-15", "--bbox", "10,10,11,11"], "lies outside the map"),
    "a language the map lacks": (["--date", "2020-03-15", "--lang", "fr"], "declares en, ar, tr"),
    "an unknown paper": (["--date", "2020-03-15", "--paper", "b5"], "unknown paper 'b5'"),
}


def export_args(output: Path, *options: str) -> list[str]:
    return ["--layers", str(LAYERS_DIR), "export", *options, "-o", str(output)]


def test_export_writes_the_format_asked_for(tmp_path: Path) -> None:
    output = tmp_path / "maps" / "idlib.svg"
    result = CliRunner().invoke(main, export_args(output, "--date", "2020-03-15", "--format", "svg"))
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(MAGIC["svg"])
    assert f"wrote {output}" in result.output


def test_export_draws_only_the_layers_named(tmp_path: Path) -> None:
    output = tmp_path / "posts.svg"
    options = ["--date", "2020-03-15", "--layer", "observation_posts", "--layer", "places"]
    result = CliRunner().invoke(main, export_args(output, *options))
    assert result.exit_code == 0, result.output
    groups = set(re.findall(r'id="layer-([a-z0-9_]+)-', output.read_text(encoding="utf-8")))
    assert groups == {"observation_posts", "places"}


def test_export_draws_a_view_in_a_language_on_a_paper(tmp_path: Path) -> None:
    output = tmp_path / "saraqib.svg"
    options = ["--date", "2020-03-06", "--lang", "tr", "--bbox", "36.65,35.78,36.95,35.95", "--paper", "a3-portrait"]
    result = CliRunner().invoke(main, export_args(output, *options))
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert 'height="1190.76pt"' in text and "İdlib durum haritası — 6 Mart 2020" in text
    assert "Görünümün tüm haritadaki yeri" in text, "the inset says it locates the view"


def test_the_format_defaults_to_the_file_extension(tmp_path: Path) -> None:
    output = tmp_path / "idlib.pdf"
    result = CliRunner().invoke(main, export_args(output, "--date", "2020-03-15"))
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(MAGIC["pdf"])


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_mistake_is_reported_and_touches_no_file(tmp_path: Path, mistake: str) -> None:
    options, message = MISTAKES[mistake]
    output = tmp_path / "idlib.png"
    output.write_bytes(b"an earlier map")
    before = output.stat().st_mtime_ns
    result = CliRunner().invoke(main, export_args(output, *options))
    assert result.exit_code != 0
    assert message in result.output
    assert isinstance(result.exception, SystemExit), result.exception  # reported, not raised
    assert output.read_bytes() == b"an earlier map" and output.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["idlib.png"]


def test_a_missing_base_map_or_build_says_how_to_make_it(tmp_path: Path, built: BuildPaths) -> None:
    output = tmp_path / "idlib.png"
    shutil.copytree(built.layers, tmp_path / "build" / "layers")
    for build, advice in ((tmp_path / "build", "make basemap"), (tmp_path / "nowhere", "make layers")):
        result = CliRunner().invoke(main, ["--build", str(build), *export_args(output, "--date", "2020-03-15")])
        assert result.exit_code == 1 and advice in result.output
        assert not output.exists()


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_command_exits_non_zero_without_a_traceback(idlibmap: Path, tmp_path: Path, mistake: str) -> None:
    options, message = MISTAKES[mistake]
    output = tmp_path / "idlib.png"
    result = subprocess.run(
        [str(idlibmap), *export_args(output, *options)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not output.exists()


@pytest.fixture
def project(tmp_path: Path, basemap_dir: Path) -> Path:
    """A copy of the pipeline with its base map already built (its stamp newer than every copied file, so not cut
    again)."""
    return copy_pipeline(tmp_path, basemap_dir)


def test_make_export_without_a_date_says_how_to_call_it(project: Path) -> None:
    result = make_in_copy(project, "export")
    assert result.returncode != 0
    assert "make export DATE=YYYY-MM-DD" in result.stderr


def test_make_export_writes_the_three_formats_then_nothing(project: Path) -> None:
    first = make_in_copy(project, "export", "DATE=2020-03-15")
    assert first.returncode == 0, first.stderr
    outputs = {fmt: project / "build" / "exports" / f"idlib-2020-03-15.{fmt}" for fmt in MAGIC}
    for fmt, path in outputs.items():
        assert path.read_bytes().startswith(MAGIC[fmt])
    built = {fmt: path.stat().st_mtime_ns for fmt, path in outputs.items()}
    second = make_in_copy(project, "export", "DATE=2020-03-15")
    assert second.returncode == 0 and "idlibmap" not in second.stdout
    assert {fmt: path.stat().st_mtime_ns for fmt, path in outputs.items()} == built


def test_make_export_of_a_bad_date_fails_and_writes_nothing(project: Path) -> None:
    result = make_in_copy(project, "export", "DATE=2020-02-30")
    assert result.returncode != 0
    assert "2020-02-30" in result.stderr and "Traceback" not in result.stderr
    assert not list((project / "build" / "exports").glob("*"))
