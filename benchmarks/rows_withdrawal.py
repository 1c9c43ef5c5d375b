"""Row: withdrawal, from the store's commit to the item gone from both screens' frames.

Not built yet: it needs a kiosk with both windows long-polling a real store, and each
rendered frame of the wall and of the touch screen checked for the withdrawn item, over
≥ 100 withdrawals. The runner says so instead of printing a figure.
"""

from __future__ import annotations

from benchmarks.core import Result, not_measured

FAMILY = ("withdrawal to gone",)


def run(ctx) -> list[Result]:
    return [
        not_measured(
            "withdrawal to gone",
            "s",
            "p99 ≤ 250 ms",
            "not built yet (needs both screens' frames watched while the kiosk long-polls a store)",
        )
    ]
