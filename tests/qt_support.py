"""Helpers for tests that drive real QML windows."""

from __future__ import annotations

import re
import sys


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


class TeardownQtMessages:
    """Qt's warnings while a test's fixtures tear down, judged as pytest-qt judges the call.

    pytest-qt installs its message handler at setup and restores the previous one once the
    call is reported, so a warning printed while a fixture closes windows or stops timers
    would only reach stderr. This handler takes over for the teardown, with the same
    ``qt_log_ignore`` patterns (the ini option and the test's marker) and level.
    """

    FAILING = ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")

    def __init__(self, ignore: list[str]) -> None:
        self._ignore = [re.compile(p) for p in ignore]
        self.problems: list[str] = []
        self._previous = None

    @classmethod
    def start(cls, item) -> TeardownQtMessages | None:
        if "PySide6.QtCore" not in sys.modules or item.get_closest_marker("no_qt_log") is not None:
            return None
        level = item.config.getini("qt_log_level_fail")
        if level not in ("WARNING", "DEBUG", "INFO"):  # CRITICAL or NO: checked by pytest-qt's rules only
            return None
        ignore = list(item.config.getini("qt_log_ignore"))
        marker = item.get_closest_marker("qt_log_ignore")
        if marker is not None:
            ignore = ignore + list(marker.args) if marker.kwargs.get("extend", True) else list(marker.args)
        from PySide6.QtCore import qInstallMessageHandler

        listening = cls(ignore)
        listening._previous = qInstallMessageHandler(listening._handle)
        return listening

    def stop(self) -> list[str]:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(self._previous)
        return self.problems

    def _handle(self, msg_type, context, message) -> None:
        kind = getattr(msg_type, "name", str(msg_type))
        category = context.category if context is not None else ""
        line = f"{kind} [{category}] {message}"
        sys.stderr.write(line + "\n")  # still shown, in the test's captured stderr
        if kind in self.FAILING and not any(p.search(message) for p in self._ignore):
            self.problems.append(line)


#: For tests that type Pinyin, or put text in a field while the keyboard is up (Pinyin then
#: predicts the next word): the keyboard's word-candidate list (a ListView of the Qt Virtual
#: Keyboard) warns when its candidates are cleared while it waits for a delegate it asked
#: for. Checked: the index it names is beyond every list of ours in those tests, and the
#: only view holding that many rows is the keyboard's candidate list.
PINYIN_CANDIDATES_CLEARED = r"^DelegateModel::cancel: index out range [0-9]+ 0$"


def scene_rect(item):
    """``item``'s rectangle in window coordinates."""
    from PySide6.QtCore import QRectF

    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def shown_rect(item, rect=None):
    """The part of ``item`` (or of ``rect``, in its coordinates) that is drawn on screen.

    Measured from the scene graph: the item's rectangle in the window, cut by every
    ancestor that clips (a scrolled list or form shows only its own frame) and by the
    window; an item or ancestor that is not visible shows nothing.
    """
    from PySide6.QtCore import QRectF

    shown = item.mapRectToScene(rect if rect is not None else QRectF(0, 0, item.width(), item.height()))
    last = ancestor = item
    while ancestor is not None:
        if not ancestor.isVisible():
            return QRectF()
        if ancestor.clip():
            shown = shown.intersected(scene_rect(ancestor))
        # The walk ends at the window's content item; asking the item for its window
        # (item.window()) instead left the test's own window wrapper deleted here.
        last, ancestor = ancestor, ancestor.parentItem()
    return shown.intersected(scene_rect(last))


def drag(qtbot, window, start, end, steps: int = 12) -> None:
    """A real finger drag from ``start`` to ``end`` (window points), in small moves."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for n in range(1, steps + 1):
        point = QPoint(start.x() + (end.x() - start.x()) * n // steps, start.y() + (end.y() - start.y()) * n // steps)
        QTest.mouseMove(window, point, 16)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end, 16)


def settle(qtbot, window) -> None:
    """Wait for the next frame: views and positioners place what changed before it is drawn,
    so rectangles read after this are where a finger would find the items."""
    window.update()
    with qtbot.waitSignal(window.frameSwapped, timeout=5000):
        pass
