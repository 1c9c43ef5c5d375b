"""Nothing typed is hidden under the keyboard: the page shrinks to the space above it.

Driven as a visitor would: real taps on the fields (which open the Qt Virtual Keyboard),
keys pressed on the keyboard, real drags to scroll. What is checked is what the scene
graph draws: the focused field's rectangle, cut by every clipping frame, lies whole in
the visible area between the header and the keyboard's top edge.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QGuiApplication
from qt_support import (
    PINYIN_CANDIDATES_CLEARED,
    drag,
    find,
    find_or_none,
    scene_rect,
    settle,
    shown_rect,
    tap,
    window_of,
)
from support import make_item
from test_touch_keyboard import keyboard_eval

from kiosk.qt.visual_tree import walk

pytestmark = pytest.mark.qt_log_ignore(PINYIN_CANDIDATES_CLEARED)


def keyboard_open(window) -> bool:
    panel = find_or_none(window, "keyboardPanel")
    return panel is not None and bool(panel.property("active"))


def room_above_keyboard(window) -> QRectF:
    """The area a visitor sees while the keyboard is up: below the header, above the keys."""
    page = scene_rect(find(window, "pageLoader"))
    keys = scene_rect(find(window, "keyboardPanel"))
    assert keys.height() > 300, keys  # the keyboard really is up
    return QRectF(0, page.top(), window.width(), keys.top() - page.top())


def assert_in_view(window, item, rect=None) -> None:
    """``item`` (or ``rect`` of it) is drawn whole, and all of it above the keyboard."""
    wanted = item.mapRectToScene(rect if rect is not None else QRectF(0, 0, item.width(), item.height()))
    shown = shown_rect(item, rect)
    assert shown == wanted, f"{item.objectName() or item}: {wanted} is cut to {shown}"
    room = room_above_keyboard(window)
    assert room.contains(wanted), f"{item.objectName() or item}: {wanted} is not inside {room}"


def press(window, key: str) -> None:
    """One key of the on-screen keyboard (letters, digits, or 'Return')."""
    name = key.upper() if len(key) == 1 else key
    text = {"Return": "\\n"}.get(key, key)
    keyboard_eval(window, f"InputContext.inputEngine.virtualKeyClick(Qt.Key_{name}, '{text}', 0)")


def english(qtbot, window) -> None:
    keyboard_eval(window, "VirtualKeyboardSettings.locale = 'en_US'")
    qtbot.waitUntil(lambda: keyboard_eval(window, "InputContext.locale") == "en_US")


def cursor_rect(editor) -> QRectF:
    return editor.property("cursorRectangle")


def scroll_to(qtbot, window, flickable, item) -> None:
    """Drag ``flickable`` with a finger, up or down, until ``item`` is drawn whole above the keyboard."""
    for _ in range(16):
        room, wanted = room_above_keyboard(window), scene_rect(item)
        if shown_rect(item) == wanted and room.contains(wanted):
            return
        frame = scene_rect(flickable).intersected(room)
        x, third = int(frame.center().x()), frame.height() / 3
        # A release can fling the content past the item: the next drag goes back.
        top, bottom = int(frame.top() + third), int(frame.bottom() - third)
        start, end = (bottom, top) if wanted.bottom() > frame.bottom() else (top, bottom)
        drag(qtbot, window, QPoint(x, start), QPoint(x, end))
        qtbot.waitUntil(lambda: not flickable.property("moving"))
    raise AssertionError(f"{item.objectName()} never came into view")


def test_typing_in_search_keeps_field_and_four_results_in_view(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item(f"n{n:02}", title=f"党务公开第{n}号通知") for n in range(35)])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    tap(qtbot, window, find(window, "searchButton"))
    qtbot.waitUntil(lambda: find_or_none(window, "searchField") is not None)
    field = find(window, "searchField")
    tap(qtbot, window, field)
    qtbot.waitUntil(lambda: keyboard_open(window))
    # The page ends where the keyboard begins.
    assert scene_rect(find(window, "pageLoader")).bottom() == scene_rect(find(window, "keyboardPanel")).top()
    for letter in "dangwu":
        press(window, letter)
        assert_in_view(window, field)
    keyboard_eval(window, "InputContext.inputEngine.wordCandidateListModel.selectItem(0)")
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "党务" and vm.search.results.rowCount() == 35)
    assert_in_view(window, field)

    def whole_results():
        rows = [i for i in walk(window) if i.objectName().startswith("result-") and i.isVisible()]
        room = room_above_keyboard(window)
        return [r for r in rows if shown_rect(r) == scene_rect(r) and room.contains(scene_rect(r))]

    qtbot.waitUntil(lambda: len(whole_results()) >= 4)
    assert_in_view(window, find(window, "searchCount"))  # "找到 35 条", in the field's frame
    # Closing the keyboard gives the page its full height back.
    keyboard_eval(window, "Qt.inputMethod.hide()")
    qtbot.waitUntil(lambda: not keyboard_open(window))
    assert scene_rect(find(window, "pageLoader")).bottom() == window.height()


def test_opinion_box_text_phone_and_submit_in_view_while_typing(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("dw", title="党务公开目录")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openFeedback()
    qtbot.waitUntil(lambda: find_or_none(window, "feedbackText") is not None)
    form = find(window, "feedbackForm")
    text = find(window, "feedbackText")
    qtbot.waitUntil(window.isActive)
    tap(qtbot, window, text)
    qtbot.waitUntil(lambda: keyboard_open(window) and text.hasActiveFocus())
    english(qtbot, window)
    # The whole text box shows, and the line being typed stays in view as the text grows
    # past the box's height (ten lines, the box holds five).
    qtbot.waitUntil(lambda: shown_rect(find(window, "feedbackTextBox")) == scene_rect(find(window, "feedbackTextBox")))
    assert_in_view(window, find(window, "feedbackTextBox"))
    for line in range(10):
        for letter in "opinion":
            press(window, letter)
        press(window, "Return")
        qtbot.waitUntil(lambda lines=line + 1: text.property("text").count("\n") == lines)
        assert_in_view(window, text, cursor_rect(text))
    assert vm.feedback.property("text").startswith("opinion\nopinion")

    consent = find(window, "feedbackConsent")
    scroll_to(qtbot, window, form, consent)
    tap(qtbot, window, consent)
    qtbot.waitUntil(lambda: find(window, "feedbackPhone").isVisible())
    phone = find(window, "feedbackPhone")
    scroll_to(qtbot, window, form, phone)
    tap(qtbot, window, phone)
    qtbot.waitUntil(lambda: phone.hasActiveFocus() and keyboard_open(window))
    assert_in_view(window, find(window, "feedbackPhoneField"))
    for digit in "13800000000":
        press(window, digit)
    qtbot.waitUntil(lambda: vm.feedback.property("phone") == "13800000000")
    assert_in_view(window, find(window, "feedbackPhoneField"))

    submit = find(window, "feedbackSubmit")
    scroll_to(qtbot, window, form, submit)
    tap(qtbot, window, submit)
    qtbot.waitUntil(lambda: vm.feedback.property("state") == "thanks", timeout=5000)


def test_pinyin_candidates_stay_in_their_bar_and_four_results_stay_clear_of_it(qtbot, start_kiosk):
    """Results for one word, pinyin of the next being typed: the candidates sit side by side
    in the bar at the top of the keyboard from the first frame (none over the keys or over one
    another), the keyboard does not grow as they come, and four results show whole above it,
    clear of the fade that says the list goes on."""
    kiosk = start_kiosk([make_item(f"n{n:02}", title=f"党务公开第{n}号通知") for n in range(35)])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openSearch()
    vm.search.setQuery("公开")
    qtbot.waitUntil(lambda: vm.search.results.rowCount() == 35)
    tap(qtbot, window, find(window, "searchField"))
    qtbot.waitUntil(lambda: keyboard_open(window))
    keys_before = scene_rect(find(window, "keyboardPanel"))
    for letter in "dang":
        press(window, letter)
    window.grabWindow()  # the first frame with candidates, before any animation could end
    assert scene_rect(find(window, "keyboardPanel")) == keys_before
    bar = scene_rect(find(window, "wordCandidateView"))
    assert bar.top() == keys_before.top()
    candidates = [scene_rect(i) for i in walk(window) if i.objectName() == "pinyinCandidate" and i.isVisible()]
    shown = [c for c in candidates if c.intersects(bar)]
    assert len(shown) >= 5
    for c in candidates:  # in the bar's row (the bar's own frame cuts those past its end)
        assert bar.top() <= c.top() and c.bottom() <= bar.bottom(), c
    shown.sort(key=QRectF.left)
    assert all(a.right() <= b.left() + 0.5 for a, b in zip(shown, shown[1:], strict=False)), shown

    results = scene_rect(find(window, "resultList"))
    fades = [scene_rect(i) for i in walk(window) if i.objectName() == "scrollHintBottom" and i.isVisible()]
    fade = next(f for f in fades if f.bottom() == results.bottom())
    clear = QRectF(0, scene_rect(find(window, "pageLoader")).top(), window.width(), fade.top())
    rows = [i for i in walk(window) if i.objectName().startswith("result-") and i.isVisible()]
    whole = [r for r in rows if shown_rect(r) == scene_rect(r) and clear.contains(scene_rect(r))]
    assert len(whole) >= 4, [scene_rect(r) for r in rows]


def test_a_form_opened_with_the_keyboard_up_shows_its_focused_field(qtbot, start_kiosk):
    """The keyboard stays up from search to the opinion box, and the text box takes the focus
    while the form is still being laid out: it comes into view all the same."""
    kiosk = start_kiosk([make_item("a")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openSearch()
    qtbot.waitUntil(lambda: find_or_none(window, "searchField") is not None)
    tap(qtbot, window, find(window, "searchField"))
    qtbot.waitUntil(lambda: keyboard_open(window))
    vm.home()
    vm.openFeedback()
    qtbot.waitUntil(lambda: find_or_none(window, "feedbackText") is not None)
    find(window, "feedbackText").forceActiveFocus()
    QGuiApplication.inputMethod().show()
    qtbot.waitUntil(lambda: keyboard_open(window))
    settle(qtbot, window)
    assert_in_view(window, find(window, "feedbackTextBox"))


def test_a_reference_looked_up_with_the_keyboard_up_shows_its_answer(qtbot, start_kiosk):
    """The visitor taps the reference field (the keyboard opens, the form shrinks above it),
    types the six letters on the keyboard and taps 查询: the answer is drawn whole above the
    keys, not below the form's bottom edge."""
    kiosk = start_kiosk([make_item("dw", title="党务公开目录")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openFeedback()
    qtbot.waitUntil(lambda: find_or_none(window, "referenceField") is not None)
    qtbot.waitUntil(window.isActive)
    form, field = find(window, "feedbackForm"), find(window, "referenceField")
    form.setProperty("contentY", max(0, form.property("contentHeight") - form.height()))
    tap(qtbot, window, field)
    qtbot.waitUntil(lambda: keyboard_open(window) and field.hasActiveFocus())
    english(qtbot, window)
    for letter in "ABCDEF":
        press(window, letter)
    qtbot.waitUntil(lambda: field.property("text").upper() == "ABCDEF")
    button = find(window, "referenceLookUp")
    scroll_to(qtbot, window, form, button)
    tap(qtbot, window, button)
    answer = find(window, "referenceAnswer")
    qtbot.waitUntil(lambda: "ABC-DEF" in answer.property("text"))
    qtbot.waitUntil(lambda: not form.property("moving"))
    assert_in_view(window, answer)
