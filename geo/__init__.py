"""Layers of the Idlib situation map: load, validate, select by date, derive and export."""

__version__ = "0.1.0"
