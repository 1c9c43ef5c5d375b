"""Search that helps, on the real touch screen: snippets, and what a query with no result offers."""

from __future__ import annotations

import pytest
from qt_support import PINYIN_CANDIDATES_CLEARED, find, find_or_none, scene_rect, settle, shown_rect, tap, window_of
from support import make_item
from test_touch_keyboard import keyboard_eval
from test_touch_keyboard_room import keyboard_open

pytestmark = pytest.mark.qt_log_ignore(PINYIN_CANDIDATES_CLEARED)

BODY = "本办公室" + "按照年度计划开展各项工作，" * 8 + "人防警报试鸣定于十月举行，请市民相互转告。"
ITEMS = [
    make_item("rf", title="人防办通告", unit="civil-air-defence-office", summary="", body=BODY),
    make_item("dw", title="党务公开目录", category="institutions"),
]


def open_search(qtbot, vm, window):
    vm.start()
    vm.openSearch()
    qtbot.waitUntil(lambda: find_or_none(window, "searchField") is not None)


def close_keyboard(qtbot, window):
    """The visitor taps the keyboard's hide key: the page has its full height back."""
    qtbot.waitUntil(lambda: find_or_none(window, "keyboardPanel") is not None)
    keyboard_eval(window, "Qt.inputMethod.hide()")
    qtbot.waitUntil(lambda: not keyboard_open(window))


def search(qtbot, vm, text):
    vm.search.setQuery(text)
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == text, timeout=5000)


def test_each_result_shows_the_words_around_the_match(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = window_of(kiosk, "touch"), kiosk.view_models[0]
    open_search(qtbot, vm, window)
    search(qtbot, vm, "警报试鸣")
    close_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: find_or_none(window, "resultSnippet-rf") is not None)
    snippet = find(window, "resultSnippet-rf")
    assert snippet.isVisible() and snippet.height() > 0
    assert shown_rect(snippet) == scene_rect(snippet)
    shown = snippet.property("text")
    assert "background-color" in shown and "警报试鸣" in shown and shown.startswith("…")
    assert not find(window, "searchHelp").isVisible()


def test_no_result_offers_categories_and_what_other_visits_found(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = window_of(kiosk, "touch"), kiosk.view_models[0]
    # Three visits find 人防 and open what they found; one visit searches it three times.
    for _ in range(3):
        open_search(qtbot, vm, window)
        search(qtbot, vm, "人防")
        qtbot.waitUntil(lambda: find_or_none(window, "result-rf") is not None)
        tap(qtbot, window, find(window, "result-rf"))
        qtbot.waitUntil(lambda: vm.page_name == "item")
        vm.reset()
    open_search(qtbot, vm, window)
    for _ in range(3):
        search(qtbot, vm, "党务")
        vm.openItem("dw")
        vm.openSearch()
        vm.search.setQuery("")
    vm.reset()

    open_search(qtbot, vm, window)
    search(qtbot, vm, "没有这个词")
    close_keyboard(qtbot, window)
    help_ = find(window, "searchHelp")
    qtbot.waitUntil(help_.isVisible)
    qtbot.waitUntil(lambda: vm.search.property("suggestions") == ["人防"])  # 党务: one visit only
    settle(qtbot, window)
    suggestion = find(window, "searchSuggestion-0")
    assert suggestion.property("text") == "人防"
    for name in ("searchSuggestion-0", "searchCategory-central-work", "searchCategory-institutions"):
        item = find(window, name)
        assert shown_rect(item) == scene_rect(item) and item.height() >= 96, name
    assert not find(window, "searchCategory-conduct").isVisible()  # nothing in it: not offered
    tap(qtbot, window, suggestion)
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "人防" and vm.search.results.rowCount() == 1)
    assert not help_.isVisible()

    search(qtbot, vm, "还是没有")
    qtbot.waitUntil(help_.isVisible)
    settle(qtbot, window)
    tap(qtbot, window, find(window, "searchCategory-institutions"))
    qtbot.waitUntil(lambda: vm.page_name == "list")
    assert vm.listing.property("categoryName") == "制度建设"
