"""The running kiosk (real QML) syncing from a store: a hostile store changes nothing on
screen, and a good sync reaches the screens through the sync bridge's queued signal."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fake_store import flip_byte
from qt_support import find, find_or_none, tap, window_of
from support import make_item
from sync_support import held, kiosk_config

from kiosk.cache import ContentCache
from kiosk.clock import SystemClock
from kiosk.config import ScreenConfig
from kiosk.sync import sync_once
from kiosk.sync.status import SyncStatus

pytestmark = pytest.mark.gui

V1 = [
    make_item("cw-1", category="central-work"),
    make_item("cw-2", category="central-work"),
    make_item("cd-1", category="conduct"),
]
V2 = V1 + [make_item("cw-3", category="central-work", title="新发布的条目")]


@pytest.fixture
def store_kiosk(qtbot, fake_store, tmp_path):
    """A kiosk whose cache holds the store's version 1, not yet started."""
    from kiosk.qt.app import Kiosk, ScreenOptions

    fake_store.publish(V1)
    config = replace(
        kiosk_config(fake_store, tmp_path, timeout=0.5),
        screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-1")),
    )
    cache = ContentCache(config.cache_file)
    try:
        sync_once(config, cache)
    finally:
        cache.close()
    # Feed validity is checked against real time: the store signs with it.
    kiosk = Kiosk(config, ScreenOptions(), clock=SystemClock())
    yield kiosk
    kiosk.shutdown()
    kiosk.deleteLater()
    qtbot.waitUntil(lambda: True)


def _central_work_count(kiosk) -> str:
    return find(window_of(kiosk, "touch"), "count-central-work").property("text")


def _go_home(qtbot, kiosk) -> None:
    """Past the attract loop (when the touch screen has one) to the categories."""
    window, vm = window_of(kiosk, "touch"), kiosk.view_models[0]
    if vm.page_name == "attract":
        tap(qtbot, window, find(window, "touchToStart"))  # the card would open its item
    qtbot.waitUntil(lambda: vm.page_name == "home")


def test_a_hostile_store_leaves_the_screens_and_a_good_sync_updates_them(qtbot, fake_store, store_kiosk):
    kiosk = store_kiosk
    # Version 2 adds an item, but every item document the store serves has a flipped byte.
    fake_store.publish(V2)
    fake_store.fault("/v1/items/", flip_byte)

    kiosk.start()
    for _, window in kiosk.windows:
        qtbot.waitExposed(window)
    assert kiosk.sync is not None, "a kiosk with a store starts its sync"
    qtbot.waitUntil(lambda: kiosk.sync.status is not None and not kiosk.sync.status.ok, timeout=10000)

    status = kiosk.sync.status
    assert status.last_error_reason == "hash" and status.feed_version == 1
    assert held(kiosk.config.cache_file)[0] == 1
    _go_home(qtbot, kiosk)
    qtbot.waitUntil(lambda: _central_work_count(kiosk) == "2 条")
    assert {item.id for item in kiosk.hub.items()} == {"cw-1", "cw-2", "cd-1"}
    signage = kiosk.view_models[1]
    qtbot.waitUntil(lambda: signage.property("itemId") in {"cw-1", "cw-2", "cd-1"})

    # The store recovers; "sync now" applies version 2 and the screens follow.
    fake_store.heal()
    with qtbot.waitSignal(kiosk.hub.changed, timeout=10000):
        kiosk.sync.sync_now()
    qtbot.waitUntil(lambda: _central_work_count(kiosk) == "3 条")
    assert held(kiosk.config.cache_file)[0] == 2


def test_the_heartbeat_names_each_window_s_output_role_and_region_and_the_font(qtbot, store_kiosk, fake_store):
    store_kiosk.start()
    for _, window in store_kiosk.windows:
        qtbot.waitExposed(window)
    expected = [
        {"name": "HDMI-1", "role": "touch", "region": [0, 0, 1920, 1080]},
        {"name": "LED-1", "role": "signage", "region": [0, 0, 1536, 768]},  # the test outputs' LED wall
    ]
    qtbot.waitUntil(lambda: any(h.get("screens") == expected for h in fake_store.heartbeats), timeout=10000)
    report = next(h for h in fake_store.heartbeats if h.get("screens") == expected)
    assert report["cjk_font"]  # the suite's machine has a CJK font (kiosk doctor checks it)


def test_the_sync_bridges_status_reaches_both_screens_stale_notice(qtbot, store_kiosk):
    from datetime import UTC, datetime

    kiosk = store_kiosk
    kiosk.start()
    for _, window in kiosk.windows:
        qtbot.waitExposed(window)
    kiosk.view_models[0].start()
    qtbot.waitUntil(lambda: find_or_none(window_of(kiosk, "touch"), "staleNotice") is not None)
    when = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
    # As the sync reports a store whose newest signed statement expired.
    stale = SyncStatus("", "store", 1, 3, when, when, "expired", "stale", stale_since=when)
    kiosk.sync.statusChanged.emit(stale)
    for role in ("touch", "signage"):
        notice = find(window_of(kiosk, role), "staleNotice")
        qtbot.waitUntil(lambda n=notice: n.property("visible") is True)
        assert notice.property("text") == "最后更新 2026年11月25日 11:00"
