"""The touch screen's view model: where the visitor is, and what that page shows.

Pages: ``home`` (the categories with their counts) → ``list`` (a category's items,
newest first) → ``item``. QML reads these properties and calls the slots; it decides
nothing itself. After ``idle_timeout`` seconds without a touch the screen returns home.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Qt, QTimer, Signal, Slot

from kiosk.presentation import Presenter
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.images import image_url
from kiosk.qt.models import CategoryModel, CategoryRow, ItemListModel, ItemRow
from kiosk.qt.richtext import markdown_to_rich_text


class TouchViewModel(QObject):
    pageChanged = Signal()  # noqa: N815 (QML notify signal)
    listChanged = Signal()  # noqa: N815
    itemChanged = Signal()  # noqa: N815

    def __init__(self, hub: ContentHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        config = hub.config
        self._present = Presenter(hub.catalog, config.timezone, config.language)
        self._page = "home"
        self._category: str | None = None
        self._item_id: str | None = None
        self._item_view: dict[str, object] = {}
        self._categories = CategoryModel(self)
        self._items = ItemListModel(self)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setTimerType(Qt.TimerType.CoarseTimer)
        self._idle.setInterval(int(config.idle_timeout * 1000))
        self._idle.timeout.connect(self.home)
        hub.changed.connect(self._refresh)
        self._refresh()

    # -- properties QML binds to -------------------------------------------------------

    def _get_page(self) -> str:
        return self._page

    page = Property(str, _get_page, notify=pageChanged)

    def _get_categories(self) -> CategoryModel:
        return self._categories

    categories = Property(QObject, _get_categories, constant=True)

    def _get_items(self) -> ItemListModel:
        return self._items

    items = Property(QObject, _get_items, constant=True)

    def _get_category_name(self) -> str:
        category = self._hub.catalog.category(self._category or "")
        return category.name(self._hub.config.language) if category else ""

    categoryName = Property(str, _get_category_name, notify=listChanged)  # noqa: N815

    def _get_category_color(self) -> str:
        category = self._hub.catalog.category(self._category or "")
        return category.color if category else "#455A64"

    categoryColor = Property(str, _get_category_color, notify=listChanged)  # noqa: N815

    def _item_field(name: str, notify: Signal):  # noqa: N805 (a property factory for the class body)
        def getter(self) -> str:
            return str(self._item_view.get(name, ""))

        return Property(str, getter, notify=notify)

    itemTitle = _item_field("title", itemChanged)  # noqa: N815
    itemMeta = _item_field("meta", itemChanged)  # noqa: N815
    itemRevised = _item_field("revised", itemChanged)  # noqa: N815
    itemBody = _item_field("body", itemChanged)  # noqa: N815
    itemColor = _item_field("color", itemChanged)  # noqa: N815

    def _get_contact_line(self) -> str:
        contact = self._hub.config.contact
        parts = [f"意见邮箱 {contact.email}" if contact.email else "", f"意见电话 {contact.telephone}" if contact.telephone else ""]
        return "    ".join(p for p in parts if p)

    #: The published channels for opinions (design §1), always on screen.
    contactLine = Property(str, _get_contact_line, constant=True)  # noqa: N815

    def _get_item_images(self) -> list:
        return list(self._item_view.get("images", []))

    itemImages = Property("QVariantList", _get_item_images, notify=itemChanged)  # noqa: N815

    # -- actions -------------------------------------------------------------------------

    @Slot()
    def touched(self) -> None:
        """Any touch: restart the idle countdown."""
        self._idle.start()

    @Slot(str)
    def openCategory(self, key: str) -> None:  # noqa: N802
        self.touched()
        self._category = key
        self._load_list()
        self._set_page("list")

    @Slot(str)
    def openItem(self, item_id: str) -> None:  # noqa: N802
        self.touched()
        item = self._hub.item(item_id)
        if item is None:  # withdrawn or expired since the list was drawn
            self._load_list()
            return
        self._item_id = item_id
        self._item_view = {
            "title": item.title,
            "meta": self._present.meta_line(item),
            "revised": self._present.revised_text(item),
            "body": markdown_to_rich_text(item.body),
            "color": self._present.category_color(item),
            "images": [image_url(a.sha256) for a in item.attachments if a.is_image],
        }
        self.itemChanged.emit()
        self._set_page("item")

    @Slot()
    def back(self) -> None:
        self.touched()
        if self._page == "item":
            self._item_id = None
            self._set_page("list")
        else:
            self.home()

    @Slot()
    def home(self) -> None:
        self._idle.stop()
        self._category = None
        self._item_id = None
        self._item_view = {}
        self._items.set_rows([])
        self.itemChanged.emit()
        self.listChanged.emit()
        self._set_page("home")

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self._idle.stop()

    # -- internals -------------------------------------------------------------------------

    def _set_page(self, page: str) -> None:
        if page != self._page:
            self._page = page
            self.pageChanged.emit()

    @Slot()
    def _refresh(self) -> None:
        counts = self._hub.category_counts()
        language = self._hub.config.language
        self._categories.set_rows(
            CategoryRow(key=c.key, name=c.name(language), tint=c.color, count=counts.get(c.key, 0))
            for c in self._hub.catalog.categories
        )
        if self._category is not None:
            self._load_list()
        if self._item_id is not None and self._hub.item(self._item_id) is None:
            # The open item was withdrawn or expired: it leaves the screen at once.
            self._item_id = None
            self._set_page("list" if self._category else "home")

    def _load_list(self) -> None:
        p = self._present
        self._items.set_rows(
            ItemRow(itemId=i.id, title=i.title, unitName=p.unit_name(i), dateText=p.date_text(i),
                    tint=p.category_color(i), revised=i.is_revised, urgent=i.is_urgent)
            for i in self._hub.list_items(category=self._category)
        )
        self.listChanged.emit()
