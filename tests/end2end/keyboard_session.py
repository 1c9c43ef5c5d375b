"""A visitor types on the touch screen's keyboard, then leaves: run as its own process.

``python keyboard_session.py STATE_DIR`` starts the kiosk offscreen on the demo pack (the way
``kiosk demo --offscreen`` does), composes 十堰时延 in Pinyin from two pieces (the case the
keyboard's decoder learns from), lets the idle reset run, and types the same syllables as
the next visitor. It prints one JSON line: what was typed, the files under the keyboard's
folder before and after the reset, and the candidates each visitor was offered first.
A process of its own because the keyboard reads where to keep its files once per process.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from kiosk import config as config_module
from kiosk.qt import keyboard
from kiosk.qt.app import Kiosk, ScreenOptions, prepare_environment

SYLLABLES = "shiyanshiyan"
PIECES = ("十堰", "时延")


def main(state_dir: Path) -> int:
    config = replace(config_module.load(None), state_dir=state_dir)
    options = ScreenOptions(offscreen=True, demo=True)
    prepare_environment(config, options)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("Lobby Kiosk")
    kiosk = Kiosk(config, options)
    kiosk.start()
    try:
        wait_until(lambda: kiosk.hub.ready)
        session = Session(kiosk)
        report = {"first_offered": session.type_syllables()}
        for piece in PIECES:
            session.choose(piece)
        wait_until(lambda: session.field().property("text") == "".join(PIECES))
        report["typed"] = session.field().property("text")
        report["before_reset"] = listing(keyboard.user_data_dir(state_dir))
        session.vm.reset()
        report["after_reset"] = listing(keyboard.user_data_dir(state_dir))
        report["next_offered"] = session.type_syllables()
        print(json.dumps(report, ensure_ascii=False))
    finally:
        kiosk.shutdown()
    return 0


class Session:
    def __init__(self, kiosk) -> None:
        self.window = next(w for role, w in kiosk.windows if role == "touch")
        self.vm = next(vm for vm in kiosk.view_models if hasattr(vm, "openSearch"))

    def find(self, name: str):
        from kiosk.qt.visual_tree import find_item

        return find_item(self.window, name)

    def field(self):
        return self.find("searchField")

    def evaluate(self, code: str):
        from PySide6.QtQml import QQmlEngine, QQmlExpression

        panel = self.find("keyboardPanel")
        expression = QQmlExpression(QQmlEngine.contextForObject(panel), panel, code)
        result = expression.evaluate()
        if expression.hasError():
            raise RuntimeError(expression.error().toString())
        return result[0] if isinstance(result, tuple) else result

    def candidates(self) -> list[str]:
        model = "InputContext.inputEngine.wordCandidateListModel"
        return [self.evaluate(f"{model}.dataAt({i})") for i in range(self.evaluate(f"{model}.count"))]

    def type_syllables(self) -> list[str]:
        """Open search with the keyboard up, type the syllables; the first candidates offered."""
        from PySide6.QtGui import QGuiApplication

        self.vm.start()
        self.vm.openSearch()
        wait_until(lambda: self.field() is not None)
        self.field().forceActiveFocus()
        QGuiApplication.inputMethod().show()
        wait_until(lambda: self.find("keyboardPanel") is not None and self.find("keyboardPanel").property("active"))
        for letter in SYLLABLES:
            self.evaluate(f"InputContext.inputEngine.virtualKeyClick(Qt.Key_{letter.upper()}, '{letter}', 0)")
        wait_until(lambda: len(self.candidates()) > 5)
        return self.candidates()[:3]

    def choose(self, piece: str) -> None:
        offered = self.candidates()
        self.evaluate(f"InputContext.inputEngine.wordCandidateListModel.selectItem({offered.index(piece)})")
        wait_until(lambda: self.candidates() != offered)


def wait_until(condition, timeout: float = 20.0) -> None:
    """Process Qt's events until ``condition()`` holds (as qtbot.waitUntil does)."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the keyboard session did not reach the expected state")
        QTest.qWait(10)


def listing(folder: Path) -> list[str]:
    """Each file under ``folder`` with its size: ``"a/b.dat (0 B)"``."""
    if not folder.exists():
        return []
    return sorted(f"{p.relative_to(folder)} ({p.stat().st_size} B)" for p in folder.rglob("*") if p.is_file())


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
