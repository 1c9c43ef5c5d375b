"""The audit log: who did what, when and from where; append-only and tamper-evident.

Each entry's ``sha256`` is the hash of its canonical JSON (sequence number, time, actor,
action, target, origin, detail) together with the previous entry's hash, so changing any
entry breaks every link after it, and the sequence numbers run from 1 without gaps, so a
deleted entry shows as a hole. The newest entry's number and hash are also kept in the
``settings`` table, written in the same transaction, so cutting entries off the end shows
too (unless whoever did it also rewrote that row: anyone who can write the database at
will can rebuild a chain; copies of the head — the CSV export, ``kiosk-store audit verify``'s
output — kept elsewhere are what proves that).

Entries are written by the workflow (:mod:`.workflow`) and account (:mod:`.accounts`)
functions themselves, inside the action's transaction, so the command line and the
console are audited alike and an action is never committed without its entry. Where the
action came from is the context's :data:`ORIGIN` (``cli:USER@HOST`` for the command line,
``web:ADDRESS`` for the console); callers set it with :func:`origin`.

Appends run under the store's write lock (:meth:`Database.write`), so entries are made
one after another; ``prev_sha256`` is unique, so two writers could never fork the chain.
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import as_utc
from kiosk.signing import canonical_json
from kiosk.store.models import AuditEntry, Setting

GENESIS = "0" * 64
HEAD_SETTING = "audit_head"
#: Where the actions in this context come from (set per request or per command).
ORIGIN: contextvars.ContextVar[str] = contextvars.ContextVar("audit_origin", default="local")
#: Bounds of the columns: longer values are cut (an audit line never refuses an action).
_LIMITS = {"actor": 64, "action": 48, "target": 128, "origin": 128}
_DETAIL_LIMIT = 4000
CSV_FIELDS = ("seq", "at", "actor", "action", "target", "origin", "detail", "sha256")


@contextlib.contextmanager
def origin(where: str) -> Iterator[None]:
    token = ORIGIN.set(where[: _LIMITS["origin"]])
    try:
        yield
    finally:
        ORIGIN.reset(token)


def entry_hash(seq: int, at: datetime, actor: str, action: str, target: str, where: str, detail: str, prev: str) -> str:
    body = {
        "seq": seq,
        "at": at.isoformat(),
        "actor": actor,
        "action": action,
        "target": target,
        "origin": where,
        "detail": detail,
        "prev": prev,
    }
    return hashlib.sha256(canonical_json(body)).hexdigest()


def record(session: Session, actor: str, action: str, target: str, detail: dict, now: datetime) -> AuditEntry:
    """Append one entry (inside the caller's transaction, which holds the store's write lock)."""
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.sha256
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)[:_DETAIL_LIMIT]
    values = {
        "actor": (actor or "-")[: _LIMITS["actor"]],
        "action": action[: _LIMITS["action"]],
        "target": (target or "")[: _LIMITS["target"]],
        "origin": ORIGIN.get(),
    }
    at = as_utc(now)  # what both databases give back: UTC, to the microsecond
    entry = AuditEntry(seq=seq, at=at, detail=text, prev_sha256=prev, **values)
    entry.sha256 = entry_hash(
        seq, at, values["actor"], values["action"], values["target"], values["origin"], text, prev
    )
    session.add(entry)
    head = session.get(Setting, HEAD_SETTING)
    value = f"{seq} {entry.sha256}"
    if head is None:
        session.add(Setting(key=HEAD_SETTING, value=value))
    else:
        head.value = value
    session.flush()
    return entry


@dataclass(frozen=True)
class Verdict:
    entries: int
    head: str
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(session: Session) -> Verdict:
    """Walk the whole chain; every changed, missing or reordered entry is named."""
    problems: list[str] = []
    prev = GENESIS
    expected = 1
    count = 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
        count += 1
        if entry.seq != expected:
            problems.append(f"entries {expected} to {entry.seq - 1} are missing")
        if entry.prev_sha256 != prev:
            problems.append(f"entry {entry.seq} does not follow the entry before it")
        actual = entry_hash(
            entry.seq, entry.at, entry.actor, entry.action, entry.target, entry.origin, entry.detail, entry.prev_sha256
        )
        if actual != entry.sha256:
            problems.append(f"entry {entry.seq} was changed (its hash does not match its content)")
        prev = entry.sha256
        expected = entry.seq + 1
    head = session.get(Setting, HEAD_SETTING)
    last = f"{expected - 1} {prev}" if count else ""
    if head is not None and head.value != last:
        problems.append(f"the log ends at {last or 'nothing'} but its recorded head is {head.value}")
    elif head is None and count:
        problems.append("the log's recorded head is missing")
    return Verdict(count, last, tuple(problems))


@dataclass(frozen=True)
class Query:
    """What the audit page searches by; every field optional."""

    actor: str = ""
    action: str = ""
    text: str = ""
    since: datetime | None = None
    until: datetime | None = None


def _filtered(q: Query):
    statement = select(AuditEntry)
    if q.actor:
        statement = statement.where(AuditEntry.actor == q.actor)
    if q.action:
        statement = statement.where(AuditEntry.action.startswith(q.action, autoescape=True))
    if q.text:
        like = f"%{q.text}%"
        statement = statement.where(
            AuditEntry.target.contains(q.text, autoescape=True)
            | AuditEntry.detail.contains(q.text, autoescape=True)
            | AuditEntry.origin.like(like)
        )
    if q.since is not None:
        statement = statement.where(AuditEntry.at >= q.since)
    if q.until is not None:
        statement = statement.where(AuditEntry.at < q.until)
    return statement


def search(session: Session, q: Query, offset: int = 0, limit: int = 100) -> tuple[int, list[AuditEntry]]:
    """How many entries match, and one page of them, newest first."""
    statement = _filtered(q)
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = session.scalars(statement.order_by(AuditEntry.seq.desc()).offset(offset).limit(limit)).all()
    return total or 0, list(rows)


def export_csv(session: Session, q: Query, zone) -> bytes:
    """The matching entries, oldest first, as CSV (UTF-8 with BOM), times in the office's zone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["序号", "时间", "账号", "操作", "对象", "来源", "详情", "sha256"])
    for entry in session.scalars(_filtered(q).order_by(AuditEntry.seq)).yield_per(1000):
        writer.writerow(
            [
                entry.seq,
                entry.at.astimezone(zone).isoformat(),
                *(_cell(v) for v in (entry.actor, entry.action, entry.target, entry.origin, entry.detail)),
                entry.sha256,
            ]
        )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet: stored text must not run.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
