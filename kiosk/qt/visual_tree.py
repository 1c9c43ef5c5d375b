"""Finding a QML item by its ``objectName`` in a window's visual tree.

``QObject.findChild`` misses the items views create (list delegates, loaded pages),
whose QObject parent is not the window; walking ``childItems`` finds them. The tour,
the tests and the benchmarks all look items up this way.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtQuick import QQuickItem, QQuickWindow


def walk(window: QQuickWindow) -> Iterator[QQuickItem]:
    """Every item of ``window``'s visual tree, depth first."""
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.childItems())


def find_item(window: QQuickWindow, name: str) -> QQuickItem | None:
    """The item named ``name``, or None."""
    return next((item for item in walk(window) if item.objectName() == name), None)
