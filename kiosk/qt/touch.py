"""The touch screen's view model: where the visitor is, and what that page shows.

Pages: ``attract`` (a rotating highlight, "touch to start") → ``home`` (the categories
with their counts, search, the opinion box) → ``list`` (a category's items, newest
first, filtered by unit) → ``item`` (text, images, PDF attachments) → ``pdf`` (one
attachment's pages). ``search`` and ``feedback`` open from home and the header.

QML reads these properties and calls the slots; it decides nothing itself. After
``idle_timeout`` seconds without a touch :meth:`TouchViewModel.reset` forgets the visitor:
search text, open item, list positions, 简/繁, text size, contrast, the keyboard's state.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from PySide6.QtCore import Property, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument

from kiosk import search
from kiosk.cache.assets import AssetError
from kiosk.chinese import for_display
from kiosk.content import Item
from kiosk.feedback import LOW_RATINGS
from kiosk.presentation import Presenter, plain_text
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.feedback import FeedbackViewModel
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.i18n import Translations
from kiosk.qt import keyboard
from kiosk.qt.images import image_url
from kiosk.qt.models import CategoryModel, CategoryRow
from kiosk.qt.richtext import markdown_to_rich_text
from kiosk.qt.speech import ReadAloud
from kiosk.qt.touch_models import ListingModel, ListingRow, ResultRow, SearchResultModel, UnitFilterModel, UnitRow

log = logging.getLogger(__name__)

#: The three text sizes (issue 5: "three text sizes"), as factors of the base type size.
TEXT_SCALES = (1.0, 1.25, 1.5)
#: Items published or revised this recently carry the "new" mark.
FRESH_FOR = timedelta(days=7)
#: Rows of a category list loaded at a time (a screenful is about six).
LIST_PAGE = 40
#: A body longer than this shows its beginning and a note: a lobby screen is no e-reader,
#: and laying out megabytes of text would freeze the screen (hostile or mistaken input).
BODY_LIMIT = 40_000
#: How long each highlight of the attract loop stays.
ATTRACT_INTERVAL_MS = 7000
ATTRACT_ITEMS = 8
PDF_ZOOMS = (1.0, 1.5, 2.0, 3.0)
HIGHLIGHT = "#FFE082"


class TouchViewModel(QObject):
    pageChanged = Signal()  # noqa: N815 (QML notify signal)
    listChanged = Signal()  # noqa: N815
    itemChanged = Signal()  # noqa: N815
    pdfChanged = Signal()  # noqa: N815
    searchChanged = Signal()  # noqa: N815
    settingsChanged = Signal()  # noqa: N815
    attractChanged = Signal()  # noqa: N815
    imageChanged = Signal()  # noqa: N815
    #: The previous visitor is gone: QML resets what only it holds (the keyboard's language).
    visitorReset = Signal()  # noqa: N815

    def __init__(self, hub: ContentHub, parent: QObject | None = None, *,
                 runner: BackgroundRunner | None = None, translations: Translations | None = None,
                 speech: ReadAloud | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        # Search and the pinyin index run on the kiosk's one background runner.
        self._runner = runner if runner is not None else hub.runner
        config = hub.config
        self._language = config.language
        self._present = Presenter(hub.catalog, config.timezone, config.language)
        self._translations = translations
        self._speech = speech or ReadAloud(parent=self)
        # The opinion box (issue 6, kiosk/qt/feedback.py): the form and the one-tap ratings.
        self._feedback = FeedbackViewModel(config, self._runner, clock=hub.clock, parent=self)
        self.visitorReset.connect(self._feedback.reset)
        self._feedback.ratingCancelled.connect(self._rating_cancelled)
        self._categories = CategoryModel(self)
        self._units = UnitFilterModel(self)
        self._items = ListingModel(self)
        self._results = SearchResultModel(self)
        self._pdf_document = QPdfDocument(self)
        self._index: search.PinyinIndex | None = None
        self._search_running: str | None = None
        self._search_pending: str | None = None
        self._clear_visitor_state()
        self._page = "attract"
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setTimerType(Qt.TimerType.CoarseTimer)
        self._idle.setInterval(int(config.idle_timeout * 1000))
        self._idle.timeout.connect(self.reset)
        self._attract_timer = QTimer(self)
        self._attract_timer.setInterval(ATTRACT_INTERVAL_MS)
        self._attract_timer.timeout.connect(self.nextHighlight)
        self._attract_rows: list[Item] = []
        hub.changed.connect(self._content_changed)
        self._content_changed()
        self._attract_timer.start()

    def _clear_visitor_state(self) -> None:
        self._category: str | None = None
        self._unit = ""
        self._item_id: str | None = None
        self._item: Item | None = None
        self._item_view: dict[str, object] = {}
        self._list_index = 0
        self._query = ""
        self._results_query = ""
        self._text_size = 0
        self._contrast = False
        self._traditional = False
        self._enlarged = ""
        self._pdf_index = -1
        self._pdf_page = 0
        self._pdf_zoom = 0
        self._pdf_source = ""
        self._feedback_about = ""
        #: The page a low one-tap rating came from: cancelling its reason returns there.
        self._rating_return = ""
        self._attract_index = 0
        self._search_pending = None

    # -- properties QML binds to -------------------------------------------------------

    def _get_page(self) -> str:
        return self._page

    page = Property(str, _get_page, notify=pageChanged)

    def _get_categories(self) -> CategoryModel:
        return self._categories

    categories = Property(QObject, _get_categories, constant=True)

    def _get_items(self) -> ListingModel:
        return self._items

    items = Property(QObject, _get_items, constant=True)

    def _get_units(self) -> UnitFilterModel:
        return self._units

    units = Property(QObject, _get_units, constant=True)

    def _get_results(self) -> SearchResultModel:
        return self._results

    results = Property(QObject, _get_results, constant=True)

    def _get_speech(self) -> ReadAloud:
        return self._speech

    speech = Property(QObject, _get_speech, constant=True)

    def _get_category_name(self) -> str:
        category = self._hub.catalog.category(self._category or "")
        return self._t(category.name(self._language)) if category else ""

    categoryName = Property(str, _get_category_name, notify=listChanged)  # noqa: N815

    def _get_category_color(self) -> str:
        category = self._hub.catalog.category(self._category or "")
        return category.color if category else "#455A64"

    categoryColor = Property(str, _get_category_color, notify=listChanged)  # noqa: N815

    def _get_unit(self) -> str:
        return self._unit

    unit = Property(str, _get_unit, notify=listChanged)

    def _get_list_index(self) -> int:
        return self._list_index

    #: The row to show when the list page is drawn again (coming back from an item).
    listIndex = Property(int, _get_list_index, notify=listChanged)  # noqa: N815

    def _item_field(name: str, notify: Signal, kind: type = str):  # noqa: N805 (a property factory for the class body)
        def getter(self):
            return kind(self._item_view.get(name, kind()))

        return Property(kind, getter, notify=notify)

    itemId = _item_field("id", itemChanged)  # noqa: N815
    itemTitle = _item_field("title", itemChanged)  # noqa: N815
    itemMeta = _item_field("meta", itemChanged)  # noqa: N815
    itemRevised = _item_field("revised", itemChanged)  # noqa: N815
    itemBody = _item_field("body", itemChanged)  # noqa: N815
    itemColor = _item_field("color", itemChanged)  # noqa: N815
    itemTruncated = _item_field("truncated", itemChanged, bool)  # noqa: N815

    def _get_item_images(self) -> list:
        return list(self._item_view.get("images", []))

    itemImages = Property("QVariantList", _get_item_images, notify=itemChanged)  # noqa: N815

    def _get_item_documents(self) -> list:
        return list(self._item_view.get("documents", []))

    #: The item's PDF attachments: ``[{"index": n, "title": …}]``.
    itemDocuments = Property("QVariantList", _get_item_documents, notify=itemChanged)  # noqa: N815

    def _get_contact_lines(self) -> list:
        contact = self._hub.config.contact
        lines = []
        if contact.email:
            lines.append({"kind": "email", "value": contact.email})
        if contact.telephone:
            lines.append({"kind": "telephone", "value": contact.telephone})
        return lines

    #: The published channels for opinions (design §1).
    contactLines = Property("QVariantList", _get_contact_lines, constant=True)  # noqa: N815


    def _get_feedback_about(self) -> str:
        return self._feedback_about

    feedbackAbout = Property(str, _get_feedback_about, notify=pageChanged)  # noqa: N815

    def _get_text_scale(self) -> float:
        return TEXT_SCALES[self._text_size]

    textScale = Property(float, _get_text_scale, notify=settingsChanged)  # noqa: N815

    def _get_text_size(self) -> int:
        return self._text_size

    textSize = Property(int, _get_text_size, notify=settingsChanged)  # noqa: N815

    def _get_contrast(self) -> bool:
        return self._contrast

    highContrast = Property(bool, _get_contrast, notify=settingsChanged)  # noqa: N815

    def _get_traditional(self) -> bool:
        return self._traditional

    traditional = Property(bool, _get_traditional, notify=settingsChanged)

    def _get_enlarged(self) -> str:
        return self._enlarged

    enlargedImage = Property(str, _get_enlarged, notify=imageChanged)  # noqa: N815

    def _get_pdf_source(self) -> str:
        return self._pdf_source

    pdfSource = Property(str, _get_pdf_source, notify=pdfChanged)  # noqa: N815

    def _get_pdf_title(self) -> str:
        docs = self._get_item_documents()
        return docs[self._pdf_index]["title"] if 0 <= self._pdf_index < len(docs) else ""

    pdfTitle = Property(str, _get_pdf_title, notify=pdfChanged)  # noqa: N815

    def _get_pdf_pages(self) -> int:
        return self._pdf_document.pageCount() if self._pdf_source else 0

    pdfPageCount = Property(int, _get_pdf_pages, notify=pdfChanged)  # noqa: N815

    def _get_pdf_page(self) -> int:
        return self._pdf_page

    pdfPage = Property(int, _get_pdf_page, notify=pdfChanged)  # noqa: N815

    def _get_pdf_zoom(self) -> float:
        return PDF_ZOOMS[self._pdf_zoom]

    pdfZoom = Property(float, _get_pdf_zoom, notify=pdfChanged)  # noqa: N815

    def _get_query(self) -> str:
        return self._query

    query = Property(str, _get_query, notify=searchChanged)

    def _get_results_query(self) -> str:
        return self._results_query

    #: The query the shown results answer (results arrive from a worker, a moment later).
    resultsQuery = Property(str, _get_results_query, notify=searchChanged)  # noqa: N815

    def _get_attract(self) -> dict:
        if not self._attract_rows:
            return {}
        item = self._attract_rows[self._attract_index % len(self._attract_rows)]
        return {"title": self._t(item.title), "category": self._t(self._present.category_name(item)),
                "unit": self._t(self._present.unit_name(item)), "date": self._t(self._present.date_text(item)),
                "tint": self._present.category_color(item)}

    attractHighlight = Property("QVariantMap", _get_attract, notify=attractChanged)  # noqa: N815

    # -- navigation ----------------------------------------------------------------------

    @Slot()
    def touched(self) -> None:
        """Any touch: restart the idle countdown."""
        self._idle.start()

    @Slot()
    def start(self) -> None:
        """A touch on the attract loop: the visitor's session begins at home."""
        self.touched()
        self._set_page("home")

    @Slot(str)
    def openCategory(self, key: str) -> None:  # noqa: N802
        self.touched()
        self._category = key
        self._unit = ""
        self._list_index = 0
        self._load_list()
        self._set_page("list")

    @Slot(str)
    def filterUnit(self, key: str) -> None:  # noqa: N802
        """Show only one unit's items ("" for all units)."""
        self.touched()
        self._unit = key
        self._list_index = 0
        self._load_list()

    @Slot(str)
    def openItem(self, item_id: str) -> None:  # noqa: N802
        self.touched()
        item = self._hub.item(item_id)
        if item is None:  # withdrawn or expired since the list was drawn
            if self._category is not None:
                self._load_list()
            return
        ids = [r.itemId for r in self._items.rows()]
        if item_id in ids:
            self._list_index = ids.index(item_id)
        self._item_id = item_id
        self._item = item
        self._feedback.dismissNotice()
        self._render_item()
        self._set_page("item")

    @Slot(int)
    def openDocument(self, index: int) -> None:  # noqa: N802
        """Show the item's ``index``-th PDF attachment, page by page."""
        self.touched()
        pdfs = [a for a in self._item.attachments if a.is_pdf] if self._item else []
        if not 0 <= index < len(pdfs):
            return
        assets = self._hub.cache.assets if self._hub.cache else None
        try:
            # read() re-checks the bytes against their hash: only verified files are shown.
            assets.read(pdfs[index].sha256)
            path = assets.path(pdfs[index].sha256)
        except (AssetError, OSError, AttributeError) as exc:
            log.warning("document %s unavailable: %s", pdfs[index].sha256[:80], exc)
            return
        self._pdf_document.close()
        if self._pdf_document.load(str(path)) != QPdfDocument.Error.None_ or self._pdf_document.pageCount() < 1:
            log.warning("document %s cannot be read as PDF", pdfs[index].sha256[:80])
            self._pdf_document.close()
            return
        self._pdf_index = index
        self._pdf_page = 0
        self._pdf_zoom = 0
        self._pdf_source = QUrl.fromLocalFile(str(path)).toString()
        self.pdfChanged.emit()
        self._set_page("pdf")

    @Slot(int)
    def showPdfPage(self, page: int) -> None:  # noqa: N802
        self.touched()
        page = max(0, min(page, self._get_pdf_pages() - 1))
        if page != self._pdf_page:
            self._pdf_page = page
            self.pdfChanged.emit()

    @Slot(int)
    def zoomPdf(self, step: int) -> None:  # noqa: N802
        """``+1`` zooms in, ``-1`` out, within :data:`PDF_ZOOMS`."""
        self.touched()
        zoom = max(0, min(self._pdf_zoom + step, len(PDF_ZOOMS) - 1))
        if zoom != self._pdf_zoom:
            self._pdf_zoom = zoom
            self.pdfChanged.emit()

    @Slot(str)
    def enlargeImage(self, url: str) -> None:  # noqa: N802
        self.touched()
        if url in self._get_item_images():  # only the item's own images, by provider URL
            self._enlarged = url
            self.imageChanged.emit()

    @Slot()
    def closeImage(self) -> None:  # noqa: N802
        self.touched()
        if self._enlarged:
            self._enlarged = ""
            self.imageChanged.emit()

    @Slot()
    def openSearch(self) -> None:  # noqa: N802
        self.touched()
        self._set_page("search")

    @Slot()
    def openFeedback(self) -> None:  # noqa: N802
        """The opinion box; from an item page it names the item the opinion is about."""
        self.touched()
        self._rating_return = ""
        if self._feedback.property("state") == "thanks":  # a new visit to the box starts empty
            self._feedback.newFeedback()
        self._about_this_page()
        self._set_page("feedback")

    @Slot(str)
    def rate(self, rating: str) -> None:
        """A one-tap rating on the home page (general) or an item page (about that item and
        the revision read). A low one opens the opinion box's optional reason."""
        self.touched()
        item = self._item if self._page == "item" else None
        if rating not in LOW_RATINGS:
            self._feedback.rate_about(rating, item.id if item else None, item.revision if item else None)
            return
        if self._feedback.property("state") == "reason":
            return
        self._about_this_page()  # "继续留言" after the reason writes about the same item
        self._feedback.rate_about(rating, item.id if item else None, item.revision if item else None)
        if self._feedback.property("state") == "reason":
            self._rating_return = self._page
            self._set_page("feedback")

    def _about_this_page(self) -> None:
        """The opinion box's form is about the open item (id and the revision read), or none."""
        item = self._item if self._page == "item" else None
        if item is not None:
            about = self._t(item.title)
            self._feedback_about = f"{about}（{item.index_number}）" if item.index_number else about
        else:
            self._feedback_about = ""
        self._feedback.set_about(item.id if item else None, item.revision if item else None, self._feedback_about)

    def _rating_cancelled(self) -> None:
        # A low rating from the home or an item page, cancelled: back where the visitor was.
        back_to, self._rating_return = self._rating_return, ""
        if back_to and self._page == "feedback":
            self._set_page(back_to)

    @Slot()
    def back(self) -> None:
        self.touched()
        self._speech.stop()
        if self._enlarged:
            self.closeImage()
        elif self._page == "pdf":
            self._close_pdf()
            self._set_page("item")
        elif self._page == "feedback" and self._feedback_about and self._item is not None:
            self._set_page("item")
        elif self._page == "item" and self._category is not None:
            self._forget_item()
            self._set_page("list")
        elif self._page == "item" and self._query:
            self._forget_item()
            self._set_page("search")
        else:
            self.home()

    @Slot()
    def home(self) -> None:
        self.touched()
        self._speech.stop()
        self._forget_item()
        self._category = None
        self._unit = ""
        self._list_index = 0
        self._items.set_rows([])
        self._units.set_rows([])
        self.listChanged.emit()
        self._set_page("home")

    @Slot()
    def reset(self) -> None:
        """Forget the visitor: back to the attract loop with nothing of theirs left."""
        self._idle.stop()
        self._speech.stop()
        self._close_pdf()
        self._clear_visitor_state()
        self._items.set_rows([])
        self._units.set_rows([])
        self._results.set_rows([])
        if self._translations is not None:
            self._translations.set_traditional(False)
        self._reset_input_method()
        self._refresh()
        for signal in (self.itemChanged, self.listChanged, self.searchChanged, self.settingsChanged,
                       self.imageChanged, self.pdfChanged, self.attractChanged):
            signal.emit()
        self.visitorReset.emit()
        keyboard.forget_user_data(self._hub.config.state_dir)  # after QML told the keyboard (visitorReset)
        self._set_page("attract")
        self._attract_timer.start()

    @Slot()
    def nextHighlight(self) -> None:  # noqa: N802
        """The attract loop's next highlight (its timer calls this)."""
        self._attract_index += 1
        self.attractChanged.emit()

    # -- settings ------------------------------------------------------------------------

    @Slot(int)
    def setTextSize(self, size: int) -> None:  # noqa: N802
        self.touched()
        size = max(0, min(size, len(TEXT_SCALES) - 1))
        if size != self._text_size:
            self._text_size = size
            self.settingsChanged.emit()

    @Slot()
    def cycleTextSize(self) -> None:  # noqa: N802
        self.setTextSize((self._text_size + 1) % len(TEXT_SCALES))

    @Slot()
    def toggleContrast(self) -> None:  # noqa: N802
        self.touched()
        self._contrast = not self._contrast
        self.settingsChanged.emit()

    @Slot()
    def toggleTraditional(self) -> None:  # noqa: N802
        self.touched()
        self._traditional = not self._traditional
        if self._translations is not None:
            self._translations.set_traditional(self._traditional)
        self.settingsChanged.emit()
        # Everything on screen that came from content is converted again.
        self._refresh()
        if self._item is not None:
            self._render_item()
        if self._results_query:
            self._run_search(self._results_query)
        self.attractChanged.emit()

    # -- search --------------------------------------------------------------------------

    @Slot(str)
    def setQuery(self, text: str) -> None:  # noqa: N802
        """The search field's text: results follow as the visitor types."""
        self.touched()
        if text == self._query:
            return
        self._query = text
        self.searchChanged.emit()
        if not text.strip():
            self._results.set_rows([])
            self._results_query = ""
            self._search_pending = None
            self.searchChanged.emit()
            return
        self._run_search(text)

    def _run_search(self, text: str) -> None:
        if self._hub.cache is None:
            return
        if self._search_running is not None:
            # One search at a time; the newest query waits, older waiting ones are dropped.
            self._search_pending = text
            return
        self._search_running = text
        self._runner.submit(search.search, self._hub.cache, self._index, text, self._hub.clock.now(),
                                on_done=partial(self._search_done, text), on_error=self._search_failed)

    def _search_done(self, text: str, hits: list[search.Hit]) -> None:
        self._search_running = None
        pending, self._search_pending = self._search_pending, None
        if text == self._query:
            p = self._present
            self._results.set_rows(
                ResultRow(itemId=h.item.id,
                          titleHtml=search.highlighted(h.item.title, h.spans, HIGHLIGHT, self._t),
                          unitName=self._t(p.unit_name(h.item)), dateText=self._t(p.date_text(h.item)),
                          categoryName=self._t(p.category_name(h.item)), tint=p.category_color(h.item))
                for h in hits
            )
            self._results_query = text
            self.searchChanged.emit()
        if pending is not None and pending == self._query and pending != text:
            self._run_search(pending)

    def _search_failed(self, exc: BaseException) -> None:
        log.error("search failed: %s", exc, exc_info=exc)
        self._search_running = None
        self._search_pending = None

    # -- read aloud ----------------------------------------------------------------------

    @Slot()
    def readAloud(self) -> None:  # noqa: N802
        """The open item's title and text, in Mandarin (always Simplified: it is spoken)."""
        self.touched()
        if self._item is not None:
            body = plain_text(self._item.body[:BODY_LIMIT])
            self._speech.say(f"{self._item.title}。{body}")

    # -- the opinion box (issue 6) -------------------------------------------------------

    def _get_feedback(self) -> FeedbackViewModel:
        return self._feedback

    feedback = Property(QObject, _get_feedback, constant=True)

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self._feedback.close()
        self._idle.stop()
        self._attract_timer.stop()
        self._speech.stop()
        self._pdf_document.close()
        self._reset_input_method()

    # -- internals -------------------------------------------------------------------------

    @staticmethod
    def _reset_input_method() -> None:
        # Pre-edit text, candidates and predictions live in the input method (one per
        # application), not in any QML field.
        method = QGuiApplication.inputMethod()
        method.reset()
        method.hide()

    def _t(self, text: str) -> str:
        return for_display(text, self._traditional)

    def _set_page(self, page: str) -> None:
        if page != self._page:
            leaving, self._page = self._page, page
            if page == "attract":
                self._attract_timer.start()
            else:
                self._attract_timer.stop()
            self._feedback.dismissNotice()  # a rating's "thank you" belongs to the page it was given on
            if leaving == "feedback":
                self._rating_return = ""
                if self._feedback.property("state") == "reason":
                    # Left without sending: the low rating is dropped, as the idle reset does.
                    self._feedback.cancelRating()
            self.pageChanged.emit()

    def _forget_item(self) -> None:
        self._close_pdf()
        self._item_id = None
        self._item = None
        self._item_view = {}
        self._enlarged = ""
        self._feedback_about = ""
        self.itemChanged.emit()
        self.imageChanged.emit()

    def _close_pdf(self) -> None:
        if self._pdf_source:
            self._pdf_source = ""
            self._pdf_index = -1
            self._pdf_document.close()
            self.pdfChanged.emit()

    def _render_item(self) -> None:
        item = self._item
        body = item.body
        truncated = len(body) > BODY_LIMIT
        if truncated:
            body = body[:BODY_LIMIT]
        pdfs = [a for a in item.attachments if a.is_pdf]
        self._item_view = {
            "id": item.id,
            "title": self._t(item.title),
            "meta": self._t(self._present.meta_line(item)),
            "revised": self._t(self._present.revised_text(item)),
            "body": markdown_to_rich_text(self._t(body)),
            "truncated": truncated,
            "color": self._present.category_color(item),
            "images": [image_url(a.sha256) for a in item.attachments if a.is_image],
            "documents": [{"index": i, "title": self._t(a.title) or f"PDF {i + 1}"} for i, a in enumerate(pdfs)],
        }
        self.itemChanged.emit()

    @Slot()
    def _refresh(self) -> None:
        now = self._hub.clock.now()
        counts = self._hub.category_counts()
        self._categories.set_rows(
            CategoryRow(key=c.key, name=self._t(c.name(self._language)), tint=c.color, count=counts.get(c.key, 0))
            for c in self._hub.catalog.categories
        )
        if self._category is not None:
            self._load_list()
        if self._item_id is not None and self._hub.item(self._item_id) is None:
            # The open item was withdrawn or expired: it leaves the screen at once.
            self._forget_item()
            self._set_page("list" if self._category else "search" if self._query else "home")
        cache = self._hub.cache
        if cache is not None:
            self._attract_rows = cache.list_items(now, limit=ATTRACT_ITEMS)
            self.attractChanged.emit()

    @Slot()
    def _content_changed(self) -> None:
        """New content: redraw, and rebuild the pinyin index in a worker.

        Only here: the index depends on the content alone, and building it costs seconds
        of a worker's time at 10,000 items — time the UI thread would feel through the GIL
        if every visitor reset rebuilt it.
        """
        self._refresh()
        cache = self._hub.cache
        if cache is not None:
            self._runner.submit(_build_index, cache, self._hub.clock.now(),
                                on_done=self._index_built, on_error=self._index_failed)

    def _index_built(self, index: search.PinyinIndex) -> None:
        self._index = index
        if self._query.strip():
            self._run_search(self._query)

    def _index_failed(self, exc: BaseException) -> None:
        log.error("pinyin index not built: %s", exc, exc_info=exc)

    def _load_list(self) -> None:
        counts = self._hub.unit_counts(self._category)
        # Key "" is "all units"; QML writes its name (an interface string, translated there).
        units = [UnitRow(key="", name="", count=sum(counts.values()), selected=self._unit == "")]
        units += [UnitRow(key=u.key, name=self._t(u.name(self._language)), count=counts[u.key], selected=self._unit == u.key)
                  for u in self._hub.catalog.units if u.key in counts]
        units += [UnitRow(key=key, name=key, count=n, selected=self._unit == key)  # units the catalogue lacks
                  for key, n in counts.items() if self._hub.catalog.unit(key) is None]
        self._units.set_rows(units)
        total = counts.get(self._unit, 0) if self._unit else sum(counts.values())
        # The first page, and enough to reach the row a visitor comes back to.
        first = self._listing_rows(0, max(LIST_PAGE, self._list_index + LIST_PAGE))
        self._items.set_page(first, total, self._more_listing)
        self.listChanged.emit()

    def _more_listing(self, offset: int) -> list[ListingRow]:
        return self._listing_rows(offset, LIST_PAGE)

    def _listing_rows(self, offset: int, limit: int) -> list[ListingRow]:
        p = self._present
        now = self._hub.clock.now()
        listed = self._hub.list_items(category=self._category, unit=self._unit or None, limit=limit, offset=offset)
        return [
            ListingRow(itemId=i.id, title=self._t(i.title), unitName=self._t(p.unit_name(i)),
                       dateText=self._t(p.date_text(i)), tint=p.category_color(i), revised=i.is_revised,
                       fresh=now - i.last_changed <= FRESH_FOR, urgent=i.is_urgent)
            for i in listed
        ]


def _build_index(cache, now) -> search.PinyinIndex:
    """In a worker: the pinyin of every displayable title."""
    return search.PinyinIndex(cache.items(now, with_body=False))
