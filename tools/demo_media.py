"""Generate the pictures and PDFs used by the bundled demo content pack.

The demo items in ``assets/demo/items/`` refer to attachments in ``assets/demo/media/``.
Those files are drawn here with Qt alone (QImage/QPainter for PNG, QPdfWriter for PDF)
instead of being checked in from elsewhere, so that every byte of the demo pack is
fictional, written for this project, and can be regenerated on any machine that has
PySide6 and the "Noto Sans CJK SC" font (Debian package ``fonts-noto-cjk``).

Run from the repository root::

    .venv/bin/python tools/demo_media.py

The output is deterministic: the same inputs give the same bytes, so regenerating does
not produce spurious changes (PDF timestamps, document ids and Qt's hash seed are pinned,
see :func:`_pin_pdf_metadata`).
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

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
)

MEDIA_DIR = Path(__file__).resolve().parents[1] / "assets" / "demo" / "media"
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
    path = MEDIA_DIR / name
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


# --------------------------------------------------------------------------- pictures


# Progress of the ten livelihood projects; the item cw-003 quotes the same figures.
LIVELIHOOD_PROGRESS = [
    ("老旧小区改造（42个）", 86),
    ("新增公办幼儿园学位", 92),
    ("社区食堂建设（20处）", 75),
    ("背街小巷路灯更新", 100),
    ("农村供水保障提升", 68),
    ("公交线路优化调整", 81),
    ("社区养老服务站（15个）", 59),
    ("中小学课后服务扩面", 100),
    ("便民停车位增设", 72),
    ("政务服务“就近办”", 88),
]


def livelihood_chart() -> Path:
    """Horizontal bars, one per project, coloured by how far along it is."""
    image, p = canvas(1600, 900)
    header(p, 1600, "2026年十件民生实事推进情况", "截至2026年9月30日 · 按年度计划完成比例（%）")
    left, right, top, row = 560.0, 1460.0, 180.0, 60.0
    span = right - left
    # Vertical grid first so bars sit on top of it.
    for pct in (0, 25, 50, 75, 100):
        x = left + span * pct / 100
        p.setPen(QPen(RULE, 2))
        p.drawLine(QPointF(x, top - 10), QPointF(x, top + row * len(LIVELIHOOD_PROGRESS)))
        text(p, QRectF(x - 40, top + row * 10 + 4, 80, 30), f"{pct}%", font(18), MUTED, Qt.AlignmentFlag.AlignCenter)
    for i, (label, pct) in enumerate(LIVELIHOOD_PROGRESS):
        y = top + i * row
        text(p, QRectF(70, y, left - 90, row - 12), f"{i + 1:>2}. {label}", font(24), INK)
        color = GREEN if pct >= 100 else BLUE if pct >= 80 else GOLD
        p.fillRect(QRectF(left, y + 8, span * pct / 100, row - 28), color)
        label_x = left + span * pct / 100 + 10
        if pct >= 95:  # no room right of a full bar: write the figure inside it
            text(
                p,
                QRectF(label_x - 110, y, 90, row - 12),
                f"{pct}%",
                font(22, True),
                WHITE,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
        else:
            text(p, QRectF(label_x, y, 90, row - 12), f"{pct}%", font(22, True), INK)
    legend(p, 560, 838, [("已完成", GREEN), ("按序时推进（≥80%）", BLUE), ("需加快推进（<80%）", GOLD)])
    return save_png(image, p, "cw-003-livelihood-progress.png")


def _window(p: QPainter, rect: QRectF, number: int, color: QColor) -> None:
    box(p, rect, color, radius=6)
    text(p, rect, str(number), font(22, True), WHITE, Qt.AlignmentFlag.AlignCenter)


def _zone_color(number: int) -> QColor:
    for _, first, last, color, _ in HALL_ZONES:
        if first <= number <= last:
            return color
    raise ValueError(number)


def hall_floor_plan() -> Path:
    """Ground-floor plan of the service hall with every window numbered."""
    image, p = canvas(1600, 900)
    header(p, 1600, "政务服务大厅一层平面示意图", "共设24个窗口 · 入口位于南侧和平路一侧")
    hall = QRectF(80, 160, 1440, 620)
    box(p, hall, WHITE, INK, radius=4, width=6)
    # Windows 1-14 along the north wall.
    w, gap = 86.0, 14.0
    for i in range(14):
        n = i + 1
        _window(p, QRectF(hall.left() + 30 + i * (w + gap), hall.top() + 16, w, 56), n, _zone_color(n))
    # 15-18 on the west wall, 19-22 on the east wall.
    for i in range(4):
        y = hall.top() + 120 + i * 76
        _window(p, QRectF(hall.left() + 16, y, 64, 62), 15 + i, _zone_color(15 + i))
        _window(p, QRectF(hall.right() - 80, y, 64, 62), 19 + i, _zone_color(19 + i))
    # Counters 23-24 beside the entrance so those who need help meet them first.
    _window(p, QRectF(hall.center().x() + 150, hall.bottom() - 120, 86, 56), 23, RED)
    _window(p, QRectF(hall.center().x() + 250, hall.bottom() - 120, 86, 56), 24, RED)
    # Waiting area: rows of seats drawn as small blocks.
    wait = QRectF(hall.left() + 260, hall.top() + 150, 560, 250)
    box(p, wait, QColor("#eef2f6"), RULE, radius=12)
    text(
        p,
        QRectF(wait.left(), wait.top() + 6, wait.width(), 36),
        "等候区（座位120个）",
        font(24, True),
        INK,
        Qt.AlignmentFlag.AlignCenter,
    )
    for r in range(4):
        for c in range(10):
            p.fillRect(QRectF(wait.left() + 40 + c * 50, wait.top() + 60 + r * 46, 34, 26), QColor("#b8c4d0"))
    # Self-service corner and family room.
    zone = QRectF(hall.right() - 470, hall.top() + 150, 330, 140)
    box(p, zone, QColor("#e9f3ec"), RULE, radius=12)
    text(p, zone, "自助服务区\n（自助终端12台）", font(24, True), GREEN, Qt.AlignmentFlag.AlignCenter)
    room = QRectF(hall.right() - 470, hall.top() + 310, 330, 100)
    box(p, room, QColor("#f6eee2"), RULE, radius=12)
    text(p, room, "母婴室 · 休息区", font(24, True), GOLD, Qt.AlignmentFlag.AlignCenter)
    desk = QRectF(hall.center().x() - 200, hall.bottom() - 130, 300, 76)
    box(p, desk, QColor("#fbe9e7"), RED, radius=38, width=3)
    text(p, desk, "咨询导引台", font(26, True), RED, Qt.AlignmentFlag.AlignCenter)
    # Entrance: a gap in the south wall with an arrow pointing in.
    door = QRectF(hall.center().x() - 260, hall.bottom() - 6, 160, 12)
    p.fillRect(door, WHITE)
    p.setPen(QPen(RED, 6))
    cx = door.center().x()
    p.drawLine(QPointF(cx, hall.bottom() + 34), QPointF(cx, hall.bottom() - 40))
    p.setBrush(RED)
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(cx - 16, hall.bottom() - 30),
                QPointF(cx + 16, hall.bottom() - 30),
                QPointF(cx, hall.bottom() - 56),
            ]
        )
    )
    text(
        p,
        QRectF(cx - 150, hall.bottom() - 64, 130, 40),
        "主入口",
        font(26, True),
        RED,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    )
    legend(p, 80, 846, [(f"{name} {a}–{b}" if a != b else name, color) for name, a, b, color, _ in HALL_ZONES], px=18)
    return save_png(image, p, "cw-006-hall-floor-plan.png")


STUDY_SESSIONS = [
    (1, "年度学习计划部署", "研究确定全年专题"),
    (3, "法治政府建设专题", "邀请法学院教授辅导"),
    (4, "党纪学习专题", "逐章学习纪律处分条例"),
    (6, "优化营商环境专题", "赴政务大厅现场调研"),
    (7, "意识形态工作专题", "研判网络舆情处置"),
    (9, "数字政府建设专题", "交流“一网通办”经验"),
    (10, "安全生产与应急管理", "人防办汇报应急演练"),
    (12, "年度学习总结交流", "撰写学习体会文章"),
]


def study_timeline() -> Path:
    """Twelve-month line with the eight group-study sessions as alternating cards."""
    image, p = canvas(1600, 900)
    header(p, 1600, "市政府党组2026年理论学习中心组学习安排", "全年集中学习8次 · 每次不少于半天")
    left, right, axis = 150.0, 1450.0, 500.0
    step = (right - left) / 12
    p.setPen(QPen(INK, 6))
    p.drawLine(QPointF(left, axis), QPointF(right, axis))
    for m in range(1, 13):
        x = left + (m - 0.5) * step
        p.setPen(QPen(INK, 3))
        p.drawLine(QPointF(x, axis - 10), QPointF(x, axis + 10))
        text(p, QRectF(x - 40, axis + 14, 80, 30), f"{m}月", font(20), MUTED, Qt.AlignmentFlag.AlignCenter)
    for i, (month, topic, note) in enumerate(STUDY_SESSIONS):
        x = left + (month - 0.5) * step
        above = i % 2 == 0  # alternate sides so neighbouring cards never overlap
        color = RED if month <= 6 else BLUE
        card = QRectF(x - 150, 190 if above else 580, 300, 150)
        # Connector from the axis to the card, then a dot on the axis.
        p.setPen(QPen(color, 3))
        p.drawLine(QPointF(x, axis), QPointF(x, card.bottom() if above else card.top()))
        box(p, card, WHITE, color, radius=14, width=3)
        p.setBrush(color)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QPointF(x, axis), 13, 13)
        text(p, QRectF(card.left() + 16, card.top() + 10, 268, 30), f"第{i + 1}次 · {month}月", font(20, True), color)
        text(
            p,
            QRectF(card.left() + 16, card.top() + 42, 268, 56),
            topic,
            font(24, True),
            INK,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )
        text(p, QRectF(card.left() + 16, card.top() + 104, 268, 36), note, font(19), MUTED)
    legend(p, 150, 820, [("上半年", RED), ("下半年", BLUE)])
    return save_png(image, p, "ps-001-study-timeline.png")


LEADERSHIP = [
    ("党组副书记", "协助书记工作，负责机关日常事务", ["研究室", "政务大厅管委办"]),
    ("党组成员（一）", "负责对外交往和侨务联系", ["外事办", "侨联"]),
    ("党组成员（二）", "负责驻外机构联络服务", ["驻京联络处", "驻兰办"]),
    ("党组成员（三）", "负责人防建设和地方志工作", ["人防办", "地方志办公室"]),
    ("党组成员（四）", "兼任机关党委书记，负责机关党建和作风建设", ["机关党委", "机关纪委"]),
]


def leadership_chart() -> Path:
    """Organisation chart of the leading group's division of duties."""
    image, p = canvas(1600, 900)
    header(p, 1600, "市政府党组成员工作分工示意图", "2026年9月调整后 · 以党组文件为准")
    top = QRectF(600, 170, 400, 110)
    box(p, top, RED, radius=14)
    text(
        p,
        QRectF(top.left(), top.top() + 10, top.width(), 46),
        "党组书记",
        font(32, True),
        WHITE,
        Qt.AlignmentFlag.AlignCenter,
    )
    text(
        p,
        QRectF(top.left(), top.top() + 58, top.width(), 40),
        "主持党组全面工作",
        font(22),
        WHITE,
        Qt.AlignmentFlag.AlignCenter,
    )
    bw, gap, row_y = 280.0, 24.0, 370.0
    start = (1600 - (len(LEADERSHIP) * bw + (len(LEADERSHIP) - 1) * gap)) / 2
    p.setPen(QPen(INK, 3))
    p.drawLine(QPointF(800, top.bottom()), QPointF(800, row_y - 40))
    p.drawLine(QPointF(start + bw / 2, row_y - 40), QPointF(start + bw / 2 + 4 * (bw + gap), row_y - 40))
    for i, (role, duty, units) in enumerate(LEADERSHIP):
        x = start + i * (bw + gap)
        p.setPen(QPen(INK, 3))
        p.drawLine(QPointF(x + bw / 2, row_y - 40), QPointF(x + bw / 2, row_y))
        card = QRectF(x, row_y, bw, 170)
        box(p, card, WHITE, BLUE, radius=12, width=3)
        text(p, QRectF(x + 12, row_y + 10, bw - 24, 64), role, font(24, True), BLUE, Qt.AlignmentFlag.AlignCenter)
        text(p, QRectF(x + 16, row_y + 78, bw - 32, 80), duty, font(20), INK, Qt.AlignmentFlag.AlignCenter)
        for j, unit in enumerate(units):
            chip = QRectF(x + 20, row_y + 210 + j * 74, bw - 40, 56)
            p.setPen(QPen(RULE, 2))
            p.drawLine(
                QPointF(x + bw / 2, card.bottom() if j == 0 else chip.top() - 18), QPointF(x + bw / 2, chip.top())
            )
            box(p, chip, QColor("#e8eef4"), radius=28)
            text(p, chip, unit, font(22, True), INK, Qt.AlignmentFlag.AlignCenter)
    text(
        p,
        QRectF(80, 830, 1440, 40),
        "分管同志按分工履行“一岗双责”，对分管单位党风廉政建设负直接领导责任。",
        font(20),
        MUTED,
        Qt.AlignmentFlag.AlignCenter,
    )
    return save_png(image, p, "org-001-leadership-chart.png")


