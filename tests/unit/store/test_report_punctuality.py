"""The rules that list what fell due in a report's period and judge it: calendar periods of
each length, an item created during a period, stages in date order, the horizon of a period
still running, and a withdrawn item owing nothing from its withdrawal."""

from __future__ import annotations

from datetime import date

from report_support import at

from kiosk.store import report
from kiosk.store.report.punctuality import calendar_periods, owed, verdict
from kiosk.store.timeliness import Schedule, Stage

D = date.fromisoformat


def test_calendar_periods_of_each_length():
    year = (D("2026-01-01"), D("2026-12-31"))
    assert [e.isoformat() for _, e in calendar_periods("quarterly", *year)] == [
        "2026-03-31",
        "2026-06-30",
        "2026-09-30",
        "2026-12-31",
    ]
    assert list(calendar_periods("half-yearly", *year)) == [
        (D("2026-01-01"), D("2026-06-30")),
        (D("2026-07-01"), D("2026-12-31")),
    ]
    assert list(calendar_periods("yearly", D("2026-02-01"), D("2026-12-30"))) == []  # ends after the horizon
    assert len(list(calendar_periods("monthly", *year))) == 12
    assert list(calendar_periods("monthly", D("2026-02-10"), D("2026-03-05"))) == [(D("2026-02-01"), D("2026-02-28"))]


def test_routine_periods_are_owed_from_the_one_the_item_was_created_in():
    monthly = Schedule("routine", period="monthly")
    found = owed(monthly, D("2026-05-20"), [D("2026-06-03")], D("2026-04-01"), D("2026-06-30"))
    # April ended before the item existed; May had no disclosure (June's came after); June on time.
    assert [(due.isoformat(), on) for due, _, on in found] == [
        ("2026-05-31", D("2026-06-03")),
        ("2026-06-30", D("2026-06-03")),
    ]
    assert [verdict(due, on, D("2026-06-30")) for due, _, on in found] == ["late", "on-time"]


def test_stages_are_disclosed_in_date_order_and_judged_up_to_the_horizon():
    phased = Schedule("phased", stages=(Stage("完成", D("2026-09-01")), Stage("启动", D("2026-03-01"))))
    found = owed(phased, D("2026-01-01"), [D("2026-03-01"), D("2026-09-20")], D("2026-01-01"), D("2026-09-10"))
    assert [(what, due) for due, what, _ in found] == [("启动", D("2026-03-01")), ("完成", D("2026-09-01"))]
    # The second publication came after the horizon: at the horizon the stage was missed.
    assert [verdict(due, on, D("2026-09-10")) for due, _, on in found] == ["on-time", "missed"]
    assert verdict(D("2026-09-01"), D("2026-09-20"), D("2026-09-30")) == "late"


def test_a_running_period_is_judged_up_to_yesterday_and_a_withdrawn_item_owes_nothing_after(store, files):
    store.clock.set(at("2026-03-01"))
    store.add_item(files.write(title="未公开", id="never", cadence="ad-hoc", event_date="2026-03-02"), "alice")
    store.add_item(files.write(title="停止", id="stopped", period="monthly"), "alice")
    store.submit("stopped", "alice")
    store.approve("stopped", "bob")
    store.clock.set(at("2026-03-05"))
    store.publish("stopped", "dan")
    store.clock.set(at("2026-03-09"))  # the ad-hoc item is due today: not judged yet
    assert report.of_store(store, D("2026-03-01"), D("2026-03-31"))["timeliness"]["rows"] == []
    store.clock.set(at("2026-03-20"))
    store.withdraw("stopped", "dan")
    store.clock.set(at("2026-05-02"))
    rows = report.of_store(store, D("2026-03-01"), D("2026-04-30"))["timeliness"]["rows"]
    # March was disclosed; April is not owed by an item withdrawn in March.
    assert [(r["item_id"], r["due"], r["verdict"]) for r in rows] == [
        ("never", "2026-03-09", "missed"),
        ("stopped", "2026-03-31", "on-time"),
    ]
