"""Reading a dataset's CSV file row by row, with the line each row starts on, and the checks every dataset's rows
share: a column that must be there, a whole number, a day, a position inside the map's surroundings, a precision code
the manifest maps. A problem is raised as RowProblem, which the importer reports with the file and the line."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.errors import FeedError

__all__ = ["RowProblem", "Row", "Frame", "read_rows", "whole_number", "day", "position", "precision", "point"]

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NAMED_DAY = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})")
_DMY_DAY = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


class RowProblem(Exception):
    """What is wrong with one row, and what to do about it (the importer adds the file and the line)."""


@dataclass(frozen=True)
class Row:
    """One record of the file: the line of the file it starts on, and its fields by column name, stripped."""

    line: int
    fields: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.fields[column]

    def get(self, column: str) -> str:
        """The field of an optional column, "" where the file has no such column."""
        return self.fields.get(column, "")


@dataclass(frozen=True)
class Frame:
    """The situation's frame ([map] extent), in degrees: the events of its map lie inside it."""

    west: float
    south: float
    east: float
    north: float

    def holds(self, longitude: float, latitude: float) -> bool:
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def __str__(self) -> str:
        return f"longitude {self.west} to {self.east}, latitude {self.south} to {self.north}"


def read_rows(path: Path, required: Sequence[str]) -> Iterator[Row]:
    """The records of the CSV file `path` (UTF-8, a header line first), streamed; FeedError naming the file when it
    cannot be read or its header lacks a column of `required`."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as stream:
            yield from _records(csv.reader(stream), path, required)
    except OSError as exc:
        raise FeedError(f"{path}: cannot be read ({exc.strerror}); check the file's name") from None


def _records(reader: Any, path: Path, required: Sequence[str]) -> Iterator[Row]:
    try:
        header = next(reader, None)
        if header is None:
            raise FeedError(f"{path}: the file is empty; it must start with the dataset's header line")
        names = [name.strip().lower() for name in header]
        missing = [column for column in required if column not in names]
        if missing:
            raise FeedError(
                f"{path}, line 1: the header has no column {', '.join(missing)}; export the file again with every "
                "column of the dataset's codebook (the file's own header names the columns it holds)"
            )
        while True:
            line = reader.line_num + 1
            values = next(reader, None)
            if values is None:
                return
            if values:  # a short record lacks its last fields: they are empty
                fields = dict.fromkeys(names, "")
                fields.update(zip(names, map(str.strip, values)))
                yield Row(line, fields)
    except UnicodeDecodeError as exc:
        raise FeedError(f"{path}: not UTF-8 text (byte {exc.start} of a line); save the file as UTF-8") from None
    except csv.Error as exc:
        raise FeedError(f"{path}, line {reader.line_num}: not CSV ({exc}); export the file again") from None


def whole_number(row: Row, column: str) -> int:
    """The field `column` as a whole number 0 or more ("12", or "12.0" as some tools write it)."""
    text = row[column]
    try:
        number = float(text)
    except ValueError:
        raise RowProblem(f"{column} is {text!r}, not a number; give a whole number, 0 or more") from None
    if number < 0 or not number.is_integer():
        raise RowProblem(f"{column} is {text!r}; it must be a whole number, 0 or more")
    return int(number)


def day(row: Row, column: str) -> dt.date:
    """The field `column` as a day, written YYYY-MM-DD (a time after it is ignored), DD Month YYYY (English month
    names, whole or in three letters, as ACLED's exports write them) or DD-MM-YYYY (as ACLED's codebook does).
    Read without strptime, which follows the machine's locale and is slow at a million rows."""
    text = row[column]
    if not text:
        raise RowProblem(f"{column} is empty; every event needs its date: fix the row, or leave it out of the file")
    try:
        iso = _ISO_DAY.match(text)
        if iso:
            return dt.date(*(int(part) for part in iso.groups()))
        named = _NAMED_DAY.fullmatch(text)
        if named and named[2].lower()[:3] in _MONTHS:
            return dt.date(int(named[3]), _MONTHS[named[2].lower()[:3]], int(named[1]))
        numeric = _DMY_DAY.fullmatch(text)
        if numeric:
            return dt.date(int(numeric[3]), int(numeric[2]), int(numeric[1]))
    except ValueError:
        pass
    raise RowProblem(
        f"{column} is {text!r}, not a day of the calendar; write it as YYYY-MM-DD, DD Month YYYY or DD-MM-YYYY"
    )


def position(row: Row, frame: Frame) -> tuple[float, float]:
    """(longitude, latitude) of the row, inside the map's surroundings, rounded to 6 decimals (about 0.1 m)."""
    try:
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
    except ValueError:
        raise RowProblem(
            f"latitude {row['latitude']!r} and longitude {row['longitude']!r} must be numbers in degrees"
        ) from None
    if not frame.holds(longitude, latitude):
        if frame.holds(latitude, longitude):
            raise RowProblem(
                f"latitude {latitude} and longitude {longitude} look swapped (swapped, they fall inside the map's "
                "frame); put each number in its own column"
            )
        raise RowProblem(
            f"the position (latitude {latitude}, longitude {longitude}) is outside the map's frame ({frame}); leave "
            "events elsewhere out of the file (filter the download by area), or widen the manifest's [map] extent"
        )
    return round(longitude, 6), round(latitude, 6)


def precision(row: Row, column: str, table: Mapping[str, Any]) -> tuple[str, Any]:
    """(code, its entry) of the row's precision code in the manifest's [layer.feed.precision] `table`."""
    code = row[column]
    if code.endswith(".0"):
        code = code[:-2]
    if code not in table:
        raise RowProblem(
            f"{column} is {row[column]!r}, a code [layer.feed.precision] does not map; the manifest maps "
            f"{', '.join(table)}: add [layer.feed.precision.{code or '<code>'}] (what the codebook says it means, "
            "its geometry_quality and uncertainty_m), or fix the row"
        )
    return code, table[code]


def point(properties: dict[str, Any], longitude: float, latitude: float) -> dict[str, Any]:
    """A GeoJSON point feature."""
    geometry = {"type": "Point", "coordinates": [longitude, latitude]}
    return {"type": "Feature", "geometry": geometry, "properties": properties}
