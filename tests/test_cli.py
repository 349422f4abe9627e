"""The idlibmap command as a user types it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import main

from support import LAYERS_DIR, ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    """The installed console script, as a separate process: exit status and streams as a shell sees them."""
    script = Path(sys.executable).with_name("idlibmap")
    return subprocess.run([str(script), *args], capture_output=True, text=True, cwd=ROOT, check=False)


def invoke(*args: str):
    return CliRunner().invoke(main, ["--layers", str(LAYERS_DIR), *args])


def test_every_command_documents_a_shell_example() -> None:
    for name, command in main.commands.items():
        assert "Example:" in (command.help or ""), f"`idlibmap {name} --help` shows no example"
        assert f"idlibmap {name}" in command.help


def test_help_lists_the_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in ("validate", "at", "diff"):
        assert name in result.output


def test_validate_accepts_the_project_layers() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_validate_names_files(manifest) -> None:
    files = [str(spec.file) for spec in manifest.layers if spec.file is not None]
    result = invoke("validate", *files)
    assert result.exit_code == 0, result.output
    assert result.output.count("ok:") == len(files)


def test_at_prints_the_corridor_once_the_protocol_holds() -> None:
    after = json.loads(invoke("at", "2020-03-20", "--layer", "m4_corridor").output)
    before = json.loads(invoke("at", "2020-03-04", "--layer", "m4_corridor").output)
    assert after["type"] == "FeatureCollection" and after["date"] == "2020-03-20"
    assert {f["properties"]["kind"] for f in after["features"]} == {"corridor", "patrol_route"}
    assert all(f["properties"]["layer"] == "m4_corridor" for f in after["features"])
    assert before == {"type": "FeatureCollection", "date": "2020-03-04", "features": []}


def test_at_without_layer_gives_every_layer(catalog) -> None:
    result = json.loads(invoke("at", "2020-03-20").output)
    expected = sum(len(layer.at(__import__("datetime").date(2020, 3, 20))) for layer in catalog)
    assert len(result["features"]) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["at", "2020-02-30"], "is not a day of the calendar"),
        (["at", "20-03-2020"], "is not a date in the form YYYY-MM-DD"),
        (["diff", "2020-01-01", "yesterday"], "is not a date in the form YYYY-MM-DD"),
    ],
)
def test_a_bad_date_is_a_usage_error(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_layer_is_named() -> None:
    result = run("at", "2020-03-20", "--layer", "front_line")
    assert result.returncode == 1
    assert "unknown layer 'front_line'" in result.stderr and "Traceback" not in result.stderr


def test_diff_reports_posts_changing_state() -> None:
    changes = json.loads(invoke("diff", "2019-01-01", "2020-03-20").output)
    kinds = {(c["layer"], c["change"]) for c in changes}
    assert ("observation_posts", "changed") in kinds  # posts encircled in between
    assert ("m4_corridor", "appeared") in kinds


def test_a_broken_layer_file_gives_a_message_and_no_traceback(layers_copy: Path) -> None:
    events = layers_copy / "events.geojson"
    data = json.loads(events.read_text(encoding="utf-8"))
    victim = data["features"][0]["properties"]
    victim["valid_from"] = "2020-02-30"
    events.write_text(json.dumps(data), encoding="utf-8")
    result = run("--layers", str(layers_copy), "validate")
    assert result.returncode == 1
    assert "events.geojson" in result.stderr and f"feature {victim['id']!r}" in result.stderr
    assert "not a day of the calendar" in result.stderr and "Traceback" not in result.stderr


def test_validate_refuses_a_file_the_manifest_does_not_list(tmp_path: Path) -> None:
    stray = tmp_path / "stray.geojson"
    stray.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    result = run("validate", str(stray))
    assert result.returncode == 1 and "not a layer file of the manifest" in result.stderr
