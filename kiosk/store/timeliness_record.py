"""Timeliness from the record: every item's next disclosure due, and the three groups the
office reads (late, due this week, on time), plus what cannot be judged (unscheduled).

The schedule is the newest revision's; the days an item was disclosed are the days (office
time) its revisions were published. A withdrawn item owes nothing and is left out.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import revision_schedule, timeliness
from kiosk.store.models import ItemRow, Revision

#: What an unscheduled item needs, by cadence, said to the person who can add it.
MISSING = {"routine": "period", "phased": "stages", "ad-hoc": "event_date"}


def rows(session: Session, now: datetime, zone: zoneinfo.ZoneInfo) -> list[dict]:
    """One row per item not withdrawn, the late first, then by due date."""
    today = now.astimezone(zone).date()
    published: dict[str, list[date]] = defaultdict(list)
    for item_id, at in session.execute(
        select(Revision.item_id, Revision.published_at).where(Revision.published_at.is_not(None))
    ):
        if at is not None:  # the query asks for none; the column's type allows them
            published[item_id].append(at.astimezone(zone).date())
    after_feedback = {
        item_id
        for (item_id,) in session.execute(
            select(Revision.item_id).where(Revision.after_feedback.is_not(None)).distinct()
        )
    }
    out: list[dict] = []
    for item, latest in session.execute(
        select(ItemRow, Revision).join(
            Revision, (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision)
        )
    ):
        if item.withdrawn_at is not None and item.live_revision is None:
            continue
        schedule = revision_schedule.schedule(latest)
        created = item.created_at.astimezone(zone).date()
        due = timeliness.next_due(schedule, created, published[item.id], today)
        out.append(
            {
                "id": item.id,
                "title": latest.title,
                "unit": latest.unit,
                "category": latest.category,
                "cadence": schedule.cadence,
                "period": schedule.period,
                "status": due.status,
                "due": due.due.isoformat() if due.due else None,
                "days_left": (due.due - today).days if due.due else None,
                "what": due.what,
                "missing": MISSING.get(schedule.cadence) if due.status == timeliness.UNSCHEDULED else None,
                "last_published": max(published[item.id]).isoformat() if published[item.id] else None,
                "revised_after_feedback": item.id in after_feedback,
            }
        )
    order = {s: i for i, s in enumerate(timeliness.STATUSES)}
    out.sort(key=lambda r: (order[str(r["status"])], str(r["due"] or "9999"), str(r["id"])))
    return out


def groups(listing: list[dict]) -> dict[str, list[dict]]:
    """The rows by status, every status present (empty groups too)."""
    grouped: dict[str, list[dict]] = {s: [] for s in timeliness.STATUSES}
    for row in listing:
        grouped[row["status"]].append(row)
    return grouped
