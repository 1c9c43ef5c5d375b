"""Timeliness from the store's record, on SQLite and PostgreSQL: a simulated year of routine,
phased and ad-hoc items published on time, late and never; revisions linked to the feedback
that caused them; the ``kiosk-store timeliness`` listing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from store_support import database_url, publish  # noqa: F401 (fixture)

from kiosk import feedback as fb
from kiosk.clock import FakeClock
from kiosk.store.models import AuditEntry, Device, Revision
from kiosk.store.service import open_store
from kiosk.store.workflow import WorkflowError

#: 1 January 2026, 10:00 in Shanghai.
NEW_YEAR = datetime(2026, 1, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def year_store(tmp_path, database_url):
    clock = FakeClock(NEW_YEAR)
    store = open_store(tmp_path / "data", database_url, tmp_path / "keys", clock=clock)
    store.init(history=5)
    for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
        store.add_user(name, role)
    yield store
    store.db.close()


def on(store, day: str, hour: int = 2) -> None:
    """Move the store's clock to ``day`` at 10:00 (hour 2 UTC) Shanghai time."""
    store.clock.set(datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC))


def status_of(store) -> dict[str, tuple[str, str | None]]:
    return {r["id"]: (r["status"], r["due"]) for r in store.timeliness()}


def republish(store, item_id: str, path, **edit) -> None:
    store.edit_item(item_id, path, "alice", **edit)
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    store.publish(item_id, "dan")


def test_a_year_of_items_on_time_late_and_never(year_store, files):
    store = year_store
    monthly_path = files.write(title="月度工作", id="monthly", period="monthly")
    quarterly_path = files.write(title="季度党费", id="quarterly", period="quarterly")
    never_path = files.write(title="从未公开", id="never", period="half-yearly")
    phased_path = files.write(
        title="分阶段项目",
        id="phased",
        cadence="phased",
        stages="".join(
            f"\n  - {{name: {n}, date: {d}}}"
            for n, d in (("启动", "2026-02-15"), ("中期", "2026-07-15"), ("完成", "2026-11-30"))
        ),
    )
    adhoc_path = files.write(title="突发事项", id="adhoc", cadence="ad-hoc", event_date="2026-03-02")
    bare_path = files.write(title="缺少周期", id="bare", cadence="phased")
    publish(store, monthly_path)
    publish(store, quarterly_path)
    store.add_item(never_path, "alice")
    store.add_item(phased_path, "alice")
    store.add_item(adhoc_path, "alice")
    store.add_item(bare_path, "alice")
    on(store, "2026-01-26")
    assert status_of(store) == {
        "monthly": ("on-time", "2026-02-28"),  # published in January: February's is next
        "quarterly": ("on-time", "2026-06-30"),
        "never": ("on-time", "2026-06-30"),
        "phased": ("on-time", "2026-02-15"),
        "adhoc": ("on-time", "2026-03-09"),  # its event is ahead; seven days after it
        "bare": ("unscheduled", None),
    }
    assert next(r for r in store.timeliness() if r["id"] == "bare")["missing"] == "stages"

    # The first stage goes out on its day; February passes without a monthly disclosure.
    on(store, "2026-02-15")
    store.submit("phased", "alice")
    store.approve("phased", "bob")
    store.publish("phased", "dan")
    on(store, "2026-02-22")
    assert status_of(store)["monthly"] == ("due-this-week", "2026-02-28")
    on(store, "2026-03-01")
    found = status_of(store)
    assert found["monthly"] == ("late", "2026-02-28") and found["phased"] == ("on-time", "2026-07-15")
    # A disclosure counts for the period it is made in: this one is March's (February's was
    # missed), so April's is the next one owed.
    republish(store, "monthly", monthly_path)
    assert status_of(store)["monthly"] == ("on-time", "2026-04-30")

    # The event is disclosed late (after seven days); until then it is late.
    on(store, "2026-03-10")
    assert status_of(store)["adhoc"] == ("late", "2026-03-09")
    on(store, "2026-03-12")
    store.submit("adhoc", "alice")
    store.approve("adhoc", "bob")
    store.publish("adhoc", "dan")
    assert status_of(store)["adhoc"] == ("on-time", None)

    # Year's end: the half-yearly item was never published; the quarterly was done in Q1 only.
    on(store, "2026-12-31", hour=15)  # 23:00 on 31 December in Shanghai: still that day
    found = status_of(store)
    assert found["never"] == ("late", "2026-06-30")
    assert found["quarterly"] == ("late", "2026-06-30")
    assert found["phased"] == ("late", "2026-07-15")
    assert [r["status"] for r in store.timeliness()][:3] == ["late"] * 3  # the late come first

    store.withdraw("quarterly", "dan")
    assert "quarterly" not in status_of(store)  # a withdrawn item owes nothing


@pytest.fixture
def opinions(year_store):
    """Two feedback records received from a kiosk: one about item ``a``, one general."""
    store = year_store
    store.enroll("lobby-1")
    with store.db.read() as session:
        kiosk_id = session.scalar(select(Device.id).where(Device.name == "lobby-1"))
    about = fb.new("opinion", now=store.clock.now(), text="请写明办理时限", item_id="a", item_revision=1)
    general = fb.new("opinion", now=store.clock.now(), text="希望增加周末窗口")
    other = fb.new("opinion", now=store.clock.now(), text="别的事项", item_id="b", item_revision=1)
    for record in (about, general, other):
        store.receive_feedback(kiosk_id, record)
    return about, general, other


def test_a_revision_after_feedback_links_to_it(year_store, files, opinions):
    store = year_store
    about, general, other = opinions
    path = files.write(title="办事指南", id="a", period="yearly")
    publish(store, path)
    republish(store, "a", path, after_feedback=about.reference.lower())  # the receipt's reference, any case
    store.edit_item("a", path, "alice", after_feedback=general.id)  # general feedback may lead to it too
    with pytest.raises(WorkflowError, match=f"feedback {other.reference} is about item b, not a"):
        store.edit_item("a", path, "alice", after_feedback=other.id)
    with pytest.raises(WorkflowError, match="no feedback with id or reference 'NOPE'"):
        store.edit_item("a", path, "alice", after_feedback="NOPE")
    with store.db.read() as session:
        links = {
            n: f
            for n, f in session.execute(select(Revision.number, Revision.after_feedback).where(Revision.item_id == "a"))
        }
        audited = [
            json.loads(e.detail) for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "item.edit"))
        ]
    assert links == {1: None, 2: about.id, 3: general.id}
    assert [a.get("after_feedback") for a in audited] == [about.id, general.id]
    assert next(r for r in store.timeliness() if r["id"] == "a")["revised_after_feedback"]


def test_the_command_lists_three_groups_and_escapes_titles(year_store, files, capsys, monkeypatch):
    from kiosk.store.cli import timeliness as command

    store = year_store
    store.add_item(files.write(title='"标题\\e[31m"', id="x", period="monthly"), "alice")
    store.add_item(files.write(title="按时", id="y", period="yearly"), "alice")
    store.clock.advance(timedelta(days=40))
    args = type("Args", (), {"json": False})()
    assert command._show(store, args) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b" in out
    assert out.splitlines()[0] == "late: 1" and "due this week: 0" in out and "on time: 1" in out
    args.json = True
    command._show(store, args)
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["status"], r["due"]) for r in rows] == [
        ("x", "late", "2026-01-31"),
        ("y", "on-time", "2026-12-31"),
    ]
