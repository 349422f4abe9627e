"""The documentation covers the code's own lists: layers/README.md names every property the manifest requires,
and every target `make help` lists is a rule of the Makefile (the README's API table: tests/web/test_api.py)."""

from __future__ import annotations

import re
import subprocess

from geo.model.manifest import Manifest

from support import LAYERS_DIR, ROOT

#: The properties every feature of every layer has (layers/README.md, "Common to every feature").
COMMON = ("id", "name", "valid_from", "valid_to", "sources", "geometry_quality", "note")


def test_layers_readme_names_every_property_the_manifest_requires(manifest: Manifest) -> None:
    text = (LAYERS_DIR / "README.md").read_text(encoding="utf-8")
    required = {*COMMON, *(key for spec in manifest.layers for key in spec.required_properties)}
    missing = sorted(key for key in required if f"`{key}`" not in text)
    assert not missing, f"layers/README.md does not name {', '.join(missing)}"


def test_every_target_make_help_lists_is_a_rule() -> None:
    listed = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    targets = [line.split()[0] for line in listed.splitlines() if line.strip()]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert targets and all(re.search(rf"^{re.escape(t)}:", makefile, flags=re.M) for t in targets)
    phony = re.search(r"^\.PHONY:(.*)$", makefile, flags=re.M).group(1).split()
    assert set(phony) <= set(targets), f"not in make help: {sorted(set(phony) - set(targets))}"
