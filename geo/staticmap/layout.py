"""Where each part of a sheet goes, for its paper and orientation and its language's direction: the title, the map,
the panel beside it (landscape) or under it (portrait) holding the inset, the key dates, the legend and the notes,
and the small print across the foot. No part overlaps another: the map column is the map's and its graticule's
alone.

The map's room takes the shape of the situation's frame where the paper allows, the panel getting at least its share;
any view is then widened to that room (geo.staticmap.projection), so that a view of a town and the whole frame fill
the same column. Boxes are laid out for a left-to-right reader and mirrored whole for a right-to-left one: the map
on the right, the panel on its left, text set from the right.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["Box", "Layout", "lay_out", "MARGIN", "FOOT"]

#: Page layout, inches.
MARGIN = 0.42
FOOT = 0.25  # the small print's baseline, from the bottom of the page
_TITLE_GAP = 0.15  # between the subtitle and the map
_SMALL_PRINT_GAP = 0.14  # between the panel (or the map's graticule labels) and the small print
_TICKS = 0.28  # room for the graticule labels under the map
_LATITUDES = 0.2  # room for the graticule labels beside the map
_GAP = 0.32  # between the map and the panel
_INSET_HEIGHT = 1.8
#: The panel's least share of the page: of its width beside the map (landscape), of the height left under the title
#: below it (portrait).
_PANEL_SHARE = {True: 0.3, False: 0.42}
#: In portrait, the panel's first column (inset, key dates) takes this share of its width.
_FIRST_COLUMN = 0.36


@dataclass(frozen=True)
class Box:
    """A rectangle of the page, inches from its lower left corner."""

    left: float
    bottom: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def top(self) -> float:
        return self.bottom + self.height

    def mirrored(self, page_width: float) -> Box:
        """The box as a right-to-left sheet places it: as far from the right edge as this one is from the left."""
        return replace(self, left=page_width - self.right)


@dataclass(frozen=True)
class Layout:
    """The boxes of a sheet: the title block's (its top line), the map's, the panel's parts (the inset, the key
    dates, the column the legend and then the notes run down) and the small print's. `rtl` says the boxes are
    mirrored: text starts at their right edge, the map's latitudes are labelled on its right."""

    page: tuple[float, float]
    title: Box
    map: Box
    inset: Box
    key_dates: Box
    legend: Box
    small_print: Box
    rtl: bool = False

    def start(self, box: Box) -> float:
        """The edge of `box` its text starts from: the left, or the right in a right-to-left sheet."""
        return box.right if self.rtl else box.left


def lay_out(
    page: tuple[float, float],
    landscape: bool,
    frame_shape: float,
    title_height: float,
    small_print_height: float,
    rtl: bool = False,
) -> Layout:
    """The layout of a page `page` (width, height in inches) whose title block is `title_height` high and small print
    `small_print_height`, for a situation whose frame is `frame_shape` times as wide as it is high."""
    width, height = page
    content = width - 2 * MARGIN
    top = height - MARGIN - title_height - _TITLE_GAP
    title = Box(MARGIN, top + _TITLE_GAP, content, title_height)
    small_print = Box(MARGIN, FOOT, content, small_print_height)
    floor = small_print.top + _SMALL_PRINT_GAP  # the lowest the panel (and the map's graticule labels) go
    if landscape:
        map_height = top - floor - _TICKS
        room = content - _LATITUDES - _GAP - _PANEL_SHARE[landscape] * content
        map_box = Box(MARGIN + _LATITUDES, floor + _TICKS, min(map_height * frame_shape, room), map_height)
        side = Box(map_box.right + _GAP, floor, width - MARGIN - map_box.right - _GAP, top - floor)
        inset = Box(side.left, top - _INSET_HEIGHT, side.width / 2, _INSET_HEIGHT)
        key_dates = Box(inset.right + 0.25, floor, side.right - inset.right - 0.25, top - floor)
        legend = Box(side.left, floor, side.width, inset.bottom - 0.3 - floor)
    else:
        room = top - floor - _TICKS
        map_width = content - _LATITUDES
        map_height = min(map_width / frame_shape, room - _GAP - _PANEL_SHARE[landscape] * room)
        map_box = Box(MARGIN + _LATITUDES, top - map_height, map_width, map_height)
        panel_top = map_box.bottom - _TICKS - 0.12
        first = Box(MARGIN, floor, content * _FIRST_COLUMN, panel_top - floor)
        inset_height = min(_INSET_HEIGHT, first.height / 2)
        inset = Box(first.left, panel_top - inset_height, first.width, inset_height)
        key_dates = Box(first.left, floor, first.width, inset.bottom - 0.25 - floor)
        legend = Box(first.right + 0.3, floor, width - MARGIN - first.right - 0.3, panel_top - floor)
    layout = Layout(page, title, map_box, inset, key_dates, legend, small_print)
    if not rtl:
        return layout
    boxes = ("title", "map", "inset", "key_dates", "legend", "small_print")
    return replace(layout, **{name: getattr(layout, name).mirrored(width) for name in boxes}, rtl=True)
