"""The type of every static map: one font, how wide a text is set in it, how a text is broken into lines, and how a
line runs in its language's direction.

matplotlib (3.11 and later) lays text out with HarfBuzz and SheenBidi: Arabic is shaped and runs right to left in the
PNG and the PDF, and an SVG keeps the text as written for the viewer to lay out. Each line is a paragraph of its own
there, whose direction is that of its first strong letter; a line of a right-to-left sheet starts with a
RIGHT-TO-LEFT MARK, so that it runs right to left even where it starts with a Latin name or a number.
"""

from __future__ import annotations

from functools import cache, lru_cache

from fontTools.ttLib import TTFont
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.textpath import TextToPath

__all__ = ["FONT_FAMILY", "MIN_SIZE", "RLM", "measure", "wrap", "line_height", "upright_unless_covered", "directed"]

#: The one font of every map: shipped with matplotlib, so the same everywhere; it has Latin, Cyrillic and Arabic
#: (its upright faces; its oblique faces have no Arabic, see upright_unless_covered).
FONT_FAMILY = "DejaVu Sans"

#: No text of a sheet is set smaller than this, in points (A4 at 100 %).
MIN_SIZE = 6.0

#: U+200F RIGHT-TO-LEFT MARK: starts a line that must run right to left whatever its first letter.
RLM = "\u200f"


def _font(size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
    return FontProperties(family=FONT_FAMILY, size=size, weight=weight, style=style)


@lru_cache(maxsize=4096)
def measure(text: str, size: float, weight: str = "normal", style: str = "normal") -> tuple[float, float]:
    """Width and height in points of one line of `text`, as laid out (shaped); the height is a full line's."""
    font = _font(size, weight, style)
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    _, height, _ = TextToPath().get_text_width_height_descent("lp", font, ismath=False)
    return width, height


def line_height(size: float, spacing: float, weight: str = "normal") -> float:
    """The distance between two lines of type `size` set with `spacing`, in points."""
    return measure("lp", size, weight)[1] * spacing


def wrap(text: str, size: float, width: float, weight: str = "normal", indent: str = "") -> str:
    """`text` broken into lines no wider than `width` points (a word longer than that keeps its own line); lines
    after the first start with `indent`."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate, size, weight)[0] <= width:
            lines[-1] = candidate
        else:
            lines.append(f"{indent}{word}" if lines else word)
    return "\n".join(lines)


@cache
def _characters(weight: str, style: str) -> frozenset[int]:
    """The characters the font's face of `weight` and `style` has a glyph for."""
    return frozenset(TTFont(findfont(_font(10, weight, style))).getBestCmap())


def upright_unless_covered(text: str, weight: str, style: str) -> str:
    """`style`, or "normal" where the font's face of that style lacks a letter of `text` (DejaVu Sans Oblique has no
    Arabic: an Arabic date label is set upright, as Arabic type has no italic)."""
    if style == "normal":
        return style
    covered = _characters(weight, style)
    return style if all(ord(c) in covered for c in text if not c.isspace()) else "normal"


def directed(text: str, rtl: bool) -> str:
    """`text` with every line starting with a RIGHT-TO-LEFT MARK when `rtl`, as it is otherwise."""
    if not rtl:
        return text
    return "\n".join(RLM + line for line in text.split("\n"))
