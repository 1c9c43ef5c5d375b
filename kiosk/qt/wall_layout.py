"""The wall's text measured as Qt draws it: :class:`kiosk.paging.Measure` on Qt's font metrics.

The signage screen's ``Text`` items use the application font (:mod:`kiosk.qt.fonts`),
bold for the title and headings, at the pixel size the view model gives; these are the
same fonts, so a line measured here is the line drawn there.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QTextLayout

#: Styles drawn bold (``screens/components/SlideView.qml``).
BOLD_STYLES = frozenset({"title", "heading"})


class QtMeasure:
    """Widths and line heights from :class:`QFontMetricsF` of the application font."""

    def __init__(self) -> None:
        self._metrics: dict[tuple[bool, float], QFontMetricsF] = {}
        self._heights: dict[tuple[bool, float], float] = {}

    def _of(self, style: str, px: float) -> QFontMetricsF:
        key = (style in BOLD_STYLES, round(px, 3))
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = self._metrics[key] = QFontMetricsF(self._font(style, px))
        return metrics

    @staticmethod
    def _font(style: str, px: float) -> QFont:
        font = QFont(QGuiApplication.font())
        # QML gives pixel sizes as integers; measure the size it draws.
        font.setPixelSize(max(1, round(px)))
        font.setBold(style in BOLD_STYLES)
        return font

    def advance(self, text: str, style: str, px: float) -> float:
        return self._of(style, px).horizontalAdvance(text)

    def line_height(self, style: str, px: float) -> float:
        """The height of a laid-out line of Chinese: the application font may lack CJK
        glyphs and fall back to another font, whose height then sets the line's (the
        font's own metrics do not say so). QML lines are whole pixels high."""
        key = (style in BOLD_STYLES, round(px, 3))
        if key not in self._heights:
            layout = QTextLayout("中文Ag", self._font(style, px))
            layout.beginLayout()
            line = layout.createLine()
            layout.endLayout()
            self._heights[key] = math.ceil(line.height())
        return self._heights[key]
