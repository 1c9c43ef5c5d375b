"""The period a stage report covers: whole days, first to last inclusive, in the office's
time zone, as the other commands take dates.

A period runs from 00:00 office time on its first day to 00:00 on the day after its last;
an instant belongs to it when it falls in that half-open span. Reports span at most
:data:`MAX_DAYS` days, so one request cannot ask the store to judge centuries of periods.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

#: The longest period a report covers (two years and a leap day).
MAX_DAYS = 731


class PeriodError(ValueError):
    """A period that cannot be reported on; the message says why, in one line."""


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    zone: zoneinfo.ZoneInfo

    @property
    def start(self) -> datetime:
        """00:00 office time on the first day, as UTC."""
        return datetime.combine(self.first, time(0), tzinfo=self.zone).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """00:00 office time on the day after the last day, as UTC (not in the period)."""
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=self.zone).astimezone(UTC)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def holds(self, instant: datetime | None) -> bool:
        return instant is not None and self.start <= instant < self.end

    def day(self, instant: datetime) -> date:
        """The office's calendar day of ``instant``."""
        return instant.astimezone(self.zone).date()


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"not a date (YYYY-MM-DD): {text[:40]!r}") from None


def period(first: date, last: date, zone: zoneinfo.ZoneInfo) -> Period:
    if last < first:
        raise PeriodError(f"the period ends ({last}) before it starts ({first})")
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError(f"a report covers at most {MAX_DAYS} days")
    return Period(first, last, zone)
