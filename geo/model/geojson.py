"""Reading layer files strictly and writing GeoJSON atomically (RFC 7946, 6 decimals)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.errors import LayerFileError

__all__ = ["read_json", "dumps_collection", "write_text_atomic", "write_collection"]

#: Decimal places kept in written coordinates: 6 is about 0.1 m, finer than any source of the map.
PRECISION = 6


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json(path: Path) -> Any:
    """Parse a UTF-8 JSON file; NaN, Infinity, an empty file or bad encoding raise LayerFileError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LayerFileError(f"{path}: cannot be read ({exc.strerror}); check that the file exists") from None
    if not raw.strip():
        raise LayerFileError(f"{path}: the file is empty; it must hold a GeoJSON FeatureCollection")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LayerFileError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded); save the file as UTF-8"
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        raise LayerFileError(f"{path}: not valid JSON ({exc}); fix the syntax at that place") from None


def dumps_collection(features: Iterable[dict[str, Any]], **members: Any) -> str:
    """A FeatureCollection as compact JSON text, with extra top-level `members` (e.g. name) first."""
    body = {"type": "FeatureCollection", **members, "features": list(features)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then move it into place: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are for everyone to read
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_collection(path: Path, features: Iterable[dict[str, Any]], **members: Any) -> None:
    """Write features as a FeatureCollection file, atomically."""
    write_text_atomic(path, dumps_collection(features, **members) + "\n")
