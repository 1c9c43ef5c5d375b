"""The touch screen's anonymous use counts (:mod:`kiosk.usage`), committed off the UI thread.

Each count is a commit to disk, so it runs on the background runner's usage lane: one
job at a time, in the order made, so a visit's counts are in before the reset that
forgets its search terms. At shutdown the lane is run to its end before the file closes.
Without a counts file (page tests) every call is nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Slot

from kiosk.clock import Clock
from kiosk.qt.background import BackgroundRunner

log = logging.getLogger(__name__)

#: The background runner's lane for the use counts.
USAGE_LANE = "usage"


class UseCounter(QObject):
    def __init__(self, usage, runner: BackgroundRunner, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: kiosk.usage.Usage, or None where nothing is counted.
        self._usage = usage
        self._runner = runner
        self._clock = clock

    def count(self, metric: str, key: str) -> None:
        if self._usage is not None:
            self._on_lane(self._usage.count, metric, key, self._clock.now())

    @Slot()
    def readAloudUsed(self) -> None:
        self.count("read-aloud", "")

    @Slot()
    def careModeUsed(self) -> None:
        self.count("care-mode", "")

    def new_visit(self) -> None:
        if self._usage is not None:
            self._on_lane(self._usage.new_visit)

    def close(self) -> None:
        if self._usage is not None:
            self._on_lane(self._usage.close)
            self._runner.flush(USAGE_LANE)  # every count committed before the process ends

    def _on_lane(self, fn, *args) -> None:
        try:
            self._runner.submit(fn, *args, on_error=_count_failed, lane=USAGE_LANE)
        except RuntimeError:  # the runner is shut down: nothing else writes, so in order still
            fn(*args)


def _count_failed(exc: BaseException) -> None:
    log.warning("anonymous use not counted: %s", exc)
