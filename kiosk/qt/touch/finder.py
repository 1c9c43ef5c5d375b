"""Search on the touch screen: the query, its results, and the pinyin index behind them.

Searches run in a worker, one at a time: while one runs, the newest query waits and
older waiting ones are dropped. A query that finds nothing brings :attr:`suggestions`:
the searches other visitors made here that found something (kiosk.search counts them,
once per visit: :meth:`found` is told when a visitor opens a result).

The pinyin index is built whole once, when a cache is opened (seconds of a worker's
time at 10,000 items, which the UI thread would feel through the GIL), and after that
only the changed titles are indexed again.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import search
from kiosk.changes import ContentChange
from kiosk.presentation import Presenter
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.props import qt_property
from kiosk.qt.touch.models import ResultRow, SearchResultModel
from kiosk.qt.touch.view import ContentView

log = logging.getLogger(__name__)

HIGHLIGHT = "#FFE082"


class SearchViewModel(ContentView):
    changed = Signal()
    #: Its own signal: a list rebuilt on every search would drop a tap on its buttons.
    suggestionsChanged = Signal()

    def __init__(
        self, hub: ContentHub, runner: BackgroundRunner, present: Presenter, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._runner = runner
        self._present = present
        self._results = SearchResultModel(self)
        self._query = ""
        self._results_query = ""
        self._running: str | None = None
        self._pending: str | None = None
        self._index: search.PinyinIndex | None = None
        self._index_job = False
        self._index_waiting: ContentChange | None = None
        self._suggestions: list[str] = []
        #: The terms this visit has already counted (the idle reset starts a new visit).
        self._counted: set[str] = set()

    results = qt_property(SearchResultModel, "_results")
    query = qt_property(str, "_query", changed)
    #: The query the shown results answer (results arrive from a worker, a moment later).
    resultsQuery = qt_property(str, "_results_query", changed)
    #: Other visitors' searches that found something, offered when a query finds nothing.
    suggestions = qt_property(list, "_suggestions", suggestionsChanged)

    @property
    def index(self) -> search.PinyinIndex | None:
        """The pinyin index searches use now (None until the first build is done)."""
        return self._index

    @Slot(str)
    def setQuery(self, text: str) -> None:
        """The search field's text: results follow as the visitor types."""
        self.used.emit()
        if text == self._query:
            return
        self._query = text
        self.changed.emit()
        if not text.strip():
            self._results.set_rows([])
            self._results_query = ""
            self._pending = None
            self.changed.emit()
            return
        self._run(text)

    def found(self) -> None:
        """The visitor opened a result of the shown query: one visit found something with it."""
        term = search.countable(self._results_query)
        if term is None or term in self._counted:
            return
        self._counted.add(term)
        self._runner.submit(self._hub.record_search, term, on_error=self._count_failed)

    def unanswered(self) -> str:
        """The query the screen shows no result for, once its results are in ("" otherwise):
        what a visitor looked for and did not find, if they leave it like this."""
        settled = self._results_query == self._query and self._running is None
        return self._query if settled and self._query.strip() and not self._results.rows() else ""

    def reset(self) -> None:
        self._counted.clear()
        if self._suggestions:
            self._suggestions = []
            self.suggestionsChanged.emit()
        self._query = ""
        self._results_query = ""
        self._pending = None
        self._results.set_rows([])
        self.changed.emit()

    def retranslate(self) -> None:
        if self._results_query:
            self._run(self._results_query)

    # -- searching ---------------------------------------------------------------------

    def _run(self, text: str) -> None:
        if not self._hub.ready:
            return
        if self._running is not None:
            self._pending = text
            return
        self._running = text
        self._runner.submit(
            self._hub.search, self._index, text, on_done=partial(self._done, text), on_error=self._failed
        )

    def _done(self, text: str, hits: list[search.Hit]) -> None:
        self._running = None
        pending, self._pending = self._pending, None
        if text == self._query:
            p = self._present
            self._results.set_rows(
                ResultRow(
                    itemId=h.item.id,
                    titleHtml=search.highlighted(h.item.title, h.spans, HIGHLIGHT, self._t),
                    snippetHtml=search.highlighted(h.snippet, h.snippet_spans, HIGHLIGHT, self._t),
                    unitName=self._t(p.unit_name(h.item)),
                    dateText=self._t(p.listed_date_text(h.item)),
                    categoryName=self._t(p.category_name(h.item)),
                    tint=p.category_color(h.item),
                    title=self._t(h.item.title),
                )
                for h in hits
            )
            self._results_query = text
            self.changed.emit()
            if not hits:
                self._runner.submit(self._hub.offered_searches, on_done=self._offer, on_error=self._count_failed)
        if pending is not None and pending == self._query and pending != text:
            self._run(pending)

    def _offer(self, terms: list[str]) -> None:
        terms = [self._t(t) for t in terms]
        if terms != self._suggestions:
            self._suggestions = terms
            self.suggestionsChanged.emit()

    def _count_failed(self, exc: BaseException) -> None:
        log.warning("search counts: %s", exc)

    def _failed(self, exc: BaseException) -> None:
        log.error("search failed: %s", exc, exc_info=exc)
        self._running = None
        self._pending = None

    # -- the pinyin index ----------------------------------------------------------------

    def content_changed(self, change: ContentChange) -> None:
        if self._hub.ready and (change.everything or change.ids):
            self._queue_index(change)

    def _queue_index(self, change: ContentChange) -> None:
        if self._index_job:
            # One index job at a time, each from the one before: changes wait, merged.
            self._index_waiting = change if self._index_waiting is None else self._index_waiting.merged(change)
            return
        self._index_job = True
        if change.everything or self._index is None:
            self._runner.submit(_build_index, self._hub, on_done=self._index_built, on_error=self._index_failed)
        else:
            self._runner.submit(
                _update_index, self._hub, self._index, change, on_done=self._index_built, on_error=self._index_failed
            )

    def _index_built(self, index: search.PinyinIndex) -> None:
        self._index = index
        self._index_finished()
        if self._query.strip():
            self._run(self._query)

    def _index_failed(self, exc: BaseException) -> None:
        log.error("pinyin index not built: %s", exc, exc_info=exc)
        self._index = None  # the next change builds it whole
        self._index_finished()

    def _index_finished(self) -> None:
        self._index_job = False
        waiting, self._index_waiting = self._index_waiting, None
        if waiting is not None:
            self._queue_index(waiting)


def _build_index(hub: ContentHub) -> search.PinyinIndex:
    """In a worker: the pinyin of every held title (the search applies the display rule)."""
    return search.PinyinIndex(hub.held_items())


def _update_index(hub: ContentHub, index: search.PinyinIndex, change: ContentChange) -> search.PinyinIndex:
    """In a worker: ``index`` with the changed titles read and indexed again."""
    return index.updated(hub.held_items(change.upserted), change.removed)
