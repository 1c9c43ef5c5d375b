"""The store's side of the opinion box: intake from kiosks, follow-up dates, the admin views.

Intake is idempotent on the kiosk-made id: the first upload stores the record, a replay
with the same bytes gets the same answer, and the same id with other bytes (or from
another kiosk) is a :class:`Conflict` — so a kiosk retrying after a lost answer never
makes a second record, and nobody can overwrite one.

Low ratings and written feedback that owes an answer (kiosk.feedback.FOLLOW_UP_KINDS) get
a due date ``follow_up_days`` working days after receipt (a setting; its default and range
are kiosk.feedback's, as the kiosk's configuration), at the end of that day in the
office's time zone; unresolved after it, they are *overdue*.
"""

from __future__ import annotations

import csv
import io
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kiosk import feedback as fb
from kiosk.store.models import Device, FeedbackRow, Setting
from kiosk.store.workflow import WorkflowError
from kiosk.timefmt import DEFAULT_TIMEZONE

FOLLOW_UP_SETTING = "feedback_follow_up_days"
TIMEZONE_SETTING = "timezone"

#: The export's columns: (field, the header the office reads). Times are in the office's
#: time zone, kinds, ratings and states in Chinese, as the office writes them.
EXPORT_COLUMNS = (
    ("reference", "编号"),
    ("id", "记录号"),
    ("received_at", "收到时间"),
    ("kiosk", "终端"),
    ("kind", "类型"),
    ("rating", "评价"),
    ("item_id", "事项"),
    ("item_revision", "事项版本"),
    ("text", "内容"),
    ("consent", "同意留下联系方式"),
    ("contact_name", "姓名"),
    ("contact_phone", "电话"),
    ("status", "状态"),
    ("due_at", "答复期限"),
    ("resolved_at", "处理时间"),
    ("resolved_by", "处理人"),
    ("resolution", "处理说明"),
)
EXPORT_FIELDS = tuple(field for field, _ in EXPORT_COLUMNS)
STATUS_NAMES = {"open": "待处理", "overdue": "已逾期", "resolved": "已处理", "no follow-up": "无需回复"}
_TIMES = ("received_at", "due_at", "resolved_at")


class Conflict(Exception):
    """The id is taken by a different record."""


def _setting(session: Session, key: str, default: str) -> str:
    found = session.get(Setting, key)
    return found.value if found is not None else default


def follow_up_days(session: Session) -> int:
    return int(_setting(session, FOLLOW_UP_SETTING, str(fb.FOLLOW_UP_DAYS)))


def set_follow_up_days(session: Session, days: int) -> None:
    low, high = fb.FOLLOW_UP_RANGE
    if not low <= days <= high:
        raise WorkflowError(f"follow-up days must be between {low} and {high} working days")
    row = session.get(Setting, FOLLOW_UP_SETTING)
    if row is None:
        session.add(Setting(key=FOLLOW_UP_SETTING, value=str(days)))
    else:
        row.value = str(days)


def office_zone(session: Session) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(_setting(session, TIMEZONE_SETTING, DEFAULT_TIMEZONE))


def due_date(received_at: datetime, days: int, zone: zoneinfo.ZoneInfo) -> datetime:
    """The end of the ``days``-th working day after the day of receipt, office time."""
    local = received_at.astimezone(zone)
    last_day = fb.add_working_days(local, days).date()
    return datetime.combine(last_day, time(23, 59, 59), tzinfo=zone)


def answer(row: FeedbackRow) -> dict:
    """What the kiosk is told: the same for the first upload and every replay."""
    return {"id": row.id, "reference": row.reference, "received_at": row.received_at.isoformat()}


def find(session: Session, record_id: str) -> FeedbackRow | None:
    return session.get(FeedbackRow, record_id)


