"""The row families, in the order they run, and every row's target (for rows that fail early)."""

from __future__ import annotations

from benchmarks import rows_sync

FAMILIES = [rows_sync]

TARGETS = {
    "first sync": "≤ 2× floor",
    "apply batch": "≤ 3× floor",
    "no-change poll": "≤ 1024 B, one request",
    "one change": "≤ 20480 B beyond the item",
}
