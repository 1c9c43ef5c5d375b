"""The touch screen on real QML: categories with counts, a tap opens a list, a tap an item."""

from __future__ import annotations

from datetime import timedelta

from support import NOW, Audience, make_item
from qt_support import find, find_or_none, tap, window_of

ITEMS = [
    make_item("cw-1", title="民生实事推进情况", category="central-work", published_at=NOW - timedelta(days=3),
              body="## 进展\n\n第一项已完成。[链接](file:///etc/passwd)"),
    make_item("cw-2", title="年度重点工作安排", category="central-work", published_at=NOW - timedelta(days=1),
              unit="research-office"),
    make_item("cd-1", title="述职述廉报告", category="conduct"),
    make_item("hidden-internal", title="内部事项", category="conduct", audience=Audience.INTERNAL),
    make_item("hidden-future", title="尚未公开", category="conduct", public_from=NOW + timedelta(days=2)),
]


def test_home_shows_counts_of_displayable_items_only(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    qtbot.waitUntil(lambda: find(window, "count-central-work").property("text") == "2 条")
    assert find(window, "count-conduct").property("text") == "1 条"
    assert find(window, "count-organisation").property("text") == "0 条"


def test_tap_category_then_item_then_back_and_home(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    qtbot.waitUntil(lambda: find(window, "count-central-work").property("text") == "2 条")

    tap(qtbot, window, find(window, "category-central-work"))
    qtbot.waitUntil(lambda: vm.property("page") == "list")
    qtbot.waitUntil(lambda: find_or_none(window, "item-cw-1") is not None)
    listing = find(window, "itemList")
    assert listing.property("count") == 2
    # Newest first: cw-2 was published after cw-1.
    assert vm.items.rows()[0].itemId == "cw-2"

    tap(qtbot, window, find(window, "item-cw-1"))
    qtbot.waitUntil(lambda: vm.property("page") == "item")
    assert find(window, "itemTitle").property("text") == "民生实事推进情况"
    assert "市政府党组" in find(window, "itemMeta").property("text")
    body = find(window, "itemBody").property("text")
    assert "第一项已完成" in body and "file:" not in body and "href" not in body

    tap(qtbot, window, find(window, "backButton"))
    qtbot.waitUntil(lambda: vm.property("page") == "list")
    tap(qtbot, window, find(window, "homeButton"))
    qtbot.waitUntil(lambda: vm.property("page") == "home")


def test_open_item_that_vanished_stays_on_list(qtbot, start_kiosk, clock):
    kiosk = start_kiosk([make_item("soon-gone", expires_at=NOW + timedelta(minutes=5))])
    vm = kiosk.view_models[0]
    vm.openCategory("central-work")
    clock.advance(timedelta(minutes=6))
    vm.openItem("soon-gone")
    assert vm.property("page") == "list"


def test_open_item_leaves_screen_when_it_expires(qtbot, start_kiosk, clock):
    kiosk = start_kiosk([make_item("expiring", expires_at=NOW + timedelta(minutes=5)), make_item("stays")])
    vm = kiosk.view_models[0]
    vm.openCategory("central-work")
    vm.openItem("expiring")
    assert vm.property("page") == "item"
    clock.advance(timedelta(minutes=5))
    with qtbot.waitSignal(kiosk.hub.changed, timeout=2000):
        kiosk.hub._watch.check()
    assert vm.property("page") == "list"
    assert [r.itemId for r in vm.items.rows()] == ["stays"]


def test_idle_timeout_returns_home(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    vm = kiosk.view_models[0]
    vm.openCategory("conduct")
    assert vm.property("page") == "list"
    vm._idle.setInterval(50)  # the configured minimum is 10 s; the mechanism is what is tested
    vm.touched()
    qtbot.waitUntil(lambda: vm.property("page") == "home", timeout=2000)
    assert vm.items.rowCount() == 0
