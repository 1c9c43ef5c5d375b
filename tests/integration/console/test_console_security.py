"""The console's defences, in a real chromium against a real store on loopback: sign-in and
the role's home page, lockout, CSRF on every form POST the app has, the cookie's flags, a
disabled account's session, an author's POST to an admin's endpoint, and script in every
text field staying text in every page's DOM."""

from __future__ import annotations

import re

import pytest
import requests
from console_support import (
    CSRF_MESSAGE,
    HOSTILE,
    browser_sign_in,
    csrf_of,
    http_sign_in,
    make_store,
    post_routes,
    serving,
)

from kiosk.store.console import csrf

pytestmark = pytest.mark.e2e

#: Every page of this part of the console (the item pages have their own tests).
PAGES = ("/admin/", "/admin/feedback", "/admin/fleet", "/admin/accounts", "/admin/audit", "/admin/audit/verify")


def test_sign_in_shows_what_the_role_may_do(browser, console_store):
    context, page = browser_sign_in(browser, console_store.base, "alice")
    try:
        assert page.url == f"{console_store.base}/admin/"
        tiles = page.locator(".tile-title").all_inner_texts()
        assert "意见箱" in tiles and "终端" in tiles
        assert "账号" not in tiles and "审计日志" not in tiles  # an author changes no account
        page.click("text=English")
        assert "Feedback inbox" in page.locator(".tiles").inner_text()
    finally:
        context.close()
    context, page = browser_sign_in(browser, console_store.base, "root")
    try:
        tiles = page.locator(".tile-title").all_inner_texts()
        assert {"账号", "审计日志", "意见箱", "终端"} <= set(tiles)
    finally:
        context.close()


def test_a_page_without_a_session_sends_to_sign_in_and_back(browser, console_store):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{console_store.base}/admin/fleet")
        assert page.url.endswith("/admin/signin?next=/admin/fleet")
        page.fill("#name", "alice")
        page.fill("#password", "alice-password-1")
        page.click("button[type=submit]")
        assert page.url == f"{console_store.base}/admin/fleet"
    finally:
        context.close()


def test_wrong_passwords_lock_the_account(browser, console_store):
    console_store.add_person("lockme", "author")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{console_store.base}/admin/signin")
        for _ in range(3):
            page.fill("#name", "lockme")
            page.fill("#password", "not-the-password")
            page.click("button[type=submit]")
            assert page.locator("#signin-error").inner_text() in ("账号或密码错误。", "登录失败次数过多，请稍后再试。")
        page.fill("#name", "lockme")
        page.fill("#password", "lockme-password-1")  # the right one, too late
        page.click("button[type=submit]")
        assert page.locator("#signin-error").inner_text() == "登录失败次数过多，请稍后再试。"
        assert "/admin/signin" in page.url
    finally:
        context.close()
    # Another account from the same address is not locked by it.
    _, answer = http_sign_in(console_store.base, "alice")
    assert answer.status_code == 303


