"""Child side of the touch rows: tap to next screen painted, hostile bodies painted.

Runs the real touch screen (offscreen, Qt Quick's software renderer, 1920×1080) on a
cache of N items. A figure runs from the synthetic tap (or the call that opens the item)
to the first frame swapped in which the new page is on screen, identified by what the
frame shows: the page's object is loaded and visible (and, for a list, its first row).
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.core import percentile

FLOOR_QML = b"""import QtQuick
Window {
    width: 1920; height: 1080; visible: true
    property int page: 0
    Loader {
        anchors.fill: parent
        sourceComponent: page === 0 ? first : second
    }
    Component { id: first; Rectangle { objectName: "page0"; color: "white"
        Text { text: "\\u9996\\u9875"; font.pixelSize: 48; anchors.centerIn: parent } } }
    Component { id: second; Rectangle { objectName: "page1"; color: "#eee"
        Text { text: "\\u5217\\u8868"; font.pixelSize: 48; anchors.centerIn: parent } } }
    MouseArea { objectName: "tapArea"; anchors.fill: parent; onClicked: page = 1 - page }
}
"""


class Painted:
    """Times from an action to the first swapped frame for which ``shown()`` holds."""

    def __init__(self, app, window) -> None:
        self.app, self.window = app, window
        self.shown = None
        self.at: float | None = None
        window.frameSwapped.connect(self.swapped)

    def swapped(self) -> None:
        if self.shown is not None and self.at is None:
            now = time.perf_counter()
            if self.shown():
                self.at = now

    def after(self, action, shown, timeout: float = 10.0) -> float:
        self.at, self.shown = None, shown
        started = time.perf_counter()
        action()
        self.window.update()
        while self.at is None and time.perf_counter() - started < timeout:
            self.app.processEvents()
        self.shown = None
        if self.at is None:
            raise RuntimeError("no frame showed the new page within the time limit")
        return (self.at - started) * 1000


def visible(window, name: str) -> bool:
    from kiosk.qt.visual_tree import find_item

    item = find_item(window, name)
    return item is not None and item.isVisible() and item.opacity() > 0


def click(window, item) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def open_screens(state: Path):
    from PySide6.QtGui import QGuiApplication

    from benchmarks.data import NOW
    from kiosk import config as config_module
    from kiosk.cache import ContentCache
    from kiosk.clock import FakeClock
    from kiosk.config import ScreenConfig
    from kiosk.qt import fonts, keyboard
    from kiosk.qt.app import Kiosk, ScreenOptions

    keyboard.prepare_environment(state)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    fonts.choose_font(app)
    config = replace(
        config_module.from_table({"state_dir": str(state)}), screens=(ScreenConfig(role="touch", screen=0),)
    )
    screens = Kiosk(config, ScreenOptions(offscreen=True, demo=True), clock=FakeClock(NOW))
    screens.start(open_cache=lambda cfg: ContentCache(state / "cache" / "content.sqlite3"))
    while not screens.hub.ready or screens.runner.pending:  # the pinyin index built: steady state
        app.processEvents()
        time.sleep(0.005)
    window = next(w for role, w in screens.windows if role == "touch")
    vm = next(v for v in screens.view_models if hasattr(v, "openCategory"))
    return app, screens, window, vm


def floor_window(app):
    from PySide6.QtCore import QByteArray
    from PySide6.QtQml import QQmlApplicationEngine

    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(FLOOR_QML))
    window = engine.rootObjects()[0]
    return engine, window


def taps(args: dict) -> list[dict]:
    """Rounds of five taps (attract → home → list → item → back → home) interleaved with
    the floor: a bare 1920×1080 Qt Quick window whose tap swaps a Loader between two
    one-Text pages, timed the same way."""
    from kiosk.qt.visual_tree import find_item

    app, screens, window, vm = open_screens(Path(args["state"]))
    engine, bare = floor_window(app)
    painted, painted_bare = Painted(app, window), Painted(app, bare)
    categories = ["central-work", "political-study", "organisation", "conduct", "institutions"]
    measured, floors = [], []
    for _ in range(2):  # both windows exposed and their first taps' code paths warm
        painted_bare.after(lambda: click(bare, find_item(bare, "tapArea")), lambda: True)
    for n in range(args["rounds"]):
        round_m, round_f = [], []
        for _ in range(args["taps"]):
            page = bare.property("page")
            round_f.append(
                painted_bare.after(
                    lambda: click(bare, find_item(bare, "tapArea")), lambda p=1 - page: visible(bare, f"page{p}")
                )
            )
        category = categories[n % 5]

        def first_row() -> bool:
            rows = vm.listing.items.rows()
            return bool(rows) and visible(window, "listPage") and visible(window, f"item-{rows[0].itemId}")

        steps = [
            # "Touch to start", not the page's centre: the headline's card there opens its item.
            (lambda: click(window, find_item(window, "touchToStart")), lambda: visible(window, "homePage")),
            (lambda c=category: click(window, find_item(window, f"category-{c}")), first_row),
            (
                lambda: click(window, find_item(window, f"item-{vm.listing.items.rows()[0].itemId}")),
                lambda: visible(window, "itemPage"),
            ),
            (lambda: click(window, find_item(window, "backButton")), first_row),
            (lambda: click(window, find_item(window, "homeButton")), lambda: visible(window, "homePage")),
        ]
        for action, shown in steps:
            round_m.append(painted.after(action, shown))
        vm.reset()
        app.processEvents()
        measured.append(percentile(round_m, 0.95))
        floors.append(percentile(round_f, 0.95))
        print(f"taps round {n + 1}", file=sys.stderr, flush=True)
    screens.shutdown()
    del engine
    return [{"name": "tap to next screen", "measured": measured, "floor": floors}]


HOSTILE = {
    "hostile 5 MB body": lambda: "党务公开内容。" * 250_000,
    "hostile 500 links and images": lambda: (
        '<img src="http://x/y.png"> [a](file:///etc/passwd) ![图](http://x/z.png) '
        "[b](javascript:alert(1)) \u202e反转\u202c" * 500
    ),
}


def hostile(args: dict) -> list[dict]:
    """Each hostile body opened on the item page, against the floor: the same body set
    as plain text on one ``Text`` (wrapped, 1920 px wide) in a bare window and painted."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtQml import QQmlApplicationEngine

    from benchmarks.data import NOW
    from kiosk.content import Item

    app, screens, window, vm = open_screens(Path(args["state"]))
    engine = QQmlApplicationEngine()
    engine.loadData(
        QByteArray(
            b"import QtQuick\nWindow { width: 1920; height: 1080; visible: true; property string body: ''\n"
            b" Flickable { anchors.fill: parent; contentHeight: t.height\n"
            b"  Text { id: t; objectName: 'bareBody'; width: parent.width; wrapMode: Text.Wrap; "
            b"textFormat: Text.PlainText; font.pixelSize: 32; text: body } } }\n"
        )
    )
    bare = engine.rootObjects()[0]
    painted, painted_bare = Painted(app, window), Painted(app, bare)
    out = []
    for name, make in HOSTILE.items():
        body = make()
        item = Item(
            id=f"hostile-{len(out)}",
            revision=1,
            title="恶意正文",
            category="central-work",
            unit="party-group",
            published_at=NOW,
            body=body,
        )
        screens.hub.apply_batch([item])
        while screens.runner.pending:
            app.processEvents()
        vm.start()
        vm.openCategory("central-work")
        app.processEvents()
        measured, floors = [], []
        for _ in range(args["rounds"]):
            bare.setProperty("body", "")
            app.processEvents()
            floors.append(
                painted_bare.after(lambda b=body: bare.setProperty("body", b), lambda: visible(bare, "bareBody"))
            )
            measured.append(painted.after(lambda i=item.id: vm.openItem(i), lambda: visible(window, "itemBody")))
            vm.back()
            app.processEvents()
        out.append({"name": name, "measured": measured, "floor": floors})
        vm.reset()
    screens.shutdown()
    del engine
    return out


if __name__ == "__main__":
    tempfile.tempdir = None
