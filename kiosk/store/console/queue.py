"""The approvers' pages: the queue of submitted revisions, and one revision's review.

The review shows the revision beside the published one (:mod:`.diff`), the preview of
both screens, and two actions: approve — signed in this browser with the approver's own
key (:mod:`.signatures`, ``static/js/signing.js``) — or send back with a reason. An
approver never judges a revision they wrote; the workflow refuses it whatever the page
shows.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select

from kiosk.store import workflow
from kiosk.store.console import labels, signatures, web
from kiosk.store.console.diff import diff
from kiosk.store.console.itemdata import account, act, load, presenter, preview_item, refused
from kiosk.store.console.preview import touch_page, wall_pages
from kiosk.store.console.sessions import Person, require
from kiosk.store.models import ItemRow, Revision, User

router = web.console_router()
web.register_page("/admin/queue", "待审核", "审核已提交的修订：对照、签名批准或退回", ("approver",))
PER_PAGE = 50


@router.get("/queue", summary="Console: submitted revisions waiting for an approver")
def queue(
    request: Request, person: Person = Depends(require("approver")), page: Annotated[int, Query(ge=1, le=100_000)] = 1
) -> Response:
    latest = (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision)
    waiting = select(ItemRow.id).join(Revision, latest).where(Revision.state == "submitted")
    with web.console(request).store.db.read() as session:
        total = session.scalar(select(func.count()).select_from(waiting.subquery())) or 0
        rows = session.execute(
            select(ItemRow.id, Revision.title, Revision.number, Revision.submitted_at, User.name, Revision.author_id)
            .join(Revision, latest)
            .join(User, User.id == Revision.author_id)
            .where(Revision.state == "submitted")
            .order_by(Revision.submitted_at, ItemRow.id)
            .limit(PER_PAGE)
            .offset((page - 1) * PER_PAGE)
        ).all()
    pages = max(1, -(-total // PER_PAGE))
    return labels.render(request, "queue.html", title="待审核", rows=rows, total=total, page=page, pages=pages)


@router.get("/queue/{item_id}", summary="Console: review one submitted revision")
def review(request: Request, item_id: str, person: Person = Depends(require("approver"))) -> Response:
    ctx = web.console(request)
    now = ctx.store.clock.now()
    with ctx.store.db.read() as session:
        view = load(session, item_id)
        if view.latest.state != "submitted":
            raise HTTPException(409, "这个条目没有待审核的修订。")
        try:
            statement = signatures.approval(session, item_id, account(session, person))
            cannot = ""
        except signatures.SignatureRefused as exc:
            statement, cannot = None, str(exc)
        key_state = signatures.key_status(session, account(session, person))
    item = preview_item(view.content, now.isoformat())
    return labels.render(
        request,
        "review.html",
        title="审核",
        view=view,
        changes=diff(view.live, view.content),
        statement=statement,
        cannot=cannot,
        key_state=key_state,
        touch=touch_page(item, presenter(request), "/admin/assets/"),
        wall=wall_pages(item),
    )


@router.post("/queue/{item_id}/approve", summary="Console: store an approval signed in the browser")
def approve(
    request: Request,
    item_id: str,
    person: Person = Depends(require("approver")),
    revision: Annotated[int, Form(ge=1, le=2**31 - 1)] = 0,
    signature: Annotated[str, Form(max_length=128)] = "",
) -> Response:
    try:
        act(
            request,
            lambda s, now: signatures.approve(s, item_id, revision, account(s, person), signature, now),
        )
    except (workflow.WorkflowError, signatures.SignatureRefused) as exc:
        raise refused(request, exc) from None
    return RedirectResponse(f"/admin/items/{item_id}", status_code=303)


@router.post("/queue/{item_id}/reject", summary="Console: send a submitted revision back with a reason")
def reject(
    request: Request,
    item_id: str,
    person: Person = Depends(require("approver")),
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    try:
        act(request, lambda s, now: workflow.reject(s, item_id, account(s, person), reason, now))
    except workflow.WorkflowError as exc:
        raise refused(request, exc) from None
    return RedirectResponse("/admin/queue", status_code=303)
