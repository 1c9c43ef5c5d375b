"""``kiosk demo --offscreen --screenshot DIR --tour``: one PNG per touch-screen state.

Walks the touch screen the way a visitor would — attract loop, home, a category, an
item, a PDF page, search with results, the keyboard open — writing ``touch-<state>.png``
for each, then ``signage.png``, and quits. The README's screenshots come from here.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.qt.visual_tree import find_item

log = logging.getLogger(__name__)

#: Time for asynchronous images and PDF pages to arrive before a screenshot.
SETTLE_MS = 600


class Tour(QObject):
    def __init__(self, kiosk, directory: Path, app: QGuiApplication) -> None:
        super().__init__(kiosk)
        self._kiosk, self._dir, self._app = kiosk, Path(directory), app
        self._touch = next((w for role, w in kiosk.windows if role == "touch"), None)
        self._vm = next((vm for vm in kiosk.view_models if hasattr(vm, "openCategory")), None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._next)
        self._steps = [
            self._attract,
            self._home,
            self._list,
            self._item,
            self._pdf,
            self._search,
            self._open_keyboard,
            self._type_pinyin,
            self._signage,
        ]
        self._pending_shot: str | None = None

    def start(self) -> None:
        self._dir.mkdir(parents=True, exist_ok=True)
        if self._touch is None or self._vm is None:
            self._signage()
            self._app.quit()
            return
        self._timer.start()

    @Slot()
    def _next(self) -> None:
        if self._pending_shot is not None:
            self._save(self._touch, f"touch-{self._pending_shot}.png")
            self._pending_shot = None
        if not self._steps:
            self._app.quit()
            return
        step = self._steps.pop(0)
        try:
            step()
        except Exception as exc:  # a demo step failing must not hang the demo
            log.exception("tour step %s failed", step.__name__)
            print(f"kiosk: tour step {step.__name__} failed: {exc}", file=sys.stderr)
        self._timer.start()

    def _shot(self, name: str) -> None:
        self._pending_shot = name  # taken on the next tick, once the screen has settled

    def _save(self, window, name: str) -> None:
        path = self._dir / name
        if not window.grabWindow().save(str(path)):
            print(f"kiosk: could not write {path}", file=sys.stderr)
        else:
            print(path)

    def _attract(self) -> None:
        self._vm.reset()
        self._shot("attract")

    def _home(self) -> None:
        self._vm.start()
        self._shot("home")

    def _list(self) -> None:
        counts = self._kiosk.hub.category_counts()
        key = max(counts, key=counts.get) if counts else "central-work"
        self._vm.openCategory(key)
        self._shot("list")

    def _item(self) -> None:
        items = self._kiosk.hub.items()
        chosen = next((i for i in items if any(a.is_image for a in i.attachments)), items[0] if items else None)
        if chosen is not None:
            self._vm.openCategory(chosen.category)
            self._vm.openItem(chosen.id)
        self._shot("item")

    def _pdf(self) -> None:
        items = self._kiosk.hub.items()
        chosen = next((i for i in items if any(a.is_pdf for a in i.attachments)), None)
        if chosen is not None:
            self._vm.openCategory(chosen.category)
            self._vm.openItem(chosen.id)
            self._vm.openDocument(0)
        self._shot("pdf")

    def _search(self) -> None:
        self._vm.home()
        self._vm.openSearch()
        self._vm.search.setQuery("公开")
        self._shot("search")

    def _open_keyboard(self) -> None:
        self._vm.search.setQuery("")
        field = self._find("searchField")
        if field is not None:
            field.forceActiveFocus()
            QGuiApplication.inputMethod().show()

    def _type_pinyin(self) -> None:
        for letter in "dangwu":  # pre-edit text with its candidates
            self._evaluate(f"InputContext.inputEngine.virtualKeyClick(Qt.Key_{letter.upper()}, '{letter}', 0)")
        self._shot("keyboard")

    def _signage(self) -> None:
        for role, window in self._kiosk.windows:
            if role == "signage":
                self._save(window, "signage.png")
                break

    def _find(self, name: str) -> QQuickItem | None:
        return find_item(self._touch, name)

    def _evaluate(self, code: str) -> None:
        # The keyboard's input engine has no Python binding; QML can reach it.
        panel = self._find("keyboardPanel")  # its file imports QtQuick.VirtualKeyboard
        if panel is None:
            return
        expression = QQmlExpression(QQmlEngine.contextForObject(panel), panel, code)
        expression.evaluate()
        if expression.hasError():
            log.warning("tour: %s", expression.error().toString())
