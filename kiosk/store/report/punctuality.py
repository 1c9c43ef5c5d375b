"""Timeliness over a period: every disclosure that fell due in it, judged on time, late or
missed, per cadence. The schedule rules are :mod:`kiosk.store.timeliness`'s; this module only
lists what was owed inside the period and how it was met.

A disclosure is judged up to the **horizon**: the period's last day, or yesterday when the
period is still running (a due date of today can still be met). Only what fell due on or
before the horizon is judged.

* **Routine**: each calendar period (month, quarter, half, year) ending inside the report's
  period, after the item was created, owes one disclosure by its last day. *On time*: the item
  was published within that calendar period. *Late*: not within it, but after its end, by the
  horizon. *Missed*: neither.
* **Phased**: the n-th publication discloses the n-th stage (stages in date order); a stage
  due inside the period is on time when that publication came by its date, late when it came
  after it by the horizon, missed otherwise.
* **Ad-hoc**: owed within :data:`~kiosk.store.timeliness.PROMPT_DAYS` days of the event; the
  first publication judges it the same way.

A withdrawn item owes nothing that falls due from the day of its withdrawal on, unless it
had been disclosed for it before (a month disclosed, then withdrawn, was still on time). An item whose schedule is
missing cannot be judged: it is counted as unscheduled.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import revision_schedule, timeliness
from kiosk.store.models import ItemRow, Revision
from kiosk.store.report.period import Period

ON_TIME, LATE, MISSED = "on-time", "late", "missed"
VERDICTS = (ON_TIME, LATE, MISSED)
CADENCES = ("routine", "phased", "ad-hoc")


def verdict(due: date, disclosed: date | None, horizon: date) -> str:
    if disclosed is not None and disclosed <= due:
        return ON_TIME
    if disclosed is not None and disclosed <= horizon:
        return LATE
    return MISSED


def calendar_periods(kind: str, first: date, last: date) -> Iterator[tuple[date, date]]:
    """(start, end) of every calendar period of ``kind`` whose end lies in [first, last]."""
    end = timeliness.period_end(first, kind)
    while end <= last:
        yield _period_start(end, kind), end
        end = timeliness.next_period_end(end, kind)


def _period_start(end: date, kind: str) -> date:
    months = timeliness.MONTHS[kind]
    month = end.month - months + 1
    return date(end.year, month, 1)


def owed(
    schedule: timeliness.Schedule, created: date, published: list[date], first: date, horizon: date
) -> list[tuple[date, str, date | None]]:
    """What one item owed in [first, horizon]: (due date, what for, the day that disclosed it)."""
    published = sorted(published)
    out: list[tuple[date, str, date | None]] = []
    if schedule.cadence == "routine" and schedule.period in timeliness.MONTHS:
        for start, end in calendar_periods(schedule.period, first, horizon):
            if end < created:
                continue
            # The first disclosure inside the calendar period, else the first after it.
            found = next((d for d in published if start <= d), None)
            out.append((end, f"{start.isoformat()}–{end.isoformat()}", found))
    elif schedule.cadence == "phased" and schedule.stages:
        for n, stage in enumerate(sorted(schedule.stages, key=lambda s: s.due)):
            if first <= stage.due <= horizon:
                out.append((stage.due, stage.name, published[n] if n < len(published) else None))
    elif schedule.cadence == "ad-hoc" and schedule.event_date is not None:
        due = schedule.event_date + timedelta(days=timeliness.PROMPT_DAYS)
        if first <= due <= horizon:
            out.append((due, schedule.event_date.isoformat(), published[0] if published else None))
    return out


def judgeable(schedule: timeliness.Schedule) -> bool:
    if schedule.cadence == "routine":
        return schedule.period in timeliness.MONTHS
    if schedule.cadence == "phased":
        return bool(schedule.stages)
    return schedule.event_date is not None


def figures(session: Session, period: Period, today: date) -> dict:
    horizon = min(period.last, today - timedelta(days=1))
    published: dict[str, list[date]] = defaultdict(list)
    for item_id, at in session.execute(
        select(Revision.item_id, Revision.published_at).where(Revision.published_at.is_not(None))
    ):
        if at is not None:
            published[item_id].append(period.day(at))
    counts = {c: dict.fromkeys(VERDICTS, 0) for c in CADENCES}
    rows: list[dict] = []
    unscheduled = 0
    for item, latest in session.execute(
        select(ItemRow, Revision)
        .join(Revision, (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision))
        .order_by(ItemRow.id)
    ):
        schedule = revision_schedule.schedule(latest)
        if not judgeable(schedule):
            unscheduled += 1
            continue
        gone = period.day(item.withdrawn_at) if item.withdrawn_at and item.live_revision is None else None
        created = period.day(item.created_at)
        for due, what, disclosed in owed(schedule, created, published[item.id], period.first, horizon):
            if gone is not None and due >= gone and (disclosed is None or disclosed > gone):
                continue  # owed after the withdrawal, and not disclosed before it
            found = verdict(due, disclosed, horizon)
            counts.setdefault(schedule.cadence, dict.fromkeys(VERDICTS, 0))[found] += 1
            rows.append(
                {
                    "item_id": item.id,
                    "title": latest.title,
                    "cadence": schedule.cadence,
                    "what": what,
                    "due": due.isoformat(),
                    "disclosed": disclosed.isoformat() if disclosed and disclosed <= horizon else None,
                    "verdict": found,
                }
            )
    total = {v: sum(c[v] for c in counts.values()) for v in VERDICTS}
    return {
        "horizon": horizon.isoformat(),
        "by_cadence": counts,
        "total": total,
        "rows": rows,
        "unscheduled": unscheduled,
    }
