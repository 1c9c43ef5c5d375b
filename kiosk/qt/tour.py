"""``kiosk demo --offscreen --screenshot DIR --tour``: one PNG per touch-screen state.

Walks the touch screen the way a visitor would — attract loop, home, a category, an
item, a PDF page, search with results, the keyboard open on search and on the opinion
box, the handwriting pad, care mode, and the offline state — writing
``touch-<state>.png`` for each, then ``signage.png`` and ``signage-long.png`` (a later
page of a long item on the wall), and quits. The README's screenshots come from here.

The offline state is shown as the kiosk shows it after its store has been unreachable
past the feed's freshness: the tour hands both screens such a sync status, since waiting
for the signed statement to expire would take hours.
"""

from __future__ import annotations

import logging
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.qt.signage import SignageViewModel
from kiosk.qt.touch import TouchScreen
from kiosk.qt.visual_tree import find_item
from kiosk.sync.status import SyncStatus

if TYPE_CHECKING:
    from kiosk.qt.app import Kiosk  # which imports this module when a tour is asked for

log = logging.getLogger(__name__)

#: Time for asynchronous images and PDF pages to arrive before a screenshot (a PDF page
#: drawn at reading width took longer than 0.6 s on a busy machine and was shot blank).
SETTLE_MS = 1500
#: Slides the wall is stepped through, at most, to find a page of a long item.
LONG_ITEM_SEARCH = 300
#: 中, as a finger writes it (fractions of the pad): 竖, 横折, 横, then the long 竖.
WRITTEN = (
    ((0.22, 0.32), (0.22, 0.62)),
    ((0.22, 0.32), (0.78, 0.32), (0.78, 0.62)),
    ((0.22, 0.6), (0.78, 0.6)),
    ((0.5, 0.1), (0.5, 0.92)),
)


def start_tour(kiosk: Kiosk, directory: Path, app: QGuiApplication) -> Tour | None:
    """Start the tour of the kiosk's touch screen; without one, only the wall's screenshot
    is written and the application quits (None)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    touch = next((w for role, w in kiosk.windows if role == "touch"), None)
    screen = next((vm for vm in kiosk.view_models if isinstance(vm, TouchScreen)), None)
    if touch is None or screen is None:
        save_signage(kiosk, directory)
        app.quit()
        return None
    tour = Tour(kiosk, touch, screen, directory, app)
    tour.start()
    return tour


def save_signage(kiosk: Kiosk, directory: Path) -> None:
    for role, window in kiosk.windows:
        if role == "signage":
            save(window, directory / "signage.png")
            break


def save(window: QQuickWindow, path: Path) -> None:
    if not window.grabWindow().save(str(path)):
        print(f"kiosk: could not write {path}", file=sys.stderr)
    else:
        print(path)


class Tour(QObject):
    def __init__(
        self, kiosk: Kiosk, touch: QQuickWindow, screen: TouchScreen, directory: Path, app: QGuiApplication
    ) -> None:
        super().__init__(kiosk)
        self._kiosk, self._dir, self._app = kiosk, directory, app
        self._touch = touch
        self._vm = screen
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
            self._feedback_keyboard,
            self._handwriting,
            self._care,
            self._offline,
            self._signage,
            self._signage_long,
        ]
        self._pending_shot: str | None = None

    def start(self) -> None:
        self._timer.start()

    @Slot()
    def _next(self) -> None:
        if self._pending_shot is not None:
            save(self._touch, self._dir / f"touch-{self._pending_shot}.png")
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

    def _attract(self) -> None:
        self._vm.reset()
        self._shot("attract")

    def _home(self) -> None:
        self._vm.start()
        self._shot("home")

    def _list(self) -> None:
        counts = self._kiosk.hub.category_counts()
        key = max(counts, key=counts.__getitem__) if counts else "central-work"
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
        # Results for one word already typed, then pinyin for the next, keys up.
        field = self._find("searchField")
        if field is not None:
            field.setProperty("text", "公开 ")
            field.forceActiveFocus()
            QGuiApplication.inputMethod().show()

    def _type_pinyin(self) -> None:
        for letter in "dangwu":  # pre-edit text with its candidates
            self._evaluate(f"InputContext.inputEngine.virtualKeyClick(Qt.Key_{letter.upper()}, '{letter}', 0)")
        self._shot("keyboard")

    def _feedback_keyboard(self) -> None:
        self._vm.home()
        self._vm.openFeedback()
        field = self._find("feedbackText")
        if field is not None:
            field.setProperty("text", "建议在政务大厅增设老年人服务窗口，")
            field.forceActiveFocus()
            QGuiApplication.inputMethod().show()
        self._shot("feedback-keyboard")

    def _handwriting(self) -> None:
        self._vm.handwriting.toggle()
        self._timer.setInterval(SETTLE_MS * 2)  # the pad slides in; the strokes need it laid out
        self._steps.insert(0, self._write)

    def _write(self) -> None:
        # Real pointer events on the pad, so the ink is drawn as a finger draws it.
        self._timer.setInterval(SETTLE_MS)
        area = self._find("handwritingArea")
        if area is None:
            return
        size = min(area.width(), area.height())
        for stroke in WRITTEN:
            points = [stroke[0]]
            for (x0, y0), (x1, y1) in zip(stroke, stroke[1:], strict=False):
                points += [(x0 + (x1 - x0) * i / 20, y0 + (y1 - y0) * i / 20) for i in range(1, 21)]
            scene = [area.mapToScene(QPointF(x * size, y * size)) for x, y in points]
            self._mouse(QEvent.Type.MouseButtonPress, scene[0])
            for point in scene[1:]:
                self._mouse(QEvent.Type.MouseMove, point)
            self._mouse(QEvent.Type.MouseButtonRelease, scene[-1])
        self._shot("handwriting")

    def _mouse(self, kind: QEvent.Type, point: QPointF) -> None:
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        event = QMouseEvent(kind, point, point, button, held, Qt.KeyboardModifier.NoModifier)
        QGuiApplication.sendEvent(self._touch, event)

    def _care(self) -> None:
        if self._vm.handwriting.property("active"):
            self._vm.handwriting.toggle()
        QGuiApplication.inputMethod().hide()
        self._vm.home()
        self._vm.session.setCareMode(True)
        self._shot("care")

    def _offline(self) -> None:
        self._vm.session.setCareMode(False)
        now = self._kiosk.hub.clock.now()
        status = SyncStatus(
            store_url="",
            source="tour",
            feed_version=0,
            items=len(self._kiosk.hub.items()),
            last_attempt=now,
            last_success=now - timedelta(hours=3),
            last_error="the store did not answer",
            last_error_reason="unreachable",
            stale_since=now - timedelta(hours=2),
        )
        for vm in self._kiosk.view_models:
            vm.set_sync_status(status)
        self._shot("offline")

    def _signage_long(self) -> None:
        wall = next((vm for vm in self._kiosk.view_models if isinstance(vm, SignageViewModel)), None)
        if wall is None:
            return
        # On through the rotation to the second page of a paged item.
        for _ in range(LONG_ITEM_SEARCH):
            if wall.property("pageText").startswith("2/"):
                break
            wall.advance()
        self._steps.insert(0, self._save_signage_long)

    def _save_signage_long(self) -> None:
        for role, window in self._kiosk.windows:
            if role == "signage":
                save(window, self._dir / "signage-long.png")

    def _signage(self) -> None:
        for vm in self._kiosk.view_models:  # fresh again after the offline step
            vm.set_sync_status(None)
        self._steps.insert(0, self._save_signage)

    def _save_signage(self) -> None:
        save_signage(self._kiosk, self._dir)

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
