"""The row families, in the order they run, and every row's target (for rows that fail early)."""

from __future__ import annotations

from benchmarks import rows_console, rows_fanout, rows_qt, rows_search, rows_sync, rows_withdrawal

FAMILIES = [rows_sync, rows_search, rows_fanout, rows_withdrawal, rows_qt, rows_console]

TARGETS = {
    "first sync": "≤ 2× floor",
    "apply batch": "≤ 3× floor",
    "no-change poll": "≤ 1024 B, one request",
    "one change": "≤ 20480 B beyond the item",
    **{name: "p95 ≤ 20 ms" for name in rows_search.FAMILY},
    "fan-out p99": "p99 ≤ 2 s",
    "withdrawal to gone": "p99 ≤ 250 ms",
    **{name: "≤ 100 ms" for name in rows_console.FAMILY},
    "store RSS holding long-polls": "reported",
    **{name: target for name, (target, _, _) in rows_qt.TARGETS.items()},
}
