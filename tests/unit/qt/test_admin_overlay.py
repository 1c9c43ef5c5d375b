"""The admin overlay on the real touch screen (real QML offscreen, real Argon2, the injected
clock): the corner gesture, the PIN pad and its lockout, the idle lock, and the actions."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF, Qt
from qt_support import find, find_or_none, tap, window_of
from support import make_item

from kiosk.config import AdminConfig
from kiosk.exits import EXIT_RESTART, EXIT_TO_DESKTOP
from kiosk.pin import PinStore

pytestmark = pytest.mark.gui

PIN = "2468"
CLOSED, PAD, OPEN = 0, 1, 2


#: A Chinese character: none may be left in an English overlay.
HAN = re.compile(r"[\u3400-\u9fff]")


def _admin_kiosk(start_kiosk, kiosk_config, **changes):
    config = replace(kiosk_config, admin=AdminConfig(attempts=3, lockout=60.0, idle_timeout=30.0), **changes)
    PinStore(config.state_dir).set(PIN)  # the product's own Argon2 parameters
    kiosk = start_kiosk([make_item("i1", title="党务公开事项"), make_item("i2")], config=config)
    return kiosk, kiosk.view_models[0].admin


@pytest.fixture
def admin_kiosk(start_kiosk, kiosk_config):
    """A running kiosk with a PIN set; the pad locks after 3 wrong PINs, for 60 s."""
    return _admin_kiosk(start_kiosk, kiosk_config)


@pytest.fixture
def english_admin_kiosk(start_kiosk, kiosk_config):
    """The same kiosk with an English interface."""
    return _admin_kiosk(start_kiosk, kiosk_config, language="en")


def corner_taps(qtbot, kiosk, clock, count: int, spacing: float = 0.5) -> None:
    """``count`` real clicks in the touch screen's top-right corner, ``spacing`` s apart."""
    window = window_of(kiosk, "touch")
    corner = QPointF(window.width() - 20, 20).toPoint()
    for _ in range(count):
        clock.advance(spacing)
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=corner)


def enter(qtbot, overlay, pin: str) -> None:
    for digit in pin:
        overlay.pressDigit(digit)
    overlay.submit()
    qtbot.waitUntil(lambda: not overlay.property("checking"), timeout=5000)


def open_panel(qtbot, kiosk, clock, overlay) -> None:
    corner_taps(qtbot, kiosk, clock, 5)
    assert overlay.property("state") == PAD
    enter(qtbot, overlay, PIN)
    assert overlay.property("state") == OPEN
    qtbot.waitUntil(lambda: len(overlay.property("rows")) > 0)


