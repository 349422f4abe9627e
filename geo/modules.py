"""The project's own modules that a module runs: its import closure, read from the source (every import statement),
with the data files its modules read as code (each names them in DATA_FILES, patterns relative to its folder: the
maps' words), so that a build can say which code made it.

`make` uses it to give each output the code it is made by as prerequisites (geo.pipeline.makedeps): editing a module
rebuilds what runs it and nothing else (the CLI's help text is not the layers' code). The layer build names its
code by a digest of its closure (geo.model.build), so that a change of the code remakes every layer.
"""

from __future__ import annotations

import ast
import hashlib
from functools import cache
from pathlib import Path

__all__ = ["ROOT", "closure", "code_digest"]

#: The folder holding the project's packages.
ROOT = Path(__file__).resolve().parent.parent
_PACKAGES = ("geo", "webmap")


def _path(module: str) -> Path | None:
    """The file of a first-party module (a package's __init__.py), or None for another module."""
    if module.split(".")[0] not in _PACKAGES:
        return None
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, module: str) -> set[str]:
    """The modules `path` (the module `module`) imports, at any depth of its code."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _data_files(path: Path) -> set[Path]:
    """The files the module `path` names in its DATA_FILES = ("pattern", ...), found relative to its folder."""
    found: set[Path] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "DATA_FILES" for t in targets) and node.value is not None:
            for pattern in ast.literal_eval(node.value):
                found.update(p for p in path.parent.glob(pattern) if p.is_file())
    return found


def _statements(body: list[ast.stmt]):
    """Every statement of `body` and of the blocks within it (functions, classes, ifs, tries...): where imports are,
    without going through every expression."""
    for node in body:
        yield node
        for block in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(node, block, None)
            if isinstance(inner, list):
                yield from _statements(inner)


@cache
def closure(*modules: str) -> tuple[Path, ...]:
    """Every first-party file that the `modules` import, directly or not, with their packages' __init__.py files
    (which run first) and the data files they name (DATA_FILES), sorted."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        module = todo.pop()
        parts = module.split(".")
        for depth in range(1, len(parts) + 1):
            name = ".".join(parts[:depth])
            path = _path(name)
            if path is not None and name not in seen:
                seen[name] = path
                todo.extend(_imports(path, name))
    files = set(seen.values())
    return tuple(sorted(files | {data for path in files for data in _data_files(path)}))


def code_digest(*modules: str) -> str:
    """A short hash of the code the `modules` run (the files of their closure, by path and content)."""
    digest = hashlib.blake2b(digest_size=10)
    for path in closure(*modules):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
