"""The page's own scripts (webmap/static/js) as ES modules: eslint passes over them with the project's config and
fails on a lint error, `make lint` runs it, each module imports only the project's modules beside it and shares no
global, no script names a language of this one map, and the npm tools used on them are pinned."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from geo.model.manifest import load_manifest
from webmap.assets import ASSETS, MODULES

from support import EXAMPLE_DIR, LAYERS_DIR, ROOT

SCRIPTS = ROOT / "webmap" / "static" / "js"
NODE_MODULES = ROOT / "node_modules"
ESLINT = NODE_MODULES / ".bin" / "eslint"
#: The module an import (or a re-export) statement names.
IMPORT = re.compile(r"""^(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["'];""", re.MULTILINE)


def eslint(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ESLINT), "--format", "json", *arguments],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_eslint_passes_over_the_scripts() -> None:
    result = eslint("webmap/static/js")
    found = [(r["filePath"], m["line"], m["ruleId"]) for r in json.loads(result.stdout) for m in r["messages"]]
    assert result.returncode == 0 and found == [], found


def test_eslint_fails_on_a_lint_error_with_the_project_s_config() -> None:
    """The config applies to the scripts (browser globals and Leaflet's L known, modules), and catches mistakes."""
    bad = (
        'import { element } from "./core.js";\n'
        "export function draw() {\n"
        "  const unused = 1;\n"
        "  return IdlibMap.start(L.map(document.body), window.location);\n"
        "}\n"
    )
    result = eslint("--stdin", "--stdin-filename", "webmap/static/js/bad.js", stdin=bad)
    assert result.returncode == 1, result.stderr
    rules = sorted((m["ruleId"], m["line"]) for m in json.loads(result.stdout)[0]["messages"])
    assert rules == [("no-undef", 4), ("no-unused-vars", 1), ("no-unused-vars", 3)], rules


def test_make_lint_runs_eslint_over_the_scripts() -> None:
    commands = subprocess.run(["make", "-n", "lint"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert re.search(r"^node_modules/\.bin/eslint webmap/static/js$", commands, re.MULTILINE), commands


def test_every_script_is_a_module_that_imports_only_its_neighbours() -> None:
    assert sorted(p.name for p in SCRIPTS.glob("*.js")) == sorted(MODULES)
    for script in MODULES:
        assert f"idlibmap/js/{script}" in ASSETS, script
        text = (SCRIPTS / script).read_text(encoding="utf-8")
        assert "IdlibMap" not in text and "use strict" not in text, f"{script}: a module shares no namespace"
        for target in IMPORT.findall(text):
            assert target.startswith("./") and target[2:] in MODULES, f"{script} imports {target}"


def _text(script: str) -> str:
    return (SCRIPTS / script).read_text(encoding="utf-8")


def test_every_script_but_the_entry_point_is_imported() -> None:
    imported = {target[2:] for script in MODULES for target in IMPORT.findall(_text(script))}
    assert imported == set(MODULES) - {"app.js"}


@pytest.mark.parametrize("script", MODULES)
def test_no_script_names_a_language_of_the_map(script: str) -> None:
    """The languages, and the properties of names in them, come from the settings (config.languages)."""
    text = (SCRIPTS / script).read_text(encoding="utf-8")
    strings = set(re.findall(r""""([^"\n]*)"|'([^'\n]*)'""", text))
    written = {value for pair in strings for value in pair if value}
    languages = {code for folder in (LAYERS_DIR, EXAMPLE_DIR) for code in load_manifest(folder).language_codes}
    assert written & languages == set(), script
    assert not re.search(r"\bname_[a-z]{2}\b", text), script


def _package(name: str) -> dict:
    return json.loads((NODE_MODULES / name / "package.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["eslint", "@eslint/js", "globals", "esbuild"])
def test_the_script_tools_are_pinned_and_installed(name: str) -> None:
    """Exact versions in package.json, the same in package-lock.json and in node_modules (`npm ci`)."""
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][name]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), f"{name} {wanted} is not an exact version"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert lock[f"node_modules/{name}"]["version"] == wanted
    assert _package(name)["version"] == wanted, "run `make setup`"


def test_the_config_is_where_eslint_finds_it() -> None:
    assert Path(ROOT / "eslint.config.js").is_file()
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["type"] == "module"
