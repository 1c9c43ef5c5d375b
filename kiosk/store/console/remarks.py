"""The remarks page: supervisors' remarks, newest first, for every role to read, and the
form with which a supervisor (or an admin answering one) adds one — audited
(:mod:`kiosk.store.supervision`). ``target`` names what a remark is about (``item:ID``,
``report:FIRST..LAST``); the item and report pages link here with it filled in."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from kiosk.store import audit, staff, supervision
from kiosk.store.console import sessions, web
from kiosk.store.console.sessions import Person, require
from kiosk.store.workflow import WorkflowError

router = web.console_router()
web.register_page("/admin/remarks", "监督意见", "监督员对公开工作的意见；管理员可以回应。", staff.ROLES)
web.add_translations(
    {
        "监督意见": "Remarks",
        "监督员对公开工作的意见；管理员可以回应。": "Supervisors' remarks on the disclosure work; admins may answer.",
        "监督员只能查阅和添加监督意见。": "A supervisor may only read and add remarks.",
        "添加意见": "Add a remark",
        "关于（可选，例如 item:条目编号）": "About (optional, e.g. item:ITEM-ID)",
        "意见内容": "Remark",
        "还没有监督意见。": "No remark yet.",
    }
)
_TEXT = Annotated[str, Form(max_length=supervision.REMARK_LIMIT * 4)]
_TARGET = Annotated[str, Form(max_length=128)]


@router.get("/remarks", summary="Console: supervisors' remarks")
def remarks_page(request: Request, target: str = "", person: Person = Depends(require())) -> Response:
    with web.console(request).store.db.read() as session:
        remarks = supervision.listing(session)
    return web.render(
        request,
        "remarks.html",
        title="监督意见",
        remarks=remarks,
        target=target[:128],
        may_add=person.role in supervision.REMARKERS,
        limit=supervision.REMARK_LIMIT,
    )


@router.post("/remarks", summary="Console: add a remark (supervisors and admins; audited)")
def add_remark(
    request: Request,
    text: _TEXT = "",
    target: _TARGET = "",
    person: Person = Depends(require(*supervision.REMARKERS)),
) -> Response:
    store = web.console(request).store
    try:
        with audit.origin(f"web:{sessions.address(request)}"), store.db.write() as session:
            supervision.add(session, staff.user(session, person.name), target.strip(), text, store.clock.now())
    except WorkflowError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"{web.PREFIX}/remarks", status_code=303)
