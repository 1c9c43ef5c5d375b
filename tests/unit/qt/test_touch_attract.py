"""The attract loop's headline opens its item; a tap anywhere else starts at home."""

from __future__ import annotations

from datetime import timedelta

from qt_support import find, tap, window_of
from support import NOW, make_item

ITEMS = [
    make_item("newest", title="年度重点工作安排", published_at=NOW - timedelta(days=1)),
    make_item("older", title="民生实事推进情况", published_at=NOW - timedelta(days=3)),
]


def test_a_tap_on_the_headline_opens_that_item(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.attract.nextHighlight()  # the second highlight: the one shown, not the first, opens
    qtbot.waitUntil(lambda: find(window, "attractTitle").property("text") == "民生实事推进情况")
    assert find(window, "attractReadHint").isVisible()
    tap(qtbot, window, find(window, "attractTitle"))
    qtbot.waitUntil(lambda: vm.page_name == "item")
    assert vm.item.current.id == "older"
    tap(qtbot, window, find(window, "backButton"))  # the visit goes on from home
    qtbot.waitUntil(lambda: vm.page_name == "home")


def test_a_tap_beside_the_headline_starts_at_home(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    tap(qtbot, window, find(window, "touchToStart"))
    qtbot.waitUntil(lambda: vm.page_name == "home")
    assert vm.item.current is None


def test_a_headline_gone_before_the_tap_starts_at_home(qtbot, start_kiosk, clock):
    kiosk = start_kiosk([make_item("brief", title="短期公告", expires_at=NOW + timedelta(minutes=5))])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    clock.advance(timedelta(minutes=6))  # expired while the card still shows it
    tap(qtbot, window, find(window, "attractTitle"))
    qtbot.waitUntil(lambda: vm.page_name == "home")
    assert vm.item.current is None