def receive(session: Session, device_id: int, record: fb.Feedback, now: datetime) -> dict:
    """Store ``record`` (validated) from ``device_id``, or match it to the one already stored."""
    digest = fb.body_digest(record)
    existing = session.get(FeedbackRow, record.id)
    if existing is not None:
        return same_or_conflict(existing, device_id, digest)
    days = follow_up_days(session)
    row = FeedbackRow(
        id=record.id,
        reference=record.reference,
        body_sha256=digest,
        device_id=device_id,
        kind=record.kind,
        rating=record.rating,
        text=record.text.strip(),
        item_id=record.item_id,
        item_revision=record.item_revision,
        consent=record.consent,
        contact_name=(record.name or None) if record.consent else None,
        contact_phone=(record.phone or None) if record.consent else None,
        created_at=datetime.fromisoformat(record.created_at),
        received_at=now,
        due_at=due_date(now, days, office_zone(session)) if record.needs_follow_up else None,
    )
    session.add(row)
    session.flush()
    return answer(row)


def same_or_conflict(existing: FeedbackRow, device_id: int, digest: str) -> dict:
    if existing.device_id != device_id or existing.body_sha256 != digest:
        raise Conflict(f"feedback {existing.id} was already received with different content")
    return answer(existing)


# -- administrators ---------------------------------------------------------------------


def status(row: FeedbackRow, now: datetime) -> str:
    if row.resolved_at is not None:
        return "resolved"
    if row.due_at is None:
        return "no follow-up"
    return "overdue" if now > row.due_at else "open"


def _resolve_row(session: Session, key: str) -> FeedbackRow:
    row = session.get(FeedbackRow, key)
    if row is None:
        matches = session.scalars(select(FeedbackRow).where(FeedbackRow.reference == key.upper())).all()
        if len(matches) > 1:
            raise WorkflowError(f"reference {key} is shared by {len(matches)} records; use the id")
        row = matches[0] if matches else None
    if row is None:
        raise WorkflowError(f"no feedback with id or reference {key!r}")
    return row


def _as_dict(row: FeedbackRow, kiosk: str | None, now: datetime, *, contact: bool) -> dict:
    data = {
        "id": row.id,
        "reference": row.reference,
        "kiosk": kiosk,
        "kind": row.kind,
        "kind_name": fb.KINDS.get(row.kind, "评价"),
        "rating": row.rating,
        "rating_name": fb.RATINGS.get(row.rating) if row.rating else None,
        "text": row.text,
        "item_id": row.item_id,
        "item_revision": row.item_revision,
        "consent": row.consent,
        "has_contact": bool(row.contact_name or row.contact_phone),
        "created_at": row.created_at.isoformat(),
        "received_at": row.received_at.isoformat(),
        "due_at": row.due_at.isoformat() if row.due_at else None,
        "status": status(row, now),
        "resolved_at": row.resolved_at.isoformat() if row.resolved_at else None,
        "resolved_by": row.resolved_by,
        "resolution": row.resolution,
    }
    if contact:
        data["contact_name"] = row.contact_name
        data["contact_phone"] = row.contact_phone
    return data


def listing(session: Session, now: datetime, *, only: str | None = None, contact: bool = False) -> list[dict]:
    """Every record, newest first; ``only`` keeps one status (``open``, ``overdue``…)."""
    names = dict(session.execute(select(Device.id, Device.name)).all())
    rows = session.scalars(select(FeedbackRow).order_by(FeedbackRow.received_at.desc(), FeedbackRow.id))
    found = [_as_dict(r, names.get(r.device_id), now, contact=contact) for r in rows]
    if only == "unresolved":
        return [f for f in found if f["status"] in ("open", "overdue")]
    return [f for f in found if only is None or f["status"] == only]


def _status_is(only: str, now: datetime) -> ColumnElement[bool]:
    # The SQL form of status(): the same five answers from the same columns.
    unresolved = FeedbackRow.resolved_at.is_(None)
    return {
        "resolved": FeedbackRow.resolved_at.is_not(None),
        "no follow-up": unresolved & FeedbackRow.due_at.is_(None),
        "unresolved": unresolved & FeedbackRow.due_at.is_not(None),
        "overdue": unresolved & (FeedbackRow.due_at < now),
        "open": unresolved & (FeedbackRow.due_at >= now),
    }[only]


