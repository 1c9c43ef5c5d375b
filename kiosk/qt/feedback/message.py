"""The opinion box's message line: what is wrong with the form, or how long to wait.

A problem (too short, a reason too long, the disk refused it) stays until the visitor
changes something. A wait — this visit sent something moments ago, or the kiosk-wide
flood guard is full — is counted down in the message, second by second, and the message
goes when the wait is over.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.clock import Clock
from kiosk.qt.feedback import texts
from kiosk.qt.feedback.countdown import Countdown


class FormMessage(QObject):
    #: The message changed by itself (said, or counted down); :meth:`replace` and
    #: :meth:`clear` are silent: their callers announce the whole form's change.
    changed = Signal()

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._text = ""
        self._limited = False  # the text is a wait being counted down
        self.countdown = Countdown(clock, self)
        self.countdown.changed.connect(self._counted)

    @property
    def text(self) -> str:
        return self._text

    @property
    def seconds(self) -> int:
        """Seconds until the form may be sent again (0: now)."""
        return self.countdown.seconds

    def say(self, message: str) -> None:
        """Show ``message`` instead of any wait."""
        self.clear()
        self._text = message
        self.changed.emit()

    def wait(self, seconds: float) -> None:
        """Say how long to wait, and count it down until it is over."""
        self.countdown.start(self._clock.now() + timedelta(seconds=seconds))
        self._limited = True
        self._counted()

    def replace(self, message: str) -> None:
        """Show ``message`` (as typing does) and leave a running wait to overwrite it at its next second."""
        self._text = message

    def clear(self) -> None:
        self._limited = False
        self.countdown.stop()
        self._text = ""

    def stop(self) -> None:
        self.countdown.stop()

    @Slot()
    def _counted(self) -> None:
        if not self._limited:
            return
        left = self.countdown.seconds
        self._limited = left > 0
        self._text = texts.too_often(left) if left else ""
        self.changed.emit()
