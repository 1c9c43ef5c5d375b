"""The fleet page: every enrolled kiosk with its last heartbeat, versions, freshness, outbox,
last error and screens; the silent and the stale highlighted. The same rows and marks as
``kiosk-store fleet`` (:func:`kiosk.store.devices.fleet`)."""

from __future__ import annotations

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from kiosk.store import devices
from kiosk.store.console import web
from kiosk.store.console.sessions import Person, require

router = web.console_router()
web.register_page(
    "/admin/fleet", "终端", "每台终端的心跳、版本和是否过期；无响应的终端标出。", ("author", "approver", "admin")
)
web.add_translations(
    {
        "终端": "Kiosks",
        "每台终端的心跳、版本和是否过期；无响应的终端标出。": (
            "Every kiosk's heartbeat, versions and freshness; silent ones marked."
        ),
        "最后心跳": "Last heartbeat",
        "从未": "never",
        "软件版本": "App version",
        "内容版本": "Feed version",
        "待上传意见": "Feedback waiting",
        "被拒意见": "Feedback set aside",
        "运行时间": "Up",
        "最后错误": "Last error",
        "需要注意": "Needs attention",
        "正常运行": "ok",
        "无心跳": "silent",
        "内容落后": "feed behind",
        "内容过期": "feed stale",
        "意见待上传": "feedback waiting",
        "意见被拒": "feedback set aside",
        "报错": "error",
        "秒前": "s ago",
        "还没有登记的终端。": "No kiosk is enrolled yet.",
        "秒": "s",
        "过期自": "stale since",
    }
)
PROBLEMS = {
    "silent": "无心跳",
    "feed-behind": "内容落后",
    "feed-stale": "内容过期",
    "feedback-waiting": "意见待上传",
    "feedback-set-aside": "意见被拒",
    "error": "报错",
}
#: The marks that mean a kiosk may not be showing what it should: its row is highlighted.
ATTENTION = frozenset({"silent", "feed-stale", "feed-behind"})


@router.get("/fleet", summary="Console: every kiosk and what needs attention")
def fleet_page(
    request: Request,
    silent_after: float = Query(
        devices.SILENT_AFTER.total_seconds(),
        ge=devices.SILENT_AFTER_BOUNDS[0],
        le=devices.SILENT_AFTER_BOUNDS[1],
        allow_inf_nan=False,
    ),
    person: Person = Depends(require()),
) -> Response:
    from datetime import timedelta

    store = web.console(request).store
    rows = devices.fleet(store.devices(), store.feed_version(), store.clock.now(), timedelta(seconds=silent_after))
    for row in rows:
        row["attention"] = bool(ATTENTION & set(row["problems"]))
    return web.render(request, "fleet.html", title="终端", rows=rows, problems=PROBLEMS)
