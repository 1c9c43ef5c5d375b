"""The report's section on the kiosks' use, from batches stored as the kiosks upload them.

The figures expected are the sums of the batches below, written out by hand; an hour
outside the period must not count, a cell a kiosk gave only as "< 5" is never a number,
and the rendering in each format carries them (item titles escaped like all item text).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date

import pytest
from report_support import FIRST, LAST, make_quarter, quarter_store
from sqlalchemy import select

from kiosk import usage_wire
from kiosk.store import report, usage_fields
from kiosk.store.cli import report as command
from kiosk.store.models import Device, Revision

IN_PERIOD = ("2026-11-02T02:00:00+00:00", "2026-11-02T03:00:00+00:00")
BEFORE = "2026-09-25T02:00:00+00:00"
#: The report of a period before the batches (filled by the fixture).
made_empty: dict = {}


def batches() -> list[dict]:
    def use(hour, cells):
        return {"id": usage_wire.batch_id("use", hour), "kind": "use", "hour": hour, "threshold": 5, "cells": cells}

    def play(hour, spans):
        return {"id": usage_wire.batch_id("play", hour), "kind": "play", "hour": hour, "spans": spans}

    def slide(item, seconds):
        return {"what": "slide", "item": item, "revision": 1, "seconds": seconds}

    def cell(metric, key, count):
        return {"metric": metric, "key": key, "count": count}

    first, second = IN_PERIOD
    return [
        use(
            first,
            [
                cell("item-opened", "phased", 12),
                cell("item-opened", "adhoc", "< 5"),
                cell("search-not-found", "社保卡补办", 7),
                cell("search-not-found", None, "< 5"),  # the rare terms, summed: never listed
            ],
        ),
        play(
            first,
            [
                slide("phased", 1800),
                slide("adhoc", 600),
                {"what": "blank", "item": None, "revision": None, "seconds": 300},
            ],
        ),
        use(second, [cell("item-opened", "phased", 6)]),
        play(second, [slide("phased", 1200), {"what": "off-hours", "item": None, "revision": None, "seconds": 900}]),
        use(BEFORE, [cell("item-opened", "phased", 100)]),  # before the period
        play(BEFORE, [slide("adhoc", 3000)]),
    ]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quarter-use")
    store = quarter_store(folder)
    make_quarter(store, folder)
    with store.db.read() as session:
        device = session.scalar(select(Device.id).where(Device.name == "lobby-1"))
        categories = dict(session.execute(select(Revision.item_id, Revision.category)).all())
        titles = dict(session.execute(select(Revision.item_id, Revision.title).order_by(Revision.number)).all())
    for data in batches():
        store.receive_usage(device, usage_fields.batch(data), usage_wire.encode(data))
    made_empty.update(report.of_store(store, date(2026, 7, 1), date(2026, 9, 20)))
    try:
        yield report.of_store(store, FIRST, LAST), report.catalog_of(store), categories, titles
    finally:
        store.db.close()


def test_the_figures_are_the_sums_of_the_periods_batches(made):
    figures, _, categories, titles = made
    use = figures["kiosk_use"]
    assert use["shown_items"] == [("phased", titles["phased"], 3000), ("adhoc", titles["adhoc"], 600)]
    expected_categories: dict[str, float] = {}
    for item, seconds in (("phased", 3000), ("adhoc", 600)):
        expected_categories[categories[item]] = expected_categories.get(categories[item], 0) + seconds
    assert dict(use["category_seconds"]) == expected_categories
    assert (use["blank_seconds"], use["off_hours_seconds"]) == (300, 900)
    # 12 + 6 openings of one item; the other was only ever "< 5": no number, one hour noted.
    assert use["most_read"] == [("phased", titles["phased"], 18, 0), ("adhoc", titles["adhoc"], 0, 1)]
    assert use["no_result_searches"] == [("社保卡补办", 7)]


def test_a_period_without_batches_says_so(made):
    figures, catalog, _, _ = made
    assert figures["kiosk_use"] is not None
    assert made_empty["kiosk_use"] is None  # the quarter before holds only September's hour
    text = command.render(made_empty, catalog, "html").decode()
    assert "本期没有终端上传的使用数据" in text


def test_every_format_carries_the_use(made, tmp_path):
    figures, catalog, _, titles = made
    page = command.render(figures, catalog, "html").decode("utf-8")
    assert 'id="most-read"' in page and 'data-seconds="3000"' in page and "社保卡补办" in page
    assert "本期没有终端上传的使用数据" not in page
    rows = list(csv.reader(io.StringIO(command.render(figures, catalog, "csv")[3:].decode("utf-8"))))
    assert ["大屏显示最多", titles["phased"], "秒", "3000"] in rows
    assert ["未找到结果的搜索", "社保卡补办", "人次", "7"] in rows
    assert ["大屏显示时长", "空屏", "秒", "300"] in rows
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing (bash .ci/setup installs poppler-utils)")
    out = tmp_path / "r.pdf"
    out.write_bytes(command.render(figures, catalog, "pdf"))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "未找到结果的搜索" in text and "社保卡补办" in text and "50 分" in text
