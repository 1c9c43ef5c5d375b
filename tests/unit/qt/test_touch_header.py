"""The touch screen's header in either language: the title, the date and time under it, the
tools beside it, all drawn whole; the time is the injected clock's, in the office's zone."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

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
    for size in (*range(len(TEXT_SCALES)), "care"):
        for page in ("home", "list", "item", "search", "feedback"):
            vm.start()
            if size == "care":
                vm.session.setCareMode(True)
            else:
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


def test_the_header_shows_the_date_and_time_of_the_offices_zone(qtbot, start_kiosk, kiosk_config, clock):
    kiosk = start_kiosk(ITEMS)
    window = window_of(kiosk, "touch")
    vm = kiosk.view_models[0]
    vm.start()
    shown = find(window, "headerClock")
    # 06:00 UTC is 14:00 in Shanghai, the configured zone.
    assert shown.isVisible() and shown.property("text") == "2026年11月26日 星期四  14:00"
    clock.advance(timedelta(minutes=1, seconds=5))
    vm.clock.check()  # as its timer does when it wakes at the minute
    qtbot.waitUntil(lambda: shown.property("text").endswith("14:01"))
    clock.advance(timedelta(hours=10))  # past midnight there: the date turns too
    vm.clock.check()
    qtbot.waitUntil(lambda: shown.property("text") == "2026年11月27日 星期五  00:01")


def test_the_header_clock_follows_the_configured_zone(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk(ITEMS, config=replace(kiosk_config, timezone="Europe/Berlin"))
    window = window_of(kiosk, "touch")
    kiosk.view_models[0].start()
    assert find(window, "headerClock").property("text") == "2026年11月26日 星期四  07:00"
