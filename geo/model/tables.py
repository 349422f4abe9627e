"""The building blocks of the manifest's schema (geo.model.schema): a table that refuses unknown keys with a suggestion,
texts that carry their translations beside them, and the value types the tables share (colours, boxes, references).

A table is a pydantic model. A key it does not know is refused with the closest key it does know ("unknown key
`fill_colour`; did you mean `fill_color`?"), never ignored. A table whose texts are translated (TRANSLATED) also takes
`<text>_<code>` for each language the manifest declares after the first (title_ar, label_tr): the languages reach the
validation as its context ({"languages": (code, ...)}), the first being the one the manifest is written in.
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

__all__ = [
    "Table",
    "Translated",
    "Colour",
    "Box",
    "Identifier",
    "Dash",
    "FeatureRef",
    "LayerRef",
    "ShapeRef",
    "translation_keys",
]

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description='a colour, "#rrggbb"')]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="lower-case letters, digits and _")]
Dash = Annotated[str, Field(pattern=r"^\s*(\d+(\.\d+)?[\s,]*)*$", description='dash and gap lengths, e.g. "6 4"')]
_TRANSLATION = re.compile(r"(?P<text>[a-z_]+)_(?P<code>[a-z]{2,3})")


def translation_keys(text: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The keys that translate the text `text` into each language after the first: `<text>_<code>`."""
    return tuple(f"{text}_{code}" for code in languages[1:])


class Table(BaseModel):
    """A table of the manifest: known keys only, each of its type exactly (strict: "31" is not a number, nor true)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    #: The texts of the table that may carry translations beside them (see Translated).
    TRANSLATED: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _known_keys(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return data
        languages = tuple((info.context or {}).get("languages", ()))
        known = set(cls.model_fields)
        translations = {key for text in cls.TRANSLATED for key in translation_keys(text, languages)}
        for key in data:
            if key in known or key in translations:
                continue
            match = _TRANSLATION.fullmatch(str(key))
            if match and match["text"] in cls.TRANSLATED:
                raise PydanticCustomError(
                    "unknown_language",
                    "`{key}` translates `{text}` into {code}, which is not a language of the manifest ([[language]] "
                    "declares {declared}); declare it or remove the translation",
                    {"key": key, "text": match["text"], "code": match["code"], "declared": ", ".join(languages)},
                )
            close = difflib.get_close_matches(str(key), sorted(known | translations), n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else f"; this table takes {', '.join(sorted(known))}"
            raise PydanticCustomError("unknown_key", "unknown key `{key}`{hint}", {"key": key, "hint": hint})
        return data


class Translated(Table):
    """A table with texts in the manifest's first language and, beside each, its translations (`<text>_<code>`),
    kept as the table's extra keys."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        strict=True,
        json_schema_extra=lambda schema, model: _translations_schema(schema, model),
    )

    def text(self, key: str, language: str | None = None) -> str:
        """The text `key` in `language`: its translation where the table has one, else the text as written."""
        translated = (self.model_extra or {}).get(f"{key}_{language}") if language else None
        return str(translated or getattr(self, key))

    @property
    def translations(self) -> dict[str, str]:
        """Every translation the table carries, by key (title_ar: ...)."""
        return dict(self.model_extra or {})


def _translations_schema(schema: dict[str, Any], model: type[Table]) -> None:
    """In the JSON Schema, a translated table allows `<text>_<code>` keys for its texts and nothing else."""
    schema["additionalProperties"] = False
    texts = "|".join(model.TRANSLATED)
    schema["patternProperties"] = {f"^({texts})_[a-z]{{2,3}}$": {"type": "string"}}


def _box(value: Any) -> Any:
    if (
        isinstance(value, (list, tuple))
        and len(value) == 4
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        west, south, east, north = value
        if -180 <= west < east <= 180 and -90 <= south < north <= 90:
            return tuple(float(v) for v in value)
    raise PydanticCustomError("box", "must be [west, south, east, north] in degrees, west < east and south < north")


Box = Annotated[
    tuple[float, float, float, float],
    BeforeValidator(_box),
    Field(description="[west, south, east, north] in degrees"),
]


class FeatureRef(Table):
    """One feature of another layer: {layer, feature}."""

    layer: Identifier = Field(description="the layer's id")
    feature: str = Field(description="the feature's id")


class LayerRef(Table):
    """A whole layer: {layer}."""

    layer: Identifier = Field(description="the layer's id")


class ShapeRef(Table):
    """A shape of the built base map, by part and name: {basemap = "countries", name = "Syria"} for Idlib."""

    basemap: str = Field(description="the base map part: countries or provinces")
    name: str = Field(description="the shape's name in it, as Natural Earth (or the folder's file) names it")
