"""Rows that must never reach a screen, written straight into a cache's SQLite file.

The cache's ``apply`` refuses internal items, so a test going through it never shows
whether the reading side filters too. A damaged or hostile cache file can hold anything:
these rows are inserted with plain ``sqlite3``, newest of all (so they would take the first
places in every list and page), urgent (so the LED wall would interrupt its rotation and run
them in its ticker), with titles that match the searches the tests make.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from support import NOW

from kiosk.cache.tables import to_text

#: Every hostile row's title contains this (three characters: the trigram path; its first
#: two alone take the substring path).
TERM = "公开栏"

#: id -> (audience, public_from, expires_at)
HOSTILE = {
    "internal-open": ("internal", None, None),
    "internal-window": ("internal", NOW - timedelta(hours=1), NOW + timedelta(days=1)),
    # An internal item whose window opens soon: no screen should look again for it.
    "internal-soon": ("internal", NOW + timedelta(minutes=10), None),
    "not-yet-public": ("public", NOW + timedelta(hours=1), None),
    "expired": ("public", None, NOW - timedelta(seconds=1)),
    "expires-now": ("public", NOW - timedelta(days=1), NOW),
}
#: The first instant at which the rule's answer changes for a hostile row that is public.
NEXT_PUBLIC_EDGE = NOW + timedelta(hours=1)


def insert_hostile_rows(cache_file: Path, category: str = "central-work", unit: str = "party-group") -> None:
    conn = sqlite3.connect(cache_file)
    try:
        with conn:
            for n, (item_id, (audience, public_from, expires_at)) in enumerate(sorted(HOSTILE.items())):
                changed = to_text(NOW - timedelta(seconds=n))  # newer than any item the tests publish
                conn.execute(
                    "INSERT INTO items (id, revision, title, summary, body, category, unit, audience, cadence,"
                    " priority, published_at, revised_at, public_from, expires_at, last_changed, doc_number,"
                    " index_number, web_url) VALUES (?, 1, ?, ?, ?, ?, ?, ?, 'ad-hoc', 'urgent', ?, NULL, ?, ?, ?,"
                    " '', '', '')",
                    (
                        item_id,
                        f"不得显示的{TERM}条目 {item_id}",
                        TERM,
                        f"{TERM}正文",
                        category,
                        unit,
                        audience,
                        changed,
                        to_text(public_from) if public_from else None,
                        to_text(expires_at) if expires_at else None,
                        changed,
                    ),
                )
    finally:
        conn.close()
