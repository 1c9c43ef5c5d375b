"""The running kiosk (real QML, syncing from a store on loopback) whose cache file is
damaged under it: the screens keep going — the cache is rebuilt, the kiosk asks the store
for a snapshot at once, and the screens show the store's content again."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fault_support import damage_pages
from support import make_item
from sync_support import kiosk_config

from kiosk.cache import ContentCache
from kiosk.clock import SystemClock
from kiosk.config import ScreenConfig
from kiosk.sync import sync_once

pytestmark = pytest.mark.gui

ITEMS = [make_item(f"cw-{i}", category="central-work", body="正文" * 300) for i in range(40)]


def test_a_cache_damaged_while_the_screens_run_is_rebuilt_from_the_store(qtbot, fake_store, tmp_path):
    from kiosk.qt.app import Kiosk, ScreenOptions

    fake_store.publish(ITEMS)
    config = replace(
        kiosk_config(fake_store, tmp_path, timeout=0.5),
        screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-1")),
    )
    cache = ContentCache(config.cache_file)
    try:
        sync_once(config, cache)
    finally:
        cache.close()
    kiosk = Kiosk(config, ScreenOptions(), clock=SystemClock())
    try:
        kiosk.start()
        qtbot.waitUntil(lambda: kiosk.hub.ready and len(kiosk.hub.items()) == 40, timeout=10_000)
        snapshots = fake_store.count("/v1/feed/snapshot")

        damage_pages(config.cache_file)
        # Someone runs `kiosk status` meanwhile: its open finds the damage and rebuilds the file.
        ContentCache(config.cache_file).close()
        # The screens' next read follows the rebuilt file, and the kiosk asks for a snapshot.
        with qtbot.waitSignal(kiosk.hub.changed, timeout=10_000):
            kiosk.hub.items()
        qtbot.waitUntil(lambda: len(kiosk.hub.items()) == 40, timeout=15_000)
        assert fake_store.count("/v1/feed/snapshot") > snapshots
    finally:
        kiosk.shutdown()
        kiosk.deleteLater()
        qtbot.waitUntil(lambda: True)
