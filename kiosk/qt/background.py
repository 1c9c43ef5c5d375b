"""The one way to run work off the UI thread: run in a worker, deliver on the UI thread.

    runner = BackgroundRunner()
    runner.submit(cache.search, query, now, on_done=self._show_results, on_error=self._show_error)

``fn`` runs on a worker thread and must not touch Qt objects. Its result (or exception)
comes back through a queued signal to a bound method on the UI thread, so callbacks may
touch QML state freely. Every part of the bridge uses this instead of ad-hoc threads.

Writes whose order matters (the use counts, the wall's play log) go to a *lane*:

    runner.submit(usage.count, metric, key, now, lane="usage")

The jobs of one lane run one at a time, in the order submitted, on the lane's own worker
(so a slow fsync there never holds up a search), and :meth:`BackgroundRunner.shutdown` runs
every one still queued instead of dropping it: what was counted before the exit is kept.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class BackgroundRunner(QObject):
    """A small worker pool whose results are delivered on the thread that owns this object."""

    _finished = Signal(int, bool, object)

    def __init__(self, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-bg")
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False
        self._lanes: dict[str, ThreadPoolExecutor] = {}
        # Emitted from worker threads, received here: Qt queues it onto our thread.
        self._finished.connect(self._deliver)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        lane: str | None = None,
    ) -> int:
        """Run ``fn(*args)`` in a worker (in ``lane``'s order when given); returns a job number."""
        if self._closed:
            raise RuntimeError("BackgroundRunner is shut down")
        job = next(self._ids)
        with self._lock:
            self._callbacks[job] = (on_done, on_error)
            if lane is None:
                pool = self._pool
            else:
                pool = self._lanes.get(lane) or self._lanes.setdefault(
                    lane, ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"kiosk-{lane}")
                )
        pool.submit(self._work, job, fn, args)
        return job

    def flush(self, lane: str) -> None:
        """Wait until every job submitted to ``lane`` so far has run (at shutdown: a file is
        closed only after its last write)."""
        with self._lock:
            pool = self._lanes.get(lane)
        if pool is not None and not self._closed:
            pool.submit(_nothing).result()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._callbacks)

    def shutdown(self) -> None:
        """Wait for running work to end; lanes run what they still hold, other queued work
        is dropped, and results not yet delivered are dropped."""
        self._closed = True
        with self._lock:
            lanes = list(self._lanes.values())
        for pool in lanes:
            pool.shutdown(wait=True)
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            self._callbacks.clear()

    def _work(self, job: int, fn: Callable, args: tuple) -> None:
        try:
            result = fn(*args)
        except BaseException as exc:  # delivered to on_error, never lost in a worker
            self._finished.emit(job, False, exc)
        else:
            self._finished.emit(job, True, result)

    @Slot(int, bool, object)
    def _deliver(self, job: int, ok: bool, payload: object) -> None:
        with self._lock:
            on_done, on_error = self._callbacks.pop(job, (None, None))
        if ok:
            if on_done is not None:
                on_done(payload)
        elif on_error is not None:
            on_error(payload)
        else:
            log.error("background job failed", exc_info=payload)  # type: ignore[arg-type]


def _nothing() -> None:
    """A lane's marker job: when it has run, everything before it has."""
