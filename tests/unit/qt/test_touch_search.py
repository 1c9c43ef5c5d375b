"""Search on the touch screen: Chinese, pinyin initials, full pinyin, highlighted matches."""

from __future__ import annotations

import pytest
from qt_support import PINYIN_CANDIDATES_CLEARED, find, find_or_none, tap, window_of
from support import make_item

# The keyboard is up while these tests set the field's text: Pinyin predicts the next word
# from it, and clearing the field clears the keyboard's candidate list.
pytestmark = pytest.mark.qt_log_ignore(PINYIN_CANDIDATES_CLEARED)

ITEMS = [
    make_item("dw", title="市政府党组党务公开实施细则", category="institutions", doc_number="市委发〔2005〕7号"),
    make_item(
        "rf", title="人防办2026年防空警报试鸣通告", unit="civil-air-defence-office", body="警报试鸣时间为上午十点"
    ),
    make_item("df", title="党费收缴情况", category="organisation", body="第三季度党费收缴"),
]


def open_search(qtbot, kiosk):
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    tap(qtbot, window, find(window, "searchButton"))
    qtbot.waitUntil(lambda: vm.page_name == "search")
    return window, vm


def search(qtbot, vm, text):
    vm.search.setQuery(text)
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == text, timeout=5000)
    return [r.itemId for r in vm.search.results.rows()]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("党务公开", ["dw"]),  # trigram path
        ("党费", ["df"]),  # two characters: the substring path
        ("试鸣", ["rf"]),
        ("〔2005〕7号", ["dw"]),  # the document number
        ("黨務公開", ["dw"]),  # Traditional finds Simplified
        ("dwgk", ["dw"]),  # pinyin initials
        ("dangwugongkai", ["dw"]),  # full pinyin
        ("dang wu", ["dw"]),  # syllables with a space
        ("rfb", ["rf"]),
        ("没有这个词", []),
    ],
)
def test_search_finds(qtbot, start_kiosk, query, expected):
    kiosk = start_kiosk(ITEMS)
    _, vm = open_search(qtbot, kiosk)
    if query.isascii():
        qtbot.waitUntil(lambda: vm.search.index is not None and len(vm.search.index) == 3)
    assert search(qtbot, vm, query) == expected


def test_matches_are_highlighted_and_titles_escaped(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS + [make_item("x", title="<b>党务</b> & 公开")])
    window, vm = open_search(qtbot, kiosk)
    qtbot.waitUntil(lambda: vm.search.index is not None)
    search(qtbot, vm, "dwgk")
    row = next(r for r in vm.search.results.rows() if r.itemId == "dw")
    assert '<span style="background-color:#FFE082;font-weight:bold">党务公开</span>' in row.titleHtml
    search(qtbot, vm, "党务")
    hostile = next(r for r in vm.search.results.rows() if r.itemId == "x")
    assert "&lt;b&gt;" in hostile.titleHtml and "<b>" not in hostile.titleHtml
    qtbot.waitUntil(lambda: find_or_none(window, "result-dw") is not None)
    assert "找到" in find(window, "searchStatus").property("text")


def test_tap_result_opens_item_and_back_returns_to_results(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window, vm = open_search(qtbot, kiosk)
    search(qtbot, vm, "党费")
    qtbot.waitUntil(lambda: find_or_none(window, "result-df") is not None)
    tap(qtbot, window, find(window, "result-df"))
    qtbot.waitUntil(lambda: vm.page_name == "item")
    assert find(window, "itemTitle").property("text") == "党费收缴情况"
    tap(qtbot, window, find(window, "backButton"))
    qtbot.waitUntil(lambda: vm.page_name == "search")
    assert find(window, "searchField").property("text") == "党费"
    assert [r.itemId for r in vm.search.results.rows()] == ["df"]


def test_typing_fast_shows_results_for_the_last_query(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    _, vm = open_search(qtbot, kiosk)
    for text in ("党", "党费", "党费收", "党费收缴"):
        vm.search.setQuery(text)
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == "党费收缴")
    assert [r.itemId for r in vm.search.results.rows()] == ["df"]
    vm.search.setQuery("")
    assert vm.search.results.rowCount() == 0
