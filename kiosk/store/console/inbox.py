"""The feedback inbox: visitors' feedback filtered by item, kind, rating and status (open,
overdue…), one record at a time, resolved with a note, exported as CSV.

Contact details (a visitor's name and phone, only ever stored with their consent) are not on
any list: an admin reveals them on one record with a button (a POST, so CSRF-protected and
never prefetched), and each reading is audited, as is the CSV export, which holds them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from kiosk import feedback as fb
from kiosk.store import audit, staff, workflow
from kiosk.store import feedback as intake
from kiosk.store.console import sessions, web
from kiosk.store.console.sessions import Person, require
from kiosk.store.fields import NO_NUL

router = web.console_router()
web.register_page("/admin/feedback", "意见箱", "访客在终端留下的意见和评价；回复后标为已处理。", staff.ROLES)
web.add_translations(
    {
        "意见箱": "Feedback inbox",
        "访客在终端留下的意见和评价；回复后标为已处理。": (
            "Visitors' feedback and ratings from the kiosks; resolve them once answered."
        ),
        "事项": "Item",
        "类型": "Kind",
        "评价": "Rating",
        "全部": "all",
        "待处理": "open",
        "已逾期": "overdue",
        "未处理": "unresolved",
        "已处理": "resolved",
        "无需回复": "no follow-up",
        "编号": "Reference",
        "收到时间": "Received",
        "终端": "Kiosk",
        "内容": "Text",
        "期限": "Due",
        "查看联系方式": "Show contact details",
        "联系方式": "Contact details",
        "姓名": "Name",
        "电话": "Phone",
        "访客未同意留下联系方式。": "The visitor did not consent to leave contact details.",
        "访客没有留下联系方式。": "The visitor left no contact details.",
        "处理说明": "How it was answered",
        "标为已处理": "Mark as resolved",
        "处理人": "Resolved by",
        "处理时间": "Resolved on",
        "没有符合条件的意见。": "No feedback matches.",
        "返回意见箱": "Back to the inbox",
        "查看": "Open",
        "一般意见": "general",
        "建议": "suggestion",
        "意见": "opinion",
        "咨询": "question",
        "表扬": "praise",
        "非常满意": "very satisfied",
        "满意": "satisfied",
        "基本满意": "fair",
        "不满意": "dissatisfied",
        "非常不满意": "very dissatisfied",
    }
)
STATUSES = {
    "": "全部",
    "open": "待处理",
    "overdue": "已逾期",
    "unresolved": "未处理",
    "resolved": "已处理",
    "no follow-up": "无需回复",
}
KINDS = {**fb.KINDS, fb.RATING_KIND: "评价"}
PAGE = 50
_KEY = Annotated[str, Query(max_length=80, pattern=NO_NUL)]


@router.get("/feedback", summary="Console: the feedback inbox")
def inbox(
    request: Request,
    item: _KEY = "",
    kind: _KEY = "",
    rating: _KEY = "",
    status: _KEY = "",
    page: int = Query(1, ge=1, le=100000),
    person: Person = Depends(require()),
) -> Response:
    status = status if status in STATUSES else ""
    query = intake.InboxQuery(item=item, kind=kind, rating=rating, status=status, limit=PAGE, offset=(page - 1) * PAGE)
    store = web.console(request).store
    with store.db.read() as session:
        total, records = intake.inbox_page(session, store.clock.now(), query)
    filters = {"item": item, "kind": kind, "rating": rating, "status": status}
    return web.render(
        request,
        "inbox.html",
        title="意见箱",
        records=records,
        total=total,
        page=page,
        pages=max(1, (total + PAGE - 1) // PAGE),
        filters=filters,
        statuses=STATUSES,
        kinds=KINDS,
        ratings=fb.RATINGS,
    )


def _record_page(request: Request, key: str, contact: dict | None = None, status_code: int = 200, error=None):
    store = web.console(request).store
    with store.db.read() as session:
        try:
            record = intake.show(session, key, store.clock.now())
        except workflow.WorkflowError:
            raise web.HTTPException(404, web.t(request, "找不到")) from None
    for hidden in ("contact_name", "contact_phone"):
        record.pop(hidden, None)  # shown only when revealed (and audited)
    return web.render(
        request,
        "feedback_record.html",
        status_code=status_code,
        title="意见箱",
        record=record,
        contact=contact,
        kinds=KINDS,
        ratings=fb.RATINGS,
        statuses=STATUSES,
        error=error,
    )


@router.get("/feedback/{key}", summary="Console: one feedback record (no contact details)")
def record_page(request: Request, key: str, person: Person = Depends(require())) -> Response:
    return _record_page(request, key[:80])


@router.post("/feedback/{key}/contact", summary="Console: reveal a record's contact details (admins; audited)")
def reveal_contact(request: Request, key: str, person: Person = Depends(require("admin"))) -> Response:
    store = web.console(request).store
    with audit.origin(f"web:{sessions.address(request)}"), store.db.write() as session:
        try:
            record = intake.show(session, key[:80], store.clock.now())
        except workflow.WorkflowError:
            raise web.HTTPException(404, web.t(request, "找不到")) from None
        contact = {"consent": record["consent"], "name": record["contact_name"], "phone": record["contact_phone"]}
        if record["has_contact"]:
            audit.record(session, person.name, "feedback.read-contact", record["id"], {}, store.clock.now())
    return _record_page(request, key[:80], contact=contact)


@router.post("/feedback/{key}/resolve", summary="Console: mark a record as answered")
def resolve(
    request: Request,
    key: str,
    note: Annotated[str, Form(max_length=2000)] = "",
    person: Person = Depends(require()),
) -> Response:
    store = web.console(request).store
    try:
        with audit.origin(f"web:{sessions.address(request)}"):
            done = store.resolve_feedback(key[:80], person.name, note.strip())
    except workflow.WorkflowError as exc:
        return _record_page(request, key[:80], status_code=409, error=str(exc))
    return RedirectResponse(f"{web.PREFIX}/feedback/{done['id']}", status_code=303)


@router.get("/feedback.csv", summary="Console: every record as CSV, contact details included (admins; audited)")
def export(request: Request, person: Person = Depends(require("admin"))) -> Response:
    store = web.console(request).store
    with audit.origin(f"web:{sessions.address(request)}"):
        data = store.export_feedback(person.name)
    return web.secure_headers(
        Response(
            data,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
        )
    )
