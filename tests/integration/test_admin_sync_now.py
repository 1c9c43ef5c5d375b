"""The admin overlay's "sync now" on a running kiosk syncing from a store on loopback: the
tap reaches the sync bridge, and the status panel shows the error, then the new version."""

from __future__ import annotations

from dataclasses import replace

import pytest
from qt_support import find, tap, window_of
from support import make_item
from sync_support import kiosk_config

from kiosk.clock import SystemClock
from kiosk.config import ScreenConfig
from kiosk.pin import PinStore

pytestmark = pytest.mark.gui

PIN = "13579"


def test_sync_now_on_the_overlay_reaches_the_sync_bridge(qtbot, fake_store, tmp_path):
    from kiosk.qt.app import Kiosk, ScreenOptions

    fake_store.publish([make_item("a")])
    config = replace(
        kiosk_config(fake_store, tmp_path, timeout=0.5),
        screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-1")),
    )
    PinStore(config.state_dir).set(PIN)
    kiosk = Kiosk(config, ScreenOptions(), clock=SystemClock())  # feeds are signed with real time
    try:
        kiosk.start()
        qtbot.waitUntil(lambda: kiosk.sync is not None and kiosk.sync.has_synced, timeout=10000)
        window, overlay = window_of(kiosk, "touch"), kiosk.view_models[0].admin
        for _ in range(5):  # the gesture (real time: all within the tap window)
            overlay.cornerTapped()
        for digit in PIN:
            overlay.pressDigit(digit)
        overlay.submit()
        qtbot.waitUntil(lambda: overlay.property("state") == 2, timeout=5000)
        qtbot.waitUntil(lambda: _rows(overlay).get("内容版本") == "1", timeout=5000)

        # The store is down and asks for two minutes' patience: nothing but "sync now" tries sooner.
        fake_store.publish([make_item("a"), make_item("b")])
        fake_store.fault("/v1/", status=503, headers={"Retry-After": "120"})
        tap(qtbot, window, find(window, "adminSyncNow"))
        qtbot.waitUntil(lambda: _rows(overlay).get("上次错误", "—") != "—", timeout=5000)
        assert _rows(overlay)["内容版本"] == "1"

        fake_store.heal()
        with qtbot.waitSignal(kiosk.hub.changed, timeout=5000):
            tap(qtbot, window, find(window, "adminSyncNow"))
        qtbot.waitUntil(lambda: _rows(overlay).get("内容版本") == "2", timeout=5000)
        assert _rows(overlay)["上次错误"] == "—"
    finally:
        kiosk.shutdown()
        kiosk.deleteLater()
        qtbot.waitUntil(lambda: True)


def _rows(overlay) -> dict[str, str]:
    return {row["label"]: row["value"] for row in overlay.property("rows")}
