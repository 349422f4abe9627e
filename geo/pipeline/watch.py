"""Rebuild on save: look at a situation's folder every few tenths of a second and run a command (make) when a file
in it has changed, as mkdocs and Hugo do for their sites. A running server (`make run`, or `make watch`, which starts
one) then serves the new build within its own poll; a command that fails leaves what was built, and says why."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import click

__all__ = ["folder_state", "watch_folder"]


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file of `folder` and below (name -> size, modification time in ns), hidden files and editors' swap and
    backup files left out: a save is a change of this."""
    state = {}
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
                continue
            path = os.path.join(root, name)
            try:
                status = os.stat(path)
            except FileNotFoundError:
                continue  # removed while looked at: the next look sees it gone
            state[path] = (status.st_size, status.st_mtime_ns)
    return state


def watch_folder(folder: Path, command: list[str], every: float) -> None:
    """Run `command` now and whenever a file of `folder` changes, until interrupted (Ctrl-C)."""
    click.echo(f"watching {folder}: `{' '.join(command)}` runs on every save (Ctrl-C stops)", err=True)
    seen: dict[str, tuple[int, int]] | None = None
    try:
        while True:
            state = folder_state(folder)
            if state != seen:
                seen = state
                start = time.perf_counter()
                result = subprocess.run(command, check=False)
                outcome = "done" if result.returncode == 0 else f"failed (exit status {result.returncode})"
                click.echo(f"{outcome} in {time.perf_counter() - start:.1f} s; watching {folder}", err=True)
            time.sleep(every)
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)
