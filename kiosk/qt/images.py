"""``image://kiosk/<sha256>``: the only way a screen loads an image.

Images come from the content cache's hash-checked assets and nowhere else: item text can
never make a screen fetch a remote URL or read a local file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.cache.assets import AssetError

log = logging.getLogger(__name__)

PROVIDER_ID = "kiosk"


def image_url(sha256: str) -> str:
    return f"image://{PROVIDER_ID}/{sha256}"


class AssetImageProvider(QQuickImageProvider):
    def __init__(self, read: Callable[[str], bytes]) -> None:
        """``read(sha256)`` returns an attachment's hash-checked bytes (the content hub's)."""
        # ForceAsynchronousImageLoading: decoding a large image never stalls a frame.
        super().__init__(QQuickImageProvider.ImageType.Image, QQuickImageProvider.Flag.ForceAsynchronousImageLoading)
        self._read = read

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        sha256 = image_id.split("?", 1)[0]
        try:
            image = QImage.fromData(self._read(sha256))
        except (AssetError, OSError) as exc:
            log.warning("image %s unavailable: %s", sha256[:80], exc)
            image = QImage()
        if not image.isNull() and requested.isValid() and (requested.width() > 0 or requested.height() > 0):
            w = requested.width() if requested.width() > 0 else image.width()
            h = requested.height() if requested.height() > 0 else image.height()
            image = image.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image
