"""The one way every output is written: to a temporary file beside its target, moved into place only when complete,
so that a failure never leaves a half-written file or changes what was there before."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from geo.errors import IdlibMapError, OutputError

__all__ = ["atomic_path", "atomic_directory", "write_atomic", "write_text_atomic", "output_format"]


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to, moved onto `path` when the block ends without error and removed
    otherwise; an OSError becomes an OutputError naming the file."""
    path = Path(path)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        temporary = Path(name)
        yield temporary
        os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are for everyone to read
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror}); check the folder and its permissions") from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def write_atomic(path: Path) -> Iterator[IO[bytes]]:
    """A binary stream to write `path` through, atomically (see atomic_path)."""
    with atomic_path(path) as temporary, temporary.open("wb") as stream:
        yield stream


def write_text_atomic(path: Path, text: str, keep_same: bool = False) -> bool:
    """Write `text` as UTF-8 to `path`, atomically; with `keep_same`, a file that holds these bytes already is left
    as it is (its time too, so that make rebuilds nothing from it). True when the file was written."""
    body = text.encode("utf-8")
    if keep_same and Path(path).is_file() and Path(path).read_bytes() == body:
        return False
    with write_atomic(path) as stream:
        stream.write(body)
    return True


@contextlib.contextmanager
def atomic_directory(path: Path) -> Iterator[Path]:
    """A new empty folder beside `path` to fill, put in the place of `path` (and the old folder removed) when the
    block ends without error, and removed otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        yield staging
        staging.chmod(0o755)  # mkdtemp makes it private; outputs are for everyone to read
        if path.exists():
            previous = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.old."))
            path.rename(previous / path.name)
            staging.rename(path)
            shutil.rmtree(previous)
        else:
            staging.rename(path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def output_format(fmt: str | None, path: Path, formats: Sequence[str], error: type[IdlibMapError]) -> str:
    """The format to write `path` in: `fmt`, or else the file's extension; `error` if it is not one of `formats`, or
    if it contradicts the extension (a file named .png holding a PDF would mislead)."""
    extension = Path(path).suffix.lower().lstrip(".")
    chosen = (fmt or extension).lower()
    if chosen not in formats:
        given = f"format {fmt!r}" if fmt else f"{path}: extension {extension!r}"
        raise error(f"unknown {given}; use one of {', '.join(formats)} (--format or the file's extension)")
    if extension in formats and extension != chosen:
        raise error(f"{path}: the name ends in .{extension} but the format asked for is {chosen}; make them agree")
    return chosen
