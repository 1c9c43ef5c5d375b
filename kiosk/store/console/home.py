"""Sign-in, sign-out, the language switch, the kiosk's font, and the home page.

The home page lists what the signed-in person's role may do (the entries of
:func:`.web.register_page`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from kiosk.store import accounts, audit
from kiosk.store.console import sessions, web
from kiosk.store.console.sessions import Person, require

router = web.console_router()

ROLE_NAMES = {"author": "作者", "approver": "审核人", "admin": "管理员"}


@router.get("/", summary="Console: home page")
def home(request: Request, person: Person = Depends(require())) -> Response:
    entries = [e for e in web.NAV if person.role in e.roles]
    return web.render(request, "home.html", title="首页", entries=entries, role_name=ROLE_NAMES.get(person.role, ""))


@router.get("/signin", summary="Console: the sign-in page")
def signin_page(request: Request, next: str | None = None) -> Response:
    target = web.local_path(next)
    if sessions.current(request) is not None:
        return RedirectResponse(target, status_code=303)
    return web.render(request, "signin.html", title="登录", next=target, error=None, name="")


@router.post("/signin", summary="Console: sign in with name and password")
def signin(
    request: Request,
    name: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=accounts.PASSWORD_LENGTH[1])] = "",
    next: Annotated[str, Form(max_length=512)] = "",
) -> Response:
    ctx = web.console(request)
    target = web.local_path(next)
    where = sessions.address(request)
    response = RedirectResponse(target, status_code=303)
    refused: accounts.SignInRefused | None = None
    with audit.origin(f"web:{where}"), ctx.store.db.write() as session:
        try:
            account = accounts.sign_in(session, name.strip(), password, where, ctx.policy, ctx.store.clock.now())
        except accounts.SignInRefused as exc:
            refused = exc  # caught inside: the failure count and its audit entry are committed
        else:
            sessions.start(session, request, response, account)
    if refused is not None:
        message = "账号或密码错误。" if str(refused) == accounts.WRONG else "登录失败次数过多，请稍后再试。"
        return web.render(
            request, "signin.html", status_code=401, title="登录", next=target, error=message, name=name[:64]
        )
    return response


@router.post("/signout", summary="Console: sign out")
def signout(request: Request, person: Person = Depends(require())) -> Response:
    response = RedirectResponse(web.PREFIX + "/signin", status_code=303)
    with audit.origin(f"web:{sessions.address(request)}"), web.console(request).store.db.write() as session:
        audit.record(session, person.name, "sign-out", person.name, {}, web.console(request).store.clock.now())
    sessions.end(request, response)
    return response


@router.get("/lang/{code}", summary="Console: choose the language (zh or en)")
def choose_language(request: Request, code: str, next: str | None = None) -> Response:
    response = RedirectResponse(web.local_path(next), status_code=303)
    if code in web.LANGUAGES:
        response.set_cookie(web.LANG_COOKIE, code, max_age=365 * 86400, path=web.PREFIX + "/", samesite="strict")
    return response


@router.get("/font/sans", summary="Console: the kiosk's font, served by the store")
def font(request: Request) -> Response:
    for candidate in web.FONT_FILES:
        if Path(candidate).is_file():
            media = "font/collection" if candidate.endswith(".ttc") else "font/otf"
            return FileResponse(candidate, media_type=media, headers={"Cache-Control": "public, max-age=604800"})
    return Response(status_code=404)


@router.get("", include_in_schema=False)
def bare() -> Response:
    return RedirectResponse(web.PREFIX + "/", status_code=308)
