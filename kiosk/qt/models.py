"""List models the QML screens bind to: the shared row model, and categories with counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt

_ROOT = QModelIndex()


class RowListModel(QAbstractListModel):
    """A read-only list of plain rows (dataclasses); roles are the row's field names."""

    ROLES: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._role_ids = {Qt.ItemDataRole.UserRole + 1 + i: name for i, name in enumerate(self.ROLES)}

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name.encode()) for role, name in self._role_ids.items()}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._role_ids.get(role)
        if name is None:
            return None
        return getattr(self._rows[index.row()], name)

    def rows(self) -> list:
        return list(self._rows)

    def set_rows(self, rows: Iterable[Any]) -> None:
        rows = list(rows)
        if rows == self._rows:
            return
        if len(rows) == len(self._rows):
            # Same shape: update in place, so views keep their scroll position.
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()


@dataclass(frozen=True, slots=True)
class CategoryRow:
    key: str
    name: str
    tint: str
    count: int


class CategoryModel(RowListModel):
    ROLES = ("key", "name", "tint", "count")
