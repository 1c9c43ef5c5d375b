"""The stage report page: a period form (GET: nothing changes, so no token is needed), the
report as HTML, and downloads of it as PDF, HTML and CSV — the same report
``kiosk-store report`` writes (:mod:`kiosk.store.report`). Every signed-in role may read it,
supervisors included. A bad period is a 400 with one line."""

from __future__ import annotations

from datetime import date

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response

from kiosk.store import report, staff
from kiosk.store.console import web
from kiosk.store.console.sessions import Person, require
from kiosk.store.report import FORMATS
from kiosk.store.report.pdf import FontMissing
from kiosk.store.report.period import PeriodError, parse_day

router = web.console_router()
web.register_page(
    "/admin/report",
    "阶段报告",
    "按报告期汇总公开、时效、意见和评价，可下载 PDF、HTML、CSV。",
    staff.ROLES,
)
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"}
web.add_translations(
    {
        "阶段报告": "Stage report",
        "按报告期汇总公开、时效、意见和评价，可下载 PDF、HTML、CSV。": (
            "Disclosure, timeliness, feedback and ratings of a period, to download as PDF, HTML or CSV."
        ),
        "报告期": "Period",
        "起始日期": "First day",
        "截止日期": "Last day",
        "生成报告": "Make the report",
        "下载": "Download",
        "添加监督意见": "Add a remark on this report",
    }
)


def quarter_so_far(today: date) -> tuple[date, date]:
    """The default period: the current quarter, from its first day to today."""
    return date(today.year, (today.month - 1) // 3 * 3 + 1, 1), today


def _period(request: Request, first: str | None, last: str | None) -> tuple[date, date]:
    ctx = web.console(request)
    default_first, default_last = quarter_so_far(ctx.store.clock.now().astimezone(ctx.zone).date())
    try:
        return (parse_day(first) if first else default_first), (parse_day(last) if last else default_last)
    except PeriodError as exc:
        raise HTTPException(400, str(exc)) from None


def _made(request: Request, first: date, last: date) -> dict:
    try:
        return report.of_store(web.console(request).store, first, last)
    except PeriodError as exc:
        raise HTTPException(400, str(exc)) from None


@router.get("/report", summary="Console: the stage report of a period")
def report_page(
    request: Request, first: str | None = None, last: str | None = None, person: Person = Depends(require())
) -> Response:
    start, end = _period(request, first, last)
    made = _made(request, start, end)
    from kiosk.store.report import html

    store = web.console(request).store
    return web.render(
        request,
        "report.html",
        title="阶段报告",
        first=start.isoformat(),
        last=end.isoformat(),
        formats=FORMATS,
        body=html.body(made, report.catalog_of(store)),
    )


@router.get("/report/download", summary="Console: the stage report as PDF, HTML or CSV")
def report_download(
    request: Request,
    first: str | None = None,
    last: str | None = None,
    format: str = "pdf",
    person: Person = Depends(require()),
) -> Response:
    if format not in FORMATS:
        raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}")
    start, end = _period(request, first, last)
    made = _made(request, start, end)
    try:
        data = report.render(made, report.catalog_of(web.console(request).store), format)
    except FontMissing as exc:  # no CJK font on this machine
        raise HTTPException(503, str(exc)) from None
    name = f"report-{start.isoformat()}-{end.isoformat()}.{format}"
    return web.secure_headers(
        Response(data, media_type=MEDIA[format], headers={"Content-Disposition": f'attachment; filename="{name}"'})
    )
