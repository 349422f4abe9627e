"""The manifest's [basemap.colours] table: the base map's colours, each key of the schema's BasemapColours a "#rrggbb"
colour; anything else is refused with a message naming the table and the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.errors import ManifestError
from geo.model.manifest import Manifest, load_manifest
from geo.model.schema import BasemapColours


def _without_table(text: str) -> str:
    start = text.index("[basemap.colours]")
    return text[:start] + text[text.index("\n[", start + 1) + 1 :]


def _set(key: str, value: str):
    """An edit of the manifest's text: the line `key = ...` of [basemap.colours] becomes `key = value`."""
    return lambda text: re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", text, count=1)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_without_table, r"\[basemap\]: needs `colours`"),
        (lambda text: re.sub(r"(?m)^coast = .*\n", "", text), r"\[basemap.colours\]: needs `coast`"),
        (_set("land", '"beige"'), r"\[basemap.colours\]: `land` = 'beige': String should match pattern"),
        (_set("sea", '"#dce9f"'), r"\[basemap.colours\]: `sea` = '#dce9f': String should match pattern"),
        (_set("text", "505050"), r"\[basemap.colours\]: `text` = 505050: Input should be a valid string"),
        (
            lambda text: text.replace("[basemap.colours]\n", '[basemap.colours]\nsae = "#ffffff"\n'),
            r"\[basemap.colours\]: unknown key `sae`; did you mean `sea`\?",
        ),
    ],
    ids=["no table", "missing key", "named colour", "short", "number", "unknown key"],
)
def test_a_bad_base_map_colour_is_refused_naming_the_key(layers_copy: Path, edit, expected: str) -> None:
    manifest = layers_copy / "manifest.toml"
    manifest.write_text(edit(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ManifestError, match=expected):
        load_manifest(layers_copy)


def test_the_base_map_colours_are_read_and_sent(manifest: Manifest) -> None:
    assert set(manifest.basemap) == set(BasemapColours.model_fields)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in manifest.basemap.values())
    assert manifest.to_json()["basemap"] == manifest.basemap
