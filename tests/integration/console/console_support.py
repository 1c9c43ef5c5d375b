"""A real store for the console's browser tests: accounts, a kiosk, feedback and an item whose
every text field is hostile, served by ``kiosk-store serve`` on loopback; and Debian's
chromium driven by Playwright (``executable_path``: no browser is downloaded)."""

from __future__ import annotations

import contextlib
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests
from pdf_support import make_pdf
from store_support import StoreCommand, item_file, read_line, stop

from kiosk import feedback as fb
from kiosk.store import devices
from kiosk.store.service import open_store

CHROMIUM = "/usr/bin/chromium"
#: Each account's password is its name and this (long enough for the policy).
SUFFIX = "-password-1"
#: Script in every text field a person or a kiosk can fill: it must stay text everywhere.
HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
PEOPLE = (("root", "admin"), ("alice", "author"), ("bob", "approver"), ("carol", "admin"))
CSRF_MESSAGE = "表单已过期"


def password(name: str) -> str:
    return name + SUFFIX


@dataclass
class ConsoleStore:
    base: str
    cmd: StoreCommand
    feedback_id: str
    data: Path

    def api(self):
        return open_store(self.cmd.data, None, self.cmd.keys)

    def add_person(self, name: str, role: str) -> None:
        store = self.api()
        try:
            store.add_user(name, role, password=password(name), by="root")
        finally:
            store.db.close()


def make_store(folder: Path) -> tuple[StoreCommand, str]:
    """Accounts (each with a password), one kiosk with a hostile heartbeat, hostile feedback
    with contact details, and an item titled with script."""
    cmd = StoreCommand(folder / "data", folder / "keys", None)
    store = open_store(cmd.data, None, cmd.keys)
    try:
        store.init()
        store.add_user("root", "admin", password=password("root"))
        for name, role in PEOPLE[1:]:
            store.add_user(name, role, password=password(name), by="root")
        store.enroll("lobby-1", "http://127.0.0.1:1")
        with store.db.plain() as session:
            devices.heartbeat(session, 1, {"last_error": HOSTILE, "app_version": HOSTILE}, store.clock.now())
        record = fb.new(
            "opinion",
            text=HOSTILE + " 建议增加自助机",
            consent=True,
            name="周九",
            phone="13655556666",
            now=datetime.now(UTC),
        )
        store.receive_feedback(1, record)
        store.add_item(item_file(folder, "hostile", '"' + HOSTILE.replace('"', "'") + '"'), "alice")
        (folder / "plan.pdf").write_bytes(make_pdf([(595, 842), (595, 842)]))
        planned = item_file(
            folder, "plan", "年度公开目录", id="plan", doc_number="市委发〔2026〕7号", attachments=["plan.pdf"]
        )
        store.add_item(planned, "alice")
        store.submit("plan", "alice")
    finally:
        store.db.close()
    return cmd, record.id


@contextlib.contextmanager
def serving(cmd: StoreCommand, log: Path, *extra: str) -> Iterator[str]:
    with open(log, "w", encoding="utf-8") as err:
        process = subprocess.Popen(
            cmd.argv("serve", "--host", "127.0.0.1", "--port", "0", *extra),
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        try:
            line = read_line(process, 30)
            assert line.startswith("listening on http://"), line
            yield line.removeprefix("listening on ").strip()
        finally:
            stop(process)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def http_sign_in(
    base: str, name: str, secret: str | None = None, **headers
) -> tuple[requests.Session, requests.Response]:
    """A plain HTTP client signed in as ``name`` (no browser): the session and the answer."""
    http = requests.Session()
    http.headers.update(headers)
    page = http.get(f"{base}/admin/signin")
    answer = http.post(
        f"{base}/admin/signin",
        data={"name": name, "password": secret or password(name), "csrf_token": csrf_of(page.text)},
        # Given explicitly: behind a (pretended) TLS proxy the cookie is Secure, and requests
        # would not send it over this plain-HTTP loopback.
        cookies={c.name: c.value for c in page.cookies},
        allow_redirects=False,
    )
    return http, answer


def browser_sign_in(browser, base: str, name: str, secret: str | None = None):
    """A fresh browser context signed in as ``name``; its page is on the home page."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/admin/")
    assert "/admin/signin" in page.url  # not signed in yet: sent to sign in
    page.fill("#name", name)
    page.fill("#password", secret or password(name))
    page.click("button[type=submit]")
    return context, page


def post_routes() -> list:
    """Every route of the real app that takes a POST (or PUT, PATCH, DELETE) under /admin/."""
    import tempfile

    from kiosk.store.console import csrf
    from kiosk.store.server import create_app

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder), None, Path(folder) / "keys")
        try:
            store.init()
            app = create_app(store)
        finally:
            store.db.close()

    def walk(routes):
        for route in routes:
            if hasattr(route, "original_router"):  # an included router (FastAPI keeps it whole)
                yield from walk(route.original_router.routes)
            else:
                yield route

    routes = [
        r
        for r in walk(app.routes)
        if getattr(r, "path", "").startswith("/admin") and set(getattr(r, "methods", None) or ()) & csrf.UNSAFE
    ]
    assert len(routes) >= 9  # sign-in, sign-out, accounts (5), feedback (2) at least
    return routes
