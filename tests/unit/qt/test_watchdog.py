"""The Qt side of the service protocol (kiosk.qt.watchdog), on real windows and a real socket."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtQuick import QQuickWindow

from kiosk.qt.watchdog import FrameWatchdog
from kiosk.service import Notifier


@pytest.fixture
def manager(tmp_path):
    """The service manager's end: every datagram the kiosk sent, in order."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify.sock"))
    sock.setblocking(False)
    received: list[bytes] = []

    def read() -> list[bytes]:
        while True:
            try:
                received.append(sock.recv(4096).split(b"\n")[0])
            except BlockingIOError:
                return received

    yield tmp_path / "notify.sock", read
    sock.close()


@pytest.fixture
def windows(qtbot):
    made = [QQuickWindow(), QQuickWindow()]
    yield made
    for window in made:
        window.close()
        window.deleteLater()


def test_ready_only_once_every_window_has_swapped_a_frame(qtbot, manager, windows):
    path, read = manager
    watchdog = FrameWatchdog(windows, Notifier(str(path)), interval=0.05)
    windows[0].show()
    with qtbot.waitSignal(windows[0].frameSwapped, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not watchdog._unpainted - {1})
    assert not watchdog.ready and read() == []  # the second window has not painted yet
    windows[1].show()
    qtbot.waitUntil(lambda: read()[:1] == [b"READY=1"])
    qtbot.waitUntil(lambda: read().count(b"WATCHDOG=1") >= 3)  # a static scene keeps pinging
    watchdog.stop()


class _Ticks:
    def __init__(self) -> None:
        self.count = 0

    def tick(self) -> None:
        self.count += 1


def test_no_ping_while_no_frame_is_produced(qtbot, manager, windows):
    path, read = manager
    watchdog = FrameWatchdog(windows, Notifier(str(path)), interval=0.05)
    for window in windows:
        window.show()
    qtbot.waitUntil(lambda: watchdog.pings >= 2)
    ticks = _Ticks()
    watchdog._timer.timeout.connect(ticks.tick)
    for window in windows:
        window.hide()  # a hidden window renders nothing: as when the render loop stops presenting
    qtbot.waitUntil(lambda: ticks.count >= 2)  # a frame swapped just before the hide may still count
    pings = watchdog.pings
    qtbot.waitUntil(lambda: ticks.count >= 6)
    assert watchdog.pings == pings
    for window in windows:
        window.show()
    qtbot.waitUntil(lambda: watchdog.pings > pings)  # frames again: pings again
    watchdog.stop()
