"""Weekly time rules for the LED display: office hours and dayparts.

A rule is a span of local time on some days of the week, ``days = "mon-fri"``,
``start = "08:30"``, ``end = "17:30"``; ``end`` may be ``"24:00"``, and an ``end`` before
``start`` means the span crosses midnight into the next day. Days use cron's
day-of-week syntax and the boundaries come from APScheduler's cron triggers, which work
in the configured time zone, so daylight-saving changes fall where the wall clock says.

APScheduler is imported only where a trigger is built: the configuration and the
planner's text rules import this module, and the store (which installs without the
kiosk's part, APScheduler included) reads them for its previews.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from kiosk import timefmt
from kiosk.clock import as_utc
from kiosk.schema import check

if TYPE_CHECKING:
    from apscheduler.triggers.cron import CronTrigger

_CLOCK = re.compile(r"([01]\d|2[0-3]):[0-5]\d|24:00")


def _cron(days: str, timezone: str | tzinfo | None = None, **fields: int) -> CronTrigger:
    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger(day_of_week=days, timezone=timezone, **fields)


def _valid_days(text: str) -> bool:
    try:
        _cron(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class TimeRule:
    """One span of local time on the given weekdays."""

    days: str = field(
        default="mon-sun", metadata=check(_valid_days, 'weekdays as cron writes them, e.g. "mon-fri" or "sat,sun"')
    )
    start: str = field(default="00:00", metadata=check(_CLOCK.fullmatch, 'a time "HH:MM"'))
    end: str = field(default="24:00", metadata=check(_CLOCK.fullmatch, 'a time "HH:MM" (or "24:00")'))
    #: Dayparts only: the categories the rotation is limited to during the span.
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start == "24:00":
            raise ValueError('start may not be "24:00"; use "00:00"')
        if self.start == self.end:
            raise ValueError(f"start and end are both {self.start}: the span would be empty")

    @property
    def crosses_midnight(self) -> bool:
        return self.end != "24:00" and self.end < self.start

    def _minutes(self, text: str) -> int:
        hours, minutes = map(int, text.split(":"))
        return hours * 60 + minutes

    def contains(self, local: datetime) -> bool:
        """Whether the local wall-clock time ``local`` falls inside the span."""
        minute = local.hour * 60 + local.minute
        start, end = self._minutes(self.start), self._minutes(self.end)
        if not self.crosses_midnight:
            return _on_day(self.days, local) and start <= minute < end
        if minute >= start:
            return _on_day(self.days, local)
        # After midnight: the span belongs to the day before.
        return minute < end and _on_day(self.days, local - timedelta(days=1))

    def triggers(self, tz: str) -> list[CronTrigger]:
        """Cron triggers firing at the span's start and end instants."""
        return [
            _trigger(self.days, self.start, tz, 0),
            _trigger(self.days, self.end, tz, 1 if self.crosses_midnight or self.end == "24:00" else 0),
        ]


def _on_day(days: str, local: datetime) -> bool:
    trigger = _cron(days, local.tzinfo)
    midnight = datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)
    fire = trigger.get_next_fire_time(None, midnight)
    return fire is not None and fire.date() == local.date()


def _trigger(days: str, clock: str, tz: str, shift_days: int) -> CronTrigger:
    hours, minutes = map(int, clock.split(":"))
    if hours == 24:
        hours, minutes = 0, 0
    if shift_days:
        days = _shift_days(days, shift_days)
    return _cron(days, tz, hour=hours, minute=minutes)


_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _shift_days(days: str, shift: int) -> str:
    """The same weekdays moved ``shift`` days later ("fri" → "sat"), as a list cron reads."""
    probe = datetime(2024, 1, 1)  # a Monday
    chosen = [d for d in range(7) if _on_day(days, (probe + timedelta(days=d)).replace(tzinfo=timefmt.zone("UTC")))]
    return ",".join(_WEEK[(d + shift) % 7] for d in chosen)


class WeeklySchedule:
    """A set of rules: "on" when any rule contains the instant (no rules: always on).

    Answers are remembered until the next boundary: between two boundaries nothing can
    change, and planning a week asks tens of thousands of times.
    """

    def __init__(self, rules: Iterable[TimeRule], tz: str, always_on_when_empty: bool = True) -> None:
        self.rules = tuple(rules)
        self.tz = tz
        self.always_on_when_empty = always_on_when_empty
        self._triggers = [t for rule in self.rules for t in rule.triggers(tz)]
        self._span: tuple[datetime, datetime | None, list[TimeRule]] | None = None

    def __repr__(self) -> str:
        return f"WeeklySchedule({self.rules!r}, {self.tz!r})"

    def _lookup(self, now: datetime) -> tuple[datetime | None, list[TimeRule]]:
        now = as_utc(now)
        span = self._span
        if span is not None and span[0] <= now and (span[1] is None or now < span[1]):
            return span[1], span[2]
        local = timefmt.local(now, self.tz)
        active = [rule for rule in self.rules if rule.contains(local)]
        upcoming = (t.get_next_fire_time(None, now + timedelta(microseconds=1)) for t in self._triggers)
        boundary = min((as_utc(f) for f in upcoming if f is not None), default=None)
        self._span = (now, boundary, active)
        return boundary, active

    def active(self, now: datetime) -> list[TimeRule]:
        return list(self._lookup(now)[1])

    def is_on(self, now: datetime) -> bool:
        if not self.rules:
            return self.always_on_when_empty
        return bool(self._lookup(now)[1])

    def next_boundary(self, now: datetime) -> datetime | None:
        """The first instant after ``now`` at which some rule starts or ends."""
        if not self.rules:
            return None
        return self._lookup(now)[0]


def categories_allowed(dayparts: WeeklySchedule, now: datetime, all_categories: Iterable[str]) -> set[str]:
    """The categories the rotation may use now: those of the active dayparts, or all."""
    active = dayparts.active(now)
    if not active:
        return set(all_categories)
    return {c for rule in active for c in rule.categories} or set(all_categories)
