"""The Chinese names the report prints for the record's keys (cadences, verdicts, kinds,
statuses, ratings, categories, units), and the few number forms it uses."""

from __future__ import annotations

from kiosk import feedback as fb
from kiosk.catalog import Catalog

CADENCES = {"routine": "常规", "phased": "阶段性", "ad-hoc": "临时"}
VERDICTS = {"on-time": "按时", "late": "逾期公开", "missed": "未公开"}
KINDS = {**fb.KINDS, fb.RATING_KIND: "评价"}
STATUSES = {"resolved": "已处理", "open": "待处理", "overdue": "已逾期", "no follow-up": "无需回复"}
FOLLOW_UP = {"owed": "应答复", "in-time": "按期答复", "late": "逾期答复", "unanswered": "未答复"}
RATINGS = dict(fb.RATINGS)
NO_USE_DATA = "本期没有终端上传的使用数据"
#: Detail rows (late and missed disclosures, revisions after feedback) the HTML and PDF list
#: at most, so a catalogue of thousands stays a readable report; the CSV lists them all.
DETAIL_LIMIT = 200


def more(rows: list) -> str:
    """The line under a cut list: how many rows were left out."""
    left = len(rows) - DETAIL_LIMIT
    return f"另有 {left} 条未列出，见 CSV。" if left > 0 else ""


def category(catalog: Catalog, key: str) -> str:
    found = catalog.category(key)
    return found.name_zh if found else (key or "未分类")


def unit(catalog: Catalog, key: str) -> str:
    found = catalog.unit(key)
    return found.name_zh if found else (key or "未注明单位")


def colour(catalog: Catalog, key: str) -> str:
    found = catalog.category(key)
    return found.color if found else "#455A64"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def duration(seconds: int) -> str:
    """Display time as people read it: 3 小时 05 分 (under a minute: 40 秒)."""
    if seconds < 60:
        return f"{seconds} 秒"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours} 小时 {minutes:02d} 分" if hours else f"{minutes} 分"


def openings(count: int, suppressed: int) -> str:
    """Openings of an item: the exact sum, and the hours a kiosk gave only as "< N"."""
    return f"{count}（另有 {suppressed} 个小时少于阈值）" if suppressed else str(count)
