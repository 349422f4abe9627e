"""uv.lock pins every Python package: it must agree with pyproject.toml, and .venv must hold exactly what it pins."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

from support import ROOT

#: The installer a venv is made with; `uv sync` leaves it in place and `pip freeze` does not list it.
SEEDED = {"pip", "setuptools", "wheel"}


def uv(*arguments: str) -> subprocess.CompletedProcess:
    """Run the locked uv (installed in .venv beside this Python) on the project, without the network."""
    program = Path(sys.executable).parent / "uv"
    return subprocess.run(
        [str(program), *arguments, "--offline", "--project", str(ROOT)], capture_output=True, text=True, check=False
    )


def locked(*extras: str) -> dict[str, str]:
    """Name -> version of every locked package that this Python needs with `extras`, the project itself left out."""
    options = [argument for extra in extras for argument in ("--extra", extra)]
    result = uv("export", "--frozen", "--no-hashes", "--no-header", "--no-annotate", "--no-emit-project", *options)
    assert result.returncode == 0, result.stderr
    pins = {}
    for line in result.stdout.splitlines():
        requirement, _, marker = line.partition(";")
        if not marker.strip() or Marker(marker).evaluate():
            name, _, version = requirement.strip().partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def installed() -> dict[str, str]:
    """Name -> version of every distribution in this Python's environment but the installer, as `pip freeze`."""
    found = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions(path=sys.path)}
    return {name: version for name, version in found.items() if name not in SEEDED}


def test_the_lock_agrees_with_pyproject() -> None:
    result = uv("lock", "--check")
    assert result.returncode == 0, f"uv.lock is out of date with pyproject.toml: run `make lock`\n{result.stderr}"


def test_every_locked_package_is_installed_at_its_locked_version() -> None:
    have = installed()
    wrong = {name: (version, have.get(name)) for name, version in locked("test").items() if have.get(name) != version}
    assert not wrong, f"locked version, installed version: {wrong}; run `make setup`"


def test_nothing_is_installed_that_the_lock_does_not_pin() -> None:
    pins = locked("test", "bench")  # `make bench` adds its extra to the same environment
    project = canonicalize_name(metadata.metadata("idlibmap")["Name"])
    extra = {name: version for name, version in installed().items() if name != project and pins.get(name) != version}
    assert not extra, f"installed but not locked at that version: {extra}; run `make setup`"
