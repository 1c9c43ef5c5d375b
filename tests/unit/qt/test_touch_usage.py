"""Anonymous use on the real touch screen: categories and items opened, searches with and
without a result, care mode, counted per hour; a search term and care mode once per visit,
nothing else of the visitor kept."""

from __future__ import annotations

from support import make_item

from kiosk import usage


def test_the_touch_screen_counts_what_visitors_open(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([make_item("a", title="周末办事窗口")], config=kiosk_config)
    vm = kiosk.view_models[0]
    for _ in range(2):  # two visits
        vm.start()
        vm.openCategory("central-work")
        vm.openItem("a")
        vm.reset()
    vm.stop()
    counts = usage.Usage(kiosk_config.state_dir)
    try:
        cells = {(metric, key): n for _, metric, key, n in counts.cells()}
    finally:
        counts.close()
    assert cells == {("category-opened", "central-work"): 2, ("item-opened", "a"): 2}


def test_pdf_pages_and_read_aloud_are_counted_per_item(qtbot, start_kiosk, kiosk_config):
    from test_touch_pdf import start_with_pdf

    kiosk, vm, _ = start_with_pdf(start_kiosk, kiosk_config)
    vm.openDocument(0)  # its first page
    vm.pdf.showPdfPage(1)
    vm.pdf.showPdfPage(1)  # the same page again is not another page read
    vm.pdf.showPdfPage(2)
    vm.back()
    vm.item.readAloud()
    vm.stop()
    counts = usage.Usage(kiosk_config.state_dir)
    try:
        cells = {(metric, key): n for _, metric, key, n in counts.cells()}
    finally:
        counts.close()
    assert cells[("pdf-page-read", "guide")] == 3 and cells[("read-aloud", "")] == 1


def _cells(state_dir):
    counts = usage.Usage(state_dir)
    try:
        return {(metric, key): n for _, metric, key, n in counts.cells()}
    finally:
        counts.close()


def _search(qtbot, vm, text):
    vm.search.setQuery(text)
    qtbot.waitUntil(lambda: vm.search.property("resultsQuery") == text, timeout=5000)


def test_a_search_that_settles_without_a_result_is_counted_once_per_visit(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([make_item("a", title="周末办事窗口")], config=kiosk_config)
    vm = kiosk.view_models[0]
    # Visit 1: typed on to a query with no result, then left the page (twice, same term).
    vm.start()
    for _ in range(2):
        vm.openSearch()
        _search(qtbot, vm, "周末")
        _search(qtbot, vm, "周末加班")
        vm.home()
    # A query with no result that the visitor typed on from, to one with a result: nothing.
    vm.openSearch()
    _search(qtbot, vm, "窗")
    _search(qtbot, vm, "窗口")
    vm.home()
    vm.reset()
    # Visit 2: the visit ends (the idle reset) on the search page, its query unanswered.
    vm.start()
    vm.openSearch()
    _search(qtbot, vm, "周末加班")
    vm.reset()
    # Visit 3: the query found something, and the visitor opened it.
    vm.start()
    vm.openSearch()
    _search(qtbot, vm, "周末")
    vm.openItem("a")
    vm.reset()
    vm.stop()
    cells = _cells(kiosk_config.state_dir)
    assert {k: n for k, n in cells.items() if k[0].startswith("search")} == {
        ("search-not-found", "周末加班"): 2,
        ("search-found", "周末"): 1,
    }


def test_care_mode_is_counted_once_per_visit_that_switched_it_on(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([make_item("a")], config=kiosk_config)
    vm = kiosk.view_models[0]
    vm.start()
    vm.session.setCareMode(True)
    vm.session.setCareMode(False)
    vm.session.toggleCareMode()  # on again in the same visit
    vm.reset()
    vm.start()
    vm.session.setCareMode(False)  # a visit that never switched it on
    vm.reset()
    vm.start()
    vm.session.toggleCareMode()
    vm.stop()
    assert _cells(kiosk_config.state_dir) == {("care-mode", ""): 2}


def test_counting_never_makes_the_ui_thread_wait_for_the_disk(qtbot, start_kiosk, kiosk_config):
    """The counts file held by another writer (a slow disk would do the same): taps go on
    at once, and each count is committed, in order, once the file is free."""
    import sqlite3

    kiosk = start_kiosk([make_item("a")], config=kiosk_config)
    vm = kiosk.view_models[0]
    blocker = sqlite3.connect(kiosk_config.state_dir / usage.FILE_NAME, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(3):
            vm.start()
            vm.openCategory("central-work")
            vm.reset()
        assert vm.page_name == "attract"
    finally:
        blocker.execute("COMMIT")
        blocker.close()
    vm.stop()
    assert _cells(kiosk_config.state_dir) == {("category-opened", "central-work"): 3}
