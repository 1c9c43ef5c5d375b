"""One-tap ratings from the home and item pages, answered in place.

A good rating is committed to the outbox at once; the page shows ``thanks`` (or ``failed``
when the disk refused it) for :data:`NOTICE_MS`, then nothing again. ``limited`` (this
visit submitted moments ago, or the kiosk-wide flood guard is full) stays while it counts
the wait down, second by second, and goes when the wait is over. It never touches the
opinion box's form.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from kiosk import feedback as fb
from kiosk.clock import Clock
from kiosk.outbox import RateLimited
from kiosk.qt.feedback import rating as ratings
from kiosk.qt.feedback.countdown import Countdown
from kiosk.qt.feedback.writer import OutboxWriter
from kiosk.qt.props import qt_property

log = logging.getLogger(__name__)

#: How long the in-place answer to a one-tap rating (thanks, or "too often") stays.
NOTICE_MS = 4000


class QuickRatings(QObject):
    changed = Signal()
    #: A rating was committed to the outbox (its id): time to upload.
    submitted = Signal(str)

    def __init__(self, writer: OutboxWriter, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer, self._clock = writer, clock
        self._visit = writer.visit
        self._notice = ""  # "" | "thanks" | "limited" | "failed"
        self.countdown = Countdown(clock, self)
        self.countdown.changed.connect(self._counted)
        self._busy = False
        self._visitor = 0  # counts idle resets: a late answer is not shown to the next visitor
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.CoarseTimer)
        self.timer.setInterval(NOTICE_MS)
        self.timer.timeout.connect(self.dismiss)

    #: The in-place answer to a one-tap rating: "", "thanks", "limited" or "failed".
    notice = qt_property(str, "_notice", changed)
    #: With ``notice == "limited"``: seconds until the kiosk accepts the next one.
    retryIn = qt_property(int, lambda self: self.countdown.seconds, changed)
    busy = qt_property(bool, "_busy", changed)

    def rate(self, rating: str, about: ratings.About | None, limits: fb.Limits) -> None:
        """A good rating, about an item read (or none): checked, then sent like :meth:`send`."""
        record = ratings.record(rating, "", about, self._clock.now())
        try:
            fb.validate(record, limits)
        except fb.FeedbackInvalid as exc:
            log.error("rating not valid: %s", exc)
            return
        self.send(record)

    def send(self, record: fb.Feedback) -> None:
        """Commit ``record`` (a validated rating) in a worker and answer in place."""
        if self._busy:  # a second tap while the first is being written
            return
        now = self._clock.now()
        wait = self._visit.wait(now)
        if wait > 0:  # this visit rated moments ago: the outbox is not even asked
            self._limited(wait)
            return
        self._busy = True
        self.changed.emit()
        self._writer.write(
            record, now, partial(self._committed, record, self._visitor), partial(self._failed, self._visitor)
        )

    @Slot()
    def dismiss(self) -> None:
        """The answer has been seen (its timer, a new page, the idle reset)."""
        self.timer.stop()
        shown, self._notice = self._notice, ""
        self.countdown.stop()
        if shown:
            self.changed.emit()

    def reset(self) -> None:
        self._visitor += 1
        self.dismiss()

    def _committed(self, record: fb.Feedback, visitor: int, at: datetime, _receipt: object) -> None:
        self._busy = False
        if visitor == self._visitor:
            self._visit.accepted(at)
            self._show("thanks")
        else:
            self.changed.emit()
        self.submitted.emit(record.id)

    def _failed(self, visitor: int, error: BaseException) -> None:
        self._busy = False
        if visitor != self._visitor:
            self.changed.emit()
            return
        if isinstance(error, RateLimited):  # the kiosk-wide flood guard
            self._limited(error.retry_in)
        else:
            log.error("rating not saved: %s", error)
            self._show("failed")

    def _limited(self, wait: float) -> None:
        self.timer.stop()  # shown for as long as the wait lasts, not for NOTICE_MS
        self._notice = "limited"
        self.countdown.start(self._clock.now() + timedelta(seconds=wait))
        self.changed.emit()

    @Slot()
    def _counted(self) -> None:
        if self._notice != "limited":
            return
        if self.countdown.seconds == 0:
            self.dismiss()  # the wait is over: the visitor may rate again
        else:
            self.changed.emit()

    def _show(self, notice: str) -> None:
        self._notice = notice
        self.changed.emit()
        self.timer.start()
