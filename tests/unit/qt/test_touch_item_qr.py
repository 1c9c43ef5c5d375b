"""An item page with a public web address shows it as a QR code, to read on a phone.

The code is decoded back from the pixels drawn on the page (segno's own matrix is the
reference: the same address must give the same modules), so the test checks what a phone
would read, not what the page was asked to show."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage
from qt_support import find, find_or_none, scene_rect, window_of
from support import make_item

WEB = "https://www.example.gov.cn/gk/2026/1.html"


def modules_drawn(image: QImage, size: int) -> list[list[bool]]:
    """The dark and light modules of a ``size``×``size`` code filling ``image`` with a
    four-module quiet zone, sampled at each module's centre."""
    side = size + 8
    step = image.width() / side
    return [
        [image.pixelColor(int((x + 4.5) * step), int((y + 4.5) * step)).lightness() < 128 for x in range(size)]
        for y in range(size)
    ]


def open_item(qtbot, start_kiosk, **fields):
    kiosk = start_kiosk([make_item("web", title="民生实事推进情况", **fields)])
    vm = kiosk.view_models[0]
    vm.start()
    vm.openItem("web")
    return vm, window_of(kiosk, "touch")


def test_the_item_page_shows_a_code_of_its_web_address(qtbot, start_kiosk):
    vm, window = open_item(qtbot, start_kiosk, web_url=WEB)
    qtbot.waitUntil(lambda: find_or_none(window, "itemQrImage") is not None)
    image_item = find(window, "itemQrImage")
    qtbot.waitUntil(lambda: image_item.property("paintedWidth") > 0)
    assert find(window, "itemQr").isVisible()
    assert find(window, "itemQrCaption").property("text") == "扫码在手机上阅读"
    assert find(window, "itemWebAddress").property("text") == WEB
    # Scroll it into view and read the code from the frame as drawn.
    page = find(window, "itemPage")
    box = scene_rect(image_item)
    page.setProperty("contentY", min(box.top() - 200, page.property("contentHeight") - page.height()))
    window.grabWindow()
    box = scene_rect(image_item)
    frame = window.grabWindow().copy(box.toRect())
    expected = [[bool(m) for m in row] for row in segno.make(WEB, error="m").matrix]
    assert modules_drawn(frame, len(expected)) == expected
    assert QRectF(0, 0, window.width(), window.height()).contains(box)


def test_no_code_without_an_address_or_for_anything_but_a_web_address(qtbot, start_kiosk):
    vm, window = open_item(qtbot, start_kiosk)
    qtbot.waitUntil(lambda: find_or_none(window, "itemQr") is not None)
    assert not find(window, "itemQr").isVisible() and vm.item.property("qrSource") == ""
    vm.home()
    vm.item.open(make_item("odd", web_url="javascript:alert(1)"))
    assert vm.item.property("qrSource") == "" and vm.item.property("webAddress") == ""
