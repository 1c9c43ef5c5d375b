"""The opinion box's writes to the outbox: off the UI thread, under both limits.

Per visit, a wait between two submissions (forgotten at the idle reset, so the next
visitor never waits for the one before); per kiosk, the hourly flood guard, checked by
the outbox in the same transaction as the insert. The form and the one-tap ratings
share one writer, so a rating and an opinion of the same visit count against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from kiosk import feedback as fb
from kiosk.config import Config
from kiosk.outbox import Outbox, RateLimit
from kiosk.qt.background import BackgroundRunner


class OutboxWriter:
    def __init__(self, config: Config, runner: BackgroundRunner, outbox: Outbox | None = None) -> None:
        self._runner = runner
        # Opened here (a quick open of a small file); every write goes through the runner.
        self.outbox = outbox if outbox is not None else Outbox(config.outbox_file)
        self._owns_outbox = outbox is None
        self.visit = fb.Visit(config.feedback.min_interval)
        self._limit = RateLimit(0, config.feedback.per_hour)

    def write(
        self,
        record: fb.Feedback,
        now: datetime,
        on_done: Callable[[datetime, object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Commit ``record`` at ``now`` in a worker; ``on_done(now, receipt)`` or ``on_error(exc)``
        follow on the UI thread (the flood guard refuses with :class:`~kiosk.outbox.RateLimited`).
        The caller has looked at :attr:`visit` first."""
        self._runner.submit(
            self.outbox.submit, record, now, self._limit, on_done=partial(on_done, now), on_error=on_error
        )

    def close(self) -> None:
        if self._owns_outbox:
            self.outbox.close()
