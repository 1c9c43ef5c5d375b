"""An item file's schedule fields: when the office owes the next disclosure of the item.

A routine item names its ``period`` (monthly, quarterly, half-yearly, yearly), a phased
item its ``stages`` (each a name and the date its disclosure is expected), an ad-hoc item
the ``event_date`` of what it discloses. They are the office's own bookkeeping: they are
not part of the approved content a kiosk receives. Each is checked here for its type and
range, and refused on an item of another cadence (a period on a phased item would be
silently ignored by every rule, so it is an error, not a no-op).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from kiosk.content import Cadence, Period

FIELDS = ("period", "stages", "event_date")
#: Dates a schedule may name: this century (a date column of either database holds it,
#: and every period end computed from it stays inside datetime's range).
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
MAX_STAGES = 24
MAX_STAGE_NAME = 100


def check(meta: dict[str, Any], cadence: str, fail: Callable[[str, str], Exception]) -> dict[str, Any]:
    """The schedule fields of ``meta`` that are present, checked; raises ``fail(key, why)``."""
    out: dict[str, Any] = {}
    owner = {"period": Cadence.ROUTINE, "stages": Cadence.PHASED, "event_date": Cadence.AD_HOC}
    for key in FIELDS:
        if meta.get(key) is not None and cadence != owner[key]:
            raise fail(key, f"only a {owner[key].value} item has one (this item is {cadence})")
    if meta.get("period") is not None:
        try:
            out["period"] = Period(meta["period"]).value
        except ValueError:
            choices = ", ".join(p.value for p in Period)
            raise fail("period", f"expected one of {choices}, got {meta['period']!r}") from None
    if meta.get("event_date") is not None:
        out["event_date"] = day(meta["event_date"], fail, "event_date")
    if meta.get("stages") is not None:
        out["stages"] = _stages(meta["stages"], fail)
    return out


def day(value: Any, fail: Callable[[str, str], Exception], key: str) -> date:
    """A calendar date (``2026-03-31``) inside :data:`EARLIEST` … :data:`LATEST`."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise fail(key, f"expected a date such as 2026-03-31, got {value!r}") from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise fail(key, "expected a date such as 2026-03-31 (a day, not a time)")
    if not EARLIEST <= value <= LATEST:
        raise fail(key, f"expected a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}")
    return value


def _stages(value: Any, fail: Callable[[str, str], Exception]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise fail("stages", "expected a list of stages, each with a name and a date")
    if len(value) > MAX_STAGES:
        raise fail("stages", f"at most {MAX_STAGES} stages")
    stages: list[dict[str, Any]] = []
    dates: list[date] = []
    for i, entry in enumerate(value):
        key = f"stages[{i}]"
        if not isinstance(entry, dict) or set(map(str, entry)) != {"name", "date"}:
            raise fail(key, "expected a mapping with exactly name and date")
        name = entry["name"]
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_STAGE_NAME:
            raise fail(f"{key}.name", f"expected a non-empty text of at most {MAX_STAGE_NAME} characters")
        if any(ord(c) < 32 for c in name):
            raise fail(f"{key}.name", "expected one line of text without control characters")
        dates.append(day(entry["date"], fail, f"{key}.date"))
        stages.append({"name": name.strip(), "date": dates[-1]})
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise fail("stages", "expected stages in order, each on a later date than the one before")
    return stages
