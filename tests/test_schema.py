"""The manifest's schema: a typo or a wrong type is refused naming the table and the key, with the key it most
resembles; a feature's property the layer does not declare likewise; and what is made from the schema (the JSON
Schema for editors, the reference and property tables of a situation's README.md) is the schema's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import main
from geo.errors import ManifestError, ValidationError
from geo.model.build import load_source_layer
from geo.model.manifest import Manifest, load_manifest
from geo.model.reference import json_schema, update_readme

from support import EXAMPLE_DIR, LAYERS_DIR

SITUATIONS = [LAYERS_DIR, EXAMPLE_DIR]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            'color = "#543005"',
            'colour = "#543005"',
            '[[layer]] id = "sochi_dmz", [layer.style]: unknown key `colour`; did you mean `color`?',
        ),
        ("gazetteer = true", "gazeteer = true", '[[layer]] id = "places": unknown key `gazeteer`; did you mean'),
        ('file_stem = "idlib"', 'file_stem = "Idlib map"', "[map]: `file_stem` = 'Idlib map': String should match"),
        ("buffer_m = 6000", 'buffer_m = "6 km"', "[[layer.derive]] #1: `buffer_m` = '6 km': Input should be"),
        ("recent_days = 31", 'recent_days = "31"', "[[layer]] id = \"events\": `recent_days` = '31'"),
        ('title_ar = "خريطة', 'title_fr = "خريطة', "`title_fr` translates `title` into fr, which is not a language"),
        ('code = "tr"', 'code = "tr"\nscript = "Latn"', "[[language]] #3: unknown key `script`"),
        ("[words.value]\n", '[words.value]\nspare = { en = "spare", fr = "libre" }\n', "fr, not a language"),
        ('choice = "By side"\n', "", '[[layer]] id = "town_control": Value error, a layer with [[layer.style_choice]]'),
        ('property = "faction"\nchoice', 'property = "side"\nchoice', "styled by the property 'side', which it does"),
        ("reach_m = 30000\n", "", "[[layer.derive]] #1: needs `reach_m`"),
        ('ring = "solid"', 'ring = "round"', "`ring` = 'round': Input should be 'solid' or 'broken'"),
    ],
    ids=[
        "style typo",
        "layer typo",
        "file stem",
        "a number as text",
        "days as text",
        "translation",
        "language",
        "word",
        "style choice unnamed",
        "style choice undeclared",
        "reach",
        "ring",
    ],
)
def test_a_manifest_mistake_names_the_table_and_the_key(layers_copy: Path, before: str, after: str, expected: str):
    manifest = layers_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert before in text
    manifest.write_text(text.replace(before, after, 1), encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_manifest(layers_copy)
    assert expected in str(caught.value) and str(manifest.name) in str(caught.value)


def test_a_property_the_layer_does_not_declare_is_refused_with_its_likely_fix(layers_copy: Path) -> None:
    manifest = load_manifest(layers_copy)
    spec = manifest["observation_posts"]
    data = json.loads(spec.file.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["operater"] = "Turkey"
    spec.file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(
        ValidationError,
        match=r"\"operater\" is not a property of layer 'observation_posts': did you "
        r"mean 'operator'\? declare it in the manifest as \[layer.property.operater\]",
    ):
        load_source_layer(spec, manifest)


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda path: path.name)
def test_the_readme_s_generated_sections_are_the_manifest_s(situation: Path) -> None:
    text = (situation / "README.md").read_text(encoding="utf-8")
    assert "<!-- properties:start" in text
    assert update_readme(text, load_manifest(situation)) == text, "run `idlibmap readme` (with --layers for another)"


def test_every_key_of_the_schema_is_in_the_reference(manifest: Manifest) -> None:
    text = (LAYERS_DIR / "README.md").read_text(encoding="utf-8")
    schema = json.loads(json_schema())
    keys = {key for table in schema["$defs"].values() for key in table.get("properties", {})} - {"operation"}
    assert keys and all(f"| `{key}` |" in text for key in keys)
    assert all(f"`{key}`" in text for spec in manifest.layers for key in spec.about)


SCHEMA = LAYERS_DIR / "manifest.schema.json"


def test_the_json_schema_for_editors_is_the_schema_s() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == json_schema(), "run `idlibmap schema -o layers/manifest.schema.json`"


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda path: path.name)
def test_each_manifest_points_editors_at_the_schema(situation: Path) -> None:
    first = (situation / "manifest.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#:schema ") and (situation / first.split(" ", 1)[1]).resolve() == SCHEMA.resolve()


def test_the_readme_check_fails_on_a_stale_readme(layers_copy: Path) -> None:
    readme = layers_copy / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("| `pcode` |", "| `p_code` |", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["--layers", str(layers_copy), "readme", "--check"])
    assert result.exit_code == 1 and "not up to date with the manifest" in result.output
    assert CliRunner().invoke(main, ["--layers", str(layers_copy), "readme"]).exit_code == 0
    assert CliRunner().invoke(main, ["--layers", str(layers_copy), "readme", "--check"]).exit_code == 0
