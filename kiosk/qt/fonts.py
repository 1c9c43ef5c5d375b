"""Making sure Chinese text renders with a real CJK font, and saying so when it cannot."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

log = logging.getLogger(__name__)

#: Families tried in order; the first installed one becomes the application font.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)
#: Characters the screens cannot do without: category names, units, the weekday.
SAMPLE = "全局和中心工作思想政治建设组织作风制度市政府党组侨联外事办星期四年月日"
INSTALL_HINT = "install a CJK font: on Debian, apt-get install fonts-noto-cjk"


def choose_font(app: QGuiApplication) -> str | None:
    """Set the application font to a CJK family that covers :data:`SAMPLE`.

    Returns the family, or None (after logging a warning naming the package) when no
    installed font covers the sample: Chinese would show as empty boxes.
    """
    families = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in families and covers(QFont(family)):
            font = QFont(family)
            font.setPointSizeF(app.font().pointSizeF())
            app.setFont(font)
            return family
    # Any family Qt says writes Simplified Chinese, as long as it really has the glyphs.
    for family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        if covers(QFont(family)):
            app.setFont(QFont(family))
            return family
    log.warning("no installed font has Chinese glyphs: Chinese text will show as empty boxes; %s", INSTALL_HINT)
    return None


def covers(font: QFont, text: str = SAMPLE) -> bool:
    """Whether ``font`` itself (not a fallback) has a glyph for every character of ``text``."""
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text)


def cjk_family(app: QGuiApplication) -> str | None:
    """The application font's family when it really writes Chinese (for status reports), or None."""
    family = app.font().family()
    return family if covers(QFont(family)) else None
