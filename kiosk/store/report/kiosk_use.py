"""The kiosks' own record of use, for the report: display time on the wall per category and
item, the most-read items on the touch screen, and searches that found nothing.

The kiosks upload these aggregates to the store; until that upload is stored, there is
nothing to read here and :func:`figures` says so (None). This is the one function the report
asks for them: fill it in once the store keeps the uploads, and every rendering shows them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.store.report.period import Period


def figures(session: Session, period: Period) -> dict | None:
    """``{"display": [...], "most_read": [...], "no_result_searches": [...]}`` for the period,
    or None when no kiosk uploaded any use for it (no upload is stored yet)."""
    return None
