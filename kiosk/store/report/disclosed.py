"""What was disclosed in a period: publications per category and unit, re-disclosures
(revisions), those made after feedback, and withdrawals.

* A **publication** is a revision whose publication instant falls in the period; an item
  counts once per category and unit however often it was published there (the category and
  unit are the published revision's).
* A **revision** is a publication of an item's second or later revision.
* **After feedback**: the revision names the feedback it answers (the record's link). A
  withdrawal carries no such link; one counts as after feedback when the item had received
  feedback before it was withdrawn.
* A **withdrawal** is an ``item.withdraw`` line of the audit log in the period: the log keeps
  every one, the item row only the latest.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import AuditEntry, FeedbackRow, Revision
from kiosk.store.report.period import Period


def publications(session: Session, period: Period) -> list[Revision]:
    return list(
        session.scalars(
            select(Revision)
            .where(Revision.published_at >= period.start, Revision.published_at < period.end)
            .order_by(Revision.published_at, Revision.item_id)
        )
    )


def by_category_and_unit(published: list[Revision]) -> list[dict]:
    """One row per (category, unit) with publications: how many items, how many publications."""
    items: dict[tuple[str, str], set[str]] = defaultdict(set)
    count: dict[tuple[str, str], int] = defaultdict(int)
    for revision in published:
        key = (revision.category, revision.unit)
        items[key].add(revision.item_id)
        count[key] += 1
    return [
        {"category": c, "unit": u, "items": len(items[(c, u)]), "publications": count[(c, u)]} for c, u in sorted(items)
    ]


def totals_by(published: list[Revision], field: str) -> dict[str, dict[str, int]]:
    """Items (each once) and publications per ``field`` (``category`` or ``unit``)."""
    items: dict[str, set[str]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for revision in published:
        key = getattr(revision, field)
        items[key].add(revision.item_id)
        count[key] += 1
    return {k: {"items": len(items[k]), "publications": count[k]} for k in sorted(items)}


def revisions(published: list[Revision], references: dict[str, str]) -> dict:
    """Re-disclosures in the period, and those that answer a piece of feedback."""
    revised = [r for r in published if r.number > 1]
    answered = [r for r in revised if r.after_feedback]
    return {
        "count": len(revised),
        "items": len({r.item_id for r in revised}),
        "after_feedback": len(answered),
        "after_feedback_rows": [
            {
                "item_id": r.item_id,
                "revision": r.number,
                "title": r.title,
                "feedback": references.get(r.after_feedback or "", r.after_feedback),
            }
            for r in answered
        ],
    }


def withdrawals(session: Session, period: Period) -> dict:
    lines = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == "item.withdraw", AuditEntry.at >= period.start, AuditEntry.at < period.end)
        .order_by(AuditEntry.seq)
    ).all()
    rows = []
    for line in lines:
        had_feedback = (
            session.scalar(
                select(FeedbackRow.id)
                .where(FeedbackRow.item_id == line.target, FeedbackRow.received_at < line.at)
                .limit(1)
            )
            is not None
        )
        rows.append(
            {
                "item_id": line.target,
                "revision": json.loads(line.detail).get("revision"),
                "at": line.at.isoformat(),
                "after_feedback": had_feedback,
            }
        )
    return {"count": len(rows), "after_feedback": sum(r["after_feedback"] for r in rows), "rows": rows}


def figures(session: Session, period: Period) -> dict:
    published = publications(session, period)
    linked = {r.after_feedback for r in published if r.after_feedback}
    references = (
        dict(session.execute(select(FeedbackRow.id, FeedbackRow.reference).where(FeedbackRow.id.in_(linked))).all())
        if linked
        else {}
    )
    table = by_category_and_unit(published)
    return {
        "publications": len(published),
        "items": len({r.item_id for r in published}),
        "table": table,
        "by_category": totals_by(published, "category"),
        "by_unit": totals_by(published, "unit"),
        "by_cadence": totals_by(published, "cadence"),
        "revisions": revisions(published, references),
        "withdrawals": withdrawals(session, period),
    }
