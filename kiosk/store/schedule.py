"""Publications signed for a later instant: held by the store, released into the feed then.

The publisher signs the publication statement now, dated with the chosen instant (the
``published_at`` or ``revised_at`` a screen prints is that instant, as for any publication).
The revision waits as ``scheduled``, holding its signed document, and is not in the feed:
:func:`release_due` makes it live when the instant has come. It runs at the start of every
feed evaluation (:func:`kiosk.store.feedstate.reconcile`), and :func:`next_release` is one
of the boundaries at which serving processes evaluate the feed again, so a scheduled
publication appears on time without anything polling.

The instant is kept by the store: a kiosk verifies the publication like any other (its
signatures and the approval), and still applies the approved ``public_from``. Until the
instant the publisher may cancel; the revision is then ``approved`` again, to be published
or scheduled anew. A newer revision published in the meantime wins: the older scheduled
one lapses (``replaced``) instead of going back on screens over it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.clock import as_utc
from kiosk.store import audit
from kiosk.store.models import ItemRow, Publication, Revision, User
from kiosk.store.workflow import WorkflowError, go_live, publish

#: How far ahead a publication may be scheduled: further than that is a mistake of the date.
MAX_AHEAD = timedelta(days=366)


def schedule(session: Session, item_id: str, actor: User, at: datetime, now: datetime, signer=None) -> int:
    """Sign (with ``signer``) and hold the approved revision's publication until ``at``."""
    at = as_utc(at)
    if at <= now:
        raise WorkflowError(f"cannot schedule item {item_id} for {at.isoformat()}: that time has passed")
    if at > now + MAX_AHEAD:
        raise WorkflowError(f"cannot schedule item {item_id} more than {MAX_AHEAD.days} days ahead")
    return publish(session, item_id, actor, now, signer, at=at)


def scheduled(session: Session, item_id: str) -> Revision | None:
    return session.scalar(select(Revision).where(Revision.item_id == item_id, Revision.state == "scheduled"))


def cancel(session: Session, item_id: str, actor: User, now: datetime) -> int:
    """Take back a scheduled publication before its instant; the revision is approved again."""
    if actor.role != "admin" or actor.disabled_at is not None:
        raise WorkflowError(f"{actor.name} is an {actor.role}: only an admin may cancel a scheduled publication")
    revision = scheduled(session, item_id)
    if revision is None:
        raise WorkflowError(f"item {item_id} has no scheduled publication")
    at = revision.release_at
    revision.state = "approved"
    revision.release_at = None
    revision.publisher_id = None
    revision.document_sha256 = None
    session.execute(delete(Publication).where(Publication.item_id == item_id, Publication.revision == revision.number))
    session.flush()
    detail = {"revision": revision.number, "at": at.isoformat() if at else None}
    audit.record(session, actor.name, "item.unschedule", item_id, detail, now)
    return revision.number


def release_due(session: Session, now: datetime) -> list[str]:
    """Make live every scheduled revision whose instant has come; the items released."""
    released = []
    due = session.scalars(
        select(Revision)
        .where(Revision.state == "scheduled", Revision.release_at <= as_utc(now))
        .order_by(Revision.release_at, Revision.id)
    ).all()
    for revision in due:
        row = session.get(ItemRow, revision.item_id)
        publisher = session.get(User, revision.publisher_id) if revision.publisher_id is not None else None
        name = publisher.name if publisher is not None else "?"
        assert row is not None and revision.release_at is not None
        if row.live_revision is not None and row.live_revision > revision.number:
            revision.state = "replaced"
            revision.release_at = None
            audit.record(session, name, "item.schedule-lapsed", row.id, {"revision": revision.number}, now)
            continue
        go_live(session, row, revision, revision.release_at)
        audit.record(session, name, "item.publish", row.id, {"revision": revision.number, "scheduled": True}, now)
        released.append(row.id)
    return released


def next_release(session: Session) -> datetime | None:
    """The earliest instant a scheduled publication waits for."""
    return session.scalar(select(func.min(Revision.release_at)).where(Revision.state == "scheduled"))
