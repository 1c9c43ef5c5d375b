"""Office hours and dayparts: weekly rules in local time, across midnight and clock changes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support import make_item

from kiosk import paths
from kiosk.config import SignageConfig
from kiosk.planner import Planner, PlanSettings, plan
from kiosk.schedule import TimeRule, WeeklySchedule, categories_allowed

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")  # has daylight saving: 2026-10-25 03:00 → 02:00


def at(tz, *args) -> datetime:
    return datetime(*args, tzinfo=tz).astimezone(UTC)


OFFICE = WeeklySchedule((TimeRule("mon-fri", "08:30", "17:30"),), "Asia/Shanghai")


@pytest.mark.parametrize(
    ("local", "on"),
    [
        ((2026, 11, 26, 8, 29), False),  # Thursday, a minute early
        ((2026, 11, 26, 8, 30), True),
        ((2026, 11, 26, 17, 29), True),
        ((2026, 11, 26, 17, 30), False),  # the end is excluded
        ((2026, 11, 28, 10, 0), False),  # Saturday
    ],
)
def test_office_hours(local, on):
    assert OFFICE.is_on(at(SHANGHAI, *local)) is on


def test_next_boundary_is_the_next_start_or_end_in_local_time():
    assert OFFICE.next_boundary(at(SHANGHAI, 2026, 11, 26, 12, 0)) == at(SHANGHAI, 2026, 11, 26, 17, 30)
    # Friday evening: next is Monday morning.
    assert OFFICE.next_boundary(at(SHANGHAI, 2026, 11, 27, 18, 0)) == at(SHANGHAI, 2026, 11, 30, 8, 30)


def test_a_rule_crossing_midnight_belongs_to_the_day_it_starts():
    night = WeeklySchedule((TimeRule("fri", "22:00", "06:00"),), "Asia/Shanghai")
    assert night.is_on(at(SHANGHAI, 2026, 11, 27, 23, 0))  # Friday night
    assert night.is_on(at(SHANGHAI, 2026, 11, 28, 5, 59))  # early Saturday
    assert not night.is_on(at(SHANGHAI, 2026, 11, 28, 6, 0))
    assert not night.is_on(at(SHANGHAI, 2026, 11, 29, 1, 0))  # early Sunday: Saturday has no rule
    assert not night.is_on(at(SHANGHAI, 2026, 11, 27, 1, 0))  # early Friday: Thursday has no rule
    assert night.next_boundary(at(SHANGHAI, 2026, 11, 27, 23, 0)) == at(SHANGHAI, 2026, 11, 28, 6, 0)


def test_daylight_saving_change_keeps_wall_clock_hours():
    hours = WeeklySchedule((TimeRule("mon-sun", "08:00", "18:00"),), "Europe/Berlin")
    # The night of 24→25 October 2026 has 25 hours; opening stays at 08:00 local.
    assert hours.next_boundary(at(BERLIN, 2026, 10, 24, 19, 0)) == at(BERLIN, 2026, 10, 25, 8, 0)
    assert at(BERLIN, 2026, 10, 25, 8, 0) - at(BERLIN, 2026, 10, 24, 18, 0) == timedelta(hours=15)
    assert hours.is_on(at(BERLIN, 2026, 10, 25, 8, 0))


def test_daypart_limits_categories_and_falls_back_to_all():
    weekend = WeeklySchedule(
        (TimeRule("sat,sun", "00:00", "24:00", categories=("conduct",)),), "Asia/Shanghai", always_on_when_empty=False
    )
    everything = {"conduct", "organisation"}
    assert categories_allowed(weekend, at(SHANGHAI, 2026, 11, 28, 12, 0), everything) == {"conduct"}
    assert categories_allowed(weekend, at(SHANGHAI, 2026, 11, 26, 12, 0), everything) == everything


def test_a_week_of_plan_follows_office_hours_and_dayparts_across_daylight_saving():
    signage = SignageConfig(
        hours=(TimeRule("mon-fri", "08:30", "17:30"), TimeRule("sat", "09:00", "12:00")),
        dayparts=(TimeRule("sat", "00:00", "24:00", categories=("conduct",)),),
    )
    settings = PlanSettings.of(signage, "Europe/Berlin", category_order=("central-work", "conduct"))
    items = [
        make_item("work", published_at=at(BERLIN, 2026, 10, 1, 9, 0)),
        make_item("rules", category="conduct", published_at=at(BERLIN, 2026, 10, 1, 9, 0)),
    ]
    start = at(BERLIN, 2026, 10, 19, 0, 0)  # Monday; the clocks go back on Sunday the 25th
    slides = plan(items, settings, start, start + timedelta(days=7))
    for slide in slides:
        local = slide.start.astimezone(BERLIN)
        is_on = settings.hours.is_on(slide.start)
        assert (slide.reason != "off-hours") == is_on, local
        if slide.item is not None and local.weekday() == 5:
            assert slide.item.category == "conduct"  # Saturday's daypart
    openings = [
        s.start.astimezone(BERLIN)
        for a, s in zip(slides, slides[1:], strict=False)
        if a.reason == "off-hours" and s.reason != "off-hours"
    ]
    assert [(o.day, o.hour, o.minute) for o in openings] == [
        (19, 8, 30),
        (20, 8, 30),
        (21, 8, 30),
        (22, 8, 30),
        (23, 8, 30),
        (24, 9, 0),
    ]


def test_clock_jumps_forwards_and_backwards_give_a_sane_slide():
    planner = Planner(PlanSettings.of(SignageConfig(hours=OFFICE.rules), category_order=("central-work",)))
    planner.set_items([make_item("a"), make_item("b")], at(SHANGHAI, 2026, 11, 26, 9, 0))
    now = at(SHANGHAI, 2026, 11, 26, 9, 0)
    for jump in (timedelta(days=2, hours=3), -timedelta(days=3), timedelta(hours=10), -timedelta(hours=1)):
        now += jump
        slide = planner.next(now)
        assert slide.start == now and slide.end > now
        assert (slide.reason == "off-hours") == (not OFFICE.is_on(now))


def test_the_configuration_and_the_store_preview_need_no_apscheduler():
    """The store installs without APScheduler, yet reads the configuration and the wall's
    paging for its console previews: only building a trigger may import it."""
    code = textwrap.dedent("""
        import sys
        sys.modules["apscheduler"] = None  # importing it now fails as if it were not installed
        from datetime import UTC, datetime
        from kiosk.config import SignageConfig
        from kiosk.schedule import WeeklySchedule
        from kiosk.store.console import preview
        assert WeeklySchedule((), "Asia/Shanghai").is_on(datetime(2026, 11, 26, tzinfo=UTC))
        assert SignageConfig().hours == ()
        print("ok", preview.WALL_SIZES[0])
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
