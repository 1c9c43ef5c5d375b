"""Empty, said plainly, on real QML: an empty category is greyed and cannot be opened; a
kiosk with no item shows the office's name, hours and contacts on both screens."""

from __future__ import annotations

from dataclasses import replace

from qt_support import find, settle, tap, window_of
from support import make_item

from kiosk.config import ContactConfig

CONTACT = ContactConfig(
    email="gongkai@example.gov.cn", telephone="0931-12345678", office="市政府党组办公室", hours="周一至周五 9:00–17:30"
)


def lines_of(window, card_name):
    card = find(window, card_name)
    assert card.property("visible")
    stack, texts = [card], []
    while stack:
        item = stack.pop(0)
        if item.objectName() == "officeLine":
            texts.append(item.property("text"))
        stack.extend(item.childItems())
    return texts


def test_an_empty_kiosk_shows_the_office_on_both_screens(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([], config=replace(kiosk_config, contact=CONTACT))
    signage, touch = window_of(kiosk, "signage"), window_of(kiosk, "touch")
    settle(qtbot, signage)
    wanted = [
        "市政府党组办公室",
        "办公时间：周一至周五 9:00–17:30",
        "电话：0931-12345678",
        "邮箱：gongkai@example.gov.cn",
    ]
    assert lines_of(signage, "officeCard") == wanted
    assert not find(touch, "attractCard").property("visible")
    assert lines_of(touch, "officeCard") == wanted


def test_without_office_details_the_wall_still_says_it_is_empty(qtbot, start_kiosk):
    kiosk = start_kiosk([])
    assert lines_of(window_of(kiosk, "signage"), "officeCard") == ["暂无公开内容"]


def test_a_kiosk_with_items_shows_no_office_card(qtbot, start_kiosk, kiosk_config):
    kiosk = start_kiosk([make_item("a")], config=replace(kiosk_config, contact=CONTACT))
    signage, touch = window_of(kiosk, "signage"), window_of(kiosk, "touch")
    qtbot.waitUntil(lambda: find(touch, "attractCard").property("visible"))
    assert not find(signage, "officeCard").property("visible")
    assert not find(touch, "officeCard").property("visible")


def test_an_empty_category_is_greyed_and_cannot_be_opened(qtbot, start_kiosk):
    kiosk = start_kiosk([make_item("cw-1", category="central-work")])
    window, vm = window_of(kiosk, "touch"), kiosk.view_models[0]
    tap(qtbot, window, find(window, "touchToStart"))  # the card would open its item
    qtbot.waitUntil(lambda: vm.page_name == "home")
    qtbot.waitUntil(lambda: find(window, "count-central-work").property("text") == "1 条")
    empty, full = find(window, "category-conduct"), find(window, "category-central-work")
    assert find(window, "count-conduct").property("text") == "暂无公开事项"
    assert empty.property("opacity") < 0.7 and full.property("opacity") == 1
    tap(qtbot, window, empty)
    settle(qtbot, window)
    assert vm.page_name == "home"
    tap(qtbot, window, full)
    qtbot.waitUntil(lambda: vm.page_name == "list")
