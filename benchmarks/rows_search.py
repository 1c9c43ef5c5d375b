"""Rows: search over N cached items, p95 per kind of query, against the bare SQLite query.

The pinyin index is built before any timing (at run time a worker builds it once).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from benchmarks import data
from benchmarks.core import Result, Stopwatch, from_rounds, interleaved, percentile

QUERIES = {
    "search 1 char": "党",
    "search 2 chars": "党费",
    "search 4 chars": "党务公开",
    "search pinyin initials": "dwgk",
    "search full pinyin": "dangwugongkai",
}
FAMILY = tuple(QUERIES)
COLUMNS = (
    "rid, id, revision, title, summary, category, unit, audience, cadence, priority, published_at, "
    "revised_at, public_from, expires_at, last_changed, doc_number, index_number, web_url"
)


def bare_query(conn: sqlite3.Connection, query: str) -> list:
    """The floor: the SQL the cache's search sends, run bare through ``sqlite3`` on the
    same file — the trigram MATCH for three characters or more, else the LIKE scan of
    title, summary, body and document number — title matches first, newest first, 50
    rows, no body. Not in it: the display-rule clause, the attachments query, turning rows
    into items, snippets, and (pinyin queries) the in-memory pinyin index scan."""
    order = "ORDER BY instr(title, ?) > 0 DESC, last_changed DESC, id LIMIT 50"
    if len(query) >= 3:
        sql = f"SELECT {COLUMNS} FROM items WHERE rid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?) {order}"
        args = ('"' + query + '"', query)
    else:
        like = "%" + query + "%"
        sql = (
            f"SELECT {COLUMNS} FROM items WHERE (title LIKE ? OR summary LIKE ? OR body LIKE ? "
            f"OR doc_number LIKE ?) {order}"
        )
        args = (like, like, like, like, query)
    return conn.execute(sql, args).fetchall()


def run(ctx) -> list[Result]:
    from kiosk import search

    work = Path(tempfile.mkdtemp(prefix="bench-search-", dir=ctx.work))
    cache = data.fill_cache(work / "content.sqlite3", ctx.items)
    index = search.PinyinIndex(cache.items(data.NOW, with_body=False))
    conn = sqlite3.connect(work / "content.sqlite3")
    repeats = 10 if ctx.quick else 40
    results = []
    try:
        for name, query in QUERIES.items():

            def measured(query=query) -> float:
                times = []
                for _ in range(repeats):
                    with Stopwatch() as t:
                        search.search(cache, index, query, data.NOW)
                    times.append(t.seconds * 1000)
                return percentile(times, 0.95)

            def floor(query=query) -> float:
                times = []
                for _ in range(repeats):
                    with Stopwatch() as t:
                        bare_query(conn, query)
                    times.append(t.seconds * 1000)
                return percentile(times, 0.95)

            measured()  # the first query of a kind warms SQLite's page cache for both
            floors, measureds = interleaved(ctx.rounds, floor, measured, name)
            results.append(
                from_rounds(
                    name,
                    "ms",
                    "p95 ≤ 20 ms",
                    floors,
                    measureds,
                    measured_max=20,
                    note=f"{query!r}, p95 of {repeats} per round",
                )
            )
    finally:
        conn.close()
        cache.close()
    return results
