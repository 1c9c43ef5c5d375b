"""The screens' one door to the content: reads of the cache and its assets, and one signal
saying what changed.

Content changes when a batch lands (the demo pack's import, a sync) and when the display
rule's answer changes on its own — an item reaching its ``public_from`` or its
``expires_at``. The hub watches for the next such instant with a :class:`DeadlineTimer`,
so screens never poll. ``changed`` carries a :class:`~kiosk.changes.ContentChange`: the
items a batch added, revised and removed and the categories they belong to, so each
screen re-reads only those.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import changes, search
from kiosk.cache import ContentCache
from kiosk.cache.assets import AssetError
from kiosk.catalog import Catalog
from kiosk.changes import ContentChange
from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.content import Item
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.deadline import DeadlineTimer

log = logging.getLogger(__name__)


class ContentHub(QObject):
    #: A :class:`~kiosk.changes.ContentChange`: what the screens may show differently now.
    changed = Signal(object)
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

    def notify_changed(self, change: ContentChange = changes.EVERYTHING) -> None:
        """Call after a batch was applied to the cache, saying what it changed."""
        self._rearm()
        if not change.empty:
            self.changed.emit(change)

    def apply_batch(self, upserts: Iterable[Item] = (), removals: Iterable[str] = ()) -> ContentChange:
        """Write one batch on this thread and tell the screens what it changed.

        For tests and tools: the sync writes in its own worker and reports its change.
        """
        upserts, removals = list(upserts), list(removals)
        if self._cache is None:
            raise RuntimeError("the content cache is not open")
        held = self._cache.stored_items([i.id for i in upserts] + removals, with_body=False)
        change = changes.between(held, upserts, removals)
        self._cache.apply(upserts, removals=removals)
        self.notify_changed(change)
        return change

    # -- reads (small indexed queries: milliseconds on the UI thread) ----------------

    def items(self, *, with_body: bool = True) -> list[Item]:
        """Every item that may be shown now, newest first."""
        return self._cache.items(self.clock.now(), with_body=with_body) if self._cache else []

    def held_items(self, ids: Iterable[str] | None = None) -> list[Item]:
        """Held items without bodies, newest first, whether or not they may be shown now
        (for views that apply the display rule at each instant themselves); all of them,
        or those of ``ids`` still held."""
        if self._cache is None:
            return []
        if ids is None:
            return self._cache.candidates(with_body=False)
        found = self._cache.stored_items(ids, with_body=False)
        return sorted(found.values(), key=lambda i: (-i.last_changed.timestamp(), i.id))

    def list_items(
        self, category: str | None = None, unit: str | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[Item]:
        if self._cache is None:
            return []
        return self._cache.list_items(self.clock.now(), category=category, unit=unit, limit=limit, offset=offset)

    def unit_counts(self, category: str | None = None) -> dict[str, int]:
        return self._cache.unit_counts(self.clock.now(), category) if self._cache else {}

    def item(self, item_id: str) -> Item | None:
        return self._cache.item(item_id, self.clock.now()) if self._cache else None

    def category_counts(self) -> dict[str, int]:
        return self._cache.category_counts(self.clock.now()) if self._cache else {}

    def search(self, index: search.PinyinIndex | None, query: str) -> list[search.Hit]:
        """Items matching ``query`` (in a worker: a search may scan bodies)."""
        return search.search(self._cache, index, query, self.clock.now()) if self._cache else []

    # -- assets (hash-checked files of attachments) ------------------------------------

    def read_asset(self, sha256: str) -> bytes:
        """An attachment's bytes, checked against their hash; raises :class:`AssetError`."""
        if self._cache is None:
            raise AssetError("the content cache is not open")
        return self._cache.assets.read(sha256)

    def asset_path(self, sha256: str) -> Path:
        """The file of an attachment whose bytes were just checked against their hash, for
        readers that need a path (the PDF viewer); raises :class:`AssetError` or ``OSError``."""
        if self._cache is None:
            raise AssetError("the content cache is not open")
        self._cache.assets.read(sha256)
        return self._cache.assets.path(sha256)

    # -- internals ---------------------------------------------------------------------

    def _opened(self, cache: ContentCache) -> None:
        self._cache = cache
        self.notify_changed(changes.EVERYTHING)

    def _open_failed(self, exc: BaseException) -> None:
        log.error("content cache unavailable: %s", exc, exc_info=exc)
        self.failed.emit(str(exc))

    def _rearm(self) -> None:
        self._watch.set(self._cache.next_change(self.clock.now()) if self._cache else None)

    @Slot()
    def _on_window_edge(self) -> None:
        self.notify_changed(changes.WINDOW)
