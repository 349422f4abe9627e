"""The notes on where the sources disagree: each fact (and the feature it is about) with its versions side by side,
the version drawn marked, set at one size that stays legible (typesetting.MIN_SIZE) and never smaller. What does not
fit under the legend continues on the pages after the map's, and the map's page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.model.captions import Disagreement
from geo.model.wording import Wording
from geo.staticmap.typesetting import MIN_SIZE, wrap

__all__ = ["NOTE_SIZE", "NOTE_SPACING", "note_texts", "Fitted", "fit_notes"]

#: The notes' type size (points) and line spacing.
NOTE_SIZE, NOTE_SPACING = MIN_SIZE, 1.15


def _named(names: tuple[str, ...], words: Wording) -> str:
    """At most two sources by name, and how many more."""
    more = f" {words('print.more_sources', count=words.number(len(names) - 2))}" if len(names) > 2 else ""
    return words.join(list(names[:2])) + more


def note_texts(found: list[Disagreement], words: Wording) -> list[str]:
    """One note per disagreement: the feature (and how many more it is about), the fact, each version with at most
    two of its sources, the version drawn first and marked."""
    notes = []
    for item in found:
        more = len(item.features) - 1
        about = (
            words("print.more_features", name=item.features[0], count=words.number(more)) if more else item.features[0]
        )
        versions = sorted(item.versions, key=lambda version: not version[1])
        said = " · ".join(
            f"{'■ ' if drawn else ''}{value} ({_named(names, words)})" for value, drawn, names in versions
        )
        notes.append(f"{about} — {item.label}: {said}")
    return notes


@dataclass(frozen=True)
class Fitted:
    """The notes that fit in a column, each wrapped to it, and how many of the notes given were left over."""

    lines: list[str]
    left_over: int


def fit_notes(notes: list[str], width: float, lines: int, size: float = NOTE_SIZE, keep: int = 0) -> Fitted:
    """As many of `notes` as fit whole in `lines` lines of a column `width` points wide, in order; when some are left
    over, `keep` lines are kept free (for the line saying where the rest continues)."""
    wrapped = [wrap(note, size, width, indent="  ").split("\n") for note in notes]
    if sum(len(w) for w in wrapped) <= lines:
        return Fitted([line for w in wrapped for line in w], 0)
    taken: list[str] = []
    for count, note in enumerate(wrapped):
        if len(taken) + len(note) > lines - keep:
            return Fitted(taken, len(notes) - count)
        taken += note
    return Fitted(taken, 0)
