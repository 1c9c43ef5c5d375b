"""List models of the touch screen beyond the shared ones: units, listings, search results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex

from kiosk.qt.models import RowListModel

_ROOT = QModelIndex()


@dataclass(frozen=True, slots=True)
class UnitRow:
    key: str  # "" stands for "all units"
    name: str
    count: int
    selected: bool


class UnitFilterModel(RowListModel):
    ROLES = ("key", "name", "count", "selected")


@dataclass(frozen=True, slots=True)
class ListingRow:
    itemId: str
    title: str
    unitName: str
    dateText: str
    tint: str
    revised: bool
    fresh: bool
    urgent: bool


class ListingModel(RowListModel):
    """A category's items, loaded a page at a time as the list scrolls.

    A category may hold thousands of items; building every row when a visitor taps the
    category would keep the tap from being answered for seconds. The view asks for more
    (``canFetchMore``/``fetchMore``) as it nears the end of what is loaded.
    """

    ROLES = ("itemId", "title", "unitName", "dateText", "tint", "revised", "fresh", "urgent")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._total = 0
        self._more: Callable[[int], list[ListingRow]] | None = None

    def set_page(self, rows: list[ListingRow], total: int, more: Callable[[int], list[ListingRow]]) -> None:
        """The first rows, how many there are in all, and how to load rows from an offset."""
        self._total = total
        self._more = more
        self.set_rows(rows)

    def clear(self) -> None:
        """No rows, and none to fetch: a view asking for more gets nothing back."""
        self._total = 0
        self._more = None
        self.set_rows([])

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more is not None and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        more = self._more
        if more is None or not self.canFetchMore(parent):
            return
        rows = more(len(self._rows))
        if not rows:  # fewer than counted (an item left between the count and now)
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()


@dataclass(frozen=True, slots=True)
class ResultRow:
    itemId: str
    #: Escaped rich text with the matched characters marked (kiosk.search.highlighted).
    titleHtml: str
    #: The summary or body around the match, escaped, its matches marked the same way.
    snippetHtml: str
    unitName: str
    dateText: str
    categoryName: str
    tint: str
    #: The title as plain text: one line, cut with "…", while the keyboard is up (rich
    #: text cannot be elided).
    title: str = ""


class SearchResultModel(RowListModel):
    ROLES = ("itemId", "titleHtml", "snippetHtml", "unitName", "dateText", "categoryName", "tint", "title")
