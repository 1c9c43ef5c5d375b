"""PDF attachments on the touch screen: open a page, swipe, turn pages, zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPoint, QPointF, Qt
from qt_support import find, find_or_none, tap, window_of
from support import Attachment, make_item

from kiosk import paths
from kiosk.cache.assets import AssetStore

PDF = paths.DEMO_PACK_DIR / "media" / "in-006-service-hall-guide.pdf"  # three pages


def start_with_pdf(start_kiosk, kiosk_config, data: bytes = b""):
    data = data or PDF.read_bytes()
    sha = AssetStore(kiosk_config.cache_file.parent / "assets").put(data)
    item = make_item(
        "guide",
        title="办事指南",
        category="institutions",
        attachments=(Attachment(sha256=sha, media_type="application/pdf", title="办事指南全文", size=len(data)),),
    )
    kiosk = start_kiosk([item])
    vm = kiosk.view_models[0]
    vm.start()
    vm.openCategory("institutions")
    vm.openItem("guide")
    return kiosk, vm, window_of(kiosk, "touch")


def swipe(qtbot, window, item, dx: int) -> None:
    """A finger moving across ``item`` in small steps, as a flick."""
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=centre)
    for step in range(1, 11):
        qtbot.mouseMove(window, centre + QPoint(dx * step // 10, 0), delay=5)
    qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=centre + QPoint(dx, 0), delay=5)


def test_open_pdf_page_swipe_and_turn_pages(qtbot, start_kiosk, kiosk_config):
    kiosk, vm, window = start_with_pdf(start_kiosk, kiosk_config)
    qtbot.waitUntil(lambda: find_or_none(window, "document-0") is not None)
    assert "办事指南全文" in find(window, "document-0").property("text")
    tap(qtbot, window, find(window, "document-0"))
    qtbot.waitUntil(lambda: vm.page_name == "pdf")
    assert vm.pdf.property("pageCount") == 3
    pages = find(window, "pdfPages")
    qtbot.waitUntil(lambda: pages.property("count") == 3)
    qtbot.waitUntil(lambda: find(window, "pdfImage-0").property("progress") == 1.0, timeout=5000)
    assert find(window, "pdfImage-0").property("paintedWidth") > 0

    swipe(qtbot, window, pages, -700)
    qtbot.waitUntil(lambda: vm.pdf.property("page") == 1, timeout=3000)
    qtbot.waitUntil(lambda: not pages.property("moving"), timeout=3000)
    assert "2 / 3" in find(window, "pdfPageLabel").property("text")

    tap(qtbot, window, find(window, "pdfNext"))
    qtbot.waitUntil(lambda: vm.pdf.property("page") == 2)
    tap(qtbot, window, find(window, "pdfNext"))  # the last page stays the last
    assert vm.pdf.property("page") == 2
    tap(qtbot, window, find(window, "pdfPrevious"))
    qtbot.waitUntil(lambda: vm.pdf.property("page") == 1)
    qtbot.waitUntil(lambda: pages.property("currentIndex") == 1)

    tap(qtbot, window, find(window, "zoomIn"))
    assert vm.pdf.property("zoom") == 1.5
    assert not pages.property("interactive")  # a zoomed page is moved, not swiped away
    tap(qtbot, window, find(window, "zoomOut"))
    assert vm.pdf.property("zoom") == 1.0

    tap(qtbot, window, find(window, "backButton"))
    qtbot.waitUntil(lambda: vm.page_name == "item")
    assert vm.pdf.property("source") == ""


def test_damaged_or_fake_pdf_is_not_opened(qtbot, start_kiosk, kiosk_config):
    kiosk, vm, window = start_with_pdf(start_kiosk, kiosk_config, data=b"%PDF-1.4 this is not really a pdf")
    vm.openDocument(0)
    assert vm.page_name == "item"
    vm.openDocument(5)  # no such attachment
    assert vm.page_name == "item"


def landscape_pdf(path) -> bytes:
    """An A4 landscape page (a table or a chart is often laid out so) with an 11 pt body."""
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(40, 40, 40, 40))
    )
    writer.setResolution(72)  # one device pixel per point: the font's size below is in points
    painter = QPainter(writer)
    font = QFont("Noto Sans CJK SC")
    font.setPixelSize(11)
    painter.setFont(font)
    painter.drawText(QPointF(0, 40), LANDSCAPE_BODY)
    painter.end()
    return path.read_bytes()


LANDSCAPE_BODY = "各单位公开事项办理进度"  # no 一: its text comes out as the radical ⼀


def body_px(window, data: bytes, body: str) -> float:
    """The drawn size of ``body``'s characters on the first page, in pixels."""
    from PySide6.QtPdf import QPdfDocument

    image = find(window, "pdfImage-0")
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    assert document.status() == QPdfDocument.Status.Ready
    start = document.getAllText(0).text().index(body)
    em_points = document.getSelectionAtIndex(0, start, len(body)).boundingRectangle().width() / len(body)
    scale = image.property("paintedWidth") / document.pagePointSize(0).width()
    document.close()
    return em_points * scale


@pytest.mark.parametrize("shape", ["portrait", "landscape"])
def test_a_pdf_opens_with_its_body_text_at_24_px_or_more(qtbot, start_kiosk, kiosk_config, tmp_path, shape):
    """Measured from the document and the drawn page: a CJK character is one em wide, so the
    width of a run of them in the PDF's own text geometry (points) times the points-to-pixels
    scale of the page as drawn is the size a visitor reads. A landscape page is wider in
    points, so it needs a wider opening than a portrait one for the same size."""
    if shape == "portrait":
        # The guide's address, body text (its text keeps 人 and 大 as radicals).
        data, body = PDF.read_bytes(), "本市新城区和平路"
    else:
        data, body = landscape_pdf(tmp_path / "landscape.pdf"), LANDSCAPE_BODY
    kiosk, vm, window = start_with_pdf(start_kiosk, kiosk_config, data)
    vm.openDocument(0)
    qtbot.waitUntil(lambda: find_or_none(window, "pdfImage-0") is not None)
    qtbot.waitUntil(lambda: find(window, "pdfImage-0").property("paintedWidth") > 0, timeout=5000)
    assert body_px(window, data, body) >= 24
    if shape == "landscape":
        return  # one line of text: nothing below to scroll to
    # The page is read from its top, and it says that it goes on below.
    sheet = find(window, "pdfSheet-0")
    assert sheet.property("contentY") == 0 and sheet.property("contentHeight") > sheet.height()
    assert find(window, "scrollHintBottom").isVisible()
