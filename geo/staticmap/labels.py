"""Label placement: every label beside its point, none overlapping another, a symbol or the frame's edge.

Greedy, in order of importance: each label tries the positions a cartographer prefers (right of the point,
then above right, below right, left, ...) and takes the first one whose box is inside the frame and clear of
every box placed so far and of every obstacle (markers, the scale bar, the north arrow). A label that fits
nowhere is dropped, so the least important ones give way. All boxes are in points on the page, so a placement
is the same whatever the output's resolution.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from geo.staticmap.typesetting import measure

__all__ = ["LabelRequest", "Placement", "place_labels"]

#: Clearance kept around every label box, in points.
PADDING = 1.2

#: Candidate positions, best first: (x direction, y direction) from the point; 0 = centred on it.
_POSITIONS = ((1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1), (0, -1))

#: The positions are tried at the label's gap, then this many times farther (to step over a crowded symbol).
_RINGS = (1.0, 2.5)


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its text and font, its anchor on the page (points), and how far from it to stay.

    `gap` is the distance from the anchor to the label (the marker's radius plus a little); a label with
    `centred` is placed on its anchor only (the name of an area). Requests sharing a `group` are alternatives:
    once one of them is placed, the others are skipped.
    """

    text: str
    x: float
    y: float
    size: float
    weight: str = "normal"
    style: str = "normal"
    gap: float = 2.0
    centred: bool = False
    group: str | None = None


@dataclass(frozen=True)
class Placement:
    """Where a label goes: offset from its anchor in points, with the text alignment that offset assumes."""

    request: LabelRequest
    dx: float
    dy: float
    ha: str
    va: str


def _candidates(request: LabelRequest) -> Iterable[tuple[Placement, np.ndarray]]:
    width, height = measure(request.text, request.size, request.weight, request.style)
    positions = ((1.0, 0, 0),) if request.centred else ((ring, sx, sy) for ring in _RINGS for sx, sy in _POSITIONS)
    for ring, sx, sy in positions:
        diagonal = 0.7 if sx and sy else 1.0
        dx = sx * request.gap * ring * diagonal
        dy = sy * request.gap * ring * diagonal
        ha = {1: "left", -1: "right", 0: "center"}[sx]
        va = {1: "bottom", -1: "top", 0: "center"}[sy]
        left = request.x + dx - {"left": 0, "right": width, "center": width / 2}[ha]
        bottom = request.y + dy - {"bottom": 0, "top": height, "center": height / 2}[va]
        box = np.array([left, bottom, left + width, bottom + height])
        yield Placement(request, dx, dy, ha, va), box


def place_labels(
    requests: Sequence[LabelRequest], bounds: Sequence[float], obstacles: np.ndarray | None = None
) -> list[Placement]:
    """Place `requests` in the order given (most important first) inside `bounds` (x0, y0, x1, y1, points),
    clear of each other and of `obstacles` (an n x 4 array of boxes, points); drop those that do not fit."""
    taken = np.asarray(obstacles if obstacles is not None else np.empty((0, 4)), dtype=float).reshape(-1, 4)
    x0, y0, x1, y1 = bounds
    placed = []
    groups: set[str] = set()
    for request in requests:
        if request.group is not None and request.group in groups:
            continue
        for placement, box in _candidates(request):
            padded = box + np.array([-PADDING, -PADDING, PADDING, PADDING])
            inside = x0 <= padded[0] and y0 <= padded[1] and padded[2] <= x1 and padded[3] <= y1
            if not inside or _overlaps(padded, taken):
                continue
            placed.append(placement)
            taken = np.vstack([taken, box])
            if request.group is not None:
                groups.add(request.group)
            break
    return placed


def _overlaps(box: np.ndarray, boxes: np.ndarray) -> bool:
    """True when `box` overlaps any row of `boxes` (all as x0, y0, x1, y1)."""
    if not len(boxes):
        return False
    return bool(
        np.any((box[0] < boxes[:, 2]) & (boxes[:, 0] < box[2]) & (box[1] < boxes[:, 3]) & (boxes[:, 1] < box[3]))
    )
