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
