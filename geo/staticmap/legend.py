"""The legend of a static map: what it lists (the layers drawn on the date, and how exact their positions are: the
geometry qualities drawn, and the circle round a point that has an uncertainty_m) and how it is drawn, with symbols
made from the same styles as the map (geo.model.style, through geo.staticmap.drawing), labelled in the sheet's
language; a right-to-left sheet sets each symbol right of its label and reads the columns from the right."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerBase, HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import IdentityTransform

from geo.model.manifest import Manifest
from geo.model.style import (
    UNCERTAINTY_SYMBOL,
    UNCERTAINTY_SYMBOL_RADIUS,
    LegendEntry,
    legend_entries,
    quality_legend,
    quality_symbol,
    shows_uncertainty,
)
from geo.model.symbols import UNCERTAINTY_FILL_OPACITY
from geo.model.wording import Wording
from geo.staticmap.drawing import (
    HATCH,
    PX,
    flow_head,
    flow_width,
    head_patch,
    line_style,
    marker_edge_width,
    marker_path,
    marker_size,
    ring_line,
    ring_size,
    uncertainty_line,
)
from geo.staticmap.typesetting import directed, wrap

__all__ = ["MapLegend", "map_legend", "draw_legend"]

#: Legend layout, in multiples of the font size: the symbol's box, and the gap between symbol and label.
_HANDLE_LENGTH, _HANDLE_HEIGHT, _TEXT_PAD, _COLUMN_GAP = 3.2, 1.4, 0.8, 1.2


@dataclass(frozen=True)
class MapLegend:
    """The legend of one map: lines for the layers drawn, then how exact a position is: the explanation of each
    geometry quality drawn (only when some drawn feature is approximate or schematic, that is, drawn differently),
    and of the uncertainty circle when some point drawn has one (`uncertainty`)."""

    entries: list[LegendEntry]
    qualities: list[tuple[str, str, dict[str, Any]]]
    uncertainty: bool

    @property
    def layers(self) -> list[str]:
        """The ids of the layers the legend lists, in its order (the top layer first)."""
        return list(dict.fromkeys(entry.layer for entry in self.entries))


def map_legend(manifest: Manifest, drawn: dict[str, list[dict[str, Any]]], language: str | None = None) -> MapLegend:
    """The legend for `drawn` (layer id -> the features drawn) in `language` (default: the manifest's first): the top
    layer first, as a reader scans a map."""
    language = language or manifest.language_codes[0]
    entries = [
        entry
        for spec in reversed(manifest.layers)
        for entry in legend_entries(manifest, spec, drawn.get(spec.id, []), language)
    ]
    present = {f["properties"].get("geometry_quality") for features in drawn.values() for f in features}
    qualities = [quality for quality in quality_legend(manifest, language) if quality[0] in present]
    if not any(overrides for _, _, overrides in qualities):
        qualities = []
    return MapLegend(entries, qualities, shows_uncertainty(f for features in drawn.values() for f in features))


@dataclass(eq=False)
class _FlowSample:
    """A legend symbol for a flow: a short arrow `width` points wide in the flow layer's style."""

    style: dict[str, Any]
    width: float


class _FlowHandler(HandlerBase):
    """Draws a _FlowSample as the map draws a flow: a line, then a solid head where it stops."""

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        style, line_width = orig_handle.style, orig_handle.width
        color = to_rgba(style["color"], style["opacity"])
        head = flow_head(line_width)
        linestyle, cap = line_style(style, line_width)
        y = height / 2 - ydescent
        shaft_end = width - xdescent - head.head_length
        shaft = Line2D(
            [-xdescent, shaft_end],
            [y, y],
            color=color,
            linewidth=line_width,
            linestyle=linestyle,
            solid_capstyle="butt",
            dash_capstyle=cap,
            transform=trans,
        )
        tip = head_patch((shaft_end, y), (width - xdescent, y), head, color, transform=trans)
        return [shaft, tip]


def _marker(style: dict[str, Any]) -> Line2D | _Circled:
    """A point's symbol: its marker, over its ring where the style has one."""
    marker = Line2D(
        [],
        [],
        linestyle="none",
        marker=marker_path(style["marker"]),
        markersize=marker_size(style),
        markerfacecolor=to_rgba(style["fill_color"], style["marker_fill_opacity"]),
        markeredgecolor=to_rgba(style["color"], style["opacity"]),
        markeredgewidth=marker_edge_width(style),
    )
    if not style.get("ring"):
        return marker
    edge = to_rgba(style["color"], style["opacity"])
    return _Circled(marker, ring_size(style), ring_line(style), edge, "none")


@dataclass(eq=False)
class _Circled:
    """A legend symbol for a marker in a circle (geo.model.symbols: a ring, or the circle of a point's uncertainty):
    the marker, the circle's diameter in points, its line (width in points, matplotlib linestyle), outline and fill."""

    marker: Line2D
    diameter: float
    line: tuple[float, Any]
    edge: Any
    face: Any


class _CircledHandler(HandlerBase):
    """Draws a _Circled symbol as the map draws the point: the circle (solid or broken), then the marker at its
    centre."""

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize, trans):
        centre = (width / 2 - xdescent, height / 2 - ydescent)
        line_width, linestyle = orig_handle.line
        shape = MarkerStyle("o")
        circle = PathCollection(
            [shape.get_path().transformed(shape.get_transform())],
            sizes=[orig_handle.diameter**2],
            offsets=[centre],
            offset_transform=trans,
            transform=IdentityTransform(),
            facecolors=orig_handle.face,
            edgecolors=[orig_handle.edge],
            linewidths=line_width,
            linestyles=[linestyle],
        )
        marker = Line2D([centre[0]], [centre[1]], transform=trans)
        marker.update_from(orig_handle.marker)
        marker.set_transform(trans)
        return [circle, marker]


