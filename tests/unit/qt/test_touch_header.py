"""The touch screen's header in either language: the title, the tools beside it, drawn whole."""

from __future__ import annotations

from dataclasses import replace

import pytest
from layout_support import text_problems
from qt_support import find, find_or_none, window_of
from support import make_item

from kiosk.qt.touch.session import TEXT_SCALES

ITEMS = [make_item("a", title="民生实事推进情况", category="central-work")]


def header_problems(window) -> list[str]:
    header = find(window, "touchHeader")
    names = {i.objectName() for i in header.findChildren(type(header))} | {"headerTitle"}
    return [p for p in text_problems(window) if p.split(":")[0].split(" and ")[0] in names or "headerTitle" in p]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_header_shows_its_title_whole_on_every_page_and_text_size(qtbot, start_kiosk, kiosk_config, language):
    kiosk = start_kiosk(ITEMS, config=replace(kiosk_config, language=language))
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    problems = []
    for size in range(len(TEXT_SCALES)):
        for page in ("home", "list", "item", "search", "feedback"):
            vm.start()
            vm.session.setTextSize(size)
            {"home": vm.home, "search": vm.openSearch, "feedback": vm.openFeedback}.get(page, vm.home)()
            if page in ("list", "item"):
                vm.openCategory("central-work")
            if page == "item":
                vm.openItem("a")
            qtbot.waitUntil(lambda: find_or_none(window, "headerTitle") is not None)
            window.grabWindow()
            title = find(window, "headerTitle")
            if title.property("truncated"):
                problems.append(f"size {size}, {page}: title cut to {title.property('width'):.0f} px")
            problems += [f"size {size}, {page}: {p}" for p in header_problems(window)]
    assert not problems, "\n".join(problems)
