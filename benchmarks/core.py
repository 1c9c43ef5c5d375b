"""The runner's vocabulary: a row's result, interleaved rounds, medians and spreads.

Every row is measured against a floor taken in the same run, interleaved (floor,
measured, floor, measured, …) so that a busy neighbour slows both alike, and reported
as the median over rounds with the spread (fastest–slowest round) beside it.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


@dataclass
class Result:
    """One row of the table (and one object of ``--json``)."""

    name: str
    unit: str
    target: str
    measured: float | None = None
    floor: float | None = None
    ok: bool | None = None
    spread: str = ""
    note: str = ""
    #: Filled by :meth:`judge`; None when either figure is missing.
    ratio: float | None = None
    extra: dict = field(default_factory=dict)

    def judge(self, *, ratio_max: float | None = None, measured_max: float | None = None) -> Result:
        """Set ratio and ok from the figures: ok when every given bound holds."""
        if self.measured is not None and self.floor:
            self.ratio = self.measured / self.floor
        checks = []
        if ratio_max is not None:
            checks.append(self.ratio is not None and self.ratio <= ratio_max)
        if measured_max is not None:
            checks.append(self.measured is not None and self.measured <= measured_max)
        self.ok = all(checks) if self.measured is not None and checks else None
        return self

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        return data | self.extra


def not_measured(name: str, unit: str, target: str, reason: str) -> Result:
    """A row that could not be built or run: said plainly, never a made-up figure."""
    return Result(name, unit, target, note=f"not measured: {reason}")


def progress(text: str) -> None:
    """One progress line on stderr, rewritten in place."""
    print(f"\r\x1b[K{text[:110]}", end="", file=sys.stderr, flush=True)


def interleaved(rounds: int, floor: Callable[[], float], measured: Callable[[], float], label: str = ""):
    """Run floor and measured alternately ``rounds`` times; (floors, measureds)."""
    floors: list[float] = []
    measureds: list[float] = []
    for n in range(rounds):
        progress(f"{label}: round {n + 1}/{rounds} floor")
        floors.append(floor())
        progress(f"{label}: round {n + 1}/{rounds} measured")
        measureds.append(measured())
    return floors, measureds


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def spread(floors: list[float], measureds: list[float], fmt: str = "{:.3g}") -> str:
    """Fastest–slowest round of each side, e.g. ``m 1.2–1.5 / f 0.6–0.7``."""
    return (
        f"m {fmt.format(min(measureds))}–{fmt.format(max(measureds))} / "
        f"f {fmt.format(min(floors))}–{fmt.format(max(floors))} (n={len(measureds)})"
    )


def from_rounds(
    name: str,
    unit: str,
    target: str,
    floors: list[float],
    measureds: list[float],
    *,
    ratio_max: float | None = None,
    measured_max: float | None = None,
    note: str = "",
) -> Result:
    """A result from interleaved rounds: medians, spread, verdict."""
    result = Result(name, unit, target, median(measureds), median(floors), spread=spread(floors, measureds), note=note)
    return result.judge(ratio_max=ratio_max, measured_max=measured_max)


class Stopwatch:
    """``with Stopwatch() as t: …`` then ``t.seconds``."""

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._start
