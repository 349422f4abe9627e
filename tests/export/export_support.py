"""Reading back what the exporter wrote: page sizes of PNG, PDF and SVG files, PDF page counts, SVG text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

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
