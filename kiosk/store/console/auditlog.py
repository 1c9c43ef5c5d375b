"""The audit log's pages (admins only): search by account, action, text and dates (office
time), page through the newest first, export what matches as CSV, and check the chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from kiosk.store import audit
from kiosk.store.console import web
from kiosk.store.console.sessions import Person, require
from kiosk.store.fields import NO_NUL

router = web.console_router()
web.register_page("/admin/audit", "审计日志", "谁在何时从何处做了什么；检查日志是否被改动。", ("admin",))
web.add_translations(
    {
        "审计日志": "Audit log",
        "谁在何时从何处做了什么；检查日志是否被改动。": (
            "Who did what, when and from where; check the log is untouched."
        ),
        "操作类型": "Action",
        "包含文字": "Containing",
        "从": "From",
        "到": "To",
        "查找": "Search",
        "导出 CSV": "Export CSV",
        "检查日志": "Check the log",
        "序号": "No.",
        "时间": "Time",
        "对象": "Object",
        "来源": "From where",
        "详情": "Details",
        "共": "Total",
        "条": "entries",
        "上一页": "Previous page",
        "下一页": "Next page",
        "日志完整：每一条都与前一条相连，未被改动。": (
            "The log is intact: every entry follows the one before, none changed."
        ),
        "日志被改动过：": "The log has been tampered with:",
        "日期格式应为 2026-12-05。": "Dates are written 2026-12-05.",
    }
)
PAGE = 100
# Annotated, not shared defaults: one Query() object given to several parameters of a
# dependency makes FastAPI keep only the first of them.
_TEXT = Annotated[str, Query(max_length=128, pattern=NO_NUL)]
_DATE = Annotated[str, Query(max_length=10, description="a local date, 2026-12-05")]


@dataclass(frozen=True, slots=True)
class Filters:
    """The search a page or an export asks for: as typed (for the form) and as a query."""

    typed: dict[str, str]
    query: audit.Query


def filters(
    request: Request,
    actor: _TEXT = "",
    action: _TEXT = "",
    q: _TEXT = "",
    since: _DATE = "",
    until: _DATE = "",
) -> Filters:
    """The audit search's parameters, shared by the page and the CSV export."""
    zone = web.console(request).zone

    def day(text: str, after: bool) -> datetime | None:
        if not text:
            return None
        try:
            parsed = datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError:
            raise web.HTTPException(400, web.t(request, "日期格式应为 2026-12-05。")) from None
        return datetime.combine(parsed + timedelta(days=1 if after else 0), time(), tzinfo=zone)

    typed = {"actor": actor, "action": action, "q": q, "since": since, "until": until}
    query = audit.Query(actor=actor, action=action, text=q, since=day(since, False), until=day(until, True))
    return Filters(typed=typed, query=query)


@router.get("/audit", summary="Console: search the audit log (admins)")
def audit_page(
    request: Request,
    search: Filters = Depends(filters),
    page: int = Query(1, ge=1, le=100000),
    person: Person = Depends(require("admin")),
) -> Response:
    with web.console(request).store.db.read() as session:
        total, entries = audit.search(session, search.query, offset=(page - 1) * PAGE, limit=PAGE)
    return web.render(
        request,
        "audit.html",
        title="审计日志",
        entries=entries,
        total=total,
        page=page,
        pages=max(1, (total + PAGE - 1) // PAGE),
        filters=search.typed,
        verdict=None,
    )


@router.get("/audit.csv", summary="Console: the matching audit entries as CSV (admins)")
def audit_csv(
    request: Request, search: Filters = Depends(filters), person: Person = Depends(require("admin"))
) -> Response:
    with web.console(request).store.db.read() as session:
        data = audit.export_csv(session, search.query, web.console(request).zone)
    return web.secure_headers(
        Response(
            data,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
        )
    )


@router.get("/audit/verify", summary="Console: check the audit log's chain (admins)")
def audit_verify(request: Request, person: Person = Depends(require("admin"))) -> Response:
    with web.console(request).store.db.read() as session:
        verdict = audit.verify(session)
        total, entries = audit.search(session, audit.Query(), limit=PAGE)
    filters = {"actor": "", "action": "", "q": "", "since": "", "until": ""}
    return web.render(
        request,
        "audit.html",
        title="审计日志",
        entries=entries,
        total=total,
        page=1,
        pages=max(1, (total + PAGE - 1) // PAGE),
        filters=filters,
        verdict=verdict,
    )
