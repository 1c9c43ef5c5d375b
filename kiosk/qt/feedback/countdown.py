"""The live "try again in N seconds": a whole number of seconds read from a deadline.

The number shown is worked out from the injected clock at every wake, never counted down
by ticks, so a late timer or a clock that jumps still shows the true wait; the timer
wakes when the whole number changes and stops at the deadline.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.clock import Clock
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.props import qt_property


class Countdown(QObject):
    #: ``seconds`` changed; it is 0 when the deadline has passed.
    changed = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._deadline: datetime | None = None
        self._seconds = 0
        self._timer = DeadlineTimer(clock, self)
        self._timer.reached.connect(self._update)

    #: Whole seconds left, rounded up (what the visitor reads); 0 when it is over.
    seconds = qt_property(int, "_seconds", changed)

    @property
    def timer(self) -> DeadlineTimer:
        return self._timer

    def start(self, deadline: datetime) -> None:
        self._deadline = deadline
        self._update()

    def stop(self) -> None:
        self._deadline = None
        self._timer.stop()
        self._set(0)

    @Slot()
    def _update(self) -> None:
        if self._deadline is None:
            return
        left = (self._deadline - self._clock.now()).total_seconds()
        if left <= 0:
            self.stop()
            return
        seconds = math.ceil(left)
        # Wake when one whole second less is left: the moment the number shown changes.
        self._timer.set(self._deadline - timedelta(seconds=seconds - 1))
        self._set(seconds)

    def _set(self, seconds: int) -> None:
        if seconds != self._seconds:
            self._seconds = seconds
            self.changed.emit()
