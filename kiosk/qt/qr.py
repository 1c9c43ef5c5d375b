"""``image://qr/<item id>``: QR codes of items' public web addresses, drawn locally.

The address is only encoded into pixels; nothing is fetched. Codes are drawn from the
matrix that segno computes (pure Python, no image library needed).
"""

from __future__ import annotations

import logging
import threading

import segno
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

log = logging.getLogger(__name__)

PROVIDER_ID = "qr"


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._texts: dict[str, str] = {}
        self._lock = threading.Lock()  # QML may request images from its loader thread

    def url_for(self, key: str, text: str) -> str:
        """Register ``text`` under ``key`` and return the image URL that draws it."""
        with self._lock:
            self._texts[key] = text
        return f"image://{PROVIDER_ID}/{key}"

    def requestImage(self, key: str, size: QSize, requested: QSize) -> QImage:
        with self._lock:
            text = self._texts.get(key.split("?", 1)[0])
        if text is None:
            return QImage()
        side = max(requested.width(), requested.height(), 256) if requested.isValid() else 256
        image = draw(text, side)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


def draw(text: str, side: int) -> QImage:
    """A black-on-white QR code of ``text``, ``side`` pixels square, with a quiet zone."""
    code = segno.make(text, error="m")
    matrix = list(code.matrix)
    modules = len(matrix) + 8  # four modules of quiet zone on each side
    scale = max(1, side // modules)
    image = QImage(modules * scale, modules * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect((x + 4) * scale, (y + 4) * scale, scale, scale)
    painter.end()
    return image
