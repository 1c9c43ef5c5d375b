"""CSRF protection for every console form.

Every ``<form method="post">`` holds ``{{ csrf_field() }}`` — a hidden ``csrf_token`` — and
:func:`protect`, a dependency of every console router (:func:`.web.console_router`), refuses
with 403 any POST (PUT, PATCH, DELETE) whose form does not carry the right one, before the
route's own parameters are looked at.

Signed in, the token is the session's own (kept server-side with it). Before sign-in (the
sign-in form itself, against login CSRF) it is a random value also set in a
``SameSite=Strict`` cookie, and the form must repeat it: another site can neither read nor
set that cookie. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request
from fastapi.responses import Response
from starlette.requests import ClientDisconnect

from kiosk.store.console import sessions, web
from kiosk.store.guards import BodyTimeout, BodyTooLarge

PRE_COOKIE = "kiosk_console_csrf"
FIELD = "csrf_token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def token_for(request: Request) -> str:
    """The token this request's forms must carry."""
    person = sessions.current(request)
    if person is not None:
        return person.csrf_token
    held = request.cookies.get(PRE_COOKIE, "")
    if 20 <= len(held) <= 64 and held.isascii():
        return held
    if not hasattr(request.state, "fresh_csrf"):
        request.state.fresh_csrf = secrets.token_urlsafe(32)
    return request.state.fresh_csrf


def remember(request: Request, response: Response, token: str) -> None:
    """Set the pre-sign-in cookie when the page's forms use a token the browser does not hold yet."""
    if sessions.current(request) is None and request.cookies.get(PRE_COOKIE) != token:
        response.set_cookie(
            PRE_COOKIE,
            token,
            path=web.PREFIX + "/",
            httponly=True,
            samesite="strict",
            secure=sessions.secure(request),
        )


async def protect(request: Request) -> None:
    if request.method not in UNSAFE:
        return
    expected = None
    person = sessions.current(request)
    if person is not None:
        expected = person.csrf_token
    else:
        held = request.cookies.get(PRE_COOKIE, "")
        expected = held if 20 <= len(held) <= 64 else None
    try:
        form = await request.form()
        given = form.get(FIELD)
    except (BodyTooLarge, BodyTimeout, ClientDisconnect):
        raise  # the guards answer these (413, 408)
    except Exception:  # not a form at all: JSON, garbage, a broken multipart body
        given = None
    if expected is None or not isinstance(given, str) or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, web.t(request, "表单已过期，请重新打开页面再试。"))
