"""The errors a user can meet, each with a message that says where the problem is and what to do."""

from __future__ import annotations

__all__ = [
    "IdlibMapError",
    "ManifestError",
    "LayerFileError",
    "ValidationError",
    "DateError",
    "UnknownLayerError",
    "ExportError",
    "DataExportError",
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


class DataExportError(IdlibMapError):
    """A GIS data file (GeoPackage, CSV, KML) cannot be written with the options given."""
