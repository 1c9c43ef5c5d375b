"""A quarter of the record for the stage report's tests, made through the real store: items
published on time, late and never, revisions after feedback, a withdrawal, and feedback of
every kind and five ratings, some answered in time, late, after the quarter, or never.

The quarter is the fourth of 2026 (office time, Asia/Shanghai); the report is made on
5 January 2027. Every instant is 10:00 in Shanghai (02:00 UTC) on the day named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from store_support import item_file

from kiosk import feedback as fb
from kiosk.clock import FakeClock
from kiosk.store.models import Device
from kiosk.store.service import open_store

FIRST, LAST = date(2026, 10, 1), date(2026, 12, 31)
REPORT_DAY = "2027-01-05"
HOSTILE_TITLE = "<script>alert(1)</script>=1+2"


def at(day: str, hour: int = 2) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@dataclass
class Quarter:
    store: object
    #: Feedback references by the name the fixture gave them.
    feedback: dict[str, str] = field(default_factory=dict)


def quarter_store(folder: Path, database_url: str | None = None):
    clock = FakeClock(at("2026-09-20"))
    store = open_store(folder / "data", database_url, folder / "keys", clock=clock)
    store.init(history=5)
    for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
        store.add_user(name, role)
    store.enroll("lobby-1")
    return store


def make_quarter(store, folder: Path) -> Quarter:
    """The fixture quarter in ``store`` (made by :func:`quarter_store`); its clock ends on the report day."""
    items = folder / "items"
    items.mkdir(exist_ok=True)
    clock = store.clock
    quarter = Quarter(store)
    with store.db.read() as session:
        kiosk = session.scalar(select(Device.id).where(Device.name == "lobby-1"))

    def on(day: str) -> None:
        clock.set(at(day))

    def path(name: str, title: str, **fields) -> Path:
        return item_file(items, name, title, id=name, **fields)

    def go_live(item_id: str) -> None:
        store.submit(item_id, "alice")
        store.approve(item_id, "bob")
        store.publish(item_id, "dan")

    def revise(item_id: str, file: Path, after: str | None = None) -> None:
        store.edit_item(item_id, file, "alice", after_feedback=after)
        go_live(item_id)

    def opinion(label: str, day: str, kind: str, **fields) -> str:
        on(day)
        record = fb.new(kind, now=clock.now(), **fields)
        store.receive_feedback(kiosk, record)
        quarter.feedback[label] = record.reference
        return record.id

    def resolve(label: str, day: str) -> None:
        on(day)
        store.resolve_feedback(quarter.feedback[label], "dan", "已答复")

    on("2026-09-20")
    monthly = path("monthly", HOSTILE_TITLE, period="monthly")
    quarterly = path("quarterly", "季度党费收缴", period="quarterly", category="organisation", unit="research-office")
    dates = (("启动", "2026-10-20"), ("中期", "2026-11-20"), ("完成", "2027-02-01"))
    stages = "".join(f"\n  - {{name: {n}, date: {d}}}" for n, d in dates)
    phased = path("phased", "学习计划分阶段", cadence="phased", stages=stages, category="political-study")
    for file in (monthly, quarterly, phased):
        store.add_item(file, "alice")
    on("2026-09-25")
    go_live("monthly")  # September's: before the quarter
    opinion("before", "2026-09-28", "praise", text="很好，谢谢")  # before the quarter: not counted

    opinion("suggestion", "2026-10-08", "suggestion", text="希望增加周末办理窗口")  # answered after the quarter
    opinion("praise", "2026-10-10", "praise", text="工作人员很耐心")
    on("2026-10-15")
    revise("monthly", monthly)  # October's, on time
    on("2026-10-18")
    go_live("phased")  # stage 启动 (due 20 October), on time
    on("2026-10-25")
    adhoc = path("adhoc", "临时通知", cadence="ad-hoc", event_date="2026-11-02", category="conduct")
    store.add_item(adhoc, "alice")
    about_phased = opinion(
        "about-phased", "2026-11-01", "opinion", text="请写明各阶段负责人", item_id="phased", item_revision=1
    )
    on("2026-11-05")
    go_live("adhoc")  # event on 2 November, due by the 9th: on time
    resolve("about-phased", "2026-11-10")  # within 15 working days
    for n, level in enumerate(("very-satisfied", "very-satisfied", "satisfied", "fair", "dissatisfied")):
        opinion(f"rating-{n}", f"2026-11-{12 + n}", "rating", rating=level)
    opinion(
        "about-adhoc",
        "2026-11-20",
        "opinion",
        text="通知内容有误",
        item_id="adhoc",
        item_revision=1,
        consent=True,
        name="王五",
        phone="13800001111",
    )
    on("2026-11-25")
    revise("phased", phased, after=about_phased)  # stage 中期 (due 20 November): late
    never = path("adhoc-never", "未公开的临时事项", cadence="ad-hoc", event_date="2026-12-01", category="conduct")
    store.add_item(never, "alice")  # due by 8 December, never published: missed
    store.add_item(path("bare", "缺少阶段", cadence="phased"), "alice")  # unscheduled
    resolve("about-adhoc", "2026-11-26")
    general = opinion("general", "2026-12-01", "opinion", text="希望公开更及时")
    on("2026-12-05")
    revise("monthly", monthly, after=general)  # December's (November's came late: this one)
    opinion("rating-5", "2026-12-06", "rating", rating="very-satisfied")
    opinion("rating-6", "2026-12-07", "rating", rating="very-dissatisfied")  # never answered: overdue
    on("2026-12-10")
    store.withdraw("adhoc", "dan")  # after feedback about it
    resolve("rating-4", "2026-12-30")  # the dissatisfied rating of 16 November: answered late
    opinion("question", "2026-12-28", "question", text="下季度什么时候公开？")  # its due date is ahead
    resolve("suggestion", "2027-01-03")  # after the quarter: unanswered at its end
    on(REPORT_DAY)
    return quarter
