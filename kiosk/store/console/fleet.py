"""The fleet page: every enrolled kiosk with its last heartbeat, versions, freshness, outbox,
last error and screens; the silent and the stale highlighted. The same rows and marks as
``kiosk-store fleet`` (:func:`kiosk.store.devices.fleet`).

Administrators also enroll a kiosk (its ``[store]`` configuration table, with its token, is
shown once and never again: the store keeps only the token's hash) and revoke one
(confirmed), as ``kiosk-store device enroll`` and ``revoke`` do; both are audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from kiosk.store import audit, devices, workflow
from kiosk.store.console import sessions, web
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
        "登记终端": "Enroll a kiosk",
        "终端名称": "Kiosk name",
        "小写字母、数字、点、下划线和连字符。": "Lowercase letters, digits, dots, underscores and hyphens.",
        "终端访问本存储的地址（可不填）": "The address the kiosk reaches this store at (optional)",
        "登记": "Enroll",
        "已登记终端": "Kiosk enrolled",
        "把下面这段配置写入终端的配置文件。其中的令牌只显示这一次，存储只保存它的散列值。": (
            "Put this table into the kiosk's configuration file. Its token is shown this once: "
            "the store keeps only its hash."
        ),
        "返回终端列表": "Back to the kiosks",
        "吊销": "Revoke",
        "确认吊销": "Confirm revoking",
        "请勾选确认后再吊销。": "Tick the confirmation before revoking.",
        "操作": "Action",
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


@router.post("/fleet/enroll", summary="Console: enroll a kiosk; its configuration, shown once (admins; audited)")
def enroll(
    request: Request,
    name: Annotated[str, Form(max_length=64)] = "",
    url: Annotated[str, Form(max_length=500)] = "",
    person: Person = Depends(require("admin")),
) -> Response:
    url = url.strip()
    if url and not url.startswith(("http://", "https://")):
        raise web.HTTPException(400, "url: expected an http:// or https:// address")
    try:
        with audit.origin(f"web:{sessions.address(request)}"):
            table = web.console(request).store.enroll(name.strip(), url or None, by=person.name)
    except workflow.WorkflowError as exc:
        raise web.HTTPException(409, str(exc)) from None
    return web.render(request, "enrolled.html", title="已登记终端", name=name.strip(), table=table)


@router.post("/fleet/{name}/revoke", summary="Console: revoke a kiosk's token (admins; audited)")
def revoke(
    request: Request,
    name: str,
    confirm: Annotated[str, Form(max_length=8)] = "",
    person: Person = Depends(require("admin")),
) -> Response:
    if confirm != "yes":
        raise web.HTTPException(400, web.t(request, "请勾选确认后再吊销。"))
    try:
        with audit.origin(f"web:{sessions.address(request)}"):
            web.console(request).store.revoke(name[:64], by=person.name)
    except workflow.WorkflowError as exc:
        raise web.HTTPException(409, str(exc)) from None
    return RedirectResponse(f"{web.PREFIX}/fleet", status_code=303)
