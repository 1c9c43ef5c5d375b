"""Anonymous use on the real touch screen: categories and items opened and searches that
found something are counted per hour, a search term once per visit, nothing else of the
visitor kept."""

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
