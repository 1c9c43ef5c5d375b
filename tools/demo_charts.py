"""The demo pack's charts (PNG): project progress, a study timeline, an organisation chart, dues.

The figures are fictional; the demo items that cite them quote the same numbers.
"""

from __future__ import annotations

from pathlib import Path

from demo_drawing import (
    BLUE,
    GOLD,
    GREEN,
    INK,
    MUTED,
    RED,
    RULE,
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
    QPen,
)

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
