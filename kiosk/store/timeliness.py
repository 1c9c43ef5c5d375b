"""The rules of timeliness: when an item's next disclosure is due, and whether it is late.

Plain dates in the office's time zone; no database here (:mod:`.timeliness_record` reads
the record and calls these rules).

* **Routine** (with a ``period``): each period needs its disclosure by the period's last
  day. Once the item was published in a period, the next one is due by the last day of the
  following period; before its first publication, by the last day of the period in which
  it was created. Periods are calendar months, quarters (ending 31 March, 30 June,
  30 September, 31 December), halves (30 June, 31 December) and years.
* **Phased** (with ``stages``): the n-th publication discloses the n-th stage; the next
  stage not yet disclosed is due on its expected date. All stages disclosed: nothing is due.
* **Ad-hoc** (with an ``event_date``): disclosed promptly, within :data:`PROMPT_DAYS` days
  of the event; once published, nothing more is due.

An item is **late** when today is past its due date, **due this week** when its due date
is within :data:`WEEK_DAYS` days from today (today included), else **on time** (which
includes nothing due). An item missing what its cadence needs is **unscheduled**: no rule
can judge it, and the listing says what to add.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

#: How many calendar days after its event an ad-hoc item is still prompt.
PROMPT_DAYS = 7
#: "Due this week": due today or within the following six days.
WEEK_DAYS = 7
MONTHS = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
LATE, DUE_THIS_WEEK, ON_TIME, UNSCHEDULED = "late", "due-this-week", "on-time", "unscheduled"
STATUSES = (LATE, DUE_THIS_WEEK, ON_TIME, UNSCHEDULED)


@dataclass(frozen=True)
class Stage:
    name: str
    due: date


@dataclass(frozen=True)
class Schedule:
    """What the item's newest revision says about when it is owed."""

    cadence: str
    period: str | None = None
    stages: tuple[Stage, ...] = ()
    event_date: date | None = None


@dataclass(frozen=True)
class Due:
    """The next disclosure owed: its date (None: nothing is owed) and what it is for."""

    due: date | None
    what: str
    status: str


def period_end(day: date, period: str) -> date:
    """The last day of the ``period`` (monthly … yearly) that ``day`` falls in."""
    months = MONTHS[period]
    last_month = ((day.month - 1) // months + 1) * months
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def next_period_end(day: date, period: str) -> date:
    """The last day of the period after the one ``day`` falls in."""
    return period_end(period_end(day, period) + timedelta(days=1), period)


def next_due(schedule: Schedule, created: date, published: Sequence[date], today: date) -> Due:
    """The next disclosure owed by an item created on ``created`` and published on ``published`` days."""
    published = sorted(published)
    if schedule.cadence == "routine":
        if schedule.period not in MONTHS:
            return Due(None, "no period", UNSCHEDULED)
        if published:
            due = next_period_end(published[-1], schedule.period)
        else:
            due = period_end(created, schedule.period)
        return _judged(due, f"{schedule.period} disclosure", today)
    if schedule.cadence == "phased":
        if not schedule.stages:
            return Due(None, "no stages", UNSCHEDULED)
        stages = sorted(schedule.stages, key=lambda s: s.due)
        if len(published) >= len(stages):
            return Due(None, "all stages disclosed", ON_TIME)
        stage = stages[len(published)]
        return _judged(stage.due, f"stage {stage.name}", today)
    if schedule.event_date is None:
        return Due(None, "no event date", UNSCHEDULED)
    if published:
        return Due(None, "disclosed", ON_TIME)
    return _judged(schedule.event_date + timedelta(days=PROMPT_DAYS), "prompt disclosure", today)


def status(due: date, today: date) -> str:
    if today > due:
        return LATE
    if (due - today).days < WEEK_DAYS:
        return DUE_THIS_WEEK
    return ON_TIME


def _judged(due: date, what: str, today: date) -> Due:
    return Due(due, what, status(due, today))
