"""Dates and times as visitors read them: in the kiosk's time zone, in Chinese forms.

Instants are UTC everywhere else in the program; this is the one place they become local.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

#: The office's time zone when none is configured (the kiosk's ``timezone``, the store's setting).
DEFAULT_TIMEZONE = "Asia/Shanghai"

_WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Spelled out here: strftime's %b follows the process locale, which Qt sets from the system.
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local(instant: datetime, tz: str) -> datetime:
    return instant.astimezone(zone(tz))


def date_text(instant: datetime, tz: str, language: str = "zh_CN") -> str:
    """``2026年11月26日`` (or ``26 Nov 2026`` in English)."""
    d = local(instant, tz)
    if language.startswith("en"):
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.year}年{d.month}月{d.day}日"


def weekday_text(instant: datetime, tz: str, language: str = "zh_CN") -> str:
    """``星期四`` (or ``Thursday``)."""
    d = local(instant, tz)
    if language.startswith("en"):
        return _WEEKDAYS_EN[d.weekday()]
    return "星期" + _WEEKDAYS_ZH[d.weekday()]


def long_date_text(instant: datetime, tz: str, language: str = "zh_CN") -> str:
    """``2026年11月26日 星期四``: the form on the signage clock."""
    return f"{date_text(instant, tz, language)} {weekday_text(instant, tz, language)}"


def time_text(instant: datetime, tz: str) -> str:
    """``14:05``: 24-hour clock, as public notices in China write it."""
    d = local(instant, tz)
    return f"{d.hour:02d}:{d.minute:02d}"
