"""The publishers' pages: what waits for publication, what is on screens, and for one item the
two signed actions — publish (now or at a later instant, which can be cancelled until then;
the screens show it from its approved ``public_from`` too) and withdraw — each confirmed on
its own page and signed in this browser with the publisher's own key. The item's page also
says which kiosks already show its latest change, from their heartbeats' feed versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select

from kiosk.clock import as_utc
from kiosk.store import schedule, workflow
from kiosk.store.console import edit, labels, signatures, web
from kiosk.store.console.itemdata import account, act, load, refused
from kiosk.store.console.sessions import Person, require
from kiosk.store.models import Device, FeedChange, FeedEntry, ItemRow, Revision

router = web.console_router()
web.register_page("/admin/publish", "发布", "发布已批准的修订，撤回已公开的条目", ("admin",))
LISTED = 200


@router.get("/publish", summary="Console: approved revisions to publish, and items on screens")
def overview(request: Request, person: Person = Depends(require("admin"))) -> Response:
    latest = (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision)
    with web.console(request).store.db.read() as session:
        approved = session.execute(
            select(ItemRow.id, Revision.title, Revision.number, Revision.approved_at, Revision.public_from)
            .join(Revision, latest)
            .where(Revision.state == "approved")
            .order_by(Revision.approved_at)
            .limit(LISTED)
        ).all()
        live = session.execute(
            select(ItemRow.id, Revision.title, Revision.number, Revision.published_at)
            .join(Revision, (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.live_revision))
            .order_by(Revision.published_at.desc())
            .limit(LISTED)
        ).all()
        live_total = session.scalar(select(func.count()).where(ItemRow.live_revision.is_not(None)))
    return labels.render(request, "publish.html", title="发布", approved=approved, live=live, live_total=live_total)


def rollout(session, item_id: str) -> dict:
    """Which enrolled kiosks hold the feed version that made the item's latest change."""
    changed = session.scalar(select(func.max(FeedChange.version)).where(FeedChange.item_id == item_id))
    in_feed = session.get(FeedEntry, item_id)
    devices = session.scalars(select(Device).where(Device.revoked_at.is_(None)).order_by(Device.name)).all()
    rows = [
        {
            "name": d.name,
            "feed_version": d.feed_version,
            "last_seen_at": d.last_seen_at,
            "shows": changed is not None and d.feed_version is not None and d.feed_version >= changed,
        }
        for d in devices
    ]
    return {"changed_in": changed, "in_feed": in_feed, "devices": rows, "count": sum(r["shows"] for r in rows)}


def _release_at(request: Request, text: str, now: datetime) -> datetime | None:
    """The later instant a publication is prepared for: typed in office time, or empty for now."""
    try:
        at = edit.local_time(text, web.console(request).zone, web.t(request, "发布时间"))
    except edit.FormError as exc:
        raise HTTPException(400, str(exc)) from None
    if at is not None and at <= now:
        raise HTTPException(400, web.t(request, "发布时间已经过去：请选一个以后的时间，或现在发布。"))
    return at


@router.get("/publish/{item_id}", summary="Console: publish (now or later) or withdraw one item (signed, confirmed)")
def item_actions(
    request: Request,
    item_id: str,
    person: Person = Depends(require("admin")),
    at: Annotated[str, Query(max_length=32, description="publish later: a local time, 2026-12-05T08:30")] = "",
) -> Response:
    ctx = web.console(request)
    now = ctx.store.clock.now()
    release = _release_at(request, at, now)
    with ctx.store.db.read() as session:
        view = load(session, item_id)
        actor = account(session, person)
        to_publish = to_withdraw = None
        cannot = []
        if view.latest.state == "approved":
            try:
                to_publish = signatures.publication(session, item_id, actor, now, release)
            except signatures.SignatureRefused as exc:
                cannot.append(str(exc))
        if view.row.live_revision is not None:
            try:
                to_withdraw = signatures.withdrawal(session, item_id, actor, now)
            except signatures.SignatureRefused as exc:
                cannot.append(str(exc))
        shown = rollout(session, item_id)
        key_state = signatures.key_status(session, actor)
    return labels.render(
        request,
        "publish_item.html",
        title="发布与撤回",
        view=view,
        to_publish=to_publish,
        to_withdraw=to_withdraw,
        cannot=cannot,
        rollout=shown,
        key_state=key_state,
        now=now,
        release=release,
        at=at,
    )


_SIGNATURE = Annotated[str, Form(max_length=128)]
_INSTANT = Annotated[str, Form(max_length=64)]
_REVISION = Annotated[int, Form(ge=1, le=2**31 - 1)]


@dataclass(frozen=True, slots=True)
class Signed:
    """What a signing form posts back: the revision it was for, the signature and the instant signed."""

    revision: int
    signature: str
    signed_at: str


def signed(revision: _REVISION = 1, signature: _SIGNATURE = "", signed_at: _INSTANT = "") -> Signed:
    return Signed(revision, signature, signed_at)


@router.post("/publish/{item_id}/publish", summary="Console: store a publication signed in the browser")
def publish(
    request: Request,
    item_id: str,
    person: Person = Depends(require("admin")),
    form: Signed = Depends(signed),
    release_at: _INSTANT = "",
) -> Response:
    release = None
    if release_at:
        try:
            release = as_utc(datetime.fromisoformat(release_at))
        except ValueError:
            raise HTTPException(400, web.t(request, "发布时间不是一个时间。")) from None

    def publish_it(s, now):
        actor = account(s, person)
        return signatures.publish(s, item_id, form.revision, actor, form.signature, form.signed_at, now, release)

    try:
        act(request, publish_it)
    except (workflow.WorkflowError, signatures.SignatureRefused) as exc:
        raise refused(request, exc) from None
    return RedirectResponse(f"/admin/publish/{item_id}", status_code=303)


@router.post("/publish/{item_id}/cancel", summary="Console: cancel an item's scheduled publication")
def cancel(request: Request, item_id: str, person: Person = Depends(require("admin"))) -> Response:
    try:
        act(request, lambda s, now: schedule.cancel(s, item_id, account(s, person), now))
    except workflow.WorkflowError as exc:
        raise refused(request, exc) from None
    return RedirectResponse(f"/admin/publish/{item_id}", status_code=303)


@router.post("/publish/{item_id}/withdraw", summary="Console: store a withdrawal signed in the browser")
def withdraw(
    request: Request,
    item_id: str,
    person: Person = Depends(require("admin")),
    form: Signed = Depends(signed),
    confirm: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    if confirm != "yes":
        raise refused(request, ValueError(web.t(request, "请勾选确认后再撤回。")))

    def withdraw_it(s, now):
        actor = account(s, person)
        return signatures.withdraw(s, item_id, form.revision, actor, form.signature, form.signed_at, now)

    try:
        act(request, withdraw_it)
    except (workflow.WorkflowError, signatures.SignatureRefused) as exc:
        raise refused(request, exc) from None
    return RedirectResponse(f"/admin/publish/{item_id}", status_code=303)
