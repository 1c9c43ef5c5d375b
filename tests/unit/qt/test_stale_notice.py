"""Offline, said plainly: with the content stale both screens say "最后更新 …", on real QML.

The sync status is handed to the view models as the application wires it (the sync
bridge's ``statusChanged``); no store runs here, the status is built as the sync builds it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from layout_support import text_problems
from qt_support import find, find_or_none, window_of
from support import NOW, make_item

from kiosk.content import Cadence, Priority
from kiosk.sync.status import SyncStatus

FRESH = SyncStatus(
    store_url="https://store.example",
    source="store",
    feed_version=7,
    items=1,
    last_attempt=NOW,
    last_success=NOW - timedelta(days=1, hours=3),
    last_error="",
    last_error_reason="",
)


def test_both_screens_say_when_the_content_last_came_in_while_it_is_stale(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("a")])
    touch_vm, signage_vm = kiosk.view_models
    touch_vm.start()
    touch, wall = window_of(kiosk, "touch"), window_of(kiosk, "signage")
    qtbot.waitUntil(lambda: find_or_none(touch, "staleNotice") is not None)
    for vm in (touch_vm, signage_vm):
        vm.set_sync_status(FRESH)
    assert not find(touch, "staleNotice").property("visible")
    assert not find(wall, "staleNotice").property("visible")

    stale = replace(FRESH, stale_since=NOW - timedelta(hours=2), last_error="store unreachable")
    for vm in (touch_vm, signage_vm):
        vm.set_sync_status(stale)
    # The last success, 2026-11-25 03:00 UTC, in the kiosk's time zone (Asia/Shanghai).
    for window in (touch, wall):
        notice = find(window, "staleNotice")
        qtbot.waitUntil(lambda n=notice: n.property("visible"))
        assert notice.property("text") == "最后更新 2026年11月25日 11:00"

    for vm in (touch_vm, signage_vm):
        vm.set_sync_status(FRESH)
    assert not find(touch, "staleNotice").property("visible")
    assert not find(wall, "staleNotice").property("visible")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_walls_band_keeps_the_notice_name_badge_and_clock_apart(qtbot, start_kiosk, kiosk_config, language):
    """The fullest band there is: the longest category name, the urgent badge, the stale
    notice and the date and time, on the 1536-pixel wall, in either language. Each is drawn
    whole and none covers another."""
    urgent = make_item("u", category="central-work", priority=Priority.URGENT, cadence=Cadence.AD_HOC)
    kiosk = start_kiosk([urgent], config=replace(kiosk_config, language=language))
    wall = window_of(kiosk, "signage")
    signage_vm = kiosk.view_models[1]
    signage_vm.set_sync_status(replace(FRESH, stale_since=NOW - timedelta(hours=2), last_error="store unreachable"))
    notice = find(wall, "staleNotice")
    qtbot.waitUntil(lambda: notice.property("visible") and find(wall, "urgentBadge").property("visible"))
    wall.grabWindow()
    names = ("staleNotice", "clock", "categoryName", "urgentLabel")
    band = [p for p in text_problems(wall) if p.startswith(names) or any(f" and {n}" in p for n in names)]
    assert not band, band
    assert notice.property("font").pixelSize() >= 24  # read from across the lobby
    if language == "zh_CN":
        assert find(wall, "categoryName").property("text") == "全局和中心工作"
        assert notice.property("text") == "最后更新 2026年11月25日 11:00"
