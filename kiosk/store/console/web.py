"""The console's page machinery: templates, translation, navigation, security headers.

* :func:`render` ``(request, template_name, status_code=200, **context)`` → an HTML response
  (Jinja2, autoescaped), sent with :data:`CONTENT_SECURITY_POLICY` and ``no-store``.
* :func:`t` ``(request, "中文")`` → the text in the person's language; in templates ``t("中文")``.
  Chinese is the source language and the default; English strings are added with
  :func:`add_translations` (a missing one shows the Chinese, never an empty label).
* :func:`register_page` adds a navigation entry for some roles.
* :func:`console_router` — the ``APIRouter`` every page module uses (CSRF on every POST, and
  no supervisor's POST but the few :data:`kiosk.store.supervision.SUPERVISOR_POSTS`).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.store.accounts import AccountPolicy
from kiosk.store.console import i18n
from kiosk.store.service import Store

R = TypeVar("R", bound=Response)
HERE = Path(__file__).resolve().parent
PREFIX = "/admin"
LANG_COOKIE = "kiosk_console_lang"
LANGUAGES = ("zh", "en")
#: Only the store's own files: no inline script, no other site, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
#: Where the kiosk's font (Noto Sans CJK) usually is; the store serves the first one found.
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)

_ENV = Environment(
    loader=FileSystemLoader(str(HERE / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass(frozen=True)
class NavEntry:
    path: str
    label: str
    about: str
    roles: tuple[str, ...]


NAV: list[NavEntry] = []


def register_page(path: str, label: str, about: str, roles: tuple[str, ...]) -> None:
    """A link in the navigation and on the home page of ``roles`` (labels in Chinese, translated)."""
    if all(entry.path != path for entry in NAV):
        NAV.append(NavEntry(path, label, about, tuple(roles)))


def add_translations(english: dict[str, str]) -> None:
    i18n.EN.update(english)


def language(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE, "zh")
    return chosen if chosen in LANGUAGES else "zh"


def t(request: Request, text: str) -> str:
    return i18n.translate(language(request), text)


@dataclass
class Console:
    """What the console's pages share, kept on ``app.state.console``."""

    store: Store
    policy: AccountPolicy
    behind_tls_proxy: bool
    zone: zoneinfo.ZoneInfo


def console(request: Request) -> Console:
    return request.app.state.console


def local(request: Request, instant: datetime | str | None, seconds: bool = False) -> str:
    """An instant as the office reads it: ``2026-12-05 08:30`` in the store's time zone."""
    if instant is None or instant == "":
        return ""
    if isinstance(instant, str):
        instant = datetime.fromisoformat(instant)
    return instant.astimezone(console(request).zone).strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else ""))


def render(request: Request, template_name: str, status_code: int = 200, **context) -> HTMLResponse:
    from kiosk.store.console import csrf, sessions

    person = sessions.current(request)
    lang = language(request)
    token = csrf.token_for(request)

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="csrf_token" value="{}">').format(token)

    values = {
        "request": request,
        "person": person,
        "lang": lang,
        "t": lambda text: i18n.translate(lang, text),
        "csrf_field": csrf_field,
        "local": lambda instant, seconds=False: local(request, instant, seconds),
        "nav": [entry for entry in NAV if person is not None and person.role in entry.roles],
        "path": request.url.path,
        **context,
    }
    body = _ENV.get_template(template_name).render(values)
    response = HTMLResponse(body, status_code=status_code)
    secure_headers(response)
    csrf.remember(request, response, token)
    return response


def secure_headers(response: R) -> R:
    """The console's headers on ``response`` (pages and downloads alike); returns it."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def local_path(target: str | None, default: str = PREFIX + "/") -> str:
    """``target`` if it is a path of the console (never another site: no open redirect)."""
    if not target or not target.startswith(PREFIX + "/") or target.startswith("//") or "\\" in target:
        return default
    if any(ord(c) < 0x21 for c in target):
        return default
    return target


def console_router() -> APIRouter:
    from kiosk.store.console import csrf, sessions

    # CSRF first: a forged request is refused before anything about its sender is said.
    return APIRouter(
        prefix=PREFIX, dependencies=[Depends(csrf.protect), Depends(sessions.supervisors_read)], tags=["console"]
    )


class SignInRequired(Exception):
    """Raised by :func:`.sessions.require` for a page asked for without a valid session."""


def install(app: FastAPI, store, policy, behind_tls_proxy: bool) -> None:
    """What every console page needs: shared state, static files, error pages."""
    from kiosk.store.feedback import office_zone

    with store.db.read() as session:
        zone = office_zone(session)
    app.state.console = Console(store=store, policy=policy, behind_tls_proxy=behind_tls_proxy, zone=zone)
    app.mount(PREFIX + "/static", StaticFiles(directory=str(HERE / "static")), name="console-static")

    @app.exception_handler(SignInRequired)
    async def sign_in_first(request: Request, _exc: SignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"{PREFIX}/signin?next={escape_query(target)}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def console_errors(request: Request, exc: StarletteHTTPException) -> Response:
        if not request.url.path.startswith(PREFIX + "/") or exc.status_code < 400:
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        message = exc.detail if isinstance(exc.detail, str) else ""
        return render(request, "error.html", status_code=exc.status_code, status=exc.status_code, message=message)


def escape_query(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


def forbid(message: str = "") -> HTTPException:
    return HTTPException(403, message or "not allowed")


__all__ = ["NAV", "Console", "escape", "forbid", "local", "register_page", "render", "t"]