def _book(p: QPainter, rect: QRectF, color: QColor) -> None:
    box(p, rect, color, radius=6)
    p.fillRect(QRectF(rect.left() + 14, rect.top() + 20, rect.width() - 28, 8), QColor(255, 255, 255, 170))
    p.fillRect(QRectF(rect.left() + 14, rect.bottom() - 28, rect.width() - 28, 8), QColor(255, 255, 255, 170))


def reading_poster() -> Path:
    """Poster for the April reading month: bold title, stacked books, the programme."""
    image, p = canvas(1200, 900, QColor("#fbf6ec"))
    p.fillRect(QRectF(0, 0, 1200, 300), RED)
    text(p, QRectF(60, 40, 1080, 40), "2026年机关读书月活动", font(30), QColor("#ffe3b3"))
    text(p, QRectF(60, 90, 1080, 110), "书香机关 · 悦读同行", font(84, True), WHITE)
    text(p, QRectF(60, 210, 1080, 50), "4月1日—4月30日  ·  机关综合楼三楼职工书屋", font(30), QColor("#ffe3b3"))
    text(
        p,
        QRectF(1200 - 480, 260, 460, 36),
        DEMO_MARK,
        font(18),
        QColor("#ffe3b3"),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    )
    # A stack of books on the left, drawn as rounded slabs.
    for i, (color, w) in enumerate([(BLUE, 330), (GOLD, 300), (GREEN, 350), (PURPLE, 310), (TEAL, 290)]):
        _book(p, QRectF(70 + (360 - w) / 2, 780 - (i + 1) * 80, w, 66), color)
    p.fillRect(QRectF(60, 784, 380, 14), INK)
    programme = [
        ("4月8日", "好书推荐会", "各支部推荐书目，汇编《推荐书单》"),
        ("4月16日", "青年读书分享会", "35岁以下干部每人分享一本书"),
        ("4月23日", "“方志里的本市”讲座", "地方志办公室专家主讲"),
        ("4月28日", "读书笔记展评", "评选优秀读书笔记20篇"),
    ]
    for i, (date, name, note) in enumerate(programme):
        y = 340 + i * 120
        box(p, QRectF(490, y, 660, 100), WHITE, RULE, radius=12)
        text(p, QRectF(510, y + 10, 150, 80), date, font(30, True), RED)
        text(p, QRectF(660, y + 8, 480, 44), name, font(30, True), INK)
        text(p, QRectF(660, y + 52, 480, 38), note, font(22), MUTED)
    text(
        p,
        QRectF(60, 830, 1080, 40),
        "主办：市政府机关党委    承办：地方志办公室党支部",
        font(24),
        INK,
        Qt.AlignmentFlag.AlignCenter,
    )
    return save_png(image, p, "ps-004-reading-poster.png")


