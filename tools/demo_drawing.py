"""Drawing helpers of the demo media generator: fonts, palette, canvases, labelled boxes.

Shared by :mod:`demo_pictures` (the PNGs) and :mod:`demo_pdfs` (the PDFs); importing this
module first selects Qt's offscreen platform and pins Qt's hash seed, so the generator
runs without a display and writes the same bytes on every run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

# Must be set before any Qt GUI class is created: the generator runs on headless build
# machines and in CI, where there is no display to connect to.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt's QPdfWriter writes its font objects in QHash order, which is randomised per process
# unless the seed is fixed; a fixed seed keeps the PDFs byte-for-byte reproducible.
os.environ["QT_HASH_SEED"] = "0"

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
)

MEDIA_DIR = Path(__file__).resolve().parents[1] / "assets" / "demo" / "media"
#: Where the files are written: the demo pack's media folder, unless ``--out`` says otherwise
#: (the test suite writes elsewhere and compares the bytes with the committed files).
_output = [MEDIA_DIR]


def output_dir() -> Path:
    return _output[0]


def set_output_dir(folder: Path) -> None:
    _output[0] = Path(folder)


FONT_FAMILY = "Noto Sans CJK SC"
# Every picture says it is a demo, so a screenshot can never pass for a real notice.
DEMO_MARK = "演示内容 · 虚构示例"

# A small flat palette: few colours keep the PNGs small and the look sober.
INK = QColor("#1f2933")
MUTED = QColor("#5f6b7a")
PAPER = QColor("#f7f5f0")
WHITE = QColor("#ffffff")
RULE = QColor("#d8d2c4")
RED = QColor("#b3261e")
GOLD = QColor("#c99a2e")
BLUE = QColor("#2f6690")
GREEN = QColor("#3a7d44")
TEAL = QColor("#2a7f7f")
PURPLE = QColor("#6b4f8a")
SKY = QColor("#cfe3ef")
GRASS = QColor("#9cc58a")
SOIL = QColor("#b9a58a")

# Service hall windows, shared by the floor plan picture and the hall guide PDF so the
# two never disagree: (zone, first window, last window, colour, typical business).
HALL_ZONES = [
    ("综合受理·企业开办", 1, 6, BLUE, "企业设立、变更、注销登记，印章刻制，发票申领"),
    ("不动产登记", 7, 10, GREEN, "不动产转移、抵押、变更登记，登记资料查询"),
    ("社保医保", 11, 14, GOLD, "参保登记、社保卡补换、医保异地就医备案"),
    ("户政·出入境", 15, 18, PURPLE, "户口迁移、居住证、出入境证件受理"),
    ("税务", 19, 22, TEAL, "税费申报、发票代开、个人所得税汇算咨询"),
    ("帮办代办·“办不成事”反映", 23, 24, RED, "老年人和残疾人帮办、疑难事项协调"),
]


# --------------------------------------------------------------------------- basics


def ensure_app() -> QGuiApplication:
    """The one QGuiApplication that font handling needs; created on first use."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    return QGuiApplication(sys.argv[:1])


def font(px: float, bold: bool = False) -> QFont:
    """The CJK UI font at a pixel size (images) — see :func:`pt_font` for PDFs."""
    f = QFont(FONT_FAMILY)
    f.setPixelSize(round(px))
    f.setBold(bold)
    return f


def pt_font(pt: float, bold: bool = False) -> QFont:
    """The CJK font at a point size: on a QPdfWriter points follow its resolution."""
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(pt)
    f.setBold(bold)
    return f


def check_font() -> None:
    """Fail loudly if the CJK font is missing, rather than writing files full of boxes."""
    info = QFontInfo(font(20))
    if "CJK" not in info.family():
        raise SystemExit(f"font {FONT_FAMILY!r} not found (got {info.family()!r}); install fonts-noto-cjk")


def canvas(width: int, height: int, background: QColor = PAPER) -> tuple[QImage, QPainter]:
    """An opaque image and a painter on it; RGB32 because alpha would only add bytes."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def save_png(image: QImage, painter: QPainter, name: str) -> Path:
    painter.end()
    path = output_dir() / name
    # For PNG, Qt maps quality 0 to the strongest zlib compression; lossless either way.
    # PySide6's stub types the format as bytes; the binding takes only str.
    save = cast(Callable[[str, str, int], bool], image.save)
    if not save(str(path), "PNG", 0):
        raise SystemExit(f"could not write {path}")
    return path


def text(
    p: QPainter,
    rect: QRectF,
    s: str,
    f: QFont,
    color: QColor = INK,
    flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
) -> None:
    p.setFont(f)
    p.setPen(color)
    p.drawText(rect, int(flags) | int(Qt.TextFlag.TextWordWrap), s)


def box(
    p: QPainter, rect: QRectF, fill: QColor, border: QColor | None = None, radius: float = 10, width: float = 2
) -> None:
    p.setPen(QPen(border, width) if border is not None else Qt.PenStyle.NoPen)
    p.setBrush(fill)
    p.drawRoundedRect(rect, radius, radius)


def header(p: QPainter, width: int, title: str, subtitle: str) -> None:
    """Title block shared by all pictures: red marker, title, subtitle, demo mark."""
    p.fillRect(QRectF(60, 48, 12, 72), RED)
    text(p, QRectF(90, 40, width - 150, 52), title, font(40, bold=True))
    text(p, QRectF(90, 92, width - 150, 34), subtitle, font(22), MUTED)
    text(
        p,
        QRectF(width - 460, 0, 430, 40),
        DEMO_MARK,
        font(18),
        MUTED,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    )


def legend(p: QPainter, x: float, y: float, entries: Sequence[tuple[str, QColor]], px: int = 20) -> None:
    """A one-line legend of colour chips; each entry advances by its measured width."""
    p.setFont(font(px))
    for label, color in entries:
        p.fillRect(QRectF(x, y + 4, px, px), color)
        width = p.fontMetrics().horizontalAdvance(label)
        text(p, QRectF(x + px + 8, y, width + 4, px + 8), label, font(px), INK)
        x += px + 8 + width + 36
