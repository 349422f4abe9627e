"""Texts in the languages of a situation: the manifest and the layers are written in its first language, and carry
each translation beside the text under the text's key and the language's code (a feature's `name_ar`, a layer's
`title_tr`). Which languages a map speaks is the manifest's ([[language]]), never the code's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["translated", "without_text"]


def translated(table: Mapping[str, Any], key: str, language: str | None) -> str:
    """The text `key` of `table` in `language`: its `<key>_<language>` where the table has one, else as written."""
    if language and table.get(f"{key}_{language}"):
        return str(table[f"{key}_{language}"])
    return str(table[key])


def without_text(table: Mapping[str, Any], key: str) -> dict[str, Any]:
    """`table` without the text `key` and its translations (a style table without its legend label)."""
    translation = re.compile(rf"{re.escape(key)}(_[a-z]{{2,3}})?")
    return {k: v for k, v in table.items() if not translation.fullmatch(k)}
