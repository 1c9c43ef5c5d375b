"""The stage report: what the office disclosed in a period, how promptly, what visitors said
of it, and how the kiosks were used — written from the store's record.

:func:`build` computes every figure (plain functions, one module per concern:
:mod:`.disclosed`, :mod:`.punctuality`, :mod:`.opinions`, :mod:`.kiosk_use`) into one
dictionary; :mod:`.html`, :mod:`.table` (CSV) and :mod:`.pdf` render it. Nothing here writes.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from kiosk.catalog import Catalog, default_catalog
from kiosk.store.report import disclosed, kiosk_use, opinions, punctuality
from kiosk.store.report.period import Period, period

FORMATS = ("pdf", "html", "csv")


def build(session: Session, period: Period, now: datetime) -> dict:
    """Every figure of the report for ``period``, judged at ``now``."""
    return {
        "first": period.first.isoformat(),
        "last": period.last.isoformat(),
        "made_at": now.isoformat(),
        "zone": str(period.zone),
        "disclosed": disclosed.figures(session, period),
        "timeliness": punctuality.figures(session, period, now.astimezone(period.zone).date()),
        "feedback": opinions.figures(session, period, now),
        "kiosk_use": kiosk_use.figures(session, period),
    }


def of_store(store, first: date, last: date) -> dict:
    """The report of ``store`` (a :class:`kiosk.store.service.Store`) for ``first`` to ``last``,
    days in its time zone; raises :class:`.period.PeriodError` for a period it cannot cover."""
    from kiosk.store.feedback import office_zone

    with store.db.read() as session:
        return build(session, period(first, last, office_zone(session)), store.clock.now())


def render(made: dict, catalog: Catalog, form: str) -> bytes:
    """``made`` (from :func:`build`) in one of :data:`FORMATS`; :class:`.pdf.FontMissing`
    when a PDF is asked for on a machine without a CJK font."""
    from kiosk.store.report import html, pdf, table

    if form == "csv":
        return table.render(made, catalog)
    if form == "html":
        return html.render(made, catalog)
    if form == "pdf":
        return pdf.render(made, catalog)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def catalog_of(store) -> Catalog:
    return store.catalog or default_catalog()
