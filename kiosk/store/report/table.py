"""The report as CSV for spreadsheet programs: UTF-8 with a byte-order mark (Chinese
desktops' spreadsheets need it to read UTF-8), CRLF line ends, Chinese headers, one figure a
line as (部分, 项目, 细分, 数值), so every figure can be filtered and summed.

Item titles are visitors'-grade untrusted text: a cell that would start a formula is quoted
as the feedback export does."""

from __future__ import annotations

import csv
import io

from kiosk.catalog import Catalog
from kiosk.store.feedback import _cell as cell
from kiosk.store.report import names

HEADER = ("部分", "项目", "细分", "数值")


def rows(report: dict, catalog: Catalog) -> list[tuple[str, str, str, str | int]]:
    out: list[tuple[str, str, str, str | int]] = [("报告期", report["first"], report["last"], "")]
    d = report["disclosed"]
    out.append(("公开", "合计", "条目", d["items"]))
    out.append(("公开", "合计", "发布次数", d["publications"]))
    for row in d["table"]:
        where = f"{names.category(catalog, row['category'])} / {names.unit(catalog, row['unit'])}"
        out.append(("按类别和单位", where, "条目", row["items"]))
        out.append(("按类别和单位", where, "发布次数", row["publications"]))
    for key, v in d["by_category"].items():
        out.append(("按类别", names.category(catalog, key), "条目", v["items"]))
    for key, v in d["by_unit"].items():
        out.append(("按单位", names.unit(catalog, key), "条目", v["items"]))
    for key, v in d["by_cadence"].items():
        out.append(("按公开时限", names.CADENCES.get(key, key), "条目", v["items"]))
    t = report["timeliness"]
    for cadence, counts in t["by_cadence"].items():
        for verdict, n in counts.items():
            out.append(("公开时效", names.CADENCES.get(cadence, cadence), names.VERDICTS[verdict], n))
    out.append(("公开时效", "缺少时间表", "条目", t["unscheduled"]))
    for row in t["rows"]:
        if row["verdict"] != "on-time":
            out.append(
                ("逾期和未公开", row["title"], f"{row['what']} 应于 {row['due']}", names.VERDICTS[row["verdict"]])
            )
    r = d["revisions"]
    out.append(("修订和撤回", "修订", "次数", r["count"]))
    out.append(("修订和撤回", "根据意见修订", "次数", r["after_feedback"]))
    w = d["withdrawals"]
    out.append(("修订和撤回", "撤回", "次数", w["count"]))
    out.append(("修订和撤回", "收到意见后撤回", "次数", w["after_feedback"]))
    f = report["feedback"]
    out.append(("意见", "收到", "条", f["received"]))
    for kind, counts in f["by_kind"].items():
        for status, n in counts.items():
            out.append(("意见", names.KINDS.get(kind, kind), names.STATUSES[status], n))
    for key, name in names.FOLLOW_UP.items():
        out.append(("答复", name, "条", f["follow_up"][key]))
    out.append(("答复", "按期答复率", "", names.percent(f["follow_up"]["in_time_rate"])))
    for key, name in names.RATINGS.items():
        out.append(("评价", name, "条", f["ratings"][key]))
    out.append(("评价", "满意率", f"{f['satisfied']}/{f['rated']}", names.percent(f["satisfaction_rate"])))
    use = report["kiosk_use"]
    if use is None:
        out.append(("终端使用", names.NO_USE_DATA, "", ""))
        return out
    for key, seconds in use["category_seconds"]:
        out.append(("大屏显示时长", names.category(catalog, key), "秒", round(seconds)))
    for _, title, seconds in use["shown_items"]:
        out.append(("大屏显示最多", title, "秒", seconds))
    out.append(("大屏显示时长", "空屏", "秒", use["blank_seconds"]))
    out.append(("大屏显示时长", "非办公时间", "秒", use["off_hours_seconds"]))
    for _, title, count, suppressed in use["most_read"]:
        out.append(("阅读最多", title, f"另有 {suppressed} 个小时少于阈值" if suppressed else "次", count))
    for term, visits in use["no_result_searches"]:
        out.append(("未找到结果的搜索", term, "人次", visits))
    return out


def render(report: dict, catalog: Catalog) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows(report, catalog):
        writer.writerow([cell(value) if isinstance(value, str) else value for value in row])
    return "\ufeff".encode() + text.getvalue().encode("utf-8")