def test_an_address_is_locked_after_failures_on_any_accounts(tmp_path):
    cmd, _ = make_store(tmp_path)
    with serving(cmd, tmp_path / "serve.log", "--address-failures", "4", "--behind-tls-proxy") as base:
        guesser = {"X-Forwarded-For": "203.0.113.9"}
        for name in ("root", "alice", "bob", "carol"):
            _, answer = http_sign_in(base, name, "wrong-guess-123", **guesser)
            assert answer.status_code == 401
        _, answer = http_sign_in(base, "alice", **guesser)  # the right password, from the locked address
        assert answer.status_code == 401 and "登录失败次数过多" in answer.text
        _, answer = http_sign_in(base, "alice", **{"X-Forwarded-For": "198.51.100.7"})
        assert answer.status_code == 303
        # Behind a TLS proxy the session cookie is Secure (and HttpOnly, SameSite=Strict).
        cookie = answer.headers["set-cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_session_cookie_flags(browser, console_store):
    context, page = browser_sign_in(browser, console_store.base, "alice")
    try:
        cookies = {c["name"]: c for c in context.cookies()}
        session = cookies["kiosk_console_session"]
        assert session["httpOnly"] and session["sameSite"] == "Strict"
        assert not session["secure"]  # plain HTTP on loopback, no TLS proxy configured
        assert page.evaluate("document.cookie") == ""  # no script can read either cookie
    finally:
        context.close()


def test_every_form_post_without_the_csrf_token_is_refused(console_store):
    routes = post_routes()
    http, answer = http_sign_in(console_store.base, "root")
    assert answer.status_code == 303
    token = csrf_of(http.get(f"{console_store.base}/admin/").text)
    for route in routes:
        # Structure: the CSRF check is a dependency of the route (it runs before its parameters).
        assert any(d.call is csrf.protect for d in route.dependant.dependencies), route.path
        path = re.sub(r"\{[^}]+\}", "x", route.path)
        for method in sorted(set(route.methods) & csrf.UNSAFE):
            for data in ({}, {"csrf_token": "forged-token-of-sufficient-length"}, {"csrf_token": token + "x"}):
                answer = http.request(method, console_store.base + path, data=data, allow_redirects=False)
                assert answer.status_code == 403 and CSRF_MESSAGE in answer.text, (method, path, data)
            # A JSON body carrying the right token is not a form: refused as well.
            answer = http.request(method, console_store.base + path, json={"csrf_token": token})
            assert answer.status_code == 403, (method, path)
    # The sign-in form before any session: its token must match the pre-session cookie.
    fresh = requests.Session()
    fresh.get(f"{console_store.base}/admin/signin")
    answer = fresh.post(
        f"{console_store.base}/admin/signin",
        data={"name": "root", "password": "root-password-1", "csrf_token": "x" * 43},
        allow_redirects=False,
    )
    assert answer.status_code == 403


def test_a_disabled_accounts_session_is_dead_at_once(browser, console_store):
    console_store.add_person("leaving", "author")
    victim, victim_page = browser_sign_in(browser, console_store.base, "leaving")
    admin, admin_page = browser_sign_in(browser, console_store.base, "root")
    try:
        victim_page.goto(f"{console_store.base}/admin/feedback")
        assert victim_page.url.endswith("/admin/feedback")
        admin_page.goto(f"{console_store.base}/admin/accounts")
        admin_page.click('tr[data-name="leaving"] >> text=停用')
        assert admin_page.locator('tr[data-name="leaving"] .tag.bad').inner_text() == "已停用"
        victim_page.reload()
        assert "/admin/signin" in victim_page.url  # the next request already has no session
        _, answer = http_sign_in(console_store.base, "leaving")
        assert answer.status_code == 401  # nor can it sign in again
    finally:
        victim.close()
        admin.close()


def test_an_authors_post_to_an_admin_endpoint_is_403(browser, console_store):
    context, page = browser_sign_in(browser, console_store.base, "alice")
    try:
        token = page.locator("input[name=csrf_token]").first.get_attribute("value")
        for path, fields in (
            ("/admin/accounts", {"name": "mallory", "role": "approver", "password": "mallory-password-1"}),
            ("/admin/accounts/alice/role", {"role": "admin"}),
            ("/admin/accounts/root/disable", {}),
            ("/admin/accounts/root/password", {"password": "taken-over-123"}),
        ):
            answer = page.request.post(console_store.base + path, form={**fields, "csrf_token": token})
            assert answer.status == 403, path
    finally:
        context.close()
    _, answer = http_sign_in(console_store.base, "root")
    assert answer.status_code == 303  # root's password was not changed
    store = console_store.api()
    try:
        people = {u["name"]: u["role"] for u in store.users()}
    finally:
        store.db.close()
    assert "mallory" not in people and people["alice"] == "author"


def test_script_in_every_text_field_stays_text(browser, console_store):
    context, page = browser_sign_in(browser, console_store.base, "root")
    try:
        visited = [*PAGES, f"/admin/feedback/{console_store.feedback_id}"]
        for path in visited:
            page.goto(console_store.base + path)
            assert page.evaluate("window.__pwned") is None, path
            assert page.locator("script").count() == 0, path  # these pages carry no script at all
            assert page.locator("img").count() == 0, path
        page.goto(console_store.base + "/admin/fleet")
        assert HOSTILE in page.locator("#fleet").inner_text()  # the kiosk's error, shown as text
        page.goto(f"{console_store.base}/admin/feedback/{console_store.feedback_id}")
        assert HOSTILE in page.locator("#record-text").inner_text()
        page.click("text=查看联系方式")
        assert "13655556666" in page.locator("#contact").inner_text()
        assert page.evaluate("window.__pwned") is None
        page.goto(f"{console_store.base}/admin/audit?action=item.add")
        assert "<script>" in page.locator("#audit").inner_text()  # the item's title, as text
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()
