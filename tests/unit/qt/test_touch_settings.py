"""Text size, high contrast, and 简/繁 for content and interface."""

from __future__ import annotations

from qt_support import find, find_or_none, tap, window_of
from support import make_item


def test_text_size_cycles_through_three_sizes(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("a", title="党务公开")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    vm.openCategory("central-work")
    vm.openItem("a")
    qtbot.waitUntil(lambda: find_or_none(window, "itemTitle") is not None)
    sizes = []
    for _ in range(3):
        sizes.append(find(window, "itemTitle").property("font").pixelSize())
        tap(qtbot, window, find(window, "textSizeButton"))
    assert sizes[0] < sizes[1] < sizes[2]
    assert find(window, "itemTitle").property("font").pixelSize() == sizes[0]


def test_high_contrast(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("a")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    before = window.property("color")
    tap(qtbot, window, find(window, "contrastButton"))
    qtbot.waitUntil(lambda: vm.session.property("highContrast"))
    assert window.property("color").name() == "#000000" != before.name()


def test_traditional_converts_content_and_interface(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("a", title="党务公开实施方案", body="市政府办公室")])
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    tap(qtbot, window, find(window, "chineseButton"))
    qtbot.waitUntil(lambda: vm.session.property("traditional"))
    qtbot.waitUntil(lambda: find(window, "headerTitle").property("text") == "市政府黨務公開")
    assert find(window, "chineseButton").property("text") == "简体"
    assert [r.name for r in vm.listing.categories.rows()][0] == "全局和中心工作"
    assert "組織建設" in [r.name for r in vm.listing.categories.rows()]
    vm.openCategory("central-work")
    vm.openItem("a")
    qtbot.waitUntil(lambda: find_or_none(window, "itemTitle") is not None)
    assert find(window, "itemTitle").property("text") == "黨務公開實施方案"
    assert "辦公室" in find(window, "itemBody").property("text")
    assert find(window, "backButton").property("text") == "‹ 返回"  # 返回 is the same in both scripts
    vm.session.toggleTraditional()
    qtbot.waitUntil(lambda: find(window, "itemTitle").property("text") == "党务公开实施方案")
