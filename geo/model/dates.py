"""Strict ISO 8601 days: the only date form the layers, the CLI and the API accept."""

from __future__ import annotations

import datetime as dt
import re

from geo.errors import DateError

__all__ = ["parse_date", "FAR_FUTURE"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: The end of an open interval: a feature with no valid_to is valid until then.
FAR_FUTURE = dt.date(9999, 12, 31)


def parse_date(value: object, what: str = "date") -> dt.date:
    """Return the day that `value` (a 'YYYY-MM-DD' string) names, or raise DateError saying why not."""
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise DateError(f"{what} {value!r} is not a date in the form YYYY-MM-DD (for example 2020-03-05)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DateError(f"{what} {value!r} is not a day of the calendar (check the month and the day)") from None
