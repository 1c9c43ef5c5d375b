"""``GET /v1/feedback/status``: where this kiosk's visitors' feedback stands, for the lookup.

The answer is a JSON list: for the device whose token asks and for no other, the records it sent in
the last ``days`` days (at most ``count``, newest first), each as
``{"reference": "ABC-DEF", "status": "received" | "handling" | "answered"}`` and nothing
else: never a text, a name, a telephone or the office's note, since anyone at the kiosk may
type a reference. ``ETag`` is the hash of the body, so an unchanged answer costs a 304.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from kiosk.store import feedback, notify
from kiosk.store.models import FeedbackRow
from kiosk.store.service import Store

#: The store's statuses (feedback.status) as a visitor is told them. "open" and "overdue"
#: are both "being handled": a visitor is owed an answer and the office has not given it
#: yet — whether the office is late is the office's concern, not a fact to print in a lobby.
#: "resolved" is "answered". "no follow-up" (a rating with nothing to answer) is "received":
#: the office has it and owes nothing, so saying "being handled" would promise a reply.
VISITOR_STATUS = {"open": "handling", "overdue": "handling", "resolved": "answered", "no follow-up": "received"}


def listing(store: Store, device_id: int, days: int, count: int) -> list[dict]:
    """This device's recent references and their visitor statuses, newest first."""
    now = store.clock.now()
    query = (
        select(FeedbackRow)
        .where(FeedbackRow.device_id == device_id, FeedbackRow.received_at >= now - timedelta(days=days))
        .order_by(FeedbackRow.received_at.desc(), FeedbackRow.id)
        .limit(count)
    )
    with store.db.read() as session:
        rows = session.scalars(query).all()
        return [{"reference": r.reference, "status": VISITOR_STATUS[feedback.status(r, now)]} for r in rows]


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def router(store: Store, device: Callable[..., int], days: int, count: int) -> APIRouter:
    """The route; ``device`` authenticates; ``days`` and ``count`` bound the list."""
    api = APIRouter(prefix="/v1", tags=["feedback"])

    @api.get(
        "/feedback/status",
        summary=f"Where this kiosk's feedback of the last {days} days stands (references and statuses only)",
        responses={304: {"description": "If-None-Match names the current answer"}},
    )
    async def feedback_status(request: Request, device_id: int = Depends(device)) -> Response:
        found = await notify.in_thread(lambda: listing(store, device_id, days, count))
        body = json.dumps(found, separators=(",", ":")).encode()
        etag = _etag(body)
        headers = {"ETag": etag, "Cache-Control": "no-cache, private"}
        if request.headers.get("if-none-match", "").strip() == etag:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    return api
