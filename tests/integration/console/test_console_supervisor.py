"""The supervisor (监督员) in the console, against a real store on loopback and in a real
chromium: every POST route the app has refuses a supervisor but the remark form and
sign-out; a supervisor reads items, the timeliness view, feedback without contact data and
the stage report (HTML on the page, PDF, HTML and CSV downloads), and adds remarks, which
stay text and are audited. A bad period is a 400 with one line."""

from __future__ import annotations

import re

import pytest
from console_support import HOSTILE, browser_sign_in, csrf_of, http_sign_in, post_routes
from sqlalchemy import select

from kiosk.store import supervision
from kiosk.store.console import sessions
from kiosk.store.models import AuditEntry, Remark

pytestmark = pytest.mark.e2e
SUPERVISOR_MESSAGE = "监督员只能查阅和添加监督意见"


@pytest.fixture(scope="module")
def watched(console_store):
    console_store.add_person("sue", "supervisor")
    return console_store


def audited(store, actor: str) -> list[str]:
    api = store.api()
    try:
        with api.db.read() as session:
            return [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.actor == actor))]
    finally:
        api.db.close()


def test_every_post_route_refuses_a_supervisor(watched):
    routes = post_routes()
    http, answer = http_sign_in(watched.base, "sue")
    assert answer.status_code == 303
    token = csrf_of(http.get(f"{watched.base}/admin/").text)
    refused = 0
    for route in routes:
        assert any(d.call is sessions.supervisors_read for d in route.dependant.dependencies), route.path
        if route.path in supervision.SUPERVISOR_POSTS:
            continue
        path = re.sub(r"\{[^}]+\}", "plan", route.path)  # an item that exists, where an id is asked
        for method in sorted(set(route.methods) - {"GET", "HEAD"}):
            data = {"csrf_token": token, "name": "mallory", "role": "admin", "password": "x" * 12, "note": "x"}
            answer = http.request(method, watched.base + path, data=data, allow_redirects=False)
            assert answer.status_code == 403 and SUPERVISOR_MESSAGE in answer.text, (method, path, answer.status_code)
            refused += 1
    assert refused >= 20
    assert set(audited(watched, "sue")) == {"sign-in"}  # nothing was done in sue's name


def test_a_supervisor_reads_the_report_and_adds_a_remark(browser, watched):
    context, page = browser_sign_in(browser, watched.base, "sue")
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    try:
        links = page.locator("header nav a").all_inner_texts()
        for name in ("条目", "意见箱", "公开时效", "阶段报告", "监督意见"):
            assert name in links
        assert "发布" not in links and "账号" not in links and "审核" not in links
        page.goto(f"{watched.base}/admin/report")
        page.fill("#first", "2026-01-01")
        page.click("#period-form button[type=submit]")
        assert page.locator("#period").inner_text().startswith("2026-01-01 至")
        assert page.locator("#kiosk-use #no-use-data").inner_text() == "本期没有终端上传的使用数据"
        assert page.locator("svg.chart").count() == 2
        downloads = page.locator("#downloads a.download")
        assert downloads.count() == 3
        for n, start in ((0, b"%PDF-"), (1, b"<!DOCTYPE html>"), (2, "\ufeff部分".encode())):
            answer = page.request.get(watched.base + downloads.nth(n).get_attribute("href"))
            assert answer.status == 200 and answer.body().startswith(start), n
            assert "attachment" in answer.headers["content-disposition"]

        page.click("#remark-on-report")
        assert page.input_value("#target").startswith("report:2026-01-01..")
        page.fill("#text", HOSTILE + " 时限不清")
        page.click("#add-remark button[type=submit]")
        assert page.url.endswith("/admin/remarks")
        assert HOSTILE in page.locator(".remark-text").first.inner_text()
        assert page.evaluate("window.__pwned") is None

        page.goto(f"{watched.base}/admin/feedback/{watched.feedback_id}")
        body = page.content()
        assert "13655556666" not in body and "周九" not in body  # contact data stays hidden
        assert page.locator("form#resolve").count() == 0
        assert page.locator(f'form[action="/admin/feedback/{watched.feedback_id}/contact"]').count() == 0
    finally:
        context.close()
    assert problems == []  # nothing refused by the page's security policy, no script error
    assert "remark.add" in audited(watched, "sue")
    api = watched.api()
    try:
        with api.db.read() as session:
            assert [r.author for r in session.scalars(select(Remark))] == ["sue"]
    finally:
        api.db.close()


def test_a_bad_period_or_format_is_one_line(watched):
    http, _ = http_sign_in(watched.base, "sue")
    for query in ("first=2026-13-01", "first=2027-01-01&last=2026-01-01", "first=2000-01-01&last=2026-01-01"):
        answer = http.get(f"{watched.base}/admin/report?{query}")
        assert answer.status_code == 400 and "Traceback" not in answer.text, query
    answer = http.get(f"{watched.base}/admin/report/download?format=exe")
    assert answer.status_code == 400 and "format must be one of pdf, html, csv" in answer.text
    token = csrf_of(http.get(f"{watched.base}/admin/remarks").text)
    answer = http.post(f"{watched.base}/admin/remarks", data={"csrf_token": token, "text": "x" * 3000})
    assert answer.status_code == 400
