"""The page in every language of the situation (the manifest's [[language]] tables): the web map's own words from
webmap/messages/<code>.toml (English, en.toml, where a language has no file or a file lacks a word) and the words it
shares with the printed maps (geo.model.wording.shared_words, maps.<key>), the manifest's
texts (the map's title, layer titles, legend labels, geometry quality labels) with the translations the manifest
keeps beside them, and the words of the data's own properties and values (the manifest's [words]).

The server renders the page in English, each translatable text marked with its key (data-i18n); the page reads
?lang= and puts in the words of that language (webmap/static/js/i18n.js). Texts from the data (names, notes,
source titles) are not messages: a place shows its name_ar or name_tr where it has one, a note and a source title
stay in the language they were written in.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from geo.model.languages import translated
from geo.model.manifest import LayerSpec, Manifest
from geo.model.wording import flatten, shared_words

__all__ = [
    "MESSAGES_DIR",
    "page_words",
    "english",
    "style_key",
    "manifest_texts",
    "data_words",
    "messages",
    "languages",
]

MESSAGES_DIR = Path(__file__).parent / "messages"


#: The language the page's own words are written in first (en.toml has every key).
_BASE = "en"


@cache
def page_words(language: str) -> dict[str, str]:
    """The page's own words in `language`, by key ("date.label"), read once from messages/<language>.toml, and those
    it shares with the printed maps (maps.key_dates); none for a language without a file (the page then shows the
    English)."""
    path = MESSAGES_DIR / f"{language}.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        return {**shared_words(language), **flatten(tomllib.load(file))}


def english(key: str) -> str:
    """The English of a page word, for the markup the server renders; KeyError for a key en.toml lacks."""
    return page_words(_BASE)[key]


def style_key(spec: LayerSpec, style_by: dict[str, Any], text: str) -> str:
    """The key of a text of one of a layer's ways of styling (its style_by, or one of its style_choices): `text` is
    "choice", "otherwise" or "value.<value>". layer.<id>.<text> for the style_by, layer.<id>.by.<property>.<text>
    for a style choice."""
    if spec.style_by is not None and style_by["property"] == spec.style_by["property"]:
        return f"layer.{spec.id}.{text}"
    return f"layer.{spec.id}.by.{style_by['property']}.{text}"


def manifest_texts(manifest: Manifest, language: str) -> dict[str, str]:
    """The manifest's texts in `language`, keyed as the page names them: map.title, map.online_tiles,
    layer.<id>.title, layer.<id>.legend, the legend labels and names of each way of styling a layer (style_key:
    layer.<id>.value.<value>, layer.<id>.otherwise, layer.<id>.choice, and under layer.<id>.by.<property> those of a
    style choice) and quality.<name>."""
    texts = {
        "map.title": translated(manifest.map, "title", language),
        "map.online_tiles": translated(manifest.map["online_tiles"], "label", language),
    }
    for spec in manifest.layers:
        texts[f"layer.{spec.id}.title"] = spec.text("title", language)
        texts[f"layer.{spec.id}.legend"] = spec.text("legend", language)
        for style_by in ([spec.style_by] if spec.style_by else []) + list(spec.style_choices):
            if "choice" in style_by:
                texts[style_key(spec, style_by, "choice")] = translated(style_by, "choice", language)
            variants = {f"value.{value}": variant for value, variant in style_by.get("values", {}).items()}
            if "otherwise" in style_by:
                variants["otherwise"] = style_by["otherwise"]
            for text, variant in variants.items():
                if "label" in variant:
                    texts[style_key(spec, style_by, text)] = translated(variant, "label", language)
    for name, table in manifest.geometry_quality.items():
        if "label" in table:
            texts[f"quality.{name}"] = translated(table, "label", language)
    return texts


def data_words(manifest: Manifest, language: str) -> dict[str, str]:
    """The words of the data in `language` ([words] of the manifest), keyed as the page names them: property.<name>
    and value.<value>."""
    return {
        f"{kind}.{word}": texts[language]
        for kind in ("property", "value")
        for word, texts in manifest.words.get(kind, {}).items()
        if language in texts
    }


def messages(manifest: Manifest) -> dict[str, dict[str, str]]:
    """Every text of the page in every language of the map: language -> key -> text."""
    return {
        language: {
            **page_words(_BASE),
            **page_words(language),
            **data_words(manifest, language),
            **manifest_texts(manifest, language),
        }
        for language in manifest.language_codes
    }


def languages(manifest: Manifest) -> list[dict[str, str]]:
    """The languages the page offers, in order: code, own name, direction (ltr | rtl), the locale that writes its
    dates and numbers, and the property that holds a feature's name in it (nameKey)."""
    return [language.to_json() for language in manifest.languages]