def test_five_quick_corner_taps_open_the_pad_four_or_slow_ones_do_not(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    window = window_of(kiosk, "touch")
    corner_taps(qtbot, kiosk, clock, 4)
    assert overlay.property("state") == CLOSED and not find(window, "adminPinPad").isVisible()
    clock.advance(10)
    corner_taps(qtbot, kiosk, clock, 5, spacing=0.9)  # 3.6 s from first to last: too slow
    assert overlay.property("state") == CLOSED
    corner_taps(qtbot, kiosk, clock, 5, spacing=0.5)
    assert overlay.property("state") == PAD
    qtbot.waitUntil(find(window, "adminPinPad").isVisible)
    # The shade takes every touch: the visitor's page under it gets none.
    assert find(window, "adminShade").isVisible()


def test_taps_elsewhere_do_not_count(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    window = window_of(kiosk, "touch")
    for _ in range(5):
        clock.advance(0.3)
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPointF(window.width() / 2, 20).toPoint())
    assert overlay.property("state") == CLOSED


def test_wrong_pins_lock_the_pad_for_the_configured_time(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    window = window_of(kiosk, "touch")
    corner_taps(qtbot, kiosk, clock, 5)
    for _ in range(3):
        enter(qtbot, overlay, "1111")
    assert overlay.property("lockedSeconds") == 60
    assert "60" in find(window, "pinMessage").property("text")
    enter(qtbot, overlay, PIN)  # refused unchecked while locked
    assert overlay.property("state") == PAD
    # Closing the pad (or the idle reset) and opening it again does not lift the lock.
    kiosk.view_models[0].reset()
    corner_taps(qtbot, kiosk, clock, 5)
    enter(qtbot, overlay, PIN)
    assert overlay.property("state") == PAD
    clock.advance(59 - 2.5)  # the five taps took 2.5 s
    enter(qtbot, overlay, PIN)
    assert overlay.property("state") == PAD and overlay.property("lockedSeconds") == 1
    clock.advance(1)
    enter(qtbot, overlay, PIN)
    assert overlay.property("state") == OPEN


def test_the_right_pin_typed_on_the_pad_opens_the_status(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    window = window_of(kiosk, "touch")
    corner_taps(qtbot, kiosk, clock, 5)
    qtbot.waitUntil(find(window, "adminPinPad").isVisible)
    for digit in PIN:
        tap(qtbot, window, find(window, f"pinDigit{digit}"))
    assert find(window, "pinDots").property("text") == "●" * len(PIN)
    tap(qtbot, window, find(window, "pinSubmit"))
    qtbot.waitUntil(lambda: overlay.property("state") == OPEN, timeout=5000)
    qtbot.waitUntil(lambda: find_or_none(window, "adminPanel") is not None)
    rows = {row["label"]: row["value"] for row in overlay.property("rows")}
    assert rows["版本"] == "0.1.0"
    assert rows["显示事项"] == "2"
    assert rows["屏幕 HDMI-1"].startswith("touch，区域 ")
    assert rows["屏幕 LED-1"].startswith("signage，区域 ")
    assert rows["运行时间"] == "0 小时 0 分"
    assert "中文字体" in rows and "与中央库时钟偏差" in rows
    qtbot.waitUntil(lambda: find_or_none(window, f"adminRow{len(rows) - 1}") is not None)


def test_an_english_kiosk_shows_the_overlay_in_english(qtbot, english_admin_kiosk, clock):
    kiosk, overlay = english_admin_kiosk
    window = window_of(kiosk, "touch")
    corner_taps(qtbot, kiosk, clock, 5)
    enter(qtbot, overlay, "1111")
    assert find(window, "pinMessage").property("text") == "Wrong PIN"
    enter(qtbot, overlay, PIN)
    qtbot.waitUntil(lambda: len(overlay.property("rows")) > 0)
    rows = {row["label"]: row["value"] for row in overlay.property("rows")}
    assert rows["Version"] == "0.1.0"
    assert rows["Items shown"] == "2"
    assert rows["Screen HDMI-1"].startswith("touch, region ")
    assert rows["Running for"] == "0 h 0 min"
    assert not [text for row in rows.items() for text in row if HAN.search(text)], rows
    overlay.syncNow()
    assert overlay.property("message") == "No central store configured: nothing to sync"
    qtbot.waitUntil(lambda: find_or_none(window, "adminSyncNow") is not None)
    assert find(window, "adminSyncNow").property("text") == "Sync now"


def test_the_overlay_follows_the_touch_screens_traditional_switch(qtbot, admin_kiosk, clock):
    """Its texts are made in the script the touch screen shows, as the QML's are."""
    kiosk, overlay = admin_kiosk
    window = window_of(kiosk, "touch")
    session = kiosk.view_models[0].session
    session.toggleTraditional()
    qtbot.waitUntil(lambda: session.property("traditional"))
    corner_taps(qtbot, kiosk, clock, 5)
    enter(qtbot, overlay, "1111")
    assert find(window, "pinMessage").property("text") == "PIN 不正確"
    enter(qtbot, overlay, PIN)
    qtbot.waitUntil(lambda: len(overlay.property("rows")) > 0)
    rows = {row["label"]: row["value"] for row in overlay.property("rows")}
    assert rows["顯示事項"] == "2"
    assert rows["運行時間"] == "0 小時 0 分"
    assert rows["屏幕 HDMI-1"].startswith("touch，區域 ")
    assert "中文字體" in rows and "與中央庫時鐘偏差" in rows
    overlay.syncNow()
    assert overlay.property("message") == "未配置中央庫，無需同步"


def test_the_overlay_locks_when_idle(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    open_panel(qtbot, kiosk, clock, overlay)
    clock.advance(29)
    overlay.check_idle()
    assert overlay.property("state") == OPEN
    overlay.touched()
    clock.advance(29)
    overlay.check_idle()
    assert overlay.property("state") == OPEN
    clock.advance(1)
    overlay.check_idle()
    assert overlay.property("state") == CLOSED and overlay.property("rows") == []
    with qtbot.assertNotEmitted(kiosk.admin.exitRequested), qtbot.assertNotEmitted(kiosk.hub.changed):
        overlay.restart()  # a closed overlay acts on nothing
        overlay.exitToDesktop()
        overlay.reloadContent()
    assert overlay.property("message") == ""


def test_the_idle_reset_leaves_nothing_of_the_overlay(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    corner_taps(qtbot, kiosk, clock, 5)
    overlay.pressDigit("2")
    overlay.pressDigit("4")
    vm.reset()
    assert overlay.property("state") == CLOSED and overlay.property("typed") == 0
    qtbot.waitUntil(lambda: not find(window, "adminShade").isVisible())
    # Four taps after the reset do not open it: the taps before it are forgotten too.
    corner_taps(qtbot, kiosk, clock, 3)
    vm.reset()
    corner_taps(qtbot, kiosk, clock, 4)
    assert overlay.property("state") == CLOSED
    # A PIN check still running at the reset opens nothing when it ends.
    corner_taps(qtbot, kiosk, clock, 1)
    assert overlay.property("state") == PAD
    for digit in PIN:
        overlay.pressDigit(digit)
    overlay.submit()
    vm.reset()
    qtbot.waitUntil(lambda: not overlay.property("checking"), timeout=5000)
    assert overlay.property("state") == CLOSED
    open_panel(qtbot, kiosk, clock, overlay)
    vm.reset()
    assert overlay.property("state") == CLOSED and overlay.property("rows") == []
    assert overlay.property("message") == "" and find_or_none(window, "adminPanel") is None


def test_the_screenshot_action_writes_a_png_per_window(qtbot, admin_kiosk, clock, kiosk_config):
    kiosk, overlay = admin_kiosk
    open_panel(qtbot, kiosk, clock, overlay)
    overlay.screenshot()
    shots = sorted((kiosk_config.state_dir / "screenshots").glob("*/*.png"))
    assert [p.name for p in shots] == ["signage.png", "touch.png"]
    for path in shots:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "2" in overlay.property("message")


@pytest.mark.parametrize(("slot", "status"), [("restart", EXIT_RESTART), ("exitToDesktop", EXIT_TO_DESKTOP)])
def test_restart_and_exit_ask_for_their_exit_status(qtbot, admin_kiosk, clock, slot, status):
    kiosk, overlay = admin_kiosk
    open_panel(qtbot, kiosk, clock, overlay)
    with qtbot.waitSignal(kiosk.admin.exitRequested, timeout=1000) as asked:
        getattr(overlay, slot)()
    assert asked.args == [status]


def test_reload_content_re_reads_the_cache(qtbot, admin_kiosk, clock):
    kiosk, overlay = admin_kiosk
    open_panel(qtbot, kiosk, clock, overlay)
    with qtbot.waitSignal(kiosk.hub.changed, timeout=1000):
        overlay.reloadContent()


def test_the_run_loop_ends_with_the_status_restart_asks_for(qtbot, admin_kiosk, clock):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    from kiosk.qt.app import ScreenOptions, _Finisher

    kiosk, overlay = admin_kiosk
    open_panel(qtbot, kiosk, clock, overlay)
    app = QGuiApplication.instance()
    outcome = _Finisher(app, kiosk, ScreenOptions())
    kiosk.admin.exitRequested.connect(outcome.exit_with)  # as kiosk.qt.app.run wires it
    QTimer.singleShot(0, overlay.restart)
    assert app.exec() == EXIT_RESTART  # the event loop the kiosk runs in, not the test process
    assert outcome.status == EXIT_RESTART


def test_with_no_pin_set_the_gesture_says_how_to_set_one(qtbot, start_kiosk, kiosk_config, clock):
    kiosk = start_kiosk([make_item("i1")], config=kiosk_config)
    overlay = kiosk.view_models[0].admin
    window = window_of(kiosk, "touch")
    corner_taps(qtbot, kiosk, clock, 5)
    qtbot.waitUntil(find(window, "adminPinPad").isVisible)
    hint = find(window, "pinNotSet")
    assert hint.isVisible() and "kiosk set-pin" in hint.property("text")
    assert not find(window, "pinDigits").isVisible()
    overlay.pressDigit("1")
    assert overlay.property("typed") == 0
    # Set while the kiosk runs: the next opening shows the pad.
    overlay.close()
    PinStore(kiosk_config.state_dir).set(PIN)
    corner_taps(qtbot, kiosk, clock, 5)
    qtbot.waitUntil(find(window, "pinDigits").isVisible)
    assert not find(window, "pinNotSet").isVisible()
    enter(qtbot, overlay, PIN)
    assert overlay.property("state") == OPEN