def _line(style: dict[str, Any]) -> Line2D:
    linestyle, cap = line_style(style, style["weight"] * PX)
    return Line2D(
        [],
        [],
        color=to_rgba(style["color"], style["opacity"]),
        linewidth=style["weight"] * PX,
        linestyle=linestyle,
        dash_capstyle=cap,
    )


def _area(style: dict[str, Any]) -> Patch:
    linestyle, _ = line_style(style, style["weight"] * PX)
    return Patch(
        facecolor=to_rgba(style["fill_color"], style["fill_opacity"]),
        edgecolor=to_rgba(style["color"], style["opacity"]),
        linewidth=style["weight"] * PX,
        linestyle=linestyle,
        hatch=HATCH if style["hatch"] else None,
    )


def _symbol(entry: LegendEntry) -> Any:
    """The legend symbol of a layer entry, drawn as the map draws the feature."""
    kind = entry.geometry.replace("Multi", "")
    if kind == "Polygon":
        return _area(entry.style)
    if kind == "LineString":
        return (
            _FlowSample(entry.style, entry.style["weight"] * PX) if entry.style.get("width_by") else _line(entry.style)
        )
    return _marker(entry.style)


def _quality_symbol(overrides: dict[str, Any]) -> Any:
    """A neutral symbol of what a geometry quality changes: a hatched area, or a line (dashed or not) with a
    marker (pale or not)."""
    style = quality_symbol(overrides)
    if style["hatch"]:
        return _area({**style, "fill_opacity": 0})
    return (_line(style), _marker(style))


def _uncertainty_symbol() -> _Circled:
    """The symbol of a point in the circle of its uncertainty: the legends' neutral dot in a dashed circle, with the
    line, dash and fill the map draws the circle with."""
    style = UNCERTAINTY_SYMBOL
    face = to_rgba(style["fill_color"], UNCERTAINTY_FILL_OPACITY)
    edge = to_rgba(style["color"], style["opacity"])
    return _Circled(_marker(style), 2 * UNCERTAINTY_SYMBOL_RADIUS * PX, uncertainty_line(), edge, face)


def _heading() -> Rectangle:
    """An invisible symbol, for a line of the legend that is a heading."""
    return Rectangle((0, 0), 1, 1, visible=False)


@dataclass(frozen=True)
class _Row:
    """A line of the legend: its symbol, its label (wrapped), whether it is a heading, and the group it belongs to
    (its layer, or the explanation of the qualities), which a column break does not split where it can help it."""

    symbol: Any
    label: str
    heading: bool
    group: str

    @property
    def height(self) -> float:
        """Its height in lines, with the space between two rows."""
        return self.label.count("\n") + 1 + 0.45


