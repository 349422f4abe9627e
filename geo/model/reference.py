"""What is generated from the manifest's schema and from a situation's manifest, so that it cannot drift from them:
the JSON Schema for editors (`idlibmap schema`), and the parts of a situation's README.md between their markers
(`idlibmap readme`): the properties its features have, and the reference of every table and key of a manifest."""

from __future__ import annotations

import json
import re
import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from geo.model.manifest import Manifest
from geo.model.operations import OPERATIONS
from geo.model.schema import (
    BasemapColours,
    BasemapFile,
    BasemapPart,
    BasemapTable,
    CrossCheck,
    Feed,
    FeedPrecision,
    GeometryQuality,
    LabelRank,
    Language,
    LayerTable,
    ManifestTable,
    MapTable,
    OnlineTiles,
    PropertyTable,
    States,
    Style,
    StyleBy,
    StyleVariant,
    Words,
)
from geo.model.tables import FeatureRef, LayerRef, ShapeRef
from geo.model.validate import COMMON_PROPERTIES

__all__ = ["SECTIONS", "json_schema", "properties_section", "manifest_section", "update_readme"]

#: The tables of a manifest, as TOML names them, in the order the reference lists them.
_TABLES: list[tuple[str, type[BaseModel]]] = [
    ("manifest.toml", ManifestTable),
    ("[[language]]", Language),
    ("[map]", MapTable),
    ("[map] label_ranks = [{...}]", LabelRank),
    ("[map.online_tiles]", OnlineTiles),
    ("[basemap]", BasemapTable),
    ("[basemap.countries], [basemap.provinces], [basemap.region]", BasemapPart),
    ("files = [{...}] of a base map part", BasemapFile),
    ("[basemap.colours]", BasemapColours),
    ("[geometry_quality.<name>]", GeometryQuality),
    ("[words]", Words),
    ("[[layer]]", LayerTable),
    ("[layer.style]", Style),
    ("[layer.style_by], [[layer.style_choice]]", StyleBy),
    ("[layer.style_by.values.<value>], [layer.style_by.otherwise]", StyleVariant),
    ("[layer.property.<name>]", PropertyTable),
    ("[layer.states]", States),
    ("[[layer.cross_check]]", CrossCheck),
    ("[layer.feed]", Feed),
    ("[layer.feed.precision.<code>]", FeedPrecision),
    *((f'[[layer.derive]] operation = "{name}"', op.parameters) for name, op in OPERATIONS.items()),
    ("{layer, feature} in a derive step", FeatureRef),
    ("{layer} in a derive step", LayerRef),
    ("{basemap, name} in a derive step", ShapeRef),
]


#: A docstring's opening that names its table again ("[map]: ", "A [[layer]] table: "), left out after the name.
_LEADING_NAME = re.compile(r"^(A |An )?\[\[?[^\]]+\]\]?( table)?: ")


def json_schema() -> str:
    """The JSON Schema of a manifest, as text."""
    schema = ManifestTable.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "A situation's manifest.toml"
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def _cell(text: str) -> str:
    """Text for a cell of a Markdown table."""
    return text.replace("|", "\\|").replace("\n", " ")


def _type(annotation: Any) -> str:
    """A field's type in words."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is typing.Annotated:
        described = [meta.description for meta in args[1:] if getattr(meta, "description", None)]
        return described[0] if described else _type(args[0])
    if origin in (typing.Union, types.UnionType):
        kinds = [_type(arg) for arg in args if arg is not type(None)]
        return " or ".join(dict.fromkeys(kinds))
    if origin is Literal:
        return " | ".join(f"`{value}`" if isinstance(value, str) else str(value) for value in args)
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is tuple:
        return f"[{', '.join(_type(arg) for arg in args)}]"
    if origin is dict:
        return f"table of {_type(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "table"
    if annotation is Any:
        return "any value"
    return {str: "text", int: "integer", float: "number", bool: "true or false"}.get(annotation, str(annotation))


def manifest_section() -> str:
    """The reference of a manifest: each table with its keys, their types, whether required, and what they mean."""
    lines = []
    for name, model in _TABLES:
        doc = _LEADING_NAME.sub("", " ".join((model.__doc__ or "").split()))
        lines += [f"**{_cell(name)}**: {doc}", "", "| key | type | required | meaning |", "|---|---|---|---|"]
        for key, info in model.model_fields.items():
            if key == "operation":
                continue
            required = "yes" if info.is_required() else ""
            lines.append(
                f"| `{key}` | {_cell(_type(info.annotation))} | {required} | {_cell(info.description or '')} |"
            )
        translated = getattr(model, "TRANSLATED", ())
        if translated:
            keys = ", ".join(f"`{text}_<code>`" for text in translated)
            lines.append(f"| {keys} | text | | the translation into each language of the map after the first |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


#: A property's type ([layer.property.<name>] type) in words.
_PROPERTY_TYPES = {None: "text", "string": "text", "integer": "integer", "date": "`YYYY-MM-DD`", "object": "object"}


def properties_section(manifest: Manifest) -> str:
    """The properties of the situation's features: those every feature has (with a name key per language), then each
    layer's own as its manifest declares them ([layer.property.<name>]; **bold** = required)."""
    languages = manifest.languages[1:]
    named = ", ".join(f"`{language.name_key}` ({language.name})" for language in languages)
    lines = [
        "Common to every feature of every layer:",
        "",
        "| property | required | type | meaning |",
        "|---|---|---|---|",
    ]
    for key, (required, kind, meaning) in COMMON_PROPERTIES.items():
        if key == "name_<code>":
            if not languages:
                continue
            meaning = f"the name in another language of the map: {named}"
        lines.append(f"| `{key}` | {_cell(required)} | {_cell(kind)} | {_cell(meaning)} |")
    lines += [
        "",
        "Per layer (beyond the common ones; **bold** = required; *sourced*: a source of the feature must give it, "
        'naming it in `"supports"`), from `[layer.property.<name>]` in the manifest:',
        "",
        "| layer | property | type | meaning |",
        "|---|---|---|---|",
    ]
    for spec in manifest.layers:
        first = True
        for key, about in spec.about.items():
            name = f"**`{key}`**" if key in spec.required_properties else f"`{key}`"
            values = spec.allowed_values.get(key)
            kind = " | ".join(f"`{v}`" for v in values) if values else _PROPERTY_TYPES[spec.property_types.get(key)]
            if key in spec.sourced:
                kind += ", *sourced*"
            layer = f"`{spec.id}`" + (" (derived)" if spec.kind == "derived" else "") if first else ""
            lines.append(f"| {layer} | {name} | {_cell(kind)} | {_cell(about)} |")
            first = False
    return "\n".join(lines) + "\n"


#: The generated sections of a situation's README.md: marker name -> what fills it.
SECTIONS = {"properties": properties_section, "manifest": lambda manifest: manifest_section()}


def update_readme(text: str, manifest: Manifest) -> str:
    """`text` (a README.md) with each generated section, between `<!-- <name>:start -->` and `<!-- <name>:end -->`,
    made anew; a README without a section's markers keeps its text."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start[^>]*-->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda match, make=make: match.group(1) + make(manifest) + match.group(2), text)
    return text
