"""The maps' own words in each language of a situation, and its dates and numbers written that language's way.

The words a map writes that are neither the situation's (its manifest: the title, layer titles, legend labels, the
words of its values) nor the data's (names, notes, source titles) are data too, in geo/model/messages/<code>.toml:
en.toml has every key, each other file the same keys in its language, and a language without a file (or a key a file
lacks) is written in English. Their table [maps] holds the words both maps say, which the web map reads into the
page's words (webmap.i18n), so that each text has one home; [print] holds the static maps' own.

Dates and numbers follow CLDR's rules for the language's locale (Babel), as the web map writes them with the browser's
Intl from the same locale: "6 March 2020", "6 مارس 2020", "6 Mart 2020", "6 березня 2020 р.".
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from geo.errors import IdlibMapError
from geo.model.languages import translated
from geo.model.manifest import Language, Manifest

__all__ = ["MESSAGES_DIR", "flatten", "message_words", "shared_words", "Wording"]

MESSAGES_DIR = Path(__file__).parent / "messages"
#: The files this module reads as code (geo.modules): a change of a word redraws the maps that say it.
DATA_FILES = ("messages/*.toml",)

#: The language every key is written in (en.toml), and what a missing word falls back to.
_BASE = "en"

#: CLDR skeletons of the date styles, as the web map asks Intl for them (webmap/static/js/i18n.js DATE_STYLES).
_DATE_SKELETONS = {"long": "yMMMMd", "short": "yMMMd"}


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """A table of words by dotted key: {"print": {"legend": "Legend"}} -> {"print.legend": "Legend"}."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)
    return flat


@cache
def message_words(language: str) -> dict[str, str]:
    """The maps' own words in `language` by key ("print.legend"), English where the language lacks one."""
    words: dict[str, str] = {}
    for code in dict.fromkeys((_BASE, language)):
        path = MESSAGES_DIR / f"{code}.toml"
        if path.is_file():
            with path.open("rb") as file:
                words.update(flatten(tomllib.load(file)))
    return words


def shared_words(language: str) -> dict[str, str]:
    """The words both maps say ([maps]), in `language`, by their key (maps.key_dates)."""
    return {key: text for key, text in message_words(language).items() if key.startswith("maps.")}


@dataclass(frozen=True)
class Wording:
    """How a map speaks one language of its situation: its words, the manifest's texts and the data's names in it, its
    dates and numbers, and its direction."""

    manifest: Manifest
    language: Language

    @classmethod
    def of(cls, manifest: Manifest, code: str | None = None) -> Wording:
        """The language `code` of `manifest` (default: its first, the data's own); IdlibMapError for one it lacks."""
        for language in manifest.languages:
            if code in (None, language.code):
                return cls(manifest, language)
        raise IdlibMapError(
            f"the map has no language {code!r}; its manifest declares {', '.join(manifest.language_codes)} "
            "([[language]])"
        )

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def rtl(self) -> bool:
        """True for a language written right to left."""
        return self.language.dir == "rtl"

    def __call__(self, key: str, **values: Any) -> str:
        """The word `key` (print.legend) with its {name}s filled from `values`; KeyError for a key en.toml lacks."""
        return message_words(self.code)[key].format(**values)

    def text(self, table: Mapping[str, Any], key: str) -> str:
        """The manifest's text `key` of `table` in this language (its `<key>_<code>`, else as written)."""
        return translated(table, key, self.code)

    def name(self, properties: Mapping[str, Any]) -> str:
        """A feature's name in this language where the data has it, else as written."""
        return str(properties.get(self.language.name_key) or properties["name"])

    def value(self, value: Any) -> str:
        """A value of the data ([words.value] of the manifest: "encircled", a country's name) in this language, else as
        written."""
        return str(self.manifest.words.get("value", {}).get(str(value), {}).get(self.code, value))

    def property(self, name: str) -> str:
        """A property's name ([words.property]) in this language, else as the data writes it."""
        return str(self.manifest.words.get("property", {}).get(name, {}).get(self.code, name))

    def join(self, items: list[str], separator: str = "list") -> str:
        """`items` joined with the language's separator of a list (", ") or of clauses ("; ")."""
        return self(f"print.{separator}").join(items)

    @cached_property
    def _locale(self):
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.language.locale, sep="-")
        except (UnknownLocaleError, ValueError):
            raise IdlibMapError(
                f"{self.manifest.path}: [[language]] code = {self.code!r}: CLDR has no locale "
                f"{self.language.locale!r}; give a BCP 47 locale it knows (en-GB, ar, tr, uk-UA)"
            ) from None

    def date(self, day: dt.date, style: str = "long") -> str:
        """`day` written the language's way: "long" (6 March 2020) or "short" (6 Mar 2020)."""
        from babel.dates import format_skeleton

        return format_skeleton(_DATE_SKELETONS[style], day, locale=self._locale)

    def period(self, start: dt.date, end: dt.date, precision: str | None = None) -> str:
        """The days a dated feature may be on, short, the language's way: `start` alone (6 Mar 2020) unless its
        `date_precision` says the date is a week or a span (10 – 16 Feb 2020, from start to the day before `end`,
        the exclusive end) or a month (Feb 2020), as an imported event's is."""
        from babel.dates import format_interval, format_skeleton

        if precision == "month":
            return format_skeleton("yMMM", start, locale=self._locale)
        if precision in ("week", "span") and end - start > dt.timedelta(days=1):
            return format_interval(start, end - dt.timedelta(days=1), _DATE_SKELETONS["short"], locale=self._locale)
        return self.date(start, "short")

    def number(self, value: float, pattern: str | None = None) -> str:
        """A number written the language's way (948,000; 948.000; 948 000), or by a CLDR `pattern` ("00": two
        digits at least) in the language's digits."""
        from babel.numbers import format_decimal

        return format_decimal(value, format=pattern, locale=self._locale)
