"""The store's item list (the command line's ``item list``) and the copies of a revision's
fields that the console filters and searches by."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import FeedEntry, ItemRow, Revision, User


def list_items(session: Session) -> list[dict]:
    names: dict[int | None, str] = {u.id: u.name for u in session.scalars(select(User))}
    in_feed = {i: r for i, r in session.execute(select(FeedEntry.item_id, FeedEntry.revision))}
    revisions: dict[tuple[str, int], Revision] = {
        (r.item_id, r.number): r
        for r in session.scalars(
            select(Revision).join(
                ItemRow,
                (ItemRow.id == Revision.item_id)
                & ((ItemRow.latest_revision == Revision.number) | (ItemRow.live_revision == Revision.number)),
            )
        )
    }
    listing = []
    for row in session.scalars(select(ItemRow).order_by(ItemRow.id)):
        latest = revisions[(row.id, row.latest_revision)]
        content = json.loads(latest.content)
        listing.append(
            {
                "id": row.id,
                "title": latest.title,
                "category": content["category"],
                "unit": content["unit"],
                "audience": latest.audience,
                "public_from": _text(latest.public_from),
                "expires_at": _text(latest.expires_at),
                "revision": latest.number,
                "state": latest.state,
                "author": names.get(latest.author_id),
                "approver": names.get(latest.approver_id),
                "published_revision": row.live_revision,
                "first_published_at": _text(row.first_published_at),
                "withdrawn_at": _text(row.withdrawn_at),
                "in_feed": row.id in in_feed,
                "feed_revision": in_feed.get(row.id),
            }
        )
    return listing


def index_columns(content: dict) -> dict[str, str]:
    """The copies of a revision's fields that the console's item list filters and searches by."""
    head = [content.get(k) or "" for k in ("title", "summary", "doc_number", "index_number")]
    return {
        "category": content["category"],
        "unit": content["unit"],
        "cadence": content.get("cadence", "routine"),
        "doc_number": content.get("doc_number", ""),
        "search_text": "\n".join([*head[:2], content.get("body") or "", *head[2:]]).lower(),
        "search_head": "\n".join(head).lower(),
    }


def _text(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
