"""The rooms of the house stay apart: the data model draws and serves nothing, the web map builds on the model
alone, nothing imports the web map but its own modules and the tools, and no module imports itself round a loop.

Read from the source (every import statement, at any depth, TYPE_CHECKING ones included), so the rule holds for
code that a test run never imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

PACKAGES = ("geo", "webmap", "tools", "bench")

#: Room -> the imports it may not make (a module name, or a package and everything below it).
FORBIDDEN = {
    "geo.model": (
        "matplotlib",
        "matplotlib_scalebar",
        "PIL",
        "flask",
        "folium",
        "geo.staticmap",
        "geo.pipeline",
        "geo.cli",
        "webmap",
        "tools",
        "bench",
    ),
    "geo": ("webmap", "tools", "bench", "flask", "folium"),
    "webmap": ("geo.staticmap", "geo.pipeline", "geo.cli", "matplotlib", "playwright", "tools", "bench"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module `path` imports (for `from package import name`, both package and package.name)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def within(name: str, room: str) -> bool:
    return name == room or name.startswith(room + ".")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_nothing_its_room_forbids(module: str) -> None:
    rooms = [room for room in FORBIDDEN if within(module, room)]
    if not rooms:
        return
    room = max(rooms, key=len)  # the innermost room's rule
    wrong = sorted(name for name in imports(MODULES[module]) for banned in FORBIDDEN[room] if within(name, banned))
    assert not wrong, f"{module} (in {room}) imports {', '.join(wrong)}"


def test_the_rules_are_checked_against_modules_that_exist() -> None:
    assert any(within(m, "geo.model") for m in MODULES) and any(within(m, "webmap") for m in MODULES)
    assert "matplotlib" in imports(MODULES["geo.staticmap.sheet"])  # the reader sees matplotlib where it is used


def test_no_module_imports_itself_round_a_loop() -> None:
    graph = {name: {i for i in imports(path) if i in MODULES and i != name} for name, path in MODULES.items()}
    state: dict[str, str] = {}
    loops: list[list[str]] = []

    def visit(name: str, chain: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if within(name, target):  # a module importing its own package's __init__
                continue
            if state.get(target) == "open":
                loops.append([*chain[chain.index(target) :], target] if target in chain else [name, target])
            elif target not in state:
                visit(target, [*chain, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not loops, "import loops: " + "; ".join(" -> ".join(loop) for loop in loops)


def test_the_build_and_the_server_s_reload_load_no_drawing_or_gis_library() -> None:
    """On the path from an edit to the served map, `idlibmap build` and the server's reading of a build import
    neither geopandas nor GDAL nor matplotlib (seconds of start-up each); they are imported by what draws."""
    code = "import sys, geo.cli, geo.model.build, geo.model.catalog; print(sorted(set(sys.modules) & {names}))"
    heavy = {"geopandas", "pyogrio", "matplotlib", "folium"}
    result = subprocess.run([sys.executable, "-c", code.format(names=heavy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
