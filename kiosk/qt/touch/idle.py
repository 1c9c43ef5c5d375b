"""The idle countdown: how long a visitor may leave the touch screen alone, and the warning
before the reset.

Every touch sets the reset ``timeout`` seconds ahead. ``warning`` seconds before it the
screen says so and counts down whole seconds, with a button to stay (a touch); at zero the
visitor is forgotten (``idle``). Time is the injected clock's: each wake-up re-reads it
(:class:`kiosk.qt.deadline.DeadlineTimer`), so a test moves a fake clock and calls
:meth:`IdleCountdown.check`, and a drifting timer never shortens a visit.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.clock import Clock
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.props import qt_property


class IdleCountdown(QObject):
    changed = Signal()
    #: The countdown reached zero: the screen forgets the visitor.
    idle = Signal()

    def __init__(self, clock: Clock, timeout: float, warning: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._warning_s = warning
        self._timeout = timedelta(seconds=timeout)
        self._reset_at: datetime | None = None
        self._left = 0  # whole seconds shown while warning, 0 while not
        self._timer = DeadlineTimer(clock, self)
        self._timer.reached.connect(self._wake)

    #: The warning is up.
    warning = qt_property(bool, lambda self: self._left > 0, changed)
    #: Whole seconds before the reset, while the warning is up.
    secondsLeft = qt_property(int, "_left", changed)

    @property
    def timeout(self) -> float:
        return self._timeout.total_seconds()

    def set_timeout(self, seconds: float) -> None:
        """A new idle time (care mode's), from the next touch on."""
        self._timeout = timedelta(seconds=seconds)

    @Slot()
    def touched(self) -> None:
        """Any touch (and the warning's "continue"): the full time again, no warning."""
        self._reset_at = self._clock.now() + self._timeout
        self._show(0)
        self._timer.set(self._reset_at - self._lead())

    def stop(self) -> None:
        """No countdown at all (the attract loop, shutdown)."""
        self._reset_at = None
        self._timer.stop()
        self._show(0)

    def check(self) -> None:
        """Look at the clock now (tests with a fake clock call this after moving it)."""
        self._wake()

    def _lead(self) -> timedelta:
        # Half the idle time at most: a warning must not be most of a visit.
        return timedelta(seconds=min(self._warning_s, self._timeout.total_seconds() / 2))

    @Slot()
    def _wake(self) -> None:
        if self._reset_at is None:
            return
        remaining = (self._reset_at - self._clock.now()).total_seconds()
        if remaining <= 0:
            self.stop()
            self.idle.emit()
            return
        if remaining > self._lead().total_seconds():  # woken early (the clock went back)
            self._timer.set(self._reset_at - self._lead())
            return
        left = math.ceil(remaining)
        self._show(left)
        # Wake when the whole seconds shown change: at reset_at - (left - 1) s.
        self._timer.set(self._reset_at - timedelta(seconds=left - 1))

    def _show(self, left: int) -> None:
        if left != self._left:
            self._left = left
            self.changed.emit()
