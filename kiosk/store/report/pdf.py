"""The report as a PDF in Chinese, with charts, in an embedded CJK font (fpdf2).

The font is Noto Sans CJK SC, the kiosk's and the console's: fpdf2 embeds a subset of it
(its CFF outlines as a CID font), so the PDF reads the same on a machine without it and its
text can be extracted. It is found among :data:`FONT_FILES`; a TTC holds several faces, and
the Simplified Chinese one is picked by its name. No CJK font: :class:`FontMissing`, one line.

Item titles are untrusted: they are drawn as text (fpdf2 has no markup in ``cell`` and
``multi_cell`` unless asked for it), so ``<script>`` prints as those characters.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from kiosk.catalog import Catalog
from kiosk.store.report import charts, names

#: Where Noto Sans CJK usually is (Debian's fonts-noto-cjk first).
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
)
FACE = "Noto Sans CJK SC"
#: The console's colours (console.css).
INK, MUTED, ACCENT, LINE = (0x1F, 0x1B, 0x16), (0x5C, 0x55, 0x4B), (0xB7, 0x1C, 0x1C), (0xD8, 0xD1, 0xC2)
PAPER = (0xF5, 0xF2, 0xEA)


class FontMissing(RuntimeError):
    """No CJK font to embed."""


def font_file() -> tuple[str, int]:
    """The font file and, in a collection, the number of its Simplified Chinese face."""
    from fontTools.ttLib import TTCollection

    for candidate in FONT_FILES:
        if not Path(candidate).exists():
            continue
        if not candidate.endswith(".ttc"):
            return candidate, 0
        collection = TTCollection(candidate, lazy=True)
        try:
            names = [face["name"].getDebugName(1) for face in collection.fonts]
        finally:
            collection.close()
        if FACE in names:
            return candidate, names.index(FACE)
    raise FontMissing(f"no CJK font for the PDF: install fonts-noto-cjk ({FONT_FILES[0]})")


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


class _Report(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        path, number = font_file()
        self.add_font("cjk", fname=path, collection_font_number=number)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_font("cjk", size=11)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("cjk", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"第 {self.page_no()} 页", align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font("cjk", size=14)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("cjk", size=11)
        self.set_text_color(*INK)

    def para(self, text: str) -> None:
        self.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
        """A table; long cells wrap (nothing is cut off)."""
        self.set_draw_color(*LINE)
        self.set_fill_color(*PAPER)  # every other row on the console's paper colour
        # One face, no bold: headings are set apart by colour (the console's red band).
        headings = FontFace(emphasis="", color=(0xFF, 0xFF, 0xFF), fill_color=ACCENT)
        with self.table(
            col_widths=widths,
            text_align="LEFT",
            line_height=6,
            first_row_as_headings=True,
            headings_style=headings,
            cell_fill_mode="ROWS",
            cell_fill_color=PAPER,
        ) as table:
            table.row(header)
            for row in rows:
                table.row([str(v) for v in row])
        self.ln(2)

    def bar_chart(self, bars: list[charts.Bar], title: str) -> None:
        self.set_font("cjk", size=10)
        self.set_text_color(*MUTED)
        self.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        label_w, bar_w, h = 42.0, 100.0, 7.0
        if self.will_page_break(h * len(bars) + 4):
            self.add_page()
        for bar in bars:
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w, h, bar.label)
            self.set_fill_color(*_rgb(bar.colour))
            if bar.share > 0:
                self.rect(self.l_margin + label_w, y + 1, bar.share * bar_w, h - 2, style="F")
            self.set_xy(self.l_margin + label_w + bar.share * bar_w + 2, y)
            self.cell(20, h, str(bar.value), new_x="LMARGIN", new_y="NEXT")
        self.set_font("cjk", size=11)
        self.ln(2)


def render(report: dict, catalog: Catalog) -> bytes:
    pdf = _Report()
    pdf.set_title(f"公开工作阶段报告 {report['first']} 至 {report['last']}")
    pdf.add_page()
    pdf.set_font("cjk", size=20)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 12, "公开工作阶段报告", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    pdf.set_text_color(*MUTED)
    tl, d, f = report["timeliness"], report["disclosed"], report["feedback"]
    pdf.para(f"报告期 {report['first']} 至 {report['last']} · 时效评判至 {tl['horizon']} · 时区 {report['zone']}")
    pdf.set_text_color(*INK)

    pdf.heading("一、公开事项")
    pdf.para(f"本期发布 {d['items']} 个条目，共 {d['publications']} 次。")
    pdf.bar_chart(charts.categories(report, catalog), "各类别公开条目数")
    rows = [
        [names.category(catalog, r["category"]), names.unit(catalog, r["unit"]), r["items"], r["publications"]]
        for r in d["table"]
    ]
    pdf.grid(["类别", "单位", "条目", "发布次数"], rows or [["本期没有发布", "", "", ""]], [50, 60, 32, 32])

    pdf.heading("二、公开时效")
    disclosed = d["by_cadence"]
    rows = [
        [names.CADENCES.get(c, c), disclosed.get(c, {}).get("items", 0), *(counts[v] for v in names.VERDICTS)]
        for c, counts in tl["by_cadence"].items()
    ]
    rows.append(["合计", d["items"], *(tl["total"][v] for v in names.VERDICTS)])
    pdf.grid(["公开时限", "本期公开条目", *names.VERDICTS.values()], rows, [40, 36, 33, 33, 32])
    if tl["unscheduled"]:
        pdf.para(f"{tl['unscheduled']} 个条目缺少时间表，无法评判。")
    overdue = [r for r in tl["rows"] if r["verdict"] != "on-time"]
    if overdue:
        pdf.para("逾期和未公开：")
        pdf.grid(
            ["条目", "应公开", "应于", "公开于", "评判"],
            [
                [r["title"], r["what"], r["due"], r["disclosed"] or "—", names.VERDICTS[r["verdict"]]]
                for r in overdue[: names.DETAIL_LIMIT]
            ],
            [54, 44, 26, 26, 24],
        )
        if names.more(overdue):
            pdf.para(names.more(overdue))

    pdf.heading("三、修订和撤回")
    rv, wd = d["revisions"], d["withdrawals"]
    pdf.para(f"修订 {rv['count']} 次（{rv['items']} 个条目），其中根据意见修订 {rv['after_feedback']} 次。")
    pdf.para(f"撤回 {wd['count']} 次，其中收到意见后撤回 {wd['after_feedback']} 次。")
    if rv["after_feedback_rows"]:
        pdf.grid(
            ["条目", "修订版本", "回应的意见"],
            [[r["title"], r["revision"], r["feedback"]] for r in rv["after_feedback_rows"][: names.DETAIL_LIMIT]],
            [94, 30, 50],
        )

    pdf.heading("四、意见和评价")
    pdf.para(f"本期收到 {f['received']} 条。")
    rows = [[names.KINDS.get(k, k), *(counts[s] for s in names.STATUSES)] for k, counts in f["by_kind"].items()]
    pdf.grid(["类型", *names.STATUSES.values()], rows, [42, 33, 33, 33, 33])
    fu = f["follow_up"]
    pdf.para(
        f"应答复 {fu['owed']} 条：按期答复 {fu['in-time']}，逾期答复 {fu['late']}，未答复 {fu['unanswered']}；"
        f"按期答复率 {names.percent(fu['in_time_rate'])}。"
    )
    pdf.bar_chart(charts.ratings(report), "五级评价分布")
    pdf.para(
        f"满意率 {names.percent(f['satisfaction_rate'])}（{f['satisfied']}/{f['rated']}，计非常满意、满意、基本满意）。"
    )

    pdf.heading("五、终端使用")
    use = report["kiosk_use"]
    if use is None:
        pdf.para(names.NO_USE_DATA)
        return bytes(pdf.output())
    shown = [[names.category(catalog, key), names.duration(round(s))] for key, s in use["category_seconds"]]
    shown += [["空屏", names.duration(use["blank_seconds"])], ["非办公时间", names.duration(use["off_hours_seconds"])]]
    pdf.grid(["大屏显示", "时长"], shown, [100.0, 60.0])
    if use["shown_items"]:
        pdf.grid(["显示最多的条目", "时长"], [[t, names.duration(s)] for _, t, s in use["shown_items"]], [120.0, 40.0])
    if use["most_read"]:
        rows = [[t, names.openings(c, s)] for _, t, c, s in use["most_read"]]
        pdf.grid(["阅读最多的条目", "打开次数"], rows, [110.0, 50.0])
    if use["no_result_searches"]:
        rows = [[term, str(visits)] for term, visits in use["no_result_searches"]]
        pdf.grid(["未找到结果的搜索", "人次"], rows, [110.0, 50.0])
    return bytes(pdf.output())
