"""The admin overlay's "send feedback now" on a running kiosk with a real store on loopback:
feedback waiting in the outbox (the upload interval an hour away) reaches the store when
the button is tapped, and the status panel's outbox line drops to nothing waiting."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from feedback_support import make_store, serving
from qt_support import find, tap, window_of

from kiosk import feedback as fb
from kiosk.clock import SystemClock
from kiosk.config import ScreenConfig
from kiosk.outbox import Outbox
from kiosk.pin import PinStore

pytestmark = [pytest.mark.e2e, pytest.mark.gui]

PIN = "13579"


def test_send_feedback_now_on_the_overlay_reaches_the_store(qtbot, tmp_path):
    from kiosk.qt.app import Kiosk, ScreenOptions

    store = make_store(tmp_path)
    with serving(store):
        base = store.config(min_interval=0, per_hour=100)
        config = replace(
            base,
            store=replace(base.store, upload_interval=3600),
            screens=(ScreenConfig(role="touch", screen="HDMI-1"), ScreenConfig(role="signage", screen="LED-1")),
        )
        PinStore(config.state_dir).set(PIN)
        outbox = Outbox(config.outbox_file)
        # One record waits from before the start: the kiosk's first upload takes it, so the
        # round at start is over before the record the button is to send is written.
        earlier = fb.new("opinion", text="开机前留下的意见，内容足够长。", now=datetime.now(UTC))
        outbox.submit(earlier, datetime.now(UTC))
        kiosk = Kiosk(config, ScreenOptions(), clock=SystemClock())  # feeds are signed with real time
        try:
            kiosk.start()
            qtbot.waitUntil(lambda: kiosk.sync is not None and kiosk.sync.has_synced, timeout=10000)
            qtbot.waitUntil(lambda: len(store.records()) == 1 and outbox.counts()["pending"] == 0, timeout=20000)

            record = fb.new("opinion", text="管理员面板发送的意见，内容足够长。", now=datetime.now(UTC))
            outbox.submit(record, datetime.now(UTC))
            window, overlay = window_of(kiosk, "touch"), kiosk.view_models[0].admin
            for _ in range(5):  # the gesture (real time: all within the tap window)
                overlay.cornerTapped()
            for digit in PIN:
                overlay.pressDigit(digit)
            overlay.submit()
            qtbot.waitUntil(lambda: overlay.property("state") == 2, timeout=5000)
            assert outbox.counts()["pending"] == 1

            tap(qtbot, window, find(window, "adminSendFeedback"))
            qtbot.waitUntil(lambda: record.id in {r["id"] for r in store.records()}, timeout=10000)
            qtbot.waitUntil(lambda: outbox.counts()["pending"] == 0, timeout=5000)
            assert "已开始发送意见" in overlay.property("message")
        finally:
            outbox.close()
            kiosk.shutdown()
            kiosk.deleteLater()
            qtbot.waitUntil(lambda: True)
