"""The date and time a screen shows, in the office's time zone, read from the injected clock.

It wakes at the start of each minute (a deadline read from the clock, not a count of
ticks), so a clock set forwards or back shows the right minute at the next wake, and a
test moves a fake clock and calls :meth:`ClockFace.check`.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import timefmt
from kiosk.clock import Clock
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.props import qt_property


class ClockFace(QObject):
    changed = Signal()

    def __init__(self, clock: Clock, timezone: str, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timezone = timezone
        self._language = language
        self._date = self._time = ""
        self._timer = DeadlineTimer(clock, self)
        self._timer.reached.connect(self._tick)
        self._tick()

    #: ``2026年11月26日 星期四``
    dateText = qt_property(str, "_date", changed)
    #: ``14:05``
    timeText = qt_property(str, "_time", changed)

    def check(self) -> None:
        """Read the clock now (tests with a fake clock call this after moving it)."""
        self._tick()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _tick(self) -> None:
        now = self._clock.now()
        date = timefmt.long_date_text(now, self._timezone, self._language)
        time = timefmt.time_text(now, self._timezone)
        if (date, time) != (self._date, self._time):
            self._date, self._time = date, time
            self.changed.emit()
        self._timer.set(now.replace(second=0, microsecond=0) + timedelta(minutes=1))
