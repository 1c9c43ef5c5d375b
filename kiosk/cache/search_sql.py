"""The search of the touch screen as SQL over the cache's tables: what matches, what comes first.

Every term of a query must match the title, summary, body or document number. Terms of
three characters or more go through the trigram full-text index; shorter ones (common
in Chinese: 党费, 人防) fall back to a substring scan, their LIKE wildcards escaped.
Items with more terms in their title come first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, literal, or_, select

from kiosk.cache import tables
from kiosk.cache.tables import items as t_items

#: Queries shorter than this many characters cannot use the trigram index.
TRIGRAM = 3
#: Terms of a query beyond this many are ignored (each one is a condition).
MAX_TERMS = 8


def conditions(query: str) -> tuple[list[ColumnElement[bool]], tuple[Any, ...]] | None:
    """The WHERE conditions and the ORDER BY of a search for ``query``; None for a query of
    nothing but spaces."""
    terms = [t for t in query.split() if t][:MAX_TERMS]
    if not terms:
        return None
    where: list[ColumnElement[bool]] = []
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    if long_terms:
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
        where.append(t_items.c.rid.in_(select(tables.items_fts.c.rowid).where(tables.fts_match(match))))
    for term in terms:
        if len(term) < TRIGRAM:
            pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            columns = (t_items.c.title, t_items.c.summary, t_items.c.body, t_items.c.doc_number)
            where.append(or_(*(col.like(pattern, escape="\\") for col in columns)))
    title_hits: ColumnElement[int] = literal(0)
    for t in terms:
        title_hits = title_hits + t_items.c.title.contains(t, autoescape=True).cast(Integer)
    return where, (title_hits.desc(),)
