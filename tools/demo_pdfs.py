"""The demo pack's PDFs: a disclosure catalogue and a service-hall guide, laid out on QPdfWriter.

Their metadata (creation time, document id) is pinned so a regenerated file is byte for
byte the one in the repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from demo_drawing import (
    BLUE,
    DEMO_MARK,
    HALL_ZONES,
    INK,
    MUTED,
    RED,
    RULE,
    WHITE,
    output_dir,
    pt_font,
    text,
)
from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

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
    doc = PdfDoc(output_dir() / "in-001-disclosure-catalogue-2026.pdf", "党务公开目录（2026年版）")
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
    doc = PdfDoc(output_dir() / "in-006-service-hall-guide.pdf", "政务大厅办事指南（2026年版）")
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