def _columns(rows: list[_Row], columns: int) -> list[list[_Row]]:
    """`rows` split in order into at most `columns` columns, the tallest as short as can be, breaking only between
    two groups and never after a heading (it goes with the lines under it); between any two rows where no such
    break exists."""
    breaks = [i for i in range(1, len(rows)) if rows[i].group != rows[i - 1].group and not rows[i - 1].heading]
    if len(breaks) < columns - 1:
        breaks = [i for i in range(1, len(rows)) if not rows[i - 1].heading]
    best: tuple[float, tuple[int, ...]] = (float("inf"), ())
    for chosen in combinations(breaks, min(columns - 1, len(breaks))):
        edges = (0, *chosen, len(rows))
        tallest = max(sum(row.height for row in rows[a:b]) for a, b in zip(edges, edges[1:]))
        best = min(best, (tallest, chosen))
    edges = (0, *best[1], len(rows))
    return [rows[a:b] for a, b in zip(edges, edges[1:]) if rows[a:b]]


def draw_legend(
    ax: Axes, legend: MapLegend, flow_largest: dict[str, float], words: Wording, fontsize: float = 7.0, columns: int = 2
) -> list[Legend]:
    """Draw `legend` at the top of `ax` (an empty panel) from its start side, in `columns` columns, labels wrapped to a
    column's width; flows get a width key on their layer's scale. Returns the columns drawn."""
    column_width = ax.get_window_extent().width * 72 / ax.get_figure().dpi / columns - _COLUMN_GAP * fontsize
    text_width = column_width - (_HANDLE_LENGTH + _TEXT_PAD) * fontsize
    first = legend.entries[0].layer if legend.entries else "legend"
    rows = [_Row(_heading(), words("print.legend"), True, first)]
    for entry in legend.entries:
        rows.append(_Row(_symbol(entry), wrap(entry.label, fontsize, text_width), False, entry.layer))
        if entry.style.get("width_by"):
            # The width key is the largest figure a source gives for one flow: no round number that none gives.
            largest = flow_largest.get(entry.layer, 0.0)
            if largest >= 1:
                key = words(
                    "print.flow_key",
                    figure=words.number(round(largest)),
                    property=words.property(entry.style["width_by"]),
                )
                sample = _FlowSample(entry.style, flow_width(entry.style, largest, largest))
                rows.append(_Row(sample, wrap(key, fontsize, text_width), False, entry.layer))
    if legend.qualities or legend.uncertainty:
        rows.append(_Row(_heading(), words("maps.qualities"), True, "qualities"))
        for _, label, overrides in legend.qualities:
            rows.append(_Row(_quality_symbol(overrides), wrap(label, fontsize, text_width), False, "qualities"))
        if legend.uncertainty:
            label = wrap(words("maps.uncertainty"), fontsize, text_width)
            rows.append(_Row(_uncertainty_symbol(), label, False, "qualities"))
    drawn = []
    for number, part in enumerate(_columns(rows, columns)):
        # The first column at the start side: the left, or the right in a right-to-left sheet.
        side = number if not words.rtl else columns - 1 - number
        column = Legend(
            ax,
            [row.symbol for row in part],
            [directed(row.label, words.rtl) for row in part],
            loc="upper right" if words.rtl else "upper left",
            bbox_to_anchor=((side + 1) / columns if words.rtl else side / columns, 1),
            frameon=False,
            fontsize=fontsize,
            handlelength=_HANDLE_LENGTH,
            handleheight=_HANDLE_HEIGHT,
            handletextpad=_TEXT_PAD,
            labelspacing=0.45,
            borderaxespad=0,
            borderpad=0,
            markerfirst=not words.rtl,
            handler_map={
                _FlowSample: _FlowHandler(),
                _Circled: _CircledHandler(),
                tuple: HandlerTuple(ndivide=None, pad=0),
            },
        )
        for text, row in zip(column.get_texts(), part):
            if words.rtl:
                text.set_multialignment("right")
            if row.heading:
                text.set_fontweight("bold")
                text.set_fontsize(fontsize + 1.5)
        ax.add_artist(column)
        drawn.append(column)
    return drawn
