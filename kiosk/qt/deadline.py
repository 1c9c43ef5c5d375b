"""A timer that fires at an instant read from the injected clock, not after a count of ticks.

Qt timers drift and a wall clock can jump; this one re-reads the clock when it wakes and
goes back to sleep if the deadline has not really arrived. Long waits are split so a
clock set forwards or backwards is noticed within :data:`MAX_SLEEP_MS`.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from kiosk.clock import Clock

#: The longest single sleep; also how late a backwards clock jump can be noticed.
MAX_SLEEP_MS = 60_000


class DeadlineTimer(QObject):
    reached = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._deadline: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._wake)

    @property
    def deadline(self) -> datetime | None:
        return self._deadline

    def set(self, deadline: datetime | None) -> None:
        """Fire ``reached`` once at ``deadline``; None cancels."""
        self._deadline = deadline
        self._arm()

    def stop(self) -> None:
        self.set(None)

    def check(self) -> None:
        """Look at the clock now (tests with a fake clock call this after moving it)."""
        self._wake()

    def _arm(self) -> None:
        if self._deadline is None:
            self._timer.stop()
            return
        remaining = (self._deadline - self._clock.now()).total_seconds() * 1000
        self._timer.start(int(max(0, min(MAX_SLEEP_MS, remaining))))

    @Slot()
    def _wake(self) -> None:
        if self._deadline is None:
            return
        if self._clock.now() >= self._deadline:
            self._deadline = None
            self._timer.stop()
            self.reached.emit()
        else:
            self._arm()
