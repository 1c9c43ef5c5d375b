"""The store's feedback records: follow-up dates in working days, overdue, resolve, export,
and the per-item counts in the item listing (Python API on a fake clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk import feedback as fb
from kiosk.config import FeedbackConfig
from kiosk.schema import bounds
from kiosk.store.feedback import Conflict, due_date
from kiosk.store.workflow import WorkflowError
from kiosk.timefmt import DEFAULT_TIMEZONE


@pytest.fixture
def kiosk_id(store):
    """The database id of an enrolled kiosk (what the server's token check yields)."""
    from sqlalchemy import select

    from kiosk.store.models import Device

    store.enroll("lobby-1")
    with store.db.read() as session:
        return session.scalar(select(Device.id).where(Device.name == "lobby-1"))


def record(clock, **fields):
    return fb.new(fields.pop("kind", "opinion"), now=clock.now(), **{"text": "请增加周末的办事窗口", **fields})


def test_due_dates_count_working_days_in_office_time():
    zone = __import__("zoneinfo").ZoneInfo("Asia/Shanghai")
    friday_night = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)  # Saturday 23:30 in Shanghai
    due = due_date(friday_night, 15, zone)
    assert due.date().isoformat() == "2026-12-18" and (due.hour, due.minute) == (23, 59)
    assert due_date(datetime(2026, 11, 26, 1, tzinfo=UTC), 1, zone).date().isoformat() == "2026-11-27"


def test_follow_up_overdue_resolve_and_listing(store, files, clock, kiosk_id):
    from store_support import publish

    item = publish(store, files.write())
    low = record(clock, kind="rating", rating="dissatisfied", text="", item_id=item, item_revision=1)
    fine = record(clock, kind="rating", rating="very-satisfied", text="", item_id=item, item_revision=1)
    praise = record(clock, kind="praise", text="工作人员非常耐心")
    opinion = record(clock, consent=True, name="钱七", phone="0931-8888888")
    for r in (low, fine, praise, opinion):
        store.receive_feedback(kiosk_id, r)
    assert store.receive_feedback(kiosk_id, low)["id"] == low.id  # a replay
    with pytest.raises(Conflict):
        store.receive_feedback(kiosk_id, fb.Feedback(**{**low.to_wire(), "rating": "fair"}))

    statuses = {r["id"]: r["status"] for r in store.feedback()}
    assert statuses == {low.id: "open", fine.id: "no follow-up", praise.id: "no follow-up", opinion.id: "open"}
    assert "contact_name" not in store.feedback()[0]  # the listing never shows contact data
    assert store.feedback_record(opinion.reference)["contact_phone"] == "0931-8888888"

    clock.advance(timedelta(days=22))
    assert {r["id"] for r in store.feedback(only="overdue")} == {low.id, opinion.id}
    store.resolve_feedback(low.reference, "dan", "已电话回复")
    with pytest.raises(WorkflowError, match="already resolved"):
        store.resolve_feedback(low.id, "dan", "again")
    with pytest.raises(WorkflowError, match="no feedback"):
        store.resolve_feedback("ZZZ-ZZZ", "dan", "")
    assert [r["id"] for r in store.feedback(only="overdue")] == [opinion.id]
    assert store.feedback_record(low.id)["resolved_by"] == "dan"

    listed = {i["id"]: i for i in store.items()}[item]
    assert listed["feedback"] == 2
    assert listed["ratings"] == {
        "very-satisfied": 1,
        "satisfied": 0,
        "fair": 0,
        "dissatisfied": 1,
        "very-dissatisfied": 0,
    }

    exported = store.export_feedback()
    assert exported.startswith("\ufeff".encode("utf-8"))
    text = exported.decode("utf-8-sig")
    assert (
        text.splitlines()[0].startswith("编号,记录号,收到时间,终端,类型,评价")
        and "钱七" in text
        and "已电话回复" in text
    )
    # Chinese values, and times in the office's zone (Asia/Shanghai: eight hours ahead of UTC).
    row = next(line for line in text.splitlines() if "钱七" in line)
    assert ",是," in row and (",已处理," in row or ",待处理," in row or ",已逾期," in row)
    qian = next(
        r for r in map(store.feedback_record, (f["id"] for f in store.feedback())) if r["contact_name"] == "钱七"
    )
    shanghai = datetime.fromisoformat(qian["received_at"]).astimezone(ZoneInfo("Asia/Shanghai"))
    local = shanghai.strftime("%Y-%m-%d %H:%M")
    assert local in row


