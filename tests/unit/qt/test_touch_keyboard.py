"""The Qt Virtual Keyboard inside the touch window: Pinyin typing, English, and its reset."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlEngine, QQmlExpression
from qt_support import PINYIN_CANDIDATES_CLEARED, find, find_or_none, window_of
from support import make_item

pytestmark = pytest.mark.qt_log_ignore(PINYIN_CANDIDATES_CLEARED)


def keyboard_eval(window, code: str):
    """Run ``code`` in the keyboard panel's QML context (the input engine has no Python binding)."""
    panel = find(window, "keyboardPanel")
    expression = QQmlExpression(QQmlEngine.contextForObject(panel), panel, code)
    result = expression.evaluate()
    assert not expression.hasError(), expression.error().toString()
    return result[0] if isinstance(result, tuple) else result


def key(window, letter: str) -> None:
    keyboard_eval(window, f"InputContext.inputEngine.virtualKeyClick(Qt.Key_{letter.upper()}, '{letter}', 0)")


def open_keyboard(qtbot, kiosk):
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openSearch()
    qtbot.waitUntil(lambda: find_or_none(window, "searchField") is not None)
    field = find(window, "searchField")
    qtbot.waitUntil(field.hasActiveFocus)
    QGuiApplication.inputMethod().show()
    qtbot.waitUntil(lambda: find(window, "keyboardPanel").property("active"))
    return window, vm, field


def test_type_chinese_with_pinyin_and_search(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("dw", title="党务公开目录"), make_item("other", title="人防工作")])
    window, vm, field = open_keyboard(qtbot, kiosk)
    assert keyboard_eval(window, "VirtualKeyboardSettings.locale") == "zh_CN"
    for letter in "dangwu":
        key(window, letter)
    qtbot.waitUntil(lambda: keyboard_eval(window, "InputContext.preeditText") != "")
    assert keyboard_eval(window, "InputContext.inputEngine.wordCandidateListModel.count") > 0
    first = keyboard_eval(window, "InputContext.inputEngine.wordCandidateListModel.dataAt(0)")
    assert first == "党务"
    keyboard_eval(window, "InputContext.inputEngine.wordCandidateListModel.selectItem(0)")
    qtbot.waitUntil(lambda: field.property("text") == "党务")
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "党务")
    assert [r.itemId for r in vm.search.results.rows()] == ["dw"]


def test_english_letters_type_pinyin_initials(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("dw", title="党务公开目录")])
    window, vm, field = open_keyboard(qtbot, kiosk)
    keyboard_eval(window, "VirtualKeyboardSettings.locale = 'en_US'")
    qtbot.waitUntil(lambda: keyboard_eval(window, "InputContext.locale") == "en_US")
    for letter in "dwgk":
        key(window, letter)
    qtbot.waitUntil(lambda: field.property("text") == "dwgk")
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "dwgk" and vm.search.results.rowCount() == 1)


def test_reset_closes_keyboard_and_forgets_its_state(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("dw", title="党务公开目录")])
    window, vm, field = open_keyboard(qtbot, kiosk)
    keyboard_eval(window, "VirtualKeyboardSettings.locale = 'en_US'")
    vm.search.setQuery("abc")
    vm.reset()
    qtbot.waitUntil(lambda: not find(window, "keyboardPanel").property("active"))
    assert keyboard_eval(window, "VirtualKeyboardSettings.locale") == "zh_CN"
    assert find_or_none(window, "searchField") is None
    assert vm.search.property("query") == ""