def shelter_building() -> Path:
    """Photo-like cut-away of the office building and its civil air defence basement."""
    image, p = canvas(1600, 900, SKY)
    p.fillRect(QRectF(0, 560, 1600, 340), SOIL)
    p.fillRect(QRectF(0, 540, 1600, 24), GRASS)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#f4d58d"))
    p.drawEllipse(QPointF(1440, 130), 60, 60)
    # Two flat clouds built from overlapping circles.
    p.setBrush(WHITE)
    for cx, cy in ((230, 205), (980, 90)):
        for dx, r in ((-50, 34), (0, 46), (52, 36)):
            p.drawEllipse(QPointF(cx + dx, cy), r, r)
    # Main building: six storeys, a grid of windows, a canopy over the door.
    body = QRectF(460, 200, 680, 345)
    p.fillRect(body, QColor("#e6e1d6"))
    p.fillRect(QRectF(440, 180, 720, 24), QColor("#9a8f7e"))
    for floor in range(5):
        for col in range(9):
            p.fillRect(QRectF(490 + col * 72, 225 + floor * 56, 46, 34), QColor("#7fa7c2"))
    p.fillRect(QRectF(740, 470, 120, 75), QColor("#5b4636"))
    p.fillRect(QRectF(710, 455, 180, 16), QColor("#9a8f7e"))
    # Flagpole with a plain red flag.
    p.fillRect(QRectF(380, 260, 6, 285), QColor("#8d8d8d"))
    p.fillRect(QRectF(386, 262, 90, 58), RED)
    # Trees either side.
    for x in (180, 300, 1260, 1380):
        p.fillRect(QRectF(x - 7, 470, 14, 75), QColor("#6d4c35"))
        p.setBrush(QColor("#4f8a4b"))
        p.drawEllipse(QPointF(x, 445), 50, 58)
    # Basement cut-away: the shelter that doubles as the car park.
    base = QRectF(420, 610, 760, 220)
    box(p, base, QColor("#efe9dc"), INK, radius=4, width=5)
    p.fillRect(QRectF(420, 600, 760, 12), QColor("#7a7a7a"))
    for i in range(6):
        car = QRectF(460 + i * 118, 740, 90, 46)
        box(p, car, [BLUE, GOLD, GREEN, PURPLE, TEAL, BLUE][i], radius=12)
        p.setBrush(INK)
        p.drawEllipse(QPointF(car.left() + 20, car.bottom()), 10, 10)
        p.drawEllipse(QPointF(car.right() - 20, car.bottom()), 10, 10)
    text(
        p,
        QRectF(440, 630, 720, 50),
        "地下一层人防工程（建筑面积约6,800平方米）",
        font(28, True),
        INK,
        Qt.AlignmentFlag.AlignCenter,
    )
    text(
        p,
        QRectF(440, 680, 720, 40),
        "平时：机关停车场（车位186个）    战时：人员掩蔽",
        font(24),
        MUTED,
        Qt.AlignmentFlag.AlignCenter,
    )
    # Ramp from the street down into the basement.
    ramp = QPainterPath()
    ramp.moveTo(1180, 612)
    ramp.lineTo(1420, 548)
    ramp.lineTo(1420, 572)
    ramp.lineTo(1180, 660)
    ramp.closeSubpath()
    p.setBrush(QColor("#8a8a8a"))
    p.drawPath(ramp)
    text(p, QRectF(1230, 600, 330, 40), "车辆出入口（东侧）", font(22, True), INK)
    text(p, QRectF(60, 20, 900, 60), "机关综合楼人防工程改造示意", font(38, True), INK)
    text(p, QRectF(60, 74, 900, 40), "“平战结合”改造工程 · 2026年5月—10月", font(22), MUTED)
    text(
        p,
        QRectF(1040, 850, 530, 36),
        DEMO_MARK,
        font(18),
        INK,
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    )
    return save_png(image, p, "cw-007-shelter-building.png")


