"""A content change re-reads only what changed: rows read and pinyin keys computed, counted.

Both screens run on real QML over a real cache of 300 items; the counters wrap the
cache's row-to-item conversion and :func:`kiosk.search.pinyin_key` (wrapped, not
replaced: the real functions still run).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from support import NOW, make_item

from kiosk import changes, search
from kiosk.cache import content_cache
from kiosk.content import Cadence, Priority

ITEMS = [
    make_item(f"i{n:03d}", title=f"党务公开第{n}号", category="conduct" if n < 30 else "organisation")
    for n in range(300)
]


@pytest.fixture
def counted(monkeypatch):
    counts = {"rows": 0, "keys": 0}
    row_item, pinyin_key = content_cache.row_item, search.pinyin_key

    def counted_row(*args):
        counts["rows"] += 1
        return row_item(*args)

    def counted_key(text):
        counts["keys"] += 1
        return pinyin_key(text)

    monkeypatch.setattr(content_cache, "row_item", counted_row)
    monkeypatch.setattr(search, "pinyin_key", counted_key)
    return counts


def settled(qtbot, kiosk):
    qtbot.waitUntil(lambda: kiosk.runner.pending == 0, timeout=10000)


def test_one_revised_item_is_read_and_indexed_alone(qtbot, start_kiosk, counted):
    kiosk = start_kiosk(ITEMS)
    touch, signage = kiosk.view_models
    settled(qtbot, kiosk)
    assert counted["keys"] >= len(ITEMS)  # the first build indexes every title
    touch.start()
    touch.openCategory("conduct")
    assert not touch.listing.items.canFetchMore()  # the whole list is loaded: nothing is read as it scrolls
    counted["rows"] = counted["keys"] = 0

    with qtbot.waitSignal(kiosk.hub.changed) as signal:
        kiosk.hub.apply_batch([replace(ITEMS[100], revision=2, title="作风建设新规")])
    settled(qtbot, kiosk)

    assert signal.args[0] == changes.ContentChange(revised=frozenset({"i100"}), categories=frozenset({"organisation"}))
    assert counted["keys"] == 1
    # The batch's look at what it replaces (1), the signage's and the index's re-reads (1 each),
    # the attract loop's highlights (8); the "conduct" list on screen is not read again.
    assert counted["rows"] <= 11
    touch.search.setQuery("zfjs")
    qtbot.waitUntil(lambda: touch.search.property("resultsQuery") == "zfjs", timeout=5000)
    assert [r.itemId for r in touch.search.results.rows()] == ["i100"]


def test_a_change_in_the_open_category_reloads_its_list(qtbot, start_kiosk, counted):
    kiosk = start_kiosk(ITEMS)
    touch, _ = kiosk.view_models
    settled(qtbot, kiosk)
    touch.start()
    touch.openCategory("conduct")
    before = touch.listing.items.rowCount()
    kiosk.hub.apply_batch(removals=["i000"])
    settled(qtbot, kiosk)
    assert "i000" not in [r.itemId for r in touch.listing.items.rows()]
    assert touch.listing.items.rowCount() == before - 1
    touch.search.setQuery("dwgk")
    qtbot.waitUntil(lambda: touch.search.property("resultsQuery") == "dwgk", timeout=5000)
    assert "i000" not in [r.itemId for r in touch.search.results.rows()]


def test_removed_item_leaves_the_wall_and_the_ticker(qtbot, start_kiosk):
    urgent = make_item("u", title="紧急通知", priority=Priority.URGENT, cadence=Cadence.AD_HOC)
    kiosk = start_kiosk([urgent, *ITEMS[:3]])
    _, signage = kiosk.view_models
    qtbot.waitUntil(lambda: "紧急通知" in signage.property("tickerText"))
    kiosk.hub.apply_batch(removals=["u"])
    assert "紧急通知" not in signage.property("tickerText")
    assert signage.property("itemId") != "u"


def test_index_update_keeps_newest_first_and_drops_removed():
    items = [make_item(f"x{n}", title=f"党务{n}") for n in range(3)]
    index = search.PinyinIndex(items)
    newer = replace(items[2], revision=2, title="党务新", revised_at=items[0].published_at.replace(year=2030))
    updated = index.updated([newer], removed=["x1"])
    assert [e[0].id for e in updated._entries] == ["x2", "x0"]
    assert [e[0].id for e in index._entries] == ["x0", "x1", "x2"]  # the old index is left as it was


def test_an_item_reaching_its_window_appears_without_reading_the_catalogue_again(qtbot, start_kiosk, clock, counted):
    late = make_item("late", title="作风建设通报", public_from=NOW + timedelta(hours=1))
    kiosk = start_kiosk([late, *ITEMS[:50]])
    touch, signage = kiosk.view_models
    settled(qtbot, kiosk)
    touch.search.setQuery("zfjs")
    qtbot.waitUntil(lambda: touch.search.property("resultsQuery") == "zfjs", timeout=5000)
    assert touch.search.results.rowCount() == 0  # held, indexed, not yet public
    counted["rows"] = counted["keys"] = 0

    clock.set(late.public_from)
    with qtbot.waitSignal(kiosk.hub.changed) as signal:
        kiosk.hub._watch.check()
    settled(qtbot, kiosk)

    assert signal.args[0] == changes.WINDOW
    assert counted["keys"] == 0  # the index applies the display rule when it is searched
    # Nothing is re-read for the wall or the index; the touch screen's counts and the attract
    # loop's few highlights are small queries.
    assert counted["rows"] <= 8
    touch.search.setQuery("zfj")
    qtbot.waitUntil(lambda: touch.search.property("resultsQuery") == "zfj", timeout=5000)
    assert [r.itemId for r in touch.search.results.rows()] == ["late"]
    counts = {r.key: r.count for r in touch.listing.categories.rows()}
    assert counts["central-work"] == 1  # make_item's category: the late item alone
