"""What the item pages read from the store: an item's revisions, its content, its attachments,
and the signed-in person's account; and :func:`act`, which runs one workflow action the way
the command line does (one write transaction, then the feed brought up to date)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.catalog import Catalog, default_catalog
from kiosk.content import Item, item_from_dict
from kiosk.presentation import Presenter
from kiosk.store import audit, feedstate, schedule, workflow
from kiosk.store.console import sessions, web
from kiosk.store.models import ItemRow, Revision, User


@dataclass(frozen=True)
class ItemView:
    row: ItemRow
    latest: Revision
    content: dict[str, Any]
    #: The published revision's content (None if nothing is live).
    live: dict[str, Any] | None
    author: str
    #: The revision whose publication is signed for later, if any (kiosk.store.schedule).
    scheduled: Revision | None = None


def catalog(request: Request) -> Catalog:
    return web.console(request).store.catalog or default_catalog()


def presenter(request: Request) -> Presenter:
    lang = "en" if web.language(request) == "en" else "zh_CN"
    return Presenter(catalog(request), str(web.console(request).zone), lang)


def preview_item(content: dict[str, Any], published_at: str) -> Item:
    """The revision as a screen would hold it (the publication date is a placeholder until then)."""
    return item_from_dict(dict(content, published_at=content.get("published_at") or published_at))


def load(session: Session, item_id: str) -> ItemView:
    row = session.get(ItemRow, item_id)
    if row is None:
        raise HTTPException(404, "没有这个条目。")
    revisions = {
        r.number: r
        for r in session.scalars(
            select(Revision).where(
                Revision.item_id == item_id, Revision.number.in_([row.latest_revision, row.live_revision or 0])
            )
        )
    }
    latest = revisions[row.latest_revision]
    live = revisions.get(row.live_revision) if row.live_revision else None
    author = session.get(User, latest.author_id)
    return ItemView(
        row=row,
        latest=latest,
        content=json.loads(latest.content),
        live=json.loads(live.content) if live is not None else None,
        author=author.name if author else "",
        scheduled=schedule.scheduled(session, item_id),
    )


def account(session: Session, person: sessions.Person) -> User:
    """The signed-in person's account row (the session was checked against it on this request)."""
    found = session.get(User, person.id)
    if found is None:
        raise HTTPException(403, "这个账户已不存在。")
    return found


def act(request: Request, action):
    """Run ``action(session, now)`` in one write transaction, audited from this browser's address."""
    store = web.console(request).store
    now = store.clock.now()
    with audit.origin(f"web:{sessions.address(request)}"), store.db.write() as session:
        result = action(session, now)
        feedstate.reconcile(session, now)
    return result


def refused(request: Request, exc: Exception) -> HTTPException:
    """A workflow refusal as a 409 page with its one line (never a traceback)."""
    return HTTPException(409, str(exc))


__all__ = ["ItemView", "act", "load", "refused", "workflow"]
