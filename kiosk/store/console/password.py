"""The own-password page: every signed-in person (a supervisor too) changes their own
password — the current one asked for, the new one typed twice and checked as an account's
first password is (:func:`kiosk.store.accounts.change_own_password`), audited without it.
The person's other console sessions end; the one in use goes on."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import Response

from kiosk.store import accounts, audit, workflow
from kiosk.store.console import sessions, web
from kiosk.store.console.sessions import Person, require

router = web.console_router()
web.add_translations(
    {
        "修改密码": "Change password",
        "当前密码": "Current password",
        "新密码": "New password",
        "再次输入新密码": "New password again",
        "密码已修改；你在其他地方的登录已退出。": "Password changed; your other sign-ins have ended.",
        "当前密码不正确。": "The current password is wrong.",
        "两次输入的新密码不一致。": "The two new passwords differ.",
        "失败次数过多，请稍后再试。": "Too many failures: try again later.",
    }
)
_PASSWORD = Annotated[str, Form(max_length=accounts.PASSWORD_LENGTH[1])]


def _page(request: Request, status_code: int = 200, error: str | None = None, done: bool = False) -> Response:
    return web.render(
        request,
        "password.html",
        status_code=status_code,
        title="修改密码",
        error=error,
        done=done,
        limits=accounts.PASSWORD_LENGTH,
    )


@router.get("/password", summary="Console: change one's own password")
def password_page(request: Request, person: Person = Depends(require())) -> Response:
    return _page(request)


@router.post("/password", summary="Console: change one's own password (audited)")
def change_password(
    request: Request,
    current: _PASSWORD = "",
    new: _PASSWORD = "",
    again: _PASSWORD = "",
    person: Person = Depends(require()),
) -> Response:
    if new != again:
        return _page(request, 400, web.t(request, "两次输入的新密码不一致。"))
    ctx = web.console(request)
    where = sessions.address(request)
    refused: accounts.SignInRefused | None = None
    try:
        with audit.origin(f"web:{where}"), ctx.store.db.write() as session:
            try:
                accounts.change_own_password(
                    session,
                    person.name,
                    current,
                    new,
                    where,
                    ctx.policy,
                    ctx.store.clock.now(),
                    sessions.digest(request),
                )
            except accounts.SignInRefused as exc:
                refused = exc  # caught inside: the failure count and its audit entry are committed
    except workflow.WorkflowError as exc:
        return _page(request, 400, str(exc))
    if refused is not None:
        message = "当前密码不正确。" if str(refused) == accounts.WRONG_CURRENT else "失败次数过多，请稍后再试。"
        return _page(request, 403, web.t(request, message))
    return _page(request, done=True)
