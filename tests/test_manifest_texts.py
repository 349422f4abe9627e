"""The manifest's texts in the map's languages: a text's translations sit beside it (title_ar, label_tr), a missing
one falls back to English, they never leak into a style, and recent_days (how long an event is news) is checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.errors import ManifestError
from geo.model.languages import translated, without_text
from geo.model.manifest import Manifest, load_manifest
from geo.model.style import feature_style, legend_entries, quality_legend


def test_a_text_in_a_language_falls_back_to_english() -> None:
    table = {"title": "Events", "title_ar": "الأحداث", "title_tr": ""}
    assert [translated(table, "title", language) for language in ("en", "ar", "tr")] == ["Events", "الأحداث", "Events"]
    assert without_text({"label": "x", "label_ar": "y", "color": "#000000"}, "label") == {"color": "#000000"}


def test_a_layer_s_title_and_legend_in_each_language(manifest: Manifest) -> None:
    posts = manifest["observation_posts"]
    assert posts.text("title", "en") == posts.title
    assert posts.text("title", "ar") == "نقاط المراقبة" and posts.text("legend", "tr") == "Gözlem noktası"
    assert manifest.to_json()["layers"][-1]["title_ar"] == manifest.layers[-1].text("title", "ar")


def test_translations_never_reach_a_style(manifest: Manifest, catalog) -> None:
    for spec in manifest.layers:
        for feature in catalog[spec.id].features[:50]:
            assert not [key for key in feature_style(manifest, spec, feature["properties"]) if "label" in key]
    assert all("label_ar" not in overrides for _, _, overrides in quality_legend(manifest))


def test_legend_lines_in_a_language(manifest: Manifest, catalog) -> None:
    spec = manifest["town_control"]
    labels = {e.value: e.label for e in legend_entries(manifest, spec, catalog[spec.id].features, "ar")}
    assert labels["government"] == "بلدة تحت سيطرة الحكومة"
    assert [label for _, label, _ in quality_legend(manifest, "tr")][0].startswith("Ölçülmüş")


@pytest.mark.parametrize("value", ["0", "-3", '"31"', "2.5", "true"])
def test_recent_days_is_a_whole_number_of_days(layers_copy: Path, value: str) -> None:
    manifest = layers_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(re.sub(r"(?m)^recent_days = \d+$", f"recent_days = {value}", text), encoding="utf-8")
    with pytest.raises(ManifestError, match=r'\[\[layer\]\] id = "events": `recent_days`'):
        load_manifest(layers_copy)
