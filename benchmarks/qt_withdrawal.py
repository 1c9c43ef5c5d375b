"""Child side of "withdrawal to gone": the kiosk's real windows syncing from a store, watched frame by frame.

    python -m benchmarks.qt_withdrawal JSON   (state, store table; run by rows_withdrawal)

Runs the kiosk as ``kiosk`` runs it — touch screen and wall (signage), offscreen, Qt
Quick's software renderer, ``app.exec()``, its own sync service long-polling the store —
with the touch screen on the list of the benchmark's category. After every frame a window
swaps, this reads the window's visual tree for the titles drawn in it (``Text`` items
visible, not transparent, inside every clipping ancestor and the window) and, when the
set of benchmark items drawn changed, prints one line::

    FRAME <role> <CLOCK_MONOTONIC of the swap> <round numbers drawn, comma-separated>

CLOCK_MONOTONIC is one clock for every process of the machine, so the parent compares
these times with its own commit. The child ends when its standard input closes.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from pathlib import Path

#: Every benchmark item's title is this and its round number ("撤回测试第3号").
TITLE = re.compile(r"撤回测试第(\d+)号")
CATEGORY = "central-work"


def drawn_rounds(window) -> frozenset[int]:
    """Round numbers whose title a ``Text`` item of ``window`` draws on screen."""
    from PySide6.QtCore import QRectF

    from kiosk.qt.visual_tree import walk

    found: set[int] = set()
    whole = QRectF(0, 0, window.width(), window.height())
    for item in walk(window):
        if not item.metaObject().className().startswith("QQuickText"):
            continue
        rounds = TITLE.findall(item.property("text") or "")
        if rounds and _on_screen(item, whole):
            found.update(int(n) for n in rounds)
    return frozenset(found)


def _on_screen(item, whole) -> bool:
    from PySide6.QtCore import QRectF

    shown = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
    ancestor = item
    while ancestor is not None:
        if not ancestor.isVisible() or ancestor.opacity() <= 0:
            return False
        if ancestor.clip():
            shown = shown.intersected(ancestor.mapRectToScene(QRectF(0, 0, ancestor.width(), ancestor.height())))
        ancestor = ancestor.parentItem()
    return not shown.intersected(whole).isEmpty()


def make_watcher():
    from PySide6.QtCore import QObject, Slot

    class FrameWatch(QObject):
        """One window: after each swapped frame, the benchmark titles it drew (printed on change)."""

        def __init__(self, role: str, window) -> None:
            super().__init__(window)
            self.role, self.window = role, window
            self.last: frozenset[int] | None = None
            window.frameSwapped.connect(self.swapped)  # a bound method: no closure keeps objects alive

        @Slot()
        def swapped(self) -> None:
            at = time.monotonic()  # the frame's time, before the walk below costs anything
            now = drawn_rounds(self.window)
            if now != self.last:
                self.last = now
                print(f"FRAME {self.role} {at:.6f} {','.join(map(str, sorted(now)))}", flush=True)

    return FrameWatch


def make_commands():
    from PySide6.QtCore import QObject, Signal, Slot

    class Commands(QObject):
        """The parent's lines on stdin, read on a thread and handled on the UI thread
        (the signals are queued there): ``list`` puts the touch screen back on the list
        (the idle reset may have left it); end of input quits."""

        line = Signal(str)
        closed = Signal()

        def __init__(self, app, touch) -> None:
            super().__init__()
            self.app, self.touch = app, touch
            self.line.connect(self.handle)
            self.closed.connect(app.quit)

        def watch(self) -> None:
            threading.Thread(target=self._read, daemon=True).start()

        def _read(self) -> None:
            for text in sys.stdin:
                self.line.emit(text.strip())
            self.closed.emit()

        @Slot(str)
        def handle(self, text: str) -> None:
            if text == "list":
                self.touch.openCategory(CATEGORY)

    return Commands


def main() -> int:
    args = json.loads(sys.argv[1])
    from PySide6.QtGui import QGuiApplication

    from kiosk import config as config_module
    from kiosk.qt import fonts, keyboard
    from kiosk.qt.app import Kiosk, ScreenOptions

    state = Path(args["state"])
    keyboard.prepare_environment(state)
    app = QGuiApplication(sys.argv[:1])
    fonts.choose_font(app)
    config = config_module.from_table({"state_dir": str(state), "store": args["store"]})
    screens = Kiosk(config, ScreenOptions(offscreen=True, demo=True))
    screens.start()
    touch = next(v for v in screens.view_models if hasattr(v, "openCategory"))
    touch.start()
    touch.openCategory(CATEGORY)
    watch = make_watcher()
    watchers = [watch(role, window) for role, window in screens.windows]
    for window in (w for _, w in screens.windows):
        window.update()
    commands = make_commands()(app, touch)
    commands.watch()
    print("READY", flush=True)
    app.exec()
    del watchers
    screens.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
