"""Telling the service manager the screens are up, and that they keep being drawn.

READY=1 goes out once every window has swapped its first frame: before that, a visitor
would see nothing, and systemd's start timeout is what should catch a kiosk stuck there.

WATCHDOG=1 is sent from a timer on the UI thread, and only when a frame was swapped since
the previous tick. At each tick every window is asked for a new frame (``update()``), so a
static scene (no animation running) still proves at every tick that the UI thread runs and
the render loop presents: a frozen UI thread fires no timer, a stuck render loop swaps no
frame, and either way the pings stop and the manager restarts the kiosk.

When the display goes away (Qt's xcb plugin logs "The X11 connection broke", a Wayland
compositor disconnects), Qt does not end the process; :func:`install_display_loss_exit`
ends it at once with :data:`EXIT_DISPLAY_LOST` so the service restarts it.
"""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QObject, QTimer, QtMsgType, Slot, qInstallMessageHandler
from PySide6.QtQuick import QQuickWindow

from kiosk.service import Notifier, watchdog_interval

log = logging.getLogger(__name__)

#: Exit status when the display went away under the kiosk.
EXIT_DISPLAY_LOST = 70
#: What Qt's platform plugins log when the display connection is gone.
DISPLAY_LOST_MESSAGES = ("The X11 connection broke", "The Wayland connection broke")


class FrameWatchdog(QObject):
    """READY=1 after every window's first frame; WATCHDOG=1 while frames keep coming."""

    def __init__(
        self,
        windows: list[QQuickWindow],
        notifier: Notifier | None = None,
        interval: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._notifier = notifier or Notifier()
        self._windows = list(windows)
        self._unpainted = set(range(len(self._windows)))
        self._swapped = False
        self.ready = False
        self.pings = 0
        for window in self._windows:
            # frameSwapped is emitted on the render thread with the threaded render loop;
            # a queued connection brings it to this object's (the UI) thread.
            window.frameSwapped.connect(self._on_frame_swapped)
            # A frame swapped before this connection would never be seen: ask for one more.
            window.update()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        interval = watchdog_interval() if interval is None else interval
        if interval is not None and self._notifier.enabled:
            self._timer.setInterval(max(50, int(interval * 1000)))

    @Slot()
    def _on_frame_swapped(self) -> None:
        self._swapped = True
        if self.ready:
            return
        sender = self.sender()
        for index, window in enumerate(self._windows):
            if window is sender:
                self._unpainted.discard(index)
        if not self._unpainted:
            self.ready = True
            log.info("every window has painted its first frame")
            self._notifier.ready()
            if self._timer.interval() > 0:
                self._timer.start()

    @Slot()
    def _tick(self) -> None:
        if self._swapped:
            self._swapped = False
            self._notifier.ping()
            self.pings += 1
        for window in self._windows:
            window.update()  # a frame by the next tick, even for a scene that stands still

    def stop(self) -> None:
        self._timer.stop()
        self._notifier.stopping()
        self._notifier.close()


def install_display_loss_exit() -> None:
    """End the process at once, non-zero, when Qt reports the display connection lost.

    ``os._exit`` rather than a quit: the plugin reports this from its event-reader thread
    while the UI thread may be blocked on the dead connection, and nothing is left to draw
    on. The content cache and the outbox are SQLite files, safe against a sudden end.
    """
    previous = qInstallMessageHandler(None)

    def handler(mode: QtMsgType, context, message: str) -> None:
        if any(text in message for text in DISPLAY_LOST_MESSAGES):
            try:
                sys.stderr.write(f"kiosk: the display went away ({message.strip()}); exiting\n")
                sys.stderr.flush()
            finally:
                os._exit(EXIT_DISPLAY_LOST)
        if previous is not None:
            previous(mode, context, message)
        else:
            _default_output(mode, context, message)

    qInstallMessageHandler(handler)


def _default_output(mode: QtMsgType, context, message: str) -> None:
    # With no handler before ours, Qt printed to stderr using QT_MESSAGE_PATTERN; keep that.
    from PySide6.QtCore import qFormatLogMessage

    sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")
    sys.stderr.flush()
