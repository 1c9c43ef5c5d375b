"""The one source of "now" for everything that schedules or decides by time.

Rotation, display windows, office hours and idle timeouts all read a :class:`Clock`, so
tests can run a week of schedule in a second and simulate clock jumps.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""


class SystemClock:
    """Wall-clock time from the operating system."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to; for tests and for previewing schedules."""

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = as_utc(instant)

    def advance(self, delta: timedelta | float) -> None:
        if not isinstance(delta, timedelta):
            delta = timedelta(seconds=delta)
        self._now += delta


def as_utc(instant: datetime) -> datetime:
    """The same instant in UTC; naive datetimes are refused rather than guessed at."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"naive datetime {instant!r}: instants must carry an offset")
    return instant.astimezone(UTC)
