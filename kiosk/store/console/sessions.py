"""Console sessions: server-side rows named by the sha256 of a random cookie.

* :func:`require` ``(*roles)`` — the FastAPI dependency pages use; returns a :class:`Person`.
* :func:`current` ``(request)`` — the signed-in :class:`Person` or None (cached per request).
* :func:`start` / :func:`end` — after a good sign-in / at sign-out.

The cookie is ``HttpOnly`` (no script reads it), ``SameSite=Strict`` (no other site's page
sends it) and ``Secure`` when the console is served over TLS or behind a TLS proxy the
store is told about (``kiosk-store serve --behind-tls-proxy``). A session ends after
:attr:`AccountPolicy.session_idle` seconds unused and :attr:`AccountPolicy.session_absolute`
seconds after sign-in, whichever comes first; it is checked against its account on every
request, so a disabled account's (or a changed role's) sessions are dead at once — their
rows are also deleted when the account changes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import delete, select

from kiosk.store.console import web
from kiosk.store.models import ConsoleSession, User

COOKIE = "kiosk_console_session"
#: ``last_seen_at`` is written at most this often (a page view is a read, not a write).
TOUCH_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class Person:
    """The signed-in person, as pages see them."""

    id: int
    name: str
    role: str
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def digest(request: Request) -> str | None:
    """The stored name (sha256) of the session this request carries, if it carries one."""
    token = request.cookies.get(COOKIE)
    return _digest(token) if token and len(token) <= 128 else None


def secure(request: Request) -> bool:
    return request.url.scheme == "https" or web.console(request).behind_tls_proxy


def address(request: Request) -> str:
    """Where a request comes from: the peer, or the proxy's last hop when behind the configured TLS proxy."""
    peer = request.client.host if request.client else "unknown"
    if web.console(request).behind_tls_proxy:
        forwarded = request.headers.get("x-forwarded-for", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:64]
    return peer[:64]


def current(request: Request) -> Person | None:
    if hasattr(request.state, "person"):
        return request.state.person
    request.state.person = None
    token = request.cookies.get(COOKIE)
    if not token or len(token) > 128:
        return None
    ctx = web.console(request)
    now = ctx.store.clock.now()
    digest = _digest(token)
    with ctx.store.db.read() as session:
        row = session.execute(
            select(ConsoleSession, User)
            .join(User, User.id == ConsoleSession.user_id)
            .where(ConsoleSession.token_sha256 == digest)
        ).first()
    if row is None:
        return None
    stored, account = row
    idle = timedelta(seconds=ctx.policy.session_idle)
    absolute = timedelta(seconds=ctx.policy.session_absolute)
    dead = (
        account.disabled_at is not None
        or now - stored.last_seen_at > idle
        or now - stored.created_at > absolute
        or now < stored.created_at  # the clock went back: start again rather than trust it
    )
    if dead:
        with ctx.store.db.plain() as session:
            session.execute(delete(ConsoleSession).where(ConsoleSession.token_sha256 == digest))
        return None
    if now - stored.last_seen_at > TOUCH_EVERY:
        with ctx.store.db.plain() as session:
            found = session.get(ConsoleSession, digest)
            if found is not None:
                found.last_seen_at = now
    request.state.person = Person(account.id, account.name, account.role, stored.csrf_token)
    return request.state.person


def require(*roles: str):
    """A dependency: the signed-in :class:`Person` (of one of ``roles``, if given).

    No valid session: a GET or HEAD is redirected to the sign-in page (and back after),
    anything else is refused with 403. Another role: 403.
    """

    def dependency(request: Request) -> Person:
        person = current(request)
        if person is None:
            if request.method in ("GET", "HEAD"):
                raise web.SignInRequired()
            raise web.forbid(web.t(request, "登录已过期或尚未登录，请登录。"))
        if roles and person.role not in roles:
            raise web.forbid(web.t(request, "你的角色不能做这件事。"))
        return person

    return dependency


async def supervisors_read(request: Request) -> None:
    """A dependency of every console router: a supervisor's POST (PUT, PATCH, DELETE) is
    refused with 403 unless its path is one of :data:`.supervision.SUPERVISOR_POSTS`."""
    from kiosk.store.staff import SUPERVISOR
    from kiosk.store.supervision import SUPERVISOR_POSTS

    if request.method in ("GET", "HEAD", "OPTIONS") or request.url.path in SUPERVISOR_POSTS:
        return
    person = current(request)
    if person is not None and person.role == SUPERVISOR:
        raise web.forbid(web.t(request, "监督员只能查阅和添加监督意见。"))


def start(session, request: Request, response: Response, account: User) -> None:
    """A new session for ``account`` (inside the sign-in's transaction); sets the cookie."""
    ctx = web.console(request)
    now = ctx.store.clock.now()
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(
            token_sha256=_digest(token),
            user_id=account.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            address=address(request),
        )
    )
    response.set_cookie(
        COOKIE,
        token,
        max_age=ctx.policy.session_absolute,
        path=web.PREFIX + "/",
        httponly=True,
        samesite="strict",
        secure=secure(request),
    )


def end(request: Request, response: Response) -> None:
    token = request.cookies.get(COOKIE)
    if token:
        with web.console(request).store.db.plain() as session:
            session.execute(delete(ConsoleSession).where(ConsoleSession.token_sha256 == _digest(token)))
    response.delete_cookie(COOKIE, path=web.PREFIX + "/", httponly=True, samesite="strict", secure=secure(request))


def now(request: Request) -> datetime:
    return web.console(request).store.clock.now()
