"""The stage report's figures for a fixture quarter made through the real store (SQLite and
PostgreSQL), compared with figures the test computes itself from the raw rows — its own
queries, its own date arithmetic — and, for timeliness, with what the fixture was built to
hold (each disclosure's due date and the day it came)."""

from __future__ import annotations

import json
import zoneinfo
from collections import Counter
from datetime import date, datetime

import pytest
from report_support import FIRST, LAST, make_quarter, quarter_store
from sqlalchemy import select
from store_support import database_url  # noqa: F401 (fixture)

from kiosk.store import report
from kiosk.store.models import AuditEntry, FeedbackRow, Revision
from kiosk.store.report.period import PeriodError, parse_day, period

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def quarter(tmp_path, database_url):
    store = quarter_store(tmp_path, database_url)
    made = make_quarter(store, tmp_path)
    yield made
    store.db.close()


def local_day(instant) -> date:
    return instant.astimezone(SHANGHAI).date()


def in_quarter(instant) -> bool:
    return instant is not None and FIRST <= local_day(instant) <= LAST


def test_disclosure_figures_match_the_raw_record(quarter):
    store = quarter.store
    figures = report.of_store(store, FIRST, LAST)["disclosed"]
    with store.db.read() as session:
        revisions = [r for r in session.scalars(select(Revision)) if in_quarter(r.published_at)]
        log = list(session.scalars(select(AuditEntry)))
        withdrawals = [a for a in log if a.action == "item.withdraw" and in_quarter(a.at)]
        feedback = list(session.scalars(select(FeedbackRow)))
    assert figures["publications"] == len(revisions) == 5
    assert figures["items"] == len({r.item_id for r in revisions}) == 3
    per_category = {c: len({r.item_id for r in revisions if r.category == c}) for c in {r.category for r in revisions}}
    assert {k: v["items"] for k, v in figures["by_category"].items()} == per_category
    per_cadence = {c: len({r.item_id for r in revisions if r.cadence == c}) for c in {r.cadence for r in revisions}}
    assert {k: v["items"] for k, v in figures["by_cadence"].items()} == per_cadence
    assert per_cadence == {"routine": 1, "phased": 1, "ad-hoc": 1}
    per_pair = Counter((r.category, r.unit) for r in revisions)
    assert {(row["category"], row["unit"]): row["publications"] for row in figures["table"]} == per_pair
    later = [r for r in revisions if r.number > 1]
    assert figures["revisions"]["count"] == len(later) == 3
    assert figures["revisions"]["after_feedback"] == sum(1 for r in later if r.after_feedback) == 2
    assert {row["feedback"] for row in figures["revisions"]["after_feedback_rows"]} == {
        quarter.feedback["about-phased"],
        quarter.feedback["general"],
    }
    assert figures["withdrawals"]["count"] == len(withdrawals) == 1
    had_feedback = [a for a in withdrawals if any(f.item_id == a.target and f.received_at < a.at for f in feedback)]
    assert figures["withdrawals"]["after_feedback"] == len(had_feedback) == 1


def test_timeliness_counts_on_time_late_and_missed(quarter):
    figures = report.of_store(quarter.store, FIRST, LAST)["timeliness"]
    # What the fixture was built to hold: (item, due) -> verdict.
    expected = {
        ("monthly", "2026-10-31"): "on-time",  # published 15 October
        ("monthly", "2026-11-30"): "late",  # nothing in November; next on 5 December
        ("monthly", "2026-12-31"): "on-time",  # 5 December
        ("quarterly", "2026-12-31"): "missed",  # never published
        ("phased", "2026-10-20"): "on-time",  # stage 启动 on 18 October
        ("phased", "2026-11-20"): "late",  # stage 中期 on 25 November
        ("adhoc", "2026-11-09"): "on-time",  # event 2 November, published the 5th
        ("adhoc-never", "2026-12-08"): "missed",
    }
    assert {(r["item_id"], r["due"]): r["verdict"] for r in figures["rows"]} == expected
    cadence = {"monthly": "routine", "quarterly": "routine", "phased": "phased"}
    cadence |= {"adhoc": "ad-hoc", "adhoc-never": "ad-hoc"}
    counted = Counter((cadence[item], verdict) for (item, _), verdict in expected.items())
    for name, counts in figures["by_cadence"].items():
        for verdict, n in counts.items():
            assert n == counted[(name, verdict)], (name, verdict)
    assert figures["unscheduled"] == 1 and figures["horizon"] == "2026-12-31"


def test_feedback_figures_match_the_raw_record(quarter):
    store = quarter.store
    figures = report.of_store(store, FIRST, LAST)["feedback"]
    with store.db.read() as session:
        rows = [f for f in session.scalars(select(FeedbackRow)) if in_quarter(f.received_at)]
    end = datetime(2027, 1, 1, tzinfo=SHANGHAI)  # the quarter's end, office time

    def state(f) -> str:
        if f.resolved_at and f.resolved_at < end:
            return "resolved"
        if f.due_at is None:
            return "no follow-up"
        return "overdue" if f.due_at < end else "open"

    assert figures["received"] == len(rows) == 13
    counted = Counter((f.kind, state(f)) for f in rows)
    for kind, counts in figures["by_kind"].items():
        for status, n in counts.items():
            assert n == counted[(kind, status)], (kind, status)
    owed = [f for f in rows if f.due_at is not None]
    in_time = [f for f in owed if f.resolved_at and f.resolved_at < end and f.resolved_at <= f.due_at]
    late = [f for f in owed if f.resolved_at and f.due_at < f.resolved_at < end]
    assert figures["follow_up"]["owed"] == len(owed) == 7
    assert figures["follow_up"]["in-time"] == len(in_time) == 2
    assert figures["follow_up"]["late"] == len(late) == 1
    assert figures["follow_up"]["unanswered"] == len(owed) - len(in_time) - len(late)
    levels = Counter(f.rating for f in rows if f.rating)
    assert figures["ratings"] == {k: levels.get(k, 0) for k in figures["ratings"]}
    good = levels["very-satisfied"] + levels["satisfied"] + levels["fair"]
    assert figures["satisfaction_rate"] == pytest.approx(good / sum(levels.values())) == pytest.approx(5 / 7)


def test_the_uploaded_use_section_is_empty_until_kiosks_upload(quarter):
    made = report.of_store(quarter.store, FIRST, LAST)
    assert made["kiosk_use"] is None
    json.dumps(made)  # the whole report is plain data


def test_a_period_is_checked():
    with pytest.raises(PeriodError, match="ends .* before it starts"):
        period(date(2026, 2, 1), date(2026, 1, 1), SHANGHAI)
    with pytest.raises(PeriodError, match="at most 731 days"):
        period(date(2020, 1, 1), date(2026, 1, 1), SHANGHAI)
    with pytest.raises(PeriodError, match="not a date"):
        parse_day("2026-02-30")
    quarter = period(FIRST, LAST, SHANGHAI)
    assert quarter.start.isoformat() == "2026-09-30T16:00:00+00:00" and quarter.days == 92
