"""The errors a user can meet, each with a message that says where the problem is and what to do."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

__all__ = [
    "IdlibMapError",
    "ManifestError",
    "LayerFileError",
    "ValidationError",
    "DateError",
    "UnknownLayerError",
    "ExportError",
    "OutputError",
    "reported",
    "DataExportError",
    "FeedError",
]


class IdlibMapError(Exception):
    """Base of every error the project reports to a user instead of a traceback."""


class ManifestError(IdlibMapError):
    """layers/manifest.toml is missing, unreadable or inconsistent."""


class LayerFileError(IdlibMapError):
    """A layer file cannot be read as a GeoJSON FeatureCollection."""


class ValidationError(IdlibMapError):
    """One or more features break the rules of layers/README.md; every problem is listed."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class DateError(IdlibMapError, ValueError):
    """A date is not an existing ISO 8601 day (YYYY-MM-DD)."""


class UnknownLayerError(IdlibMapError, KeyError):
    """A layer id that the manifest does not list."""

    def __str__(self) -> str:
        return str(self.args[0])


class ExportError(IdlibMapError):
    """A static map cannot be made with the options given."""


class OutputError(IdlibMapError):
    """An output file cannot be written where it was asked for."""


def reported(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a project error raised by a command into its message on stderr and exit status 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ValidationError as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            click.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
            sys.exit(1)
        except IdlibMapError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


class DataExportError(IdlibMapError):
    """A GIS data file (GeoPackage, CSV, KML) cannot be written with the options given."""


class FeedError(IdlibMapError):
    """An event dataset's file cannot be imported into its layer as the manifest declares it ([layer.feed])."""
