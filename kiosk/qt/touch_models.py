"""List models of the touch screen beyond the shared ones: units, listings, search results."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.qt.models import RowListModel


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
    itemId: str  # noqa: N815 (a QML role name)
    title: str
    unitName: str  # noqa: N815
    dateText: str  # noqa: N815
    tint: str
    revised: bool
    fresh: bool
    urgent: bool


class ListingModel(RowListModel):
    ROLES = ("itemId", "title", "unitName", "dateText", "tint", "revised", "fresh", "urgent")


@dataclass(frozen=True, slots=True)
class ResultRow:
    itemId: str  # noqa: N815
    #: Escaped rich text with the matched characters marked (kiosk.search.highlighted).
    titleHtml: str  # noqa: N815
    unitName: str  # noqa: N815
    dateText: str  # noqa: N815
    categoryName: str  # noqa: N815
    tint: str


class SearchResultModel(RowListModel):
    ROLES = ("itemId", "titleHtml", "unitName", "dateText", "categoryName", "tint")
