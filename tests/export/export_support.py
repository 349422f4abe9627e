"""Reading back what the exporter wrote: page sizes of PNG, PDF and SVG files, PDF page counts, SVG text, and a
PNG compared with its reviewed baseline region by region."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from PIL import Image

#: The first bytes of each format.
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<?xml"}

_SVG = "{http://www.w3.org/2000/svg}"


def page_size(path: Path, fmt: str) -> tuple[float, float]:
    """Width and height of a written map: pixels for PNG, points for PDF (its media box) and SVG."""
    if fmt == "png":
        with Image.open(path) as image:
            return image.size
    if fmt == "pdf":
        box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", path.read_bytes())
        return float(box.group(1)), float(box.group(2))
    root = ET.parse(path).getroot()
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


def pdf_pages(path: Path) -> int:
    """How many pages a PDF written by matplotlib has (one page object each)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


def svg_text(path: Path) -> str:
    """All the text of an SVG (its <text> elements, in order) as one line: wrapped labels read whole again."""
    texts = ("".join(element.itertext()) for element in ET.parse(path).getroot().iter(f"{_SVG}text"))
    return " ".join(" ".join(texts).split())


#: The side, in pixels, of the squares two pictures are compared in: about a marker's size at the baseline's dpi.
TILE = 12
#: Largest mean absolute difference (0-255, over a square's pixels and channels) of a square still "the same":
#: room for anti-aliasing between library versions; a missing post marker or a moved label makes 20 and more.
TILE_TOLERANCE = 6.0


def differing_tiles(made: Path, expected: Path) -> list[tuple[int, int, float]]:
    """(x, y, difference) of every TILE-pixel square where the PNG `made` differs from `expected` by more than
    TILE_TOLERANCE, largest first; a difference in size is one square covering everything."""
    with Image.open(made) as one, Image.open(expected) as other:
        if one.size != other.size:
            return [(0, 0, 255.0)]
        a = np.asarray(one.convert("RGB"), dtype=float)
        b = np.asarray(other.convert("RGB"), dtype=float)
    height, width, _ = a.shape
    rows, columns = -(-height // TILE), -(-width // TILE)
    padded = np.zeros((rows * TILE, columns * TILE), dtype=float)
    padded[:height, :width] = np.abs(a - b).mean(axis=2)
    means = padded.reshape(rows, TILE, columns, TILE).mean(axis=(1, 3))
    bad = np.argwhere(means > TILE_TOLERANCE)
    return sorted(((int(c) * TILE, int(r) * TILE, float(means[r, c])) for r, c in bad), key=lambda t: -t[2])


def save_difference(made: Path, expected: Path, output: Path) -> Path:
    """An image of where `made` differs from `expected` (differences in red over a faded `expected`), for review."""
    with Image.open(made) as one, Image.open(expected) as other:
        a = np.asarray(one.convert("RGB").resize(other.size), dtype=float)
        b = np.asarray(other.convert("RGB"), dtype=float)
    difference = np.abs(a - b).mean(axis=2, keepdims=True)
    picture = 255 - (255 - b) * 0.3
    picture = np.where(difference > 20, [220, 0, 0], picture)
    output.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(picture.astype(np.uint8)).save(output)
    return output
