"""The kiosk's sync client: fetch signed feeds from the central store, verify, apply.

Plain Python (no Qt). :mod:`transport` speaks HTTP to the store, :mod:`syncer` turns one
feed version into one atomic cache batch, :mod:`backoff` spaces retries, :mod:`status`
keeps what the admin overlay and ``kiosk status`` show, and :mod:`jobs` runs it all as
APScheduler jobs (a long-poll loop and an interval poll).
"""

from kiosk.sync.errors import SyncError
from kiosk.sync.syncer import Syncer, SyncResult, sync_once

__all__ = ["SyncError", "SyncResult", "Syncer", "sync_once"]
