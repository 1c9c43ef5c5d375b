"""The kiosks' own record of use, for the report: display time on the wall per category and
item, the most-read items on the touch screen, and searches that found nothing.

It comes from the hourly batches the kiosks upload (:func:`kiosk.store.usage_record.summary`).
What a kiosk sent only as "< N" (too few to tell) is kept apart as hours, never counted as a
number; search terms too rare to leave a kiosk are not there at all. Without any batch for
the period :func:`figures` says so (None), and every rendering says there is no data.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import Revision
from kiosk.store.report.period import Period
from kiosk.store.usage_record import summary

#: Items and search terms listed, at most, in each ranking.
TOP = 20


def figures(session: Session, period: Period) -> dict | None:
    """The period's use, or None when no kiosk uploaded any for it:

    ``category_seconds`` [(category, seconds)], ``shown_items`` [(item id, title, seconds)] (the
    wall, most shown first), ``blank_seconds``, ``off_hours_seconds``, ``most_read``
    [(item id, title, openings, hours given only as "< N")] and ``no_result_searches``
    [(term, visits)], each ranking at most :data:`TOP` long."""
    found = summary(session, period.start, period.end)
    if not found["uploads"]:
        return None
    opened = {k: v for k, v in found["counts"].get("item-opened", {}).items() if k is not None}
    titles = _titles(session, set(found["display"]) | set(opened))
    shown = sorted(found["display"].items(), key=lambda kv: (-kv[1]["seconds"], kv[0]))[:TOP]
    read = sorted(opened.items(), key=lambda kv: (-kv[1]["count"], -kv[1]["suppressed"], kv[0]))[:TOP]
    searches = sorted(found["searches_not_found"].items(), key=lambda kv: (-kv[1]["count"], kv[0]))[:TOP]
    return {
        "category_seconds": sorted(found["category_seconds"].items(), key=lambda kv: (-kv[1], kv[0])),
        "shown_items": [(item, titles.get(item, item), round(v["seconds"])) for item, v in shown],
        "blank_seconds": round(found["blank_seconds"]),
        "off_hours_seconds": round(found["off_hours_seconds"]),
        "most_read": [(item, titles.get(item, item), v["count"], v["suppressed"]) for item, v in read],
        "no_result_searches": [(term, v["count"]) for term, v in searches if v["count"]],
    }


def _titles(session: Session, ids: set[str]) -> dict[str, str]:
    """Each item's newest title (item text: untrusted, escaped by every renderer)."""
    if not ids:
        return {}
    rows = session.execute(
        select(Revision.item_id, Revision.title).where(Revision.item_id.in_(ids)).order_by(Revision.number)
    ).all()
    return dict(rows)  # the newest revision's title wins (ordered by number)
