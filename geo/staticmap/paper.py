"""The papers a static map is laid out for: A4, A3 and US Letter, landscape or portrait (`--paper a3-portrait`).

A sheet's size is in inches, rounded to whole pixels at the print resolution (300 dpi) plus half a pixel, as
matplotlib truncates a fractional pixel: A4 landscape is then exactly the standard 3508 x 2480 pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.errors import ExportError

__all__ = ["PAPERS", "ORIENTATIONS", "Paper", "paper"]

#: Width and height of each paper in portrait, millimetres.
PAPERS = {"a4": (210.0, 297.0), "a3": (297.0, 420.0), "letter": (215.9, 279.4)}
ORIENTATIONS = ("landscape", "portrait")

#: The resolution the sizes are rounded at (geo.staticmap.export.PRINT_DPI).
_DPI = 300


@dataclass(frozen=True)
class Paper:
    """A paper and its orientation; `size` is (width, height) in inches."""

    name: str
    orientation: str

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"

    @property
    def size(self) -> tuple[float, float]:
        short, long = sorted(PAPERS[self.name])
        width, height = (long, short) if self.landscape else (short, long)
        return tuple((round(mm / 25.4 * _DPI) + 0.5) / _DPI for mm in (width, height))

    def __str__(self) -> str:
        return f"{self.name}-{self.orientation}"


def paper(name: str) -> Paper:
    """The paper `name`: "a4", "a3" or "letter", with "-portrait" or "-landscape" (the default); ExportError for
    another."""
    size, _, orientation = name.lower().partition("-")
    orientation = orientation or "landscape"
    if size not in PAPERS or orientation not in ORIENTATIONS:
        choices = ", ".join(f"{p}[-{'|-'.join(ORIENTATIONS)}]" for p in PAPERS)
        raise ExportError(f"unknown paper {name!r}; use {choices} (landscape when not said)")
    return Paper(size, orientation)
