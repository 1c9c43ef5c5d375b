"""The one way to run work off the UI thread: run in a worker, deliver on the UI thread.

    runner = BackgroundRunner()
    runner.submit(cache.search, query, now, on_done=self._show_results, on_error=self._show_error)

``fn`` runs on a worker thread and must not touch Qt objects. Its result (or exception)
comes back through a queued signal to a bound method on the UI thread, so callbacks may
touch QML state freely. Every part of the bridge uses this instead of ad-hoc threads.
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
        # Emitted from worker threads, received here: Qt queues it onto our thread.
        self._finished.connect(self._deliver)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        """Run ``fn(*args)`` in a worker; returns a job number."""
        if self._closed:
            raise RuntimeError("BackgroundRunner is shut down")
        job = next(self._ids)
        with self._lock:
            self._callbacks[job] = (on_done, on_error)
        self._pool.submit(self._work, job, fn, args)
        return job

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._callbacks)

    def shutdown(self) -> None:
        """Wait for running work to end; results not yet delivered are dropped."""
        self._closed = True
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
