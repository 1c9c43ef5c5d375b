"""The demo pack's illustrations (PNG): the service hall's floor plan and two posters.

Every picture is fictional and drawn for the demo; each function writes one file into
the media folder and returns its path.
"""

from __future__ import annotations

from pathlib import Path

from demo_drawing import (
    BLUE,
    DEMO_MARK,
    GOLD,
    GRASS,
    GREEN,
    HALL_ZONES,
    INK,
    MUTED,
    PURPLE,
    RED,
    RULE,
    SKY,
    SOIL,
    TEAL,
    WHITE,
    box,
    canvas,
    font,
    header,
    legend,
    save_png,
    text,
)
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)


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
