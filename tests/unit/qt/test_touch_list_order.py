"""Lists read newest first by the date each row shows: a category's items, and search
results of equal relevance. A re-disclosed item is listed by its revision and says so."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtGui import QGuiApplication
from qt_support import find, find_or_none, scene_rect, window_of
from support import NOW, make_item

from kiosk.qt.visual_tree import walk

ITEMS = [
    make_item("older", title="党务公开事项一", published_at=NOW - timedelta(days=10)),
    # First published a month ago, revised yesterday: it is the newest disclosure.
    make_item(
        "revised",
        title="党务公开事项二",
        published_at=NOW - timedelta(days=30),
        revision=2,
        revised_at=NOW - timedelta(days=1),
    ),
    make_item("newer", title="党务公开事项三", published_at=NOW - timedelta(days=2)),
    make_item("middle", title="党务公开事项四", published_at=NOW - timedelta(days=5)),
]
DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def shown_dates(window, prefix: str) -> list[tuple[str, date, str]]:
    """(item id, the date its row shows, the row's text), rows from top to bottom."""
    rows = [i for i in walk(window) if i.objectName().startswith(prefix) and i.isVisible()]
    rows.sort(key=lambda i: scene_rect(i).top())
    found = []
    for row in rows:
        text = row.property("text")
        year, month, day = (int(n) for n in DAY.search(text).groups())
        found.append((row.objectName().removeprefix(prefix), date(year, month, day), text))
    return found


def assert_newest_first(found) -> None:
    assert [d for _, d, _ in found] == sorted((d for _, d, _ in found), reverse=True), found
    assert [i for i, _, _ in found] == ["revised", "newer", "middle", "older"], found
    assert "修订于" in found[0][2]  # the top row's date is a revision's, and it says so


def test_a_category_list_reads_newest_first_by_the_date_it_shows(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openCategory("central-work")
    qtbot.waitUntil(lambda: find_or_none(window, "itemMeta-older") is not None)
    window.grabWindow()
    assert_newest_first(shown_dates(window, "itemMeta-"))


def test_search_results_of_equal_relevance_read_newest_first_by_the_date_they_show(qtbot, start_kiosk):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openSearch()
    vm.search.setQuery("党务公开")  # in every title: no result is more relevant than another
    qtbot.waitUntil(lambda: vm.search.results.rowCount() == len(ITEMS))
    QGuiApplication.inputMethod().hide()  # the rows show their dates with the keyboard down
    qtbot.waitUntil(lambda: not find(window, "searchPage").property("keyboardOpen"))
    qtbot.waitUntil(lambda: find_or_none(window, "resultMeta-older") is not None)
    qtbot.waitUntil(lambda: find_or_none(window, "resultMeta-older").isVisible())
    window.grabWindow()
    assert_newest_first(shown_dates(window, "resultMeta-"))
