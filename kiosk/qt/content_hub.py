"""The screens' view of the content cache: reads, and one signal when content changes.

Content changes when a batch lands (demo import now, sync later) and when the display
rule's answer changes on its own — an item reaching its ``public_from`` or its
``expires_at``. The hub watches for the next such instant with a :class:`DeadlineTimer`,
so screens never poll.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.cache import ContentCache
from kiosk.catalog import Catalog
from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.content import Item
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.deadline import DeadlineTimer

log = logging.getLogger(__name__)


class ContentHub(QObject):
    changed = Signal()
    #: The cache could not be opened or filled; the text is for the admin overlay and logs.
    failed = Signal(str)

    def __init__(self, config: Config, clock: Clock, runner: BackgroundRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.clock = clock
        self.catalog: Catalog = config.catalog
        self._runner = runner
        self._cache: ContentCache | None = None
        self._watch = DeadlineTimer(clock, self)
        self._watch.reached.connect(self._on_window_edge)

    @property
    def ready(self) -> bool:
        return self._cache is not None

    @property
    def cache(self) -> ContentCache | None:
        return self._cache

    @property
    def runner(self) -> BackgroundRunner:
        """The background runner reads of the cache may use (searches, indexes)."""
        return self._runner

    def open(self, opener: Callable[[Config], ContentCache]) -> None:
        """Open (and, for the demo, fill) the cache in a worker; ``changed`` follows."""
        self._runner.submit(opener, self.config, on_done=self._opened, on_error=self._open_failed)

    def use(self, cache: ContentCache) -> None:
        """Adopt an already open cache (tests, and callers that opened it themselves)."""
        self._opened(cache)

    def close(self) -> None:
        self._watch.stop()
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def notify_changed(self) -> None:
        """Call after a batch was applied to the cache."""
        self._rearm()
        self.changed.emit()

    # -- reads (small indexed queries: milliseconds on the UI thread) ----------------

    def items(self, *, with_body: bool = True) -> list[Item]:
        return self._cache.items(self.clock.now(), with_body=with_body) if self._cache else []

    def list_items(self, category: str | None = None, unit: str | None = None, *,
                   limit: int | None = None, offset: int = 0) -> list[Item]:
        if self._cache is None:
            return []
        return self._cache.list_items(self.clock.now(), category=category, unit=unit, limit=limit, offset=offset)

    def unit_counts(self, category: str | None = None) -> dict[str, int]:
        return self._cache.unit_counts(self.clock.now(), category) if self._cache else {}

    def item(self, item_id: str) -> Item | None:
        return self._cache.item(item_id, self.clock.now()) if self._cache else None

    def category_counts(self) -> dict[str, int]:
        return self._cache.category_counts(self.clock.now()) if self._cache else {}

    # -- internals ---------------------------------------------------------------------

    def _opened(self, cache: ContentCache) -> None:
        self._cache = cache
        self.notify_changed()

    def _open_failed(self, exc: BaseException) -> None:
        log.error("content cache unavailable: %s", exc, exc_info=exc)
        self.failed.emit(str(exc))

    def _rearm(self) -> None:
        self._watch.set(self._cache.next_change(self.clock.now()) if self._cache else None)

    @Slot()
    def _on_window_edge(self) -> None:
        self.notify_changed()
