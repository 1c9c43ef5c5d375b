"""An item file's schedule fields: period, stages and event date, each checked for its
type, range and cadence, with one clear message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.catalog import default_catalog
from kiosk.itemfile import ItemFileError, parse


def front(**fields: str) -> str:
    lines = ["title: 标题", "category: central-work", "unit: party-group"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n正文\n"


def fields(**given: str) -> dict:
    return parse(front(**given), Path("t.md"), default_catalog()).fields


def test_each_cadence_carries_its_schedule():
    assert fields(period="quarterly")["period"] == "quarterly"
    assert fields(cadence="ad-hoc", event_date="2026-03-10")["event_date"] == date(2026, 3, 10)
    stages = fields(
        cadence="phased", stages="\n  - {name: 启动, date: 2026-02-01}\n  - {name: 完成, date: '2026-12-01'}"
    )
    assert stages["stages"] == [{"name": "启动", "date": date(2026, 2, 1)}, {"name": "完成", "date": date(2026, 12, 1)}]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"period": "weekly"}, "period: expected one of monthly, quarterly, half-yearly, yearly"),
        ({"cadence": "phased", "period": "monthly"}, "period: only a routine item has one"),
        ({"event_date": "2026-03-10"}, "event_date: only a ad-hoc item has one"),
        ({"cadence": "ad-hoc", "event_date": "2026-03-10T09:00:00+08:00"}, "event_date: expected a date such as"),
        ({"cadence": "ad-hoc", "event_date": "1999-12-31"}, "event_date: expected a date from 2000-01-01"),
        ({"cadence": "ad-hoc", "event_date": "2100-01-01"}, "event_date: expected a date from"),
        ({"cadence": "ad-hoc", "event_date": "'2026-02-30'"}, "event_date: expected a date such as"),
        ({"cadence": "ad-hoc", "event_date": "2026-02-30"}, "front matter holds an impossible date"),
        ({"cadence": "phased", "stages": "[]"}, "stages: expected a list of stages"),
        ({"cadence": "phased", "stages": "[{name: a}]"}, r"stages\[0\]: expected a mapping with exactly name and date"),
        ({"cadence": "phased", "stages": "[{name: '', date: 2026-01-01}]"}, r"stages\[0\].name: expected a non-empty"),
        ({"cadence": "phased", "stages": "[{name: 7, date: 2026-01-01}]"}, r"stages\[0\].name: expected a non-empty"),
        ({"cadence": "phased", "stages": f"[{{name: {'长' * 101}, date: 2026-01-01}}]"}, "at most 100 characters"),
        ({"cadence": "phased", "stages": "[{name: a, date: 2026-05-01}, {name: b, date: 2026-01-01}]"}, "in order"),
        ({"cadence": "phased", "stages": "[" + ", ".join(["{name: a, date: 2026-05-01}"] * 25) + "]"}, "at most 24"),
    ],
)
def test_a_bad_schedule_is_refused_with_the_field_named(given, message):
    with pytest.raises(ItemFileError, match=message):
        fields(**given)