# Monthly membership dues in yuan, first half of 2026; item org-004 quotes these sums.
DUES = [("1月", 18420), ("2月", 18380), ("3月", 18510), ("4月", 18560), ("5月", 18600), ("6月", 18640)]


def dues_chart() -> Path:
    """Monthly dues as columns, with the key figures in a panel on the right."""
    image, p = canvas(1200, 900)
    header(p, 1200, "2026年上半年党费收缴情况", "单位：元 · 机关党委汇总")
    left, bottom, height, col = 130.0, 760.0, 520.0, 90.0
    top_value = 20000
    for v in range(0, top_value + 1, 5000):
        y = bottom - height * v / top_value
        p.setPen(QPen(RULE, 2))
        p.drawLine(QPointF(left, y), QPointF(left + 6 * (col + 20), y))
        text(
            p,
            QRectF(20, y - 16, 100, 32),
            f"{v:,}",
            font(18),
            MUTED,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
    for i, (month, amount) in enumerate(DUES):
        x = left + 14 + i * (col + 20)
        h = height * amount / top_value
        p.fillRect(QRectF(x, bottom - h, col, h), RED)
        text(
            p,
            QRectF(x - 20, bottom - h - 36, col + 40, 30),
            f"{amount:,}",
            font(18, True),
            INK,
            Qt.AlignmentFlag.AlignCenter,
        )
        text(p, QRectF(x, bottom + 8, col, 30), month, font(20), INK, Qt.AlignmentFlag.AlignCenter)
    panel = QRectF(830, 200, 320, 560)
    box(p, panel, WHITE, RULE, radius=14)
    facts = [
        ("党员人数", "212名"),
        ("按时足额缴纳", "212名"),
        ("上半年合计", f"{sum(a for _, a in DUES):,}元"),
        ("按规定上缴", "全额上缴"),
        ("下拨支部活动经费", "12,600元"),
    ]
    for i, (label, value) in enumerate(facts):
        y = panel.top() + 24 + i * 106
        text(p, QRectF(panel.left() + 24, y, 280, 30), label, font(20), MUTED)
        text(p, QRectF(panel.left() + 24, y + 32, 280, 50), value, font(32, True), RED if i == 2 else INK)
    text(p, QRectF(130, 820, 1020, 40), "党费按月收缴，由各支部组织委员登记，机关党委每季度核对一次。", font(20), MUTED)
    return save_png(image, p, "org-004-dues-chart.png")


# --------------------------------------------------------------------------- PDFs


class PdfDoc:
    """A tiny flowing-layout helper on top of QPdfWriter: headings, paragraphs, tables.

    Everything is measured with the same painter that draws it, so page breaks are
    computed against the real font metrics of the PDF device.
    """

    DPI = 150

    def __init__(self, path: Path, title: str) -> None:
        self.path = path
        self.title = title
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(self.DPI)
        self.writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.writer.setPageMargins(QMarginsF(18, 16, 18, 18), QPageLayout.Unit.Millimeter)
        self.writer.setTitle(title)
        self.writer.setCreator("Lobby Kiosk demo_media")
        # A fixed document id: otherwise Qt picks a random one on every run.
        self.writer.setDocumentId(QUuid(f"{{6d1c2f0e-2a57-4f0b-9c3e-3b1f5e7a{sum(map(ord, title)) % 10000:04d}}}"))
        self.painter = QPainter(self.writer)
        self.width = float(self.writer.width())
        self.height = float(self.writer.height())
        self.footer_h = 50.0
        self.y = 0.0
        self.page = 1

    # Measuring and paging ---------------------------------------------------

    def measure(self, s: str, f: QFont, width: float) -> float:
        self.painter.setFont(f)
        r = self.painter.boundingRect(QRectF(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), s)
        return r.height()

    def room(self) -> float:
        return self.height - self.footer_h - self.y

    def new_page(self) -> None:
        self.footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def footer(self) -> None:
        p = self.painter
        p.setPen(QPen(RULE, 2))
        p.drawLine(QPointF(0, self.height - 40), QPointF(self.width, self.height - 40))
        text(p, QRectF(0, self.height - 36, self.width / 2, 36), f"{self.title}  ·  {DEMO_MARK}", pt_font(8), MUTED)
        text(
            p,
            QRectF(self.width / 2, self.height - 36, self.width / 2, 36),
            f"第 {self.page} 页",
            pt_font(8),
            MUTED,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )

    # Content ------------------------------------------------------------------

    def title_block(self, title: str, subtitle: str) -> None:
        p = self.painter
        p.fillRect(QRectF(0, self.y, self.width, 10), RED)
        self.y += 40
        h = self.measure(title, pt_font(20, True), self.width)
        text(p, QRectF(0, self.y, self.width, h), title, pt_font(20, True), INK, Qt.AlignmentFlag.AlignCenter)
        self.y += h + 10
        text(p, QRectF(0, self.y, self.width, 40), subtitle, pt_font(11), MUTED, Qt.AlignmentFlag.AlignCenter)
        self.y += 80

    def heading(self, s: str) -> None:
        h = self.measure(s, pt_font(14, True), self.width) + 20
        if self.room() < h + 120:  # never leave a heading alone at the foot of a page
            self.new_page()
        self.painter.fillRect(QRectF(0, self.y + 8, 8, h - 20), RED)
        text(self.painter, QRectF(22, self.y, self.width - 22, h), s, pt_font(14, True))
        self.y += h + 6

    def paragraph(self, s: str, indent: bool = True) -> None:
        s = ("\u3000\u3000" + s) if indent else s
        h = self.measure(s, pt_font(11), self.width)
        if self.room() < h:
            self.new_page()
        text(
            self.painter,
            QRectF(0, self.y, self.width, h),
            s,
            pt_font(11),
            INK,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        )
        self.y += h + 14

    def table(self, headers: Sequence[str], widths: Sequence[float], rows: Sequence[Sequence[str]]) -> None:
        """A ruled table; ``widths`` are fractions of the text width. Headers repeat per page."""
        cols = [w * self.width for w in widths]
        pad = 10.0

        def row_height(cells: Sequence[str], f: QFont) -> float:
            return max(self.measure(c, f, w - 2 * pad) for c, w in zip(cells, cols, strict=False)) + 2 * pad

        def draw_row(cells: Sequence[str], f: QFont, fill: QColor | None) -> None:
            h = row_height(cells, f)
            x = 0.0
            for c, w in zip(cells, cols, strict=False):
                rect = QRectF(x, self.y, w, h)
                if fill is not None:
                    self.painter.fillRect(rect, fill)
                self.painter.setPen(QPen(RULE, 2))
                self.painter.setBrush(Qt.BrushStyle.NoBrush)
                self.painter.drawRect(rect)
                text(
                    self.painter,
                    rect.adjusted(pad, pad, -pad, -pad),
                    c,
                    f,
                    WHITE if fill == BLUE else INK,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                )
                x += w
            self.y += h

        head_font, body_font = pt_font(10, True), pt_font(10)
        draw_row(headers, head_font, BLUE)
        for i, cells in enumerate(rows):
            if self.room() < row_height(cells, body_font):
                self.new_page()
                draw_row(headers, head_font, BLUE)
            draw_row(cells, body_font, QColor("#f4f1ea") if i % 2 else None)
        self.y += 30

    def image(self, path: Path) -> None:
        picture = QImage(str(path))
        h = self.width * picture.height() / picture.width()
        if self.room() < h:
            self.new_page()
        self.painter.drawImage(QRectF(0, self.y, self.width, h), picture)
        self.y += h + 24

    def finish(self) -> Path:
        self.footer()
        self.painter.end()
        _pin_pdf_metadata(self.path)
        return self.path


def _pin_pdf_metadata(path: Path) -> None:
    """Replace the run-time timestamps Qt writes with a fixed date of the same length.

    The byte length must not change, or the cross-reference table's offsets would break.
    Qt writes dates as ``(D:YYYYMMDDHHmmSS...)`` in the info dictionary and ISO dates in
    the XMP packet (as attributes or elements); all are overwritten in place.
    """
    import re

    data = path.read_bytes()

    def same_length(old: bytes, candidates: tuple[bytes, ...]) -> bytes:
        for fixed in candidates:  # the same instant written the ways Qt may write it
            if len(fixed) == len(old):
                return fixed
        raise SystemExit(f"{path.name}: unexpected PDF date format {old!r}")

    def pdf_date(m: re.Match[bytes]) -> bytes:
        fixed = same_length(m.group(2), (b"D:20260101010000Z", b"D:20260101090000+08'00'", b"D:20260101090000+08'00"))
        return m.group(1) + fixed + b")"

    def xmp_date(m: re.Match[bytes]) -> bytes:
        fixed = same_length(
            m.group(2), (b"2026-01-01T01:00:00Z", b"2026-01-01T09:00:00+08:00", b"2026-01-01T01:00:00.000Z")
        )
        return m.group(1) + fixed + m.group(3)

    data = re.sub(rb"(/(?:CreationDate|ModDate) ?\()([^)]*)\)", pdf_date, data)
    data = re.sub(rb'(xmp:(?:CreateDate|ModifyDate|MetadataDate)=")([^"]*)(")', xmp_date, data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(<)", xmp_date, data)
    path.write_bytes(data)


# Catalogue rows: (category, matter, content, timing, form, responsible). Written for the demo.
CATALOGUE = [
    (
        "全局和中心工作",
        "年度工作要点",
        "党组年度工作要点及重点任务分解",
        "印发后20个工作日内",
        "触摸屏、门户网站",
        "办公室",
    ),
    ("全局和中心工作", "年度工作总结", "上年度工作总结报告", "次年3月底前", "触摸屏、门户网站", "办公室"),
    ("全局和中心工作", "民生实事", "年度民生实事项目清单及推进情况", "按季度更新", "触摸屏、公开栏", "研究室"),
    (
        "全局和中心工作",
        "重大决策",
        "涉及群众切身利益的重大决策及征求意见情况",
        "决策作出后7个工作日内",
        "触摸屏、门户网站",
        "办公室",
    ),
    ("全局和中心工作", "重点调研", "年度重点调研课题及成果转化情况", "年初、年末各一次", "触摸屏", "研究室"),
    ("全局和中心工作", "热点难点", "群众反映集中问题及办理情况", "按季度", "触摸屏、公开栏", "政务大厅管委办"),
    ("全局和中心工作", "侨务工作", "为侨服务项目及侨资侨智对接情况", "阶段性公开", "触摸屏", "侨联"),
    ("全局和中心工作", "人防建设", "人防工程建设、维护管理和警报试鸣安排", "事前公开", "触摸屏、门户网站", "人防办"),
    ("全局和中心工作", "地方志编纂", "年鉴、志书编纂进度及出版发行情况", "阶段性公开", "触摸屏", "地方志办公室"),
    ("思想政治建设", "中心组学习", "党组理论学习中心组年度学习计划", "每年2月底前", "触摸屏、公开栏", "机关党委"),
    ("思想政治建设", "学习落实情况", "中心组学习开展情况通报", "每半年", "触摸屏", "机关党委"),
    ("思想政治建设", "支部学习", "各党支部年度学习计划及执行情况", "每半年", "公开栏", "各党支部"),
    ("思想政治建设", "主题活动", "年度主题实践活动方案及开展情况", "活动开展前后", "触摸屏、公开栏", "机关党委"),
    ("思想政治建设", "文明创建", "文明单位创建目标、措施和评比结果", "阶段性公开", "触摸屏", "各单位"),
    ("思想政治建设", "志愿服务", "党员志愿服务活动安排及参与情况", "活动结束后", "公开栏", "机关党委"),
    ("组织建设", "领导分工", "党组成员分工及调整情况", "调整后5个工作日内", "触摸屏、门户网站", "办公室"),
    ("组织建设", "岗位职责", "各单位主要职责和内设机构", "长期公开，变化时更新", "触摸屏", "人事处"),
    ("组织建设", "民主生活会", "民主生活会召开情况及查摆问题", "会后15个工作日内", "触摸屏", "机关党委"),
    ("组织建设", "整改落实", "民主生活会整改措施及落实情况", "整改期满后", "触摸屏", "机关党委"),
    ("组织建设", "组织生活会", "支部组织生活会和民主评议党员情况", "每年一次", "公开栏", "各党支部"),
    ("组织建设", "换届选举", "党支部换届选举程序、候选人及结果", "选举前后", "触摸屏、公开栏", "机关党委"),
    ("组织建设", "党费收缴", "党费收缴、使用和管理情况", "每半年", "触摸屏、公开栏", "机关党委"),
    ("组织建设", "发展党员", "发展对象、预备党员公示", "公示期不少于5个工作日", "公开栏", "各党支部"),
    ("组织建设", "干部选任", "干部选拔任用任前公示", "公示期不少于5个工作日", "触摸屏、公开栏", "人事处"),
    ("组织建设", "年度考核", "机关干部年度考核结果等次分布", "考核结束后", "触摸屏", "人事处"),
    ("组织建设", "表彰奖励", "优秀共产党员、先进党支部评选结果", "评选结束后", "触摸屏、公开栏", "机关党委"),
    ("作风建设", "纪律执行", "工作纪律、考勤和作风督查情况", "每季度", "触摸屏", "机关纪委"),
    ("作风建设", "述职述廉", "领导班子和领导干部述职述廉报告", "述职后10个工作日内", "触摸屏", "机关纪委"),
    ("作风建设", "公务接待", "公务接待批次、人数和费用情况", "每年一次", "触摸屏、门户网站", "办公室"),
    ("作风建设", "因公出国（境）", "出访团组、任务和经费情况", "出访结束后", "触摸屏、门户网站", "外事办"),
    ("作风建设", "违纪处理", "违纪问题查处情况通报（隐去个人信息）", "处理决定生效后", "触摸屏", "机关纪委"),
    ("作风建设", "服务评价", "政务服务“好差评”结果及整改情况", "每月", "触摸屏", "政务大厅管委办"),
    ("作风建设", "重大事项报告", "重大事项请示报告和通报情况", "每半年", "触摸屏", "研究室"),
    ("作风建设", "涉侨资金", "涉侨专项资金使用情况", "每年一次", "触摸屏", "侨联"),
    ("制度建设", "公开制度", "党务公开实施细则及公开目录", "制定或修订后", "触摸屏、门户网站", "办公室"),
    ("制度建设", "议事规则", "党组会议议事规则", "制定或修订后", "触摸屏", "办公室"),
    ("制度建设", "集体决策", "“三重一大”事项集体决策制度及执行情况", "每年一次", "触摸屏", "办公室"),
    ("制度建设", "监督管理", "内部监督管理办法及执行情况", "制定或修订后", "触摸屏", "各单位"),
    ("制度建设", "人事管理", "编外人员管理、干部交流等人事制度改革", "制定或修订后", "触摸屏", "人事处"),
    ("制度建设", "选举制度", "党支部选举工作规程", "制定或修订后", "触摸屏、公开栏", "机关党委"),
    ("制度建设", "档案管理", "档案资料管理和查阅利用规定", "制定或修订后", "触摸屏", "地方志办公室"),
    (
        "制度建设",
        "办事指南",
        "政务大厅办事指南及服务承诺",
        "长期公开，变化时更新",
        "触摸屏、门户网站",
        "政务大厅管委办",
    ),
]


def disclosure_catalogue() -> Path:
    doc = PdfDoc(MEDIA_DIR / "in-001-disclosure-catalogue-2026.pdf", "党务公开目录（2026年版）")
    doc.title_block("市政府党组党务公开目录（2026年版）", "市政府党组办公室编制 · 2026年3月")
    doc.heading("说明")
    doc.paragraph(
        "本目录依据《市政府党组党务公开实施细则》编制，列明全局和中心工作、思想政治建设、组织建设、"
        f"作风建设、制度建设五类公开事项，共{len(CATALOGUE)}项。除涉及党和国家秘密、个人隐私以及按规定不宜公开的内容外，"
        "目录所列事项均应按时限公开。"
    )
    doc.paragraph(
        "公开方式中的“触摸屏”指设在机关综合楼一层大厅的党务公开查询终端，“公开栏”指各楼层党务公开栏，"
        "“门户网站”指市政府门户网站党务公开专栏。公开时限自事项形成或变更之日起计算。"
    )
    doc.paragraph("目录实行动态管理，由办公室每年一季度组织修订一次；各责任单位对公开内容的真实性、准确性负责。")
    doc.heading("公开事项一览")
    rows = [(str(i + 1), *row) for i, row in enumerate(CATALOGUE)]
    doc.table(
        ["序号", "类别", "公开事项", "公开内容", "公开时限", "公开方式", "责任单位"],
        [0.07, 0.15, 0.13, 0.25, 0.15, 0.12, 0.13],
        rows,
    )
    doc.heading("监督与咨询")
    doc.paragraph(
        "对公开内容有疑问的，可在工作日到一层大厅咨询导引台查询，也可通过大厅意见箱提出意见建议。"
        "机关纪委每半年对目录执行情况开展一次监督检查，检查结果在触摸屏公开。"
    )
    return doc.finish()


HALL_MATTERS = [
    ("企业设立登记", "1—6", "申请书、章程、住所证明、经办人身份证件", "1个工作日"),
    ("企业注销（简易）", "1—6", "简易注销承诺书、营业执照正副本", "3个工作日"),
    ("不动产转移登记", "7—10", "申请书、身份证件、不动产权证书、完税凭证", "3个工作日"),
    ("不动产抵押登记", "7—10", "申请书、主债权合同、抵押合同", "1个工作日"),
    ("登记资料查询", "7—10", "身份证件，代查需授权委托书", "即时办结"),
    ("社保卡补换", "11—14", "身份证件，近期免冠照片（可现场拍摄）", "即时制卡"),
    ("异地就医备案", "11—14", "身份证件、备案申请表", "即时办结"),
    ("灵活就业参保登记", "11—14", "身份证件、参保登记表", "即时办结"),
    ("居住证办理", "15—18", "身份证件、居住证明", "10个工作日"),
    ("户口迁入", "15—18", "户口簿、准予迁入证明及相关材料", "5个工作日"),
    ("出入境证件受理", "15—18", "身份证件，现场采集指纹和照片", "7个工作日"),
    ("发票代开", "19—22", "身份证件、合同或协议", "即时办结"),
    ("个人所得税汇算咨询", "19—22", "身份证件", "即时答复"),
    ("帮办代办", "23", "身份证件，由工作人员全程陪同", "按事项时限"),
    ("“办不成事”反映", "24", "无需材料，说明事由即可", "当日响应，5个工作日内答复"),
]


def hall_guide(floor_plan: Path) -> Path:
    doc = PdfDoc(MEDIA_DIR / "in-006-service-hall-guide.pdf", "政务大厅办事指南（2026年版）")
    doc.title_block("本市政务服务大厅办事指南", "2026年版 · 政务大厅管理委员会办公室印制")
    doc.heading("一、基本信息")
    doc.paragraph("地址：本市新城区和平路88号机关综合楼一层（南门进入）。", indent=False)
    doc.paragraph(
        "办公时间：周一至周五 上午9:00—12:00，下午13:30—17:30；每周六上午9:00—12:00提供"
        "企业开办、社保医保、户政业务“周末不打烊”服务。法定节假日另行公告。",
        indent=False,
    )
    doc.paragraph("咨询方式：一层咨询导引台现场咨询，或拨打政务服务热线（示例号码 0000-1234567）。", indent=False)
    doc.heading("二、到厅须知")
    for i, s in enumerate(
        [
            "请携带本人有效身份证件原件；代他人办理的，另需携带授权委托书和代办人身份证件。",
            "进入大厅后先到咨询导引台或自助终端取号，按叫号顺序到对应窗口办理，过号后请重新取号。",
            "大部分事项可在网上预约，预约群众凭预约短信直接到窗口办理，无需排队取号。",
            "老年人、残疾人、孕妇等群众可到23号窗口申请帮办代办，工作人员全程陪同。",
            "材料不全的，窗口一次性告知需补正的全部材料；基本条件具备、次要材料欠缺的，可按规定容缺受理。",
            "大厅内请保持安静，勿吸烟，勿占用他人座位；停车请使用地下一层停车场（施工期间另行公告）。",
        ]
    ):
        doc.paragraph(f"{i + 1}. {s}", indent=False)
    doc.new_page()
    doc.heading("三、窗口分布")
    doc.image(floor_plan)
    doc.table(
        ["区域", "窗口号", "主要业务"],
        [0.3, 0.15, 0.55],
        [(name, f"{a}—{b}" if a != b else str(a), business) for name, a, b, _, business in HALL_ZONES],
    )
    doc.new_page()
    doc.heading("四、常办事项一览")
    doc.table(["事项名称", "窗口", "所需主要材料", "承诺时限"], [0.22, 0.12, 0.44, 0.22], HALL_MATTERS)
    doc.paragraph("以上为常办事项的主要材料，具体以窗口一次性告知和网上办事指南为准。", indent=False)
    doc.heading("五、评价与投诉")
    doc.paragraph(
        "每笔业务办结后，可通过窗口评价器、自助终端或短信链接对服务进行“好差评”。对差评事项，"
        "管委办在1个工作日内回访核实，5个工作日内反馈整改结果。"
    )
    doc.paragraph(
        "对窗口工作人员服务态度、办事效率有意见的，可到24号“办不成事”反映窗口当面反映，"
        "或在大厅意见箱留言。反映情况属实的，按照大厅管理制度处理并公开通报。"
    )
    return doc.finish()


# --------------------------------------------------------------------------- main


def generate() -> list[Path]:
    """Write every demo media file and return their paths."""
    ensure_app()
    check_font()
    MEDIA_DIR.mkdir(parents=True, exist_ok=True)
    plan = hall_floor_plan()
    outputs = [
        livelihood_chart(),
        plan,
        study_timeline(),
        leadership_chart(),
        reading_poster(),
        shelter_building(),
        dues_chart(),
        disclosure_catalogue(),
        hall_guide(plan),
    ]
    return outputs


def main() -> int:
    for path in generate():
        print(f"{path.stat().st_size:>9,} bytes  {path.relative_to(MEDIA_DIR.parents[2])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
