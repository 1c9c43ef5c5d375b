"""The timeliness rules: period ends (month ends, leap years, quarter boundaries), stages,
ad-hoc promptness, and the late / due this week / on time judgement."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.store.timeliness import (
    DUE_THIS_WEEK,
    LATE,
    ON_TIME,
    UNSCHEDULED,
    Schedule,
    Stage,
    next_due,
    next_period_end,
    period_end,
    status,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "period", "end"),
    [
        ("2026-01-01", "monthly", "2026-01-31"),
        ("2026-02-10", "monthly", "2026-02-28"),
        ("2028-02-10", "monthly", "2028-02-29"),  # leap year
        ("2026-04-30", "monthly", "2026-04-30"),
        ("2026-03-31", "quarterly", "2026-03-31"),  # the quarter's last day is in it
        ("2026-04-01", "quarterly", "2026-06-30"),
        ("2026-09-30", "quarterly", "2026-09-30"),
        ("2026-10-01", "quarterly", "2026-12-31"),
        ("2026-06-30", "half-yearly", "2026-06-30"),
        ("2026-07-01", "half-yearly", "2026-12-31"),
        ("2026-01-01", "yearly", "2026-12-31"),
        ("2026-12-31", "yearly", "2026-12-31"),
    ],
)
def test_period_end(day, period, end):
    assert period_end(D(day), period) == D(end)


@pytest.mark.parametrize(
    ("day", "period", "end"),
    [
        ("2026-01-31", "monthly", "2026-02-28"),  # a month end to the next month's shorter end
        ("2028-01-31", "monthly", "2028-02-29"),
        ("2027-12-15", "monthly", "2028-01-31"),  # across the year
        ("2026-03-31", "quarterly", "2026-06-30"),
        ("2026-12-31", "quarterly", "2027-03-31"),
        ("2026-02-28", "half-yearly", "2026-12-31"),
        ("2026-11-30", "half-yearly", "2027-06-30"),
        ("2027-06-01", "yearly", "2028-12-31"),
    ],
)
def test_next_period_end(day, period, end):
    assert next_period_end(D(day), period) == D(end)


@pytest.mark.parametrize(
    ("due", "today", "expected"),
    [
        ("2026-03-31", "2026-04-01", LATE),
        ("2026-03-31", "2026-03-31", DUE_THIS_WEEK),  # due today is not late yet
        ("2026-03-31", "2026-03-25", DUE_THIS_WEEK),  # six days ahead
        ("2026-03-31", "2026-03-24", ON_TIME),  # seven days ahead
    ],
)
def test_status(due, today, expected):
    assert status(D(due), D(today)) == expected


ROUTINE_Q = Schedule("routine", period="quarterly")
PHASED = Schedule(
    "phased", stages=(Stage("启动", D("2026-02-01")), Stage("中期", D("2026-06-01")), Stage("完成", D("2026-12-01")))
)
AD_HOC = Schedule("ad-hoc", event_date=D("2026-03-10"))


@pytest.mark.parametrize(
    ("schedule", "created", "published", "today", "due", "expected"),
    [
        # routine: before the first publication, the end of the period it was created in
        (ROUTINE_Q, "2026-02-01", [], "2026-03-20", "2026-03-31", ON_TIME),
        (ROUTINE_Q, "2026-02-01", [], "2026-04-01", "2026-03-31", LATE),
        # published in Q1: next due at the end of Q2, whatever day of Q1 it was
        (ROUTINE_Q, "2026-02-01", ["2026-03-31"], "2026-04-01", "2026-06-30", ON_TIME),
        (ROUTINE_Q, "2026-02-01", ["2026-01-01", "2026-03-01"], "2026-06-28", "2026-06-30", DUE_THIS_WEEK),
        (ROUTINE_Q, "2026-02-01", ["2026-03-01"], "2026-07-01", "2026-06-30", LATE),
        (Schedule("routine", period="monthly"), "2028-01-05", ["2028-01-31"], "2028-03-01", "2028-02-29", LATE),
        # phased: the n-th publication discloses the n-th stage
        (PHASED, "2026-01-01", [], "2026-01-20", "2026-02-01", ON_TIME),
        (PHASED, "2026-01-01", [], "2026-02-02", "2026-02-01", LATE),
        (PHASED, "2026-01-01", ["2026-02-03"], "2026-05-30", "2026-06-01", DUE_THIS_WEEK),
        (PHASED, "2026-01-01", ["2026-02-03", "2026-06-01", "2026-11-30"], "2027-01-01", None, ON_TIME),
        # ad-hoc: within seven days of the event, then nothing
        (AD_HOC, "2026-03-10", [], "2026-03-11", "2026-03-17", DUE_THIS_WEEK),
        (AD_HOC, "2026-03-10", [], "2026-03-18", "2026-03-17", LATE),
        (AD_HOC, "2026-03-10", ["2026-03-20"], "2026-04-01", None, ON_TIME),
        # what the cadence needs is missing
        (Schedule("routine"), "2026-01-01", [], "2026-04-01", None, UNSCHEDULED),
        (Schedule("phased"), "2026-01-01", [], "2026-04-01", None, UNSCHEDULED),
        (Schedule("ad-hoc"), "2026-01-01", [], "2026-04-01", None, UNSCHEDULED),
    ],
)
def test_next_due(schedule, created, published, today, due, expected):
    found = next_due(schedule, D(created), [D(p) for p in published], D(today))
    assert (found.due, found.status) == (D(due) if due else None, expected)
