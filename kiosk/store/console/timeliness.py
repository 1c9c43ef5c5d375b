"""The timeliness page: every item's next disclosure due, in three groups — late, due this
week, on time — and the items whose schedule is missing. The same rows as
``kiosk-store timeliness`` (:mod:`kiosk.store.timeliness_record`)."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.responses import Response

from kiosk.store import staff
from kiosk.store.console import labels, web
from kiosk.store.console.sessions import Person, require
from kiosk.store.timeliness_record import groups

router = web.console_router()
web.register_page("/admin/timeliness", "公开时效", "哪些条目已逾期、本周到期、按时公开。", staff.ROLES)
#: The periods of routine items, as the form and the page name them.
PERIOD_NAMES = {"monthly": "每月", "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年"}
GROUP_NAMES = {"late": "已逾期", "due-this-week": "本周到期", "on-time": "按时", "unscheduled": "缺少时间表"}
MISSING_NAMES = {"period": "请填写周期", "stages": "请填写各阶段日期", "event_date": "请填写事件日期"}
web.add_translations(
    {
        "公开时效": "Timeliness",
        "哪些条目已逾期、本周到期、按时公开。": "What is late, what is due this week, what is on time.",
        "每月": "monthly",
        "每季度": "quarterly",
        "每半年": "half-yearly",
        "每年": "yearly",
        "已逾期": "Late",
        "本周到期": "Due this week (within seven days)",
        "按时": "On time",
        "缺少时间表": "No schedule",
        "请填写周期": "add a period",
        "请填写各阶段日期": "add the stages",
        "请填写事件日期": "add the event date",
        "应公开日期": "Due",
        "最近公开": "Last published",
        "从未公开": "never",
        "无待公开": "nothing due",
        "根据意见修订": "Revised after feedback",
        "是": "yes",
        "没有条目。": "No item.",
        "公开时间表": "Disclosure schedule",
        "定期公开的周期（常规事项）": "Period (routine items)",
        "各阶段及预计公开日期（阶段性事项，每行一个：2026-06-30 中期）": (
            "Stages and their expected dates (phased items; one a line: 2026-06-30 mid-term)"
        ),
        "事件发生日期（临时事项）": "Date of the event (ad-hoc items)",
        "本次修改回应的意见（编号）": "Feedback this revision answers (its reference)",
    }
)


@router.get("/timeliness", summary="Console: what is late, due this week, on time")
def timeliness_page(request: Request, person: Person = Depends(require())) -> Response:
    rows = web.console(request).store.timeliness()
    return labels.render(
        request,
        "timeliness.html",
        title="公开时效",
        groups=groups(rows),
        group_names=GROUP_NAMES,
        period_names=PERIOD_NAMES,
        missing_names=MISSING_NAMES,
    )
