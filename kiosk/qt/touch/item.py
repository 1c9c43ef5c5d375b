"""The open item's page: its text, images (one may be enlarged), PDF attachments, read aloud,
and a QR code of its public web address, to read it on a phone."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.changes import ContentChange
from kiosk.content import Attachment, Item
from kiosk.presentation import Presenter, plain_text
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.images import image_url
from kiosk.qt.props import qt_property, view_key
from kiosk.qt.richtext import markdown_to_rich_text
from kiosk.qt.speech import ReadAloud
from kiosk.qt.touch.view import ContentView

#: Addresses a QR code may carry: a phone opens them in its browser, so nothing else.
WEB_SCHEMES = ("https://", "http://")
#: A body longer than this shows its beginning and a note: a lobby screen is no e-reader,
#: and laying out megabytes of text would freeze the screen (hostile or mistaken input).
BODY_LIMIT = 40_000


class ItemViewModel(ContentView):
    changed = Signal()
    imageChanged = Signal()
    #: The open item was withdrawn or expired: the page must go.
    withdrawn = Signal()
    #: A visitor had the open item read aloud (anonymous use counts it).
    readAloudUsed = Signal()

    def __init__(
        self, hub: ContentHub, present: Presenter, speech: ReadAloud, parent: QObject | None = None, qr=None
    ) -> None:
        super().__init__(parent)
        self._hub = hub
        #: The QR image provider (kiosk.qt.qr); None where no window shows codes (tests of the model).
        self._qr = qr
        self._present = present
        self._speech = speech
        self._item: Item | None = None
        self._view: dict[str, object] = {}
        self._enlarged = ""

    itemId = qt_property(str, view_key("_view", "id"), changed)
    title = qt_property(str, view_key("_view", "title"), changed)
    meta = qt_property(str, view_key("_view", "meta"), changed)
    revised = qt_property(str, view_key("_view", "revised"), changed)
    body = qt_property(str, view_key("_view", "body"), changed)
    color = qt_property(str, view_key("_view", "color"), changed)
    truncated = qt_property(bool, view_key("_view", "truncated", bool), changed)
    images = qt_property(list, view_key("_view", "images", list), changed)
    #: The item's PDF attachments: ``[{"index": n, "title": …}]``.
    documents = qt_property(list, view_key("_view", "documents", list), changed)
    enlargedImage = qt_property(str, "_enlarged", imageChanged)
    #: ``image://qr/…`` of the item's web address, "" when it has none.
    qrSource = qt_property(str, view_key("_view", "qr"), changed)
    #: The address itself, shown as plain text under the code.
    webAddress = qt_property(str, view_key("_view", "web"), changed)

    @property
    def current(self) -> Item | None:
        return self._item

    def pdfs(self) -> list[Attachment]:
        return [a for a in self._item.attachments if a.is_pdf] if self._item else []

    def open(self, item: Item) -> None:
        self._item = item
        self._render(item)

    def forget(self) -> None:
        self._item = None
        self._view = {}
        self._enlarged = ""
        self.changed.emit()
        self.imageChanged.emit()

    @Slot(str)
    def enlargeImage(self, url: str) -> None:
        self.used.emit()
        if url in self.images:  # only the item's own images, by provider URL
            self._enlarged = url
            self.imageChanged.emit()

    @Slot()
    def closeImage(self) -> None:
        self.used.emit()
        if self._enlarged:
            self._enlarged = ""
            self.imageChanged.emit()

    @Slot()
    def readAloud(self) -> None:
        """The open item's title and text, in Mandarin (always Simplified: it is spoken)."""
        self.used.emit()
        if self._item is not None:
            self._speech.say(self.spoken_text())
            self.readAloudUsed.emit()

    def spoken_text(self) -> str:
        if self._item is None:
            return ""
        return f"{self._item.title}。{plain_text(self._item.body[:BODY_LIMIT])}"

    def content_changed(self, change: ContentChange) -> None:
        if self._item is not None and change.touches_item(self._item.id) and self._hub.item(self._item.id) is None:
            self.withdrawn.emit()

    def retranslate(self) -> None:
        if self._item is not None:
            self._render(self._item)

    def _render(self, item: Item) -> None:
        web = item.web_url.strip() if item.web_url.strip().lower().startswith(WEB_SCHEMES) else ""
        body = item.body
        truncated = len(body) > BODY_LIMIT
        if truncated:
            body = body[:BODY_LIMIT]
        self._view = {
            "id": item.id,
            "title": self._t(item.title),
            "meta": self._t(self._present.meta_line(item)),
            "revised": self._t(self._present.revised_text(item)),
            "body": markdown_to_rich_text(self._t(body)),
            "truncated": truncated,
            "color": self._present.category_color(item),
            "images": [image_url(a.sha256) for a in item.attachments if a.is_image],
            "documents": [{"index": i, "title": self._t(a.title) or f"PDF {i + 1}"} for i, a in enumerate(self.pdfs())],
            "qr": self._qr.url_for(item.id, web) if self._qr is not None and web else "",
            "web": web,
        }
        self.changed.emit()
