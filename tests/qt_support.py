"""Helpers for tests that drive real QML windows."""

from __future__ import annotations


def window_of(kiosk, role: str):
    return next(w for r, w in kiosk.windows if r == role)


def find_or_none(window, name: str):
    """The QML item named ``name``, searched through the visual tree (delegates included)."""
    from kiosk.qt.visual_tree import find_item

    return find_item(window, name)


def find(window, name: str):
    found = find_or_none(window, name)
    assert found is not None, f"no QML item named {name!r}"
    return found


def tap(qtbot, window, item) -> None:
    """A real mouse click in the middle of a QML item."""
    from PySide6.QtCore import QPointF, Qt

    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=centre)