@dataclass(frozen=True, slots=True)
class InboxQuery:
    """One page of the inbox: each filter is an equality, empty for "any"."""

    item: str = ""
    kind: str = ""
    rating: str = ""
    status: str = ""
    limit: int = 50
    offset: int = 0


def inbox_page(session: Session, now: datetime, query: InboxQuery) -> tuple[int, list[dict]]:
    """How many records match, and one page of them, newest first: counted and cut in SQL."""
    conditions = [
        column == value
        for column, value in (
            (FeedbackRow.item_id, query.item),
            (FeedbackRow.kind, query.kind),
            (FeedbackRow.rating, query.rating),
        )
        if value
    ]
    if query.status:
        conditions.append(_status_is(query.status, now))
    total = session.scalar(select(func.count()).select_from(FeedbackRow).where(*conditions)) or 0
    rows = session.execute(
        select(FeedbackRow, Device.name)
        .outerjoin(Device, Device.id == FeedbackRow.device_id)
        .where(*conditions)
        .order_by(FeedbackRow.received_at.desc(), FeedbackRow.id)
        .limit(query.limit)
        .offset(query.offset)
    ).all()
    return total, [_as_dict(row, name, now, contact=False) for row, name in rows]


def show(session: Session, key: str, now: datetime, contact: bool = True) -> dict:
    row = _resolve_row(session, key)
    kiosk = session.scalar(select(Device.name).where(Device.id == row.device_id))
    return _as_dict(row, kiosk, now, contact=contact)


def resolve(session: Session, key: str, actor: str, note: str, now: datetime) -> dict:
    row = _resolve_row(session, key)
    if row.resolved_at is not None:
        raise WorkflowError(f"feedback {row.reference} was already resolved by {row.resolved_by}")
    row.resolved_at = now
    row.resolved_by = actor
    row.resolution = note
    return {"id": row.id, "reference": row.reference, "resolved_at": now.isoformat()}


def export_csv(session: Session, now: datetime) -> bytes:
    """Every record as CSV, UTF-8 with a byte-order mark (spreadsheets on Chinese desktops need it).

    Chinese headers and values (kinds, ratings, states, 是/否), times in the office's time zone
    as ``2026-12-05 08:30``.
    """
    zone = office_zone(session)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for _, header in EXPORT_COLUMNS])
    for row in listing(session, now, contact=True):
        shown = dict(row)
        shown["kind"] = row["kind_name"]
        shown["rating"] = row["rating_name"]
        shown["status"] = STATUS_NAMES.get(row["status"], row["status"])
        shown["consent"] = "是" if row["consent"] else "否"
        for key in _TIMES:
            if row[key]:
                shown[key] = local_text(datetime.fromisoformat(row[key]), zone)
        writer.writerow(["" if shown[field] is None else _cell(shown[field]) for field in EXPORT_FIELDS])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def local_text(instant: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """An instant as the office reads it: ``2026-12-05 08:30``, office time."""
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _cell(value) -> str:
    text = str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet: visitor text must not run.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def item_stats(session: Session) -> dict[str, dict]:
    """Per item: how much feedback, and the distribution of its ratings."""
    counts: Counter = Counter()
    ratings: dict[str, Counter] = defaultdict(Counter)
    for item_id, rating in session.execute(
        select(FeedbackRow.item_id, FeedbackRow.rating).where(FeedbackRow.item_id.is_not(None))
    ):
        if item_id is None:
            continue
        counts[item_id] += 1
        if rating:
            ratings[item_id][rating] += 1
    return {i: {"feedback": counts[i], "ratings": {k: ratings[i].get(k, 0) for k in fb.RATINGS}} for i in counts}
