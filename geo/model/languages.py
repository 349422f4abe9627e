"""The languages of the map: English, in which the manifest and the layers are written, and the translations they
carry beside a text under the text's key and the language's code (a feature's `name_ar`, a layer's `title_tr`).

The web map's own words are translated in webmap/messages/; the static maps stay in English for now.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["LANGUAGES", "TRANSLATED", "translated", "translation_keys", "without_text"]

#: Every language of the map, English first; each other one is a suffix of the keys that translate a text.
LANGUAGES = ("en", "ar", "tr")
#: The languages a text may be translated into.
TRANSLATED = LANGUAGES[1:]


def translated(table: Mapping[str, Any], key: str, language: str) -> str:
    """The text `key` of `table` in `language`: its `<key>_<language>` where the table has one, else the English."""
    if language != "en" and table.get(f"{key}_{language}"):
        return str(table[f"{key}_{language}"])
    return str(table[key])


def translation_keys(key: str) -> tuple[str, ...]:
    """The keys that translate the text `key`: `<key>_ar`, `<key>_tr`."""
    return tuple(f"{key}_{language}" for language in TRANSLATED)


def without_text(table: Mapping[str, Any], key: str) -> dict[str, Any]:
    """`table` without the text `key` and its translations (a style table without its legend label)."""
    texts = {key, *translation_keys(key)}
    return {k: v for k, v in table.items() if k not in texts}
