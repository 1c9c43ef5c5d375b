"""What a revision records beside its approved content: the item's schedule and the feedback
the revision answers.

The schedule (period, stages, event date; checked by :mod:`kiosk.itemschedule`) is the
office's bookkeeping for :mod:`.timeliness`, so it is kept in columns of the revision and
never in the content kiosks receive. ``after_feedback`` names a feedback record (by id or
by the reference printed on the visitor's receipt) that led to the revision: it must exist
and be about this item, or be general feedback.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import FeedbackRow, Revision
from kiosk.store.timeliness import Schedule, Stage


class LinkError(ValueError):
    """A feedback reference that cannot be linked; the message says why."""


def columns(fields: dict[str, Any]) -> dict[str, Any]:
    """The revision's schedule columns from an item file's checked fields."""
    stages = fields.get("stages")
    return {
        "period": fields.get("period"),
        "stages": None
        if not stages
        else json.dumps([{"name": s["name"], "date": s["date"].isoformat()} for s in stages], ensure_ascii=False),
        "event_date": fields.get("event_date"),
    }


def schedule(revision: Revision) -> Schedule:
    """The rules' view of the revision's schedule."""
    stages = tuple(Stage(s["name"], date.fromisoformat(s["date"])) for s in json.loads(revision.stages or "[]"))
    return Schedule(revision.cadence or "routine", revision.period, stages, revision.event_date)


def form_fields(revision: Revision | None) -> dict[str, str]:
    """The schedule as the console's form shows it (stages one a line: ``2026-06-30 中期``)."""
    if revision is None:
        return {"period": "", "stages": "", "event_date": "", "after_feedback": ""}
    stages = json.loads(revision.stages or "[]")
    return {
        "period": revision.period or "",
        "stages": "\n".join(f"{s['date']} {s['name']}" for s in stages),
        "event_date": revision.event_date.isoformat() if revision.event_date else "",
        "after_feedback": "",
    }


def feedback_id(session: Session, item_id: str, key: str | None) -> str | None:
    """The id of the feedback ``key`` (an id or a reference) names, checked to be about ``item_id``."""
    if key is None or not key.strip():
        return None
    key = key.strip()
    row = session.get(FeedbackRow, key) if len(key) <= 36 else None
    if row is None and len(key) <= 16:
        matches = session.scalars(select(FeedbackRow).where(FeedbackRow.reference == key.upper())).all()
        if len(matches) > 1:
            raise LinkError(f"feedback reference {key} is shared by {len(matches)} records; use the id")
        row = matches[0] if matches else None
    if row is None:
        raise LinkError(f"no feedback with id or reference {key[:40]!r}")
    if row.item_id is not None and row.item_id != item_id:
        raise LinkError(f"feedback {row.reference} is about item {row.item_id}, not {item_id}")
    return row.id
