"""The console's timeliness page and the schedule on the item form, against a real store:
a schedule typed in the form is what the page judges, an edit names the feedback it answers,
a bad stage line is refused with one clear line, and the page passes axe-core."""

from __future__ import annotations

import re

import pytest
from console_support import browser_sign_in, csrf_of, http_sign_in
from sqlalchemy import select

from kiosk.store.models import Revision

pytestmark = pytest.mark.e2e

FORM = {"title": "季度工作安排", "category": "central-work", "unit": "party-group", "body": "正文"}


def save(http, base: str, path: str, **fields) -> object:
    form = http.get(f"{base}{path}")
    action = re.search(
        r'<form method="post" enctype="multipart/form-data" id="item-form"\s+action="([^"]+)"', form.text
    )
    data = {**FORM, **fields, "csrf_token": csrf_of(form.text)}
    return http.post(f"{base}{action.group(1)}", data=data, allow_redirects=False)


def group_of(page_html: str, item_id: str) -> str:
    sections = re.findall(r'<section class="timeliness" id="group-([a-z-]+)">(.*?)</section>', page_html, re.S)
    return next(status for status, body in sections if f'data-id="{item_id}"' in body)


def test_the_form_schedule_reaches_the_page_and_an_edit_links_feedback(console_store):
    base = console_store.base
    http, _ = http_sign_in(base, "alice")
    created = save(http, base, "/admin/items-new", cadence="phased", stages="2020-01-01 启动\n2099-12-31 完成")
    assert created.status_code == 303, created.text
    item_id = created.headers["location"].rsplit("/", 1)[1]

    page = http.get(f"{base}/admin/timeliness")
    assert page.status_code == 200 and group_of(page.text, item_id) == "late"  # the 2020 stage was never disclosed
    assert "<script>window.__pwned" not in page.text  # the hostile item is listed as text
    assert 'id="group-unscheduled"' in page.text  # it has no period: no rule can judge it

    form = http.get(f"{base}/admin/items/{item_id}/edit").text
    assert "2020-01-01 启动\n2099-12-31 完成" in form  # the form shows the schedule again

    store = console_store.api()
    try:
        reference = store.feedback_record(console_store.feedback_id)["reference"]
    finally:
        store.db.close()
    edited = save(
        http, base, f"/admin/items/{item_id}/edit", cadence="routine", period="quarterly", after_feedback=reference
    )
    assert edited.status_code == 303, edited.text
    assert group_of(http.get(f"{base}/admin/timeliness").text, item_id) in ("on-time", "due-this-week")
    store = console_store.api()
    try:
        with store.db.read() as session:
            latest = session.scalars(
                select(Revision).where(Revision.item_id == item_id).order_by(Revision.number)
            ).all()
    finally:
        store.db.close()
    assert [(r.period, r.after_feedback) for r in latest] == [(None, None), ("quarterly", console_store.feedback_id)]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"cadence": "phased", "stages": "2026-06-30"}, "stages: line 1: expected a date and a name"),
        ({"cadence": "phased", "stages": "2026-02-30 中期"}, r"stages\[0\].date: expected a date such as"),
        ({"cadence": "ad-hoc", "event_date": "2100-01-01"}, "event_date: expected a date from 2000-01-01"),
        ({"period": "weekly"}, "period: expected one of monthly"),
        ({"cadence": "phased", "period": "monthly"}, "period: only a routine item has one"),
    ],
)
def test_a_bad_schedule_is_refused_with_one_line(console_store, fields, message):
    http, _ = http_sign_in(console_store.base, "alice")
    answer = save(http, console_store.base, "/admin/items-new", **fields)
    assert answer.status_code == 400
    shown = re.search(r'<p class="error" role="alert" id="form-error">(.*?)</p>', answer.text, re.S).group(1)
    assert re.search(message, shown) and "\n" not in shown and "Traceback" not in answer.text


def test_an_edit_cannot_name_feedback_about_another_item(console_store):
    base = console_store.base
    http, _ = http_sign_in(base, "alice")
    item_id = save(http, base, "/admin/items-new").headers["location"].rsplit("/", 1)[1]
    answer = save(http, base, f"/admin/items/{item_id}/edit", after_feedback="NO-SUCH")
    assert answer.status_code in (400, 409) and "no feedback with id or reference" in answer.text


def test_the_page_is_accessible(browser, console_store, tmp_path):
    from test_console_pages import serious

    context, page = browser_sign_in(browser, console_store.base, "root")
    try:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(console_store.base + "/admin/timeliness")
        assert serious(page) == []
        (tmp_path / "timeliness.png").write_bytes(page.screenshot(full_page=True))
        page.goto(console_store.base + "/admin/items-new")
        assert serious(page) == []
    finally:
        context.close()
