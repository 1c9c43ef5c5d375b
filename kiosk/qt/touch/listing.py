"""Home's categories with their counts, and a category's items filtered by unit."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, Signal

from kiosk import rules
from kiosk.catalog import Catalog
from kiosk.changes import ContentChange
from kiosk.presentation import Presenter
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.models import CategoryModel, CategoryRow
from kiosk.qt.props import qt_property
from kiosk.qt.touch.models import ListingModel, ListingRow, UnitFilterModel, UnitRow
from kiosk.qt.touch.view import ContentView

#: Items published or revised this recently carry the "new" mark.
FRESH_FOR = timedelta(days=7)
#: Rows of a category list loaded at a time (a screenful is about six).
LIST_PAGE = 40


class ListingViewModel(ContentView):
    changed = Signal()

    def __init__(self, hub: ContentHub, present: Presenter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._catalog: Catalog = hub.catalog
        self._language = hub.config.language
        self._present = present
        self._categories = CategoryModel(self)
        self._units = UnitFilterModel(self)
        self._items = ListingModel(self)
        self._category: str | None = None
        self._unit = ""
        self._index = 0

    def _category_name(self) -> str:
        category = self._catalog.category(self._category or "")
        return self._t(category.name(self._language)) if category else ""

    def _category_color(self) -> str:
        category = self._catalog.category(self._category or "")
        return category.color if category else "#455A64"

    categories = qt_property(CategoryModel, "_categories")
    units = qt_property(UnitFilterModel, "_units")
    items = qt_property(ListingModel, "_items")
    categoryName = qt_property(str, _category_name, changed)
    categoryColor = qt_property(str, _category_color, changed)
    unit = qt_property(str, "_unit", changed)
    #: The row to show when the list page is drawn again (coming back from an item).
    listIndex = qt_property(int, "_index", changed)

    @property
    def category(self) -> str | None:
        return self._category

    def open(self, category: str) -> None:
        self._category = category
        self._unit = ""
        self._index = 0
        self._load()

    def filter(self, unit: str) -> None:
        """Show only one unit's items ("" for all units)."""
        self._unit = unit
        self._index = 0
        self._load()

    def remember(self, item_id: str) -> None:
        """The item a visitor opens: the list comes back scrolled to it."""
        ids = [r.itemId for r in self._items.rows()]
        if item_id in ids:
            self._index = ids.index(item_id)

    def reload(self) -> None:
        if self._category is not None:
            self._load()

    def clear(self) -> None:
        self._category = None
        self._unit = ""
        self._index = 0
        self._items.clear()
        self._units.set_rows([])
        self.changed.emit()

    def refresh_counts(self) -> None:
        counts = self._hub.category_counts()
        self._categories.set_rows(
            CategoryRow(key=c.key, name=self._t(c.name(self._language)), tint=c.color, count=counts.get(c.key, 0))
            for c in self._catalog.categories
        )

    def content_changed(self, change: ContentChange) -> None:
        """Counts when any item changed; the open list only when its category was touched."""
        if change.touches(None):
            self.refresh_counts()
        if self._category is not None and change.touches(self._category):
            self._load()

    def retranslate(self) -> None:
        self.refresh_counts()
        self.reload()

    def _load(self) -> None:
        counts = self._hub.unit_counts(self._category)
        catalog = self._catalog
        # Key "" is "all units"; QML writes its name (an interface string, translated there).
        units = [UnitRow(key="", name="", count=sum(counts.values()), selected=self._unit == "")]
        units += [
            UnitRow(key=u.key, name=self._t(u.name(self._language)), count=counts[u.key], selected=self._unit == u.key)
            for u in catalog.units
            if u.key in counts
        ]
        units += [
            UnitRow(key=key, name=key, count=n, selected=self._unit == key)  # units the catalogue lacks
            for key, n in counts.items()
            if catalog.unit(key) is None
        ]
        self._units.set_rows(units)
        total = counts.get(self._unit, 0) if self._unit else sum(counts.values())
        # The first page, and enough to reach the row a visitor comes back to.
        first = self._rows(0, max(LIST_PAGE, self._index + LIST_PAGE))
        self._items.set_page(first, total, self._more)
        self.changed.emit()

    def _more(self, offset: int) -> list[ListingRow]:
        return self._rows(offset, LIST_PAGE)

    def _rows(self, offset: int, limit: int) -> list[ListingRow]:
        p = self._present
        now = self._hub.clock.now()
        lifetime = timedelta(days=self._hub.config.signage.urgent_lifetime_days)
        listed = self._hub.list_items(category=self._category, unit=self._unit or None, limit=limit, offset=offset)
        return [
            ListingRow(
                itemId=i.id,
                title=self._t(i.title),
                unitName=self._t(p.unit_name(i)),
                dateText=self._t(p.listed_date_text(i)),
                tint=p.category_color(i),
                revised=i.is_revised,
                fresh=now - i.last_changed <= FRESH_FOR,
                urgent=rules.is_urgent(i, now, lifetime),
            )
            for i in listed
        ]
