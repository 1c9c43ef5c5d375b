"""SIGTERM and SIGINT end the kiosk's Qt event loop cleanly (a service stop, a Ctrl-C)."""

from __future__ import annotations

import logging
import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, Slot
from PySide6.QtGui import QGuiApplication

log = logging.getLogger("kiosk.qt.app")


class QuitOnSignals(QObject):
    """SIGTERM and SIGINT end the event loop cleanly (Python alone cannot interrupt Qt's loop)."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self._app = app
        self._read, write = socket.socketpair()
        self._read.setblocking(False)
        write.setblocking(False)
        self._write = write
        signal.set_wakeup_fd(write.fileno())
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._noop)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)

    @staticmethod
    def _noop(signum, frame) -> None:  # the wake-up byte does the work
        pass

    @Slot()
    def _on_signal(self) -> None:
        try:
            self._read.recv(64)
        except BlockingIOError:
            pass
        log.info("asked to stop; quitting")
        self._app.quit()

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
