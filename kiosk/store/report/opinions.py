"""Feedback received in a period: by kind and status, the follow-up the office promised, and
the five-level rating distribution with its satisfaction rate.

Everything is judged at the **cut-off**: the end of the period, or now when the period is
still running, so a report of a past quarter says what stood at its end, whatever happened
since. A record is *resolved* when its answer came before the cut-off; *overdue* when it owes
an answer whose due date passed unanswered; *open* when the due date is still ahead; *no
follow-up* when it owes none (praise, good ratings).

Follow-up: of the records that owe an answer (a due date ``follow_up_days`` working days after
receipt), how many were answered by their due date, answered after it, or not answered.

The satisfaction rate is the share of ratings at one of :data:`SATISFIED` (满意率 as the
office counts it: 非常满意, 满意 and 基本满意 over all ratings); None without any rating.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import feedback as fb
from kiosk.store.models import FeedbackRow
from kiosk.store.report.period import Period

STATUSES = ("resolved", "open", "overdue", "no follow-up")
#: The levels counted as satisfied.
SATISFIED = ("very-satisfied", "satisfied", "fair")


def status_at(row: FeedbackRow, cutoff: datetime) -> str:
    if row.resolved_at is not None and row.resolved_at < cutoff:
        return "resolved"
    if row.due_at is None:
        return "no follow-up"
    return "overdue" if row.due_at < cutoff else "open"


def follow_up_of(row: FeedbackRow, cutoff: datetime) -> str | None:
    """``in-time``, ``late``, ``unanswered`` for a record that owes an answer; None otherwise."""
    if row.due_at is None:
        return None
    if row.resolved_at is None or row.resolved_at >= cutoff:
        return "unanswered"
    return "in-time" if row.resolved_at <= row.due_at else "late"


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figures(session: Session, period: Period, now: datetime) -> dict:
    cutoff = min(period.end, now)
    rows = session.scalars(
        select(FeedbackRow).where(FeedbackRow.received_at >= period.start, FeedbackRow.received_at < period.end)
    ).all()
    by_kind = {kind: dict.fromkeys(STATUSES, 0) for kind in fb.ALL_KINDS}
    follow_up = {"owed": 0, "in-time": 0, "late": 0, "unanswered": 0}
    ratings = dict.fromkeys(fb.RATINGS, 0)
    for row in rows:
        by_kind.setdefault(row.kind, dict.fromkeys(STATUSES, 0))[status_at(row, cutoff)] += 1
        answered = follow_up_of(row, cutoff)
        if answered is not None:
            follow_up["owed"] += 1
            follow_up[answered] += 1
        if row.rating in ratings:
            ratings[row.rating] += 1
    rated = sum(ratings.values())
    satisfied = sum(ratings[level] for level in SATISFIED)
    return {
        "received": len(rows),
        "cutoff": cutoff.isoformat(),
        "by_kind": by_kind,
        "follow_up": {**follow_up, "in_time_rate": rate(follow_up["in-time"], follow_up["owed"])},
        "ratings": ratings,
        "rated": rated,
        "satisfied": satisfied,
        "satisfaction_rate": rate(satisfied, rated),
    }