def test_follow_up_days_are_a_setting(store, clock, kiosk_id):
    store.set_follow_up_days(5)
    r = record(clock)
    store.receive_feedback(kiosk_id, r)
    due = datetime.fromisoformat(store.feedback_record(r.id)["due_at"])
    assert timedelta(days=6) < due - clock.now() < timedelta(days=8)
    with pytest.raises(WorkflowError):
        store.set_follow_up_days(0)


def test_the_store_takes_the_follow_up_range_and_default_of_the_kiosk_configuration(store, clock, kiosk_id):
    low, high = bounds(FeedbackConfig, "follow_up_days")
    r = record(clock)
    store.receive_feedback(kiosk_id, r)  # before any setting: the configuration's default
    due = datetime.fromisoformat(store.feedback_record(r.id)["due_at"])
    expected = due_date(clock.now(), FeedbackConfig().follow_up_days, ZoneInfo(DEFAULT_TIMEZONE))
    assert due == expected
    store.set_follow_up_days(int(low))
    store.set_follow_up_days(int(high))
    for outside in (int(low) - 1, int(high) + 1):
        with pytest.raises(WorkflowError, match=f"between {int(low)} and {int(high)}"):
            store.set_follow_up_days(outside)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_inbox_page_is_filtered_counted_and_cut_in_the_database(tmp_path, backend):
    """Every status and filter gives what the full listing filtered in Python gives, a page at a time."""
    import contextlib

    from sqlalchemy import select
    from store_support import fresh_pg_database, item_file, publish
    from support import NOW

    from kiosk.clock import FakeClock
    from kiosk.store.feedback import InboxQuery, inbox_page
    from kiosk.store.models import Device
    from kiosk.store.service import open_store

    with contextlib.ExitStack() as stack:
        url = stack.enter_context(fresh_pg_database()) if backend == "postgresql" else None
        clock = FakeClock(NOW)
        store = open_store(tmp_path / "data", url, tmp_path / "keys", clock=clock)
        stack.callback(store.db.close)
        store.init()
        for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
            store.add_user(name, role)
        item = publish(store, item_file(tmp_path, "i", "条目", id="plan"))
        store.enroll("lobby-1")
        records = [
            record(clock, kind="rating", rating="dissatisfied", text="", item_id=item, item_revision=1),
            record(clock, kind="rating", rating="very-satisfied", text="", item_id=item, item_revision=1),
            record(clock, kind="praise", text="工作人员非常耐心"),
            record(clock),
        ]
        with store.db.read() as session:
            device = session.scalar(select(Device.id))
        for r in records:
            clock.advance(timedelta(minutes=1))
            store.receive_feedback(device, r)
        clock.advance(timedelta(days=22))  # the opinion received first is overdue now
        for r in (record(clock), record(clock, kind="suggestion")):
            clock.advance(timedelta(minutes=1))
            store.receive_feedback(device, r)
        store.resolve_feedback(records[0].id, "dan", "已回复")
        everything = store.feedback()
        assert {r["status"] for r in everything} == {"resolved", "no follow-up", "open", "overdue"}
        for status in ("", "open", "overdue", "unresolved", "resolved", "no follow-up"):
            for filters in ({}, {"item": item}, {"kind": "rating"}, {"rating": "very-satisfied"}):
                wanted = [
                    r["id"]
                    for r in store.feedback(only=status or None)
                    if all(r[{"item": "item_id"}.get(k, k)] == v for k, v in filters.items())
                ]
                with store.db.read() as session:
                    total, page = inbox_page(session, clock.now(), InboxQuery(status=status, **filters))
                    assert (total, [r["id"] for r in page]) == (len(wanted), wanted), (status, filters)
                    _, second = inbox_page(
                        session, clock.now(), InboxQuery(status=status, limit=2, offset=2, **filters)
                    )
                assert [r["id"] for r in second] == wanted[2:4]
                assert all("contact_name" not in r for r in page)
