"""One PDF attachment, page by page, with a few zoom steps."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtPdf import QPdfDocument

from kiosk.cache.assets import AssetError
from kiosk.content import Attachment
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.props import qt_property
from kiosk.qt.touch.view import ContentView

log = logging.getLogger(__name__)

#: Zoom steps over the opening width (a page as wide as the screen allows, see
#: screens/touch/PdfPage.qml); past double that width a page is an image too large to hold.
PDF_ZOOMS = (1.0, 1.5, 2.0)


class PdfViewModel(ContentView):
    changed = Signal()
    #: A visitor turned to another page (anonymous use counts it).
    pageRead = Signal()

    def __init__(self, hub: ContentHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._document = QPdfDocument(self)
        self._source = ""
        self._title = ""
        self._number = 0
        self._page = 0
        self._zoom = 0

    source = qt_property(str, "_source", changed)
    title = qt_property(str, lambda self: self._t(self._title) or f"PDF {self._number}", changed)
    pageCount = qt_property(int, lambda self: self._document.pageCount() if self._source else 0, changed)
    page = qt_property(int, "_page", changed)
    zoom = qt_property(float, lambda self: PDF_ZOOMS[self._zoom], changed)

    def open(self, attachment: Attachment, number: int) -> bool:
        """Show ``attachment`` (the item's ``number``-th PDF, from 1) from its first page;
        False when it cannot be shown."""
        try:
            # Only a file whose bytes match their hash is shown.
            path = self._hub.asset_path(attachment.sha256)
        except (AssetError, OSError) as exc:
            log.warning("document %s unavailable: %s", attachment.sha256[:80], exc)
            return False
        self._document.close()
        if self._document.load(str(path)) != QPdfDocument.Error.None_ or self._document.pageCount() < 1:
            log.warning("document %s cannot be read as PDF", attachment.sha256[:80])
            self._document.close()
            return False
        self._title = attachment.title
        self._number = number
        self._page = 0
        self._zoom = 0
        self._source = QUrl.fromLocalFile(str(path)).toString()
        self.changed.emit()
        return True

    @property
    def is_open(self) -> bool:
        return bool(self._source)

    @Slot(int)
    def showPdfPage(self, page: int) -> None:
        self.used.emit()
        page = max(0, min(page, self.pageCount - 1))
        if page != self._page:
            self._page = page
            self.changed.emit()
            self.pageRead.emit()

    @Slot(int)
    def zoomPdf(self, step: int) -> None:
        """``+1`` zooms in, ``-1`` out, within :data:`PDF_ZOOMS`."""
        self.used.emit()
        zoom = max(0, min(self._zoom + step, len(PDF_ZOOMS) - 1))
        if zoom != self._zoom:
            self._zoom = zoom
            self.changed.emit()

    def retranslate(self) -> None:
        self.changed.emit()

    def close(self) -> None:
        if self._source or self._page or self._zoom:
            self._source = ""
            self._title = ""
            self._page = self._zoom = 0
            self._document.close()
            self.changed.emit()

    def stop(self) -> None:
        self._document.close()
