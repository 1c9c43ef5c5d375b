"""Handwriting and Pinyin on the touch screen, driven with real pointer events.

The pad is switched on with one tap beside the keyboard; characters are drawn stroke by
stroke on it (tests/handwriting_support.py: 十, 口, 中, in writing order), recognised by
the real Zinnia library and model, and picked from the candidate buttons into the search
field. Pinyin's candidate bar and the Pinyin layout are measured from the scene graph.
"""

from __future__ import annotations

import pytest
from handwriting_support import CHARACTERS, points
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from qt_support import PINYIN_CANDIDATES_CLEARED, find, find_or_none, scene_rect, shown_rect, tap, window_of
from support import make_item
from test_touch_keyboard import keyboard_eval
from test_touch_keyboard_room import keyboard_open, press

from kiosk.qt.visual_tree import walk

pytestmark = pytest.mark.qt_log_ignore(PINYIN_CANDIDATES_CLEARED)


def open_search_keyboard(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("zh", title="中心工作十项任务", body="出口")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openSearch()
    qtbot.waitUntil(lambda: find_or_none(window, "searchField") is not None)
    field = find(window, "searchField")
    qtbot.waitUntil(field.hasActiveFocus)
    tap(qtbot, window, field)
    qtbot.waitUntil(lambda: keyboard_open(window))
    return window, vm, field


def draw(qtbot, window, area, paths) -> None:
    """Each stroke as a finger draws it: press, move through its points, release."""
    size = area.width()
    for path in paths:
        stroke = [area.mapToScene(QPointF(x, y)).toPoint() for x, y in points(path, size)]
        QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, stroke[0])
        for point in stroke[1:]:
            QTest.mouseMove(window, point, 2)
        QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, stroke[-1], 2)


def candidates(window) -> list:
    return sorted(
        (i for i in walk(window) if i.objectName().startswith("handwritingCandidate-") and i.isVisible()),
        key=lambda i: int(i.objectName().rsplit("-", 1)[1]),
    )


def apart(items) -> bool:
    rects = [scene_rect(i) for i in items]
    return all(not a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1 :])


def test_one_tap_switches_to_the_pad_and_drawn_characters_are_picked(qtbot, start_kiosk):
    window, vm, field = open_search_keyboard(qtbot, start_kiosk)
    hw = vm.handwriting
    switch = find(window, "inputModeSwitch")
    pad = find(window, "handwritingPad")
    assert not pad.isVisible()
    tap(qtbot, window, switch)
    qtbot.waitUntil(lambda: pad.isVisible() and not find(window, "keyboardPanel").isVisible())
    assert field.hasActiveFocus()  # the field keeps the focus: what is picked goes there
    # The pad takes the keyboard's place: the page still ends where it begins.
    assert scene_rect(find(window, "pageLoader")).bottom() == scene_rect(pad).top()
    area = find(window, "handwritingArea")
    assert shown_rect(area) == scene_rect(area) and area.width() >= 400 and area.height() >= 400

    typed = ""
    for character in ("十", "口", "中"):
        draw(qtbot, window, area, CHARACTERS[character])
        assert hw.property("strokeCount") == len(CHARACTERS[character])
        # The candidates answer every stroke drawn (recognition runs in a worker).
        strokes = len(CHARACTERS[character])
        qtbot.waitUntil(lambda n=strokes: hw.property("recognised") == n, timeout=5000)
        top_five = hw.property("candidates")[:5]
        assert character in top_five, (character, top_five)
        # Laid out side by side (the grid places new buttons before the next frame).
        qtbot.waitUntil(lambda: apart(candidates(window)))
        buttons = candidates(window)
        assert len(buttons) == len(hw.property("candidates"))
        for button in buttons:  # large targets, all of them on screen
            assert button.width() >= 96 and button.height() >= 96
            assert shown_rect(button) == scene_rect(button)
        tap(qtbot, window, buttons[top_five.index(character)])
        typed += character
        qtbot.waitUntil(lambda text=typed: field.property("text") == text)
        assert hw.property("strokeCount") == 0 and hw.property("candidates") == []
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "十口中")

    # The pad's own keys: 删除 takes the last character away, 重写 wipes the strokes.
    tap(qtbot, window, find(window, "handwritingBackspace"))
    qtbot.waitUntil(lambda: field.property("text") == "十口")
    draw(qtbot, window, area, CHARACTERS["十"][:1])
    qtbot.waitUntil(lambda: hw.property("strokeCount") == 1)
    tap(qtbot, window, find(window, "handwritingClear"))
    qtbot.waitUntil(lambda: hw.property("strokeCount") == 0 and hw.property("candidates") == [])

    # One tap back to the keyboard.
    tap(qtbot, window, switch)
    qtbot.waitUntil(lambda: find(window, "keyboardPanel").isVisible() and not pad.isVisible())
    assert keyboard_open(window)


def test_the_next_visitor_starts_with_the_keyboard(qtbot, start_kiosk):
    window, vm, _ = open_search_keyboard(qtbot, start_kiosk)
    tap(qtbot, window, find(window, "inputModeSwitch"))
    qtbot.waitUntil(lambda: vm.handwriting.property("active"))
    draw(qtbot, window, find(window, "handwritingArea"), CHARACTERS["十"][:1])
    qtbot.waitUntil(lambda: vm.handwriting.property("strokeCount") == 1)
    vm.reset()
    assert not vm.handwriting.property("active")
    assert vm.handwriting.property("strokeCount") == 0


def test_pinyin_candidates_are_large_and_apart_and_tapped_in(qtbot, start_kiosk):
    window, vm, field = open_search_keyboard(qtbot, start_kiosk)
    for letter in "dang":
        press(window, letter)

    def in_bar():
        """The candidates drawn whole (the keyboard's list also makes some off screen)."""
        found = [i for i in walk(window) if i.objectName() == "pinyinCandidate" and i.isVisible()]
        return [i for i in found if i.width() > 0 and shown_rect(i) == scene_rect(i)]

    qtbot.waitUntil(lambda: len(in_bar()) >= 4)
    shown = in_bar()
    rects = sorted((scene_rect(i) for i in shown), key=lambda r: r.left())
    assert len(rects) >= 4
    for rect in rects:
        assert rect.height() >= 96 and rect.width() >= 96, rect
    for left, right in zip(rects, rects[1:], strict=False):
        assert right.left() >= left.right(), (left, right)  # side by side, never overlapping
    texts = [i for i in walk(window) if i.objectName() == "pinyinCandidateText" and i.isVisible()]
    assert min(t.property("font").pixelSize() for t in texts) >= 40
    first = min(shown, key=lambda i: scene_rect(i).left())
    tap(qtbot, window, first)
    qtbot.waitUntil(lambda: field.property("text") == "当")


def test_nothing_but_space_left_of_z(qtbot, start_kiosk):
    window, _, _ = open_search_keyboard(qtbot, start_kiosk)
    assert keyboard_eval(window, "InputContext.locale") == "zh_CN"
    keys = [i for i in walk(window) if i.property("keyType") is not None and i.isVisible() and i.width() > 0]
    z = next(k for k in keys if k.property("text") == "z")
    row = [k for k in keys if abs(scene_rect(k).center().y() - scene_rect(z).center().y()) < 2]
    left_of_z = [k for k in row if scene_rect(k).right() <= scene_rect(z).left()]
    for key in left_of_z:  # only the row's indent: no key, no text
        assert key.property("key") == Qt.Key.Key_unknown and key.property("text") == "", key
    assert left_of_z, "the row starts indented, as the rows above"
