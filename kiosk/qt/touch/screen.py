"""The touch screen: one object QML is given, made of one view model per concern.

Pages: attract (a rotating highlight, "touch to start") → home (the categories with
their counts, search, the opinion box) → list (a category's items, newest first,
filtered by unit) → item (text, images, PDF attachments) → pdf (one attachment's
pages); search and feedback open from home and the header.

This object owns navigation, the one thing that spans concerns: its slots move between
pages and tell each view model what to show. The view models (made and wired to one
another in :mod:`kiosk.qt.touch.parts`) never call one another; what navigation must
hear reaches it as a signal wired here (the session's idle timeout, an open item
withdrawn, a low rating cancelled); what the opinion box is about, and where a low
rating returns, is :mod:`kiosk.qt.touch.opinion`'s. After ``idle_timeout`` seconds
without a touch :meth:`reset` forgets the visitor: search text, open item, list
positions, 简/繁, text size, contrast, the keyboard's state.

Anonymous use is counted here too (:mod:`kiosk.qt.touch.counting`). A search *settles*
when the visitor leaves the search page, or the visit ends on it: a query still showing
no result then is counted as a search that found nothing (a result opened counts as
found at once).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import changes
from kiosk.changes import ContentChange
from kiosk.qt import keyboard, staleness
from kiosk.qt.admin import AdminOverlay
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.clock_face import ClockFace
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.feedback import FeedbackViewModel
from kiosk.qt.i18n import Translations
from kiosk.qt.props import qt_property
from kiosk.qt.speech import ReadAloud
from kiosk.qt.touch import aloud
from kiosk.qt.touch.attract import AttractViewModel
from kiosk.qt.touch.finder import SearchViewModel
from kiosk.qt.touch.handwriting import HandwritingViewModel
from kiosk.qt.touch.item import ItemViewModel
from kiosk.qt.touch.listing import ListingViewModel
from kiosk.qt.touch.parts import TouchParts
from kiosk.qt.touch.pdf import PdfViewModel
from kiosk.qt.touch.session import SessionViewModel

Page = SessionViewModel.Page


class TouchScreen(QObject):
    #: The previous visitor is gone: QML resets what only it holds (the keyboard's language).
    visitorReset = Signal()
    #: Which item the opinion box's form is about, as the header shows it.
    aboutChanged = Signal()
    staleChanged = Signal()

    def __init__(
        self,
        hub: ContentHub,
        parent: QObject | None = None,
        *,
        runner: BackgroundRunner | None = None,
        translations: Translations | None = None,
        speech: ReadAloud | None = None,
        admin: AdminOverlay | None = None,
        usage=None,
        qr=None,
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        self._stale = ""
        parts = self._parts = TouchParts(
            hub, self, runner=runner, translations=translations, speech=speech, admin=admin, usage=usage, qr=qr
        )
        self._session, self._listing, self._item, self._pdf = parts.session, parts.listing, parts.item, parts.pdf
        self._search, self._attract, self._handwriting = parts.search, parts.attract, parts.handwriting
        self._feedback, self._opinion, self._clock = parts.feedback, parts.opinion, parts.clock
        self._speech, self._counter, self._admin = parts.speech, parts.counter, parts.admin
        self._wire()
        hub.changed.connect(self._content_changed)
        self._content_changed(changes.EVERYTHING)
        self._attract.run(True)

    def _wire(self) -> None:
        # What concerns navigation; the view models' wiring among themselves is TouchParts'.
        # Bound methods, not lambdas: a closure would keep its objects alive (PySide6 >= 6.5).
        self._session.idle.connect(self.reset)
        self._item.withdrawn.connect(self._item_withdrawn)
        self._pdf.pageRead.connect(self._pdf_page_read)
        self.visitorReset.connect(self._feedback.reset)
        self.visitorReset.connect(self._handwriting.reset)
        self._feedback.ratingCancelled.connect(self._rating_cancelled)
        self._opinion.aboutChanged.connect(self.aboutChanged)
        if self._admin is not None:  # the idle reset leaves nothing of the overlay either
            self.visitorReset.connect(self._admin.reset)

    session = qt_property(SessionViewModel, "_session")
    listing = qt_property(ListingViewModel, "_listing")
    item = qt_property(ItemViewModel, "_item")
    pdf = qt_property(PdfViewModel, "_pdf")
    search = qt_property(SearchViewModel, "_search")
    attract = qt_property(AttractViewModel, "_attract")
    feedback = qt_property(FeedbackViewModel, "_feedback")
    speech = qt_property(ReadAloud, "_speech")
    handwriting = qt_property(HandwritingViewModel, "_handwriting")
    clock = qt_property(ClockFace, "_clock")
    admin = qt_property(AdminOverlay, "_admin")
    #: The item the opinion box's form is about ("" for general feedback).
    feedbackAbout = qt_property(str, "_opinion.about", aboutChanged)
    #: "最后更新 …" while the content is stale, "" while it is fresh.
    staleText = qt_property(str, lambda self: self._stale, staleChanged)

    @Slot(object)
    def set_sync_status(self, status) -> None:
        """After every sync attempt: say so while the content is stale."""
        text = staleness.stale_text(status, self._hub.config.timezone, self._hub.config.language)
        if text != self._stale:
            self._stale = text
            self.staleChanged.emit()

    @property
    def page_name(self) -> str:
        """The page shown, by name ("home", "list" …): for logs and tests."""
        return self._session.current.name.lower()

    # -- navigation ----------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """A touch on the attract loop: the visitor's session begins at home."""
        self._session.touched()
        self._go(Page.Home)

    @Slot(str)
    def startWith(self, item_id: str) -> None:
        """A tap on the attract loop's headline: the visit starts on that item (at home if
        it has gone since it was shown)."""
        self.start()
        self.openItem(item_id)

    @Slot(str)
    def openCategory(self, key: str) -> None:
        self._session.touched()
        self._counter.count("category-opened", key)
        self._listing.open(key)
        self._go(Page.List)

    @Slot(str)
    def filterUnit(self, key: str) -> None:
        """Show only one unit's items ("" for all units)."""
        self._session.touched()
        self._listing.filter(key)

    @Slot(str)
    def openItem(self, item_id: str) -> None:
        self._session.touched()
        item = self._hub.item(item_id)
        if item is None:  # withdrawn or expired since the list was drawn
            self._listing.reload()
            return
        self._listing.remember(item_id)
        self._counter.count("item-opened", item_id)
        if self._session.current == Page.Search:
            self._counter.count("search-found", self._search.property("resultsQuery"))
            self._search.found()
        self._feedback.dismissNotice()
        self._item.open(item)
        self._go(Page.Item)

    @Slot(int)
    def openDocument(self, index: int) -> None:
        """Show the open item's ``index``-th PDF attachment, page by page."""
        self._session.touched()
        pdfs = self._item.pdfs()
        if 0 <= index < len(pdfs) and self._pdf.open(pdfs[index], index + 1):
            self._pdf_page_read()  # its first page
            self._go(Page.Pdf)

    @Slot()
    def openSearch(self) -> None:
        self._session.touched()
        self._go(Page.Search)

    @Slot()
    def openFeedback(self) -> None:
        """The opinion box; from an item page it names the item the opinion is about."""
        self._session.touched()
        self._opinion.open(self._session.current)
        self._go(Page.Feedback)

    @Slot(str)
    def rate(self, rating: str) -> None:
        """A one-tap rating on the home page (general) or an item page (about that item and
        the revision read). A low one opens the opinion box's optional reason."""
        self._session.touched()
        if self._opinion.rate(rating, self._session.current):
            self._go(Page.Feedback)

    @Slot()
    def back(self) -> None:
        self._session.touched()
        self._speech.stop()
        page = self._session.current
        if self._item.enlargedImage:
            self._item.closeImage()
        elif page == Page.Pdf:
            self._pdf.close()
            self._go(Page.Item)
        elif page == Page.Feedback and self._opinion.about and self._item.current is not None:
            self._go(Page.Item)
        elif page == Page.Item and self._listing.category is not None:
            self._forget_item()
            self._go(Page.List)
        elif page == Page.Item and self._search.query:
            self._forget_item()
            self._go(Page.Search)
        else:
            self.home()

    @Slot()
    def readPage(self) -> None:
        """Care mode's read-aloud button: speak what this page shows."""
        self._session.touched()
        self._speech.stop()
        self._speech.say(aloud.page_text(self))

    @Slot()
    def home(self) -> None:
        self._session.touched()
        self._speech.stop()
        self._forget_item()
        self._listing.clear()
        self._go(Page.Home)

    @Slot()
    def reset(self) -> None:
        """Forget the visitor: back to the attract loop with nothing of theirs left."""
        if self._session.current == Page.Search:  # the visit ended on its search
            self._search_settled()
        self._speech.stop()
        self._pdf.close()
        self._forget_item()
        self._listing.clear()
        self._search.reset()
        self._attract.reset()
        self._opinion.reset()
        self._session.reset()
        self._counter.new_visit()
        self._listing.refresh_counts()
        self._attract.refresh()
        self.visitorReset.emit()
        keyboard.forget_user_data(self._hub.config.state_dir)  # after QML told the keyboard (visitorReset)
        self._go(Page.Attract)
        self._attract.run(True)

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self._parts.stop()

    # -- internals -------------------------------------------------------------------------

    def _search_settled(self) -> None:
        term = self._search.unanswered()
        if term:
            self._counter.count("search-not-found", term)

    @Slot()
    def _pdf_page_read(self) -> None:
        item = self._item.current
        if item is not None:
            self._counter.count("pdf-page-read", item.id)

    def _go(self, page: Page) -> None:
        leaving = self._session.current
        if page == leaving:
            return
        if leaving == Page.Search:
            self._search_settled()
        self._attract.run(page == Page.Attract)
        self._feedback.dismissNotice()  # a rating's "thank you" belongs to the page it was given on
        if leaving == Page.Feedback:
            self._opinion.left()
        self._session.set_page(page)

    def _forget_item(self) -> None:
        self._pdf.close()
        self._item.forget()
        self._opinion.forget()

    @Slot()
    def _rating_cancelled(self) -> None:
        # A low rating from the home or an item page, cancelled: back where the visitor was.
        back_to = self._opinion.cancelled()
        if back_to is not None and self._session.current == Page.Feedback:
            self._go(back_to)

    @Slot()
    def _item_withdrawn(self) -> None:
        # The open item was withdrawn or expired: it leaves the screen at once.
        self._forget_item()
        self._go(Page.List if self._listing.category else Page.Search if self._search.query else Page.Home)

    @Slot(object)
    def _content_changed(self, change: ContentChange) -> None:
        """New content: each view redraws what the change touched."""
        self._listing.content_changed(change)
        self._item.content_changed(change)
        self._attract.refresh()
        self._search.content_changed(change)
