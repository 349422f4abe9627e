"""The benchmark's results: one record per measurement, the targets they are held to, the printed table and
build/bench/results.json (written atomically, so a reader never sees half a file)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from geo.model.files import write_text_atomic

__all__ = ["Result", "Target", "TARGETS", "targets_of", "table", "write_results"]


@dataclass(frozen=True)
class Result:
    """One measurement of ours against one baseline; `size` is features per layer (0 where none applies)."""

    name: str
    size: int
    ours: float | None
    baseline: float | None
    baseline_name: str | None
    unit: str

    @property
    def ratio(self) -> float | None:
        """ours / baseline; None when either is missing or the baseline is 0."""
        if self.ours is None or not self.baseline:
            return None
        return self.ours / self.baseline

    def to_json(self) -> dict:
        return {**asdict(self), "ratio": self.ratio}


@dataclass(frozen=True)
class Target:
    """A bound on ours (or on ours / baseline when `of_baseline`), at one size (any size when None)."""

    name: str
    size: int | None
    limit: float
    of_baseline: str | None = None

    def applies(self, result: Result) -> bool:
        return (
            result.name == self.name
            and self.size in (None, result.size)
            and self.of_baseline in (None, result.baseline_name)
        )

    def met(self, result: Result) -> bool:
        value = result.ratio if self.of_baseline else result.ours
        return value is not None and value <= self.limit

    def describe(self) -> str:
        return f"<= {self.limit:g} x baseline" if self.of_baseline else f"<= {self.limit:g}"


TIMELINE = "folium Timeline + TimelineSlider"

TARGETS = (
    Target("bytes_transferred", 10_000, 0.25, of_baseline="GeoDataFrame.explore()"),
    Target("date_switch_ms_p95", 10_000, 50),
    Target("date_switch_ms_p95", 100_000, 100),
    Target("date_switch_ms_p50", None, 1, of_baseline=TIMELINE),
    Target("date_switch_ms_p95", None, 1, of_baseline=TIMELINE),
    Target("first_render_ms", 10_000, 1000),
    Target("first_render_ms", 100_000, 5000),
    Target("api_ms_p50", 100_000, 10),
    Target("api_errors", 100_000, 0),
    Target("edit_to_served_s", 0, 2),
    Target("edit_to_served_s", 10_000, 2),
    Target("layers_noop_s", None, 1),
    Target("export_s", None, 5),
    Target("import_s", 100_000, 20),
    Target("events_date_switch_ms_p95", 100_000, 50),
    Target("events_date_switch_ms_p95", 1_000_000, 100),
    Target("events_first_render_ms", 100_000, 3000),
    Target("events_first_render_ms", 1_000_000, 10_000),
    Target("events_api_ms_p50", 100_000, 10),
)


def targets_of(result: Result) -> list[Target]:
    return [target for target in TARGETS if target.applies(result)]


def _number(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def table(results: list[Result]) -> str:
    """The results as a Markdown table, each target shown as met or missed."""
    lines = [
        "| measure | size | ours | baseline | baseline is | ours/baseline | unit | target |",
        "|---|---:|---:|---:|---|---:|---|---|",
    ]
    for result in results:
        verdict = "; ".join(
            f"{target.describe()}: {'met' if target.met(result) else 'MISSED'}" for target in targets_of(result)
        )
        ratio = "n/a" if result.ratio is None else f"{result.ratio:.3g}"
        lines.append(
            f"| {result.name} | {result.size:,} | {_number(result.ours)} | {_number(result.baseline)} "
            f"| {result.baseline_name or 'none'} | {ratio} | {result.unit} | {verdict} |"
        )
    return "\n".join(lines)


def write_results(path: Path, results: list[Result]) -> None:
    """Write the results as a JSON list to `path`, atomically."""
    write_text_atomic(path, json.dumps([result.to_json() for result in results], indent=2) + "\n")
