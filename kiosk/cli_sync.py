"""The ``kiosk sync`` command: one sync (``--once``) or the sync jobs until stopped, without screens."""

from __future__ import annotations

import logging
import sys
from types import FrameType

from kiosk import cli_outbox, demo
from kiosk.config import Config
from kiosk.exits import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK

log = logging.getLogger("kiosk")


def run(config: Config, *, once: bool) -> int:
    """``kiosk sync --once`` (one attempt, then the feedback waiting) or ``kiosk sync`` (until stopped)."""
    from kiosk.sync import SyncError, sync_once

    if not config.uses_store:
        print(
            f"kiosk: {config.source or 'the configuration'}: no [store] url is configured; nothing to sync "
            "(paste the table that `kiosk-store device enroll` prints)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if not once:
        return _sync_forever(config)
    # The outcome is reported in exactly one line below; the sync's own warnings go to the
    # log file only, so stderr never holds the same refusal twice.
    _keep_off_console("kiosk.sync")
    status = EXIT_OK
    cache = demo.open_content(config)
    try:
        result = sync_once(config, cache)
    except SyncError as exc:
        print(f"kiosk: {exc.line}", file=sys.stderr)
        status = EXIT_FAILURE
    else:
        print(result.summary())
    finally:
        cache.close()
    # Feedback waiting is sent too, whatever the sync's outcome: it needs only the store.
    return cli_outbox.upload_once(config) or status


def _keep_off_console(prefix: str) -> None:
    """Drop log records of ``prefix`` from the stderr handler (the log file still gets them)."""

    class _NotThese(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return not record.name.startswith(prefix)

    for handler in logging.getLogger().handlers:
        if getattr(handler, "_kiosk", False) and not isinstance(handler, logging.FileHandler):
            handler.addFilter(_NotThese())


def _sync_forever(config: Config) -> int:
    """Sync until SIGTERM or SIGINT: the long-poll and interval jobs, without screens."""
    import signal
    import threading

    from kiosk.sync.jobs import SyncService

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _stop)
    service = SyncService(config)
    service.start()
    log.info("syncing with %s until stopped", config.store.url)
    try:
        while not stop.wait(1.0):
            pass
    finally:
        service.stop()
    return EXIT_OK
