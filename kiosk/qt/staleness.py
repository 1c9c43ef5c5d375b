"""What both screens say when their content is stale: "最后更新 …" and the time it was.

The sync reports, after every attempt, when the newest verified statement from the store
expired (``stale_since``); until it is fresh again the screens say when the content last
came in, so a visitor knows how old what they read may be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kiosk import timefmt

if TYPE_CHECKING:  # a kiosk on the demo pack never loads the sync package
    from kiosk.sync.status import SyncStatus


def stale_text(status: SyncStatus | None, tz: str, language: str) -> str:
    """ "最后更新 12月1日 09:00" while the content is stale; "" while it is fresh."""
    if status is None or status.stale_since is None:
        return ""
    last = status.last_success or status.stale_since
    when = f"{timefmt.date_text(last, tz, language)} {timefmt.time_text(last, tz)}"
    return QCoreApplication.translate("Staleness", "最后更新 %1").replace("%1", when)
