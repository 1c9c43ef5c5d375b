"""Tests of dates and times as visitors read them (kiosk.timefmt).

Instants are UTC everywhere else; here they become local (default Asia/Shanghai, UTC+8
all year) and take Chinese forms, so the local date can differ from the UTC date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfoNotFoundError

import pytest

from kiosk import timefmt

TZ = "Asia/Shanghai"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_late_afternoon_utc_is_the_next_day_in_shanghai():
    instant = utc(2026, 11, 26, 16, 30)
    assert timefmt.date_text(instant, TZ) == "2026年11月27日"
    assert timefmt.weekday_text(instant, TZ) == "星期五"
    assert timefmt.long_date_text(instant, TZ) == "2026年11月27日 星期五"
    assert timefmt.time_text(instant, TZ) == "00:30"


def test_the_same_day_before_the_local_midnight():
    instant = utc(2026, 11, 26, 15, 59)
    assert timefmt.long_date_text(instant, TZ) == "2026年11月26日 星期四"
    assert timefmt.time_text(instant, TZ) == "23:59"


def test_months_and_days_have_no_leading_zero():
    assert timefmt.date_text(utc(2026, 3, 4, 1, 0), TZ) == "2026年3月4日"


@pytest.mark.parametrize(
    ("day", "weekday"),
    [(23, "星期一"), (24, "星期二"), (25, "星期三"), (26, "星期四"), (27, "星期五"), (28, "星期六"), (29, "星期日")],
)
def test_every_weekday(day, weekday):
    # Noon in Shanghai on 23–29 November 2026, a Monday to a Sunday.
    assert timefmt.weekday_text(utc(2026, 11, day, 4, 0), TZ) == weekday


def test_year_end_rolls_over_locally():
    instant = utc(2026, 12, 31, 16, 0)
    assert timefmt.long_date_text(instant, TZ) == "2027年1月1日 星期五"


def test_an_instant_with_another_offset_gives_the_same_local_text():
    berlin_winter = timezone(timedelta(hours=1))
    instant = datetime(2026, 11, 26, 17, 30, tzinfo=berlin_winter)  # 16:30 UTC
    assert timefmt.long_date_text(instant, TZ) == "2026年11月27日 星期五"
    assert timefmt.time_text(instant, TZ) == "00:30"


def test_a_24_hour_clock():
    assert timefmt.time_text(utc(2026, 11, 26, 6, 5), TZ) == "14:05"
    assert timefmt.time_text(utc(2026, 11, 26, 0, 0), TZ) == "08:00"


def test_daylight_saving_time_is_followed_in_other_zones():
    # Europe/Berlin moves from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
    assert timefmt.time_text(utc(2026, 3, 29, 0, 59), "Europe/Berlin") == "01:59"
    assert timefmt.time_text(utc(2026, 3, 29, 1, 0), "Europe/Berlin") == "03:00"
    # And back at 01:00 UTC on 25 October 2026: 02:30 local happens twice.
    assert timefmt.time_text(utc(2026, 10, 25, 0, 30), "Europe/Berlin") == "02:30"
    assert timefmt.time_text(utc(2026, 10, 25, 1, 30), "Europe/Berlin") == "02:30"


def test_english_forms():
    instant = utc(2026, 11, 26, 16, 30)
    assert timefmt.date_text(instant, TZ, "en") == "27 Nov 2026"
    assert timefmt.weekday_text(instant, TZ, "en") == "Friday"
    assert timefmt.long_date_text(instant, TZ, "en_GB") == "27 Nov 2026 Friday"
    assert timefmt.date_text(utc(2026, 3, 4, 1, 0), TZ, "en") == "4 Mar 2026"


def test_an_unknown_zone_raises():
    with pytest.raises(ZoneInfoNotFoundError, match="Mars/Base"):
        timefmt.date_text(utc(2026, 1, 1), "Mars/Base")
