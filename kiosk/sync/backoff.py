"""How long to wait before the next attempt after failures: exponential, full jitter.

After ``n`` failures in a row the wait is uniform in ``[0, min(cap, base * 2**n)]``
("full jitter": a fleet of kiosks that lost the store at the same moment does not come
back in lock-step), but never shorter than what the store asked for with ``Retry-After``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

#: A hostile or confused store must not silence a kiosk for days with one header.
MAX_RETRY_AFTER = 3600.0


class Backoff:
    def __init__(self, base: float = 1.0, cap: float = 300.0, rand: Callable[[], float] = random.random) -> None:
        self.base = base
        self.cap = cap
        self._rand = rand
        self.failures = 0

    def ceiling(self) -> float:
        """The upper bound of the next delay, given the failures so far."""
        # min() before the power would overflow for a kiosk that has been offline for months.
        return min(self.cap, self.base * 2.0 ** min(self.failures, 64))

    def failed(self, retry_after: float | None = None) -> float:
        """Record one more failure; returns the seconds to wait before trying again."""
        delay = self._rand() * self.ceiling()
        self.failures += 1
        if retry_after is not None and retry_after > 0:
            delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
        return delay

    def succeeded(self) -> None:
        self.failures = 0
