"""The publication workflow: draft → submitted → approved → published → revised | withdrawn.

Role rules (what is disclosed is proposed by the office and approved by a separate account
before publication):

* every account may **write**: ``item add``, ``item edit``, ``item submit``;
* only an ``approver`` may **approve**, never a revision they wrote themselves, and only by
  signing it with their own key (the signing happens in the approver's process; this module
  only checks the signature against the public key on record);
* only an ``admin`` may **publish** and **withdraw**; with a key on record (protocol v2)
  each is also a statement the admin's own key signs, in the admin's process
  (:mod:`kiosk.trust.statements`), and the dates screens print come from it.

Any edit makes a new revision, a draft that must be submitted and approved again; an
earlier revision still waiting (draft, submitted or approved) becomes ``superseded``. The
published revision stays live until a newer one is published (it then becomes
``replaced``) or the item is withdrawn (``withdrawn``). A withdrawn item may be edited and
published again. A publication may be signed for a later instant: the revision is then
``scheduled`` until that instant (:mod:`.schedule`), and an edit meanwhile leaves it so.

Every function here works inside one :meth:`Database.write` transaction and raises
:class:`WorkflowError` with a message meant for the person at the command line. Each
action that changes something appends its entry to the audit log (:mod:`.audit`) in that
same transaction. Who the actor is has been established by the caller (the command line
asks for the person's password, the console for a signed-in session); a disabled account
may do nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk import feed, signing
from kiosk.content import item_from_dict, item_to_dict
from kiosk.itemfile import ItemFile
from kiosk.store import audit, revision_schedule, staff
from kiosk.store.item_index import index_columns
from kiosk.store.models import Asset, Document, FeedState, ItemRow, Publication, Revision, User, Withdrawal
from kiosk.store.staff import WRITERS
from kiosk.store.staff import WorkflowError as WorkflowError
from kiosk.trust import statements

#: States of a revision still on its way to publication (an edit supersedes them).
PENDING = ("draft", "submitted", "approved")


def add_item(session: Session, source: ItemFile, actor: User, now: datetime) -> str:
    staff.require(actor, WRITERS, "add items")
    item_id = source.fields.get("id") or _new_id(session)
    if session.get(ItemRow, item_id) is not None:
        raise WorkflowError(f"item {item_id} already exists; change it with: kiosk-store item edit {item_id} FILE")
    session.add(ItemRow(id=item_id, created_at=now, latest_revision=1))
    session.flush()
    _add_revision(session, source, item_id, 1, actor, now)
    audit.record(session, actor.name, "item.add", item_id, {"revision": 1, "title": source.fields.get("title")}, now)
    return item_id


def edit_item(
    session: Session, item_id: str, source: ItemFile, actor: User, now: datetime, after_feedback: str | None = None
) -> int:
    """A new draft revision; ``after_feedback`` (a feedback id or reference) is the feedback it answers."""
    staff.require(actor, WRITERS, "edit items")
    row = _item(session, item_id)
    if source.fields.get("id") not in (None, item_id):
        raise WorkflowError(f"{source.path}: id {source.fields['id']!r} does not match item {item_id}")
    try:
        answered = revision_schedule.feedback_id(session, item_id, after_feedback)
    except revision_schedule.LinkError as exc:
        raise WorkflowError(str(exc)) from None
    session.execute(
        update(Revision).where(Revision.item_id == item_id, Revision.state.in_(PENDING)).values(state="superseded")
    )
    number = row.latest_revision + 1
    row.latest_revision = number
    _add_revision(session, source, item_id, number, actor, now).after_feedback = answered
    detail = {"revision": number, "title": source.fields.get("title")}
    audit.record(
        session, actor.name, "item.edit", item_id, detail | ({"after_feedback": answered} if answered else {}), now
    )
    return number


def submit(session: Session, item_id: str, actor: User, now: datetime) -> int:
    staff.require(actor, WRITERS, "submit items")
    revision = _latest(session, item_id)
    _expect(revision, "draft", "submit")
    revision.state = "submitted"
    revision.submitted_at = now
    audit.record(session, actor.name, "item.submit", item_id, {"revision": revision.number}, now)
    return revision.number


def approve(session: Session, item_id: str, actor: User, signer: Callable[[bytes], str], now: datetime) -> int:
    """Approve the submitted revision with ``signer`` (the approver's key, in the approver's process)."""
    staff.require(actor, ("approver",), "approve items")
    staff.not_retired(actor, now)
    revision = _latest(session, item_id)
    _expect(revision, "submitted", "approve")
    if revision.author_id == actor.id:
        raise WorkflowError(
            f"{actor.name} wrote revision {revision.number} of {item_id}: another approver must approve it"
        )
    if not actor.public_key:
        raise WorkflowError(f"approver {actor.name} has no public key on record")
    data = feed.approval_bytes(json.loads(revision.content))
    signature = signer(data)
    if not signing.verify(actor.public_key, data, signature):
        raise WorkflowError(f"the key used is not {actor.name}'s approval key on record")
    revision.state = "approved"
    revision.approver_id = actor.id
    revision.approved_at = now
    revision.signature = signature
    audit.record(session, actor.name, "item.approve", item_id, {"revision": revision.number}, now)
    return revision.number


def reject(session: Session, item_id: str, actor: User, reason: str, now: datetime) -> int:
    """Send the submitted revision back to its author as a draft, with the approver's reason."""
    staff.require(actor, ("approver",), "reject items")
    revision = _latest(session, item_id)
    _expect(revision, "submitted", "reject")
    if revision.author_id == actor.id:
        raise WorkflowError(
            f"{actor.name} wrote revision {revision.number} of {item_id}: another approver must judge it"
        )
    reason = " ".join(reason.split())
    if not reason:
        raise WorkflowError("say why the revision is sent back")
    revision.state = "draft"
    revision.rejection = reason
    audit.record(session, actor.name, "item.reject", item_id, {"revision": revision.number, "reason": reason}, now)
    return revision.number


def publish(
    session: Session,
    item_id: str,
    actor: User,
    now: datetime,
    signer: Callable[[bytes], str] | None = None,
    at: datetime | None = None,
) -> int:
    """Publish the approved revision; with ``signer`` (the admin's key) also its signed v2 document.

    With ``at`` (a later instant) the publication is signed now and dated ``at``: the
    revision waits as ``scheduled`` and goes live at that instant (:mod:`kiosk.store.schedule`).
    """
    staff.require(actor, ("admin",), "publish items")
    row = _item(session, item_id)
    revision = _latest(session, item_id)
    _expect(revision, "approved", "publish")
    approver, approver_key, approval = _approval(session, revision)
    content = json.loads(revision.content)
    first_published = row.first_published_at
    shown = now if at is None else at  # the date screens print, and what the publisher signs
    fields = dict(
        content,
        published_at=(shown if first_published is None else first_published).isoformat(),
        revised_at=None if first_published is None else shown.isoformat(),
    )
    item = item_from_dict(fields)
    # What kiosks verify is the document's fields: they must give back the signed bytes.
    if feed.approval_bytes(item_to_dict(item)) != feed.approval_bytes(content):
        raise WorkflowError(f"item {item_id} revision {revision.number}: content does not round-trip; not published")
    document = feed.item_document(item, approver.name, approver_key, approval)
    sha = feed.sha256_hex(document)
    if session.get(Document, sha) is None:
        session.add(Document(sha256=sha, item_id=item_id, revision=revision.number, data=document))
    if signer is not None:
        _sign_publication(session, item, actor, approver, revision, signer, now)
    revision.publisher_id = actor.id
    revision.document_sha256 = sha
    if at is not None:
        revision.state = "scheduled"
        revision.release_at = at
        session.flush()
        detail = {"revision": revision.number, "signed": signer is not None, "at": at.isoformat()}
        audit.record(session, actor.name, "item.schedule", item_id, detail, now)
        return revision.number
    go_live(session, row, revision, now)
    audit.record(
        session, actor.name, "item.publish", item_id, {"revision": revision.number, "signed": signer is not None}, now
    )
    return revision.number


def go_live(session: Session, row: ItemRow, revision: Revision, at: datetime) -> None:
    """Make a published (or scheduled, now due) revision the one meant for screens."""
    if row.live_revision is not None and row.live_revision != revision.number:
        session.execute(
            update(Revision)
            .where(Revision.item_id == row.id, Revision.number == row.live_revision)
            .values(state="replaced")
        )
    revision.state = "published"
    revision.published_at = at
    revision.release_at = None
    row.live_revision = revision.number
    row.withdrawn_at = None
    if row.first_published_at is None:
        row.first_published_at = at
    session.flush()


def _sign_publication(
    session: Session,
    item,
    actor: User,
    approver: User,
    revision: Revision,
    signer: Callable[[bytes], str],
    now: datetime,
) -> None:
    staff.not_retired(actor, now)
    if approver.retired_at is not None and approver.retired_at < now:
        # Kiosks judge the approval by the publication's time: it would be refused everywhere.
        raise WorkflowError(
            f"{approver.name}, who approved {item.id}, may sign only until {approver.retired_at.isoformat()}: "
            "have it approved again"
        )
    if not actor.public_key:
        raise WorkflowError(f"admin {actor.name} has no publication key on record")
    fields = item_to_dict(item)
    signed_at = now.isoformat()
    statement = statements.publication_bytes(
        item.id,
        item.revision,
        feed.approval_bytes(fields),
        fields.get("published_at"),
        fields.get("revised_at"),
        signed_at,
    )
    signature = signer(statement)
    if not signing.verify(actor.public_key, statement, signature):
        raise WorkflowError(f"the key used is not {actor.name}'s publication key on record")
    document = statements.item_document(
        item,
        {"approver": approver.name, "key": approver.public_key, "signature": revision.signature},
        {"publisher": actor.name, "key": actor.public_key, "signed_at": signed_at, "signature": signature},
    )
    sha = feed.sha256_hex(document)
    if session.get(Document, sha) is None:  # the same statement again (scheduled, cancelled, scheduled)
        session.add(Document(sha256=sha, item_id=item.id, revision=item.revision, data=document))
    session.merge(Publication(item_id=item.id, revision=item.revision, sha256=sha, length=len(document)))


def sign_live_publications(session: Session, actor: User, signer: Callable[[bytes], str], now: datetime) -> int:
    """Migration to v2: sign a publication statement for every live revision that has none.

    The revision was approved and published before the store had a root (or by an admin
    without a key); its dates are those its v1 document shows. Returns how many were signed.
    """
    staff.require(actor, ("admin",), "sign publications")
    count = 0
    for row in session.scalars(select(ItemRow).where(ItemRow.live_revision.is_not(None)).order_by(ItemRow.id)):
        if session.get(Publication, (row.id, row.live_revision)) is not None:
            continue
        revision = session.scalar(
            select(Revision).where(Revision.item_id == row.id, Revision.number == row.live_revision)
        )
        document = session.get(Document, revision.document_sha256) if revision and revision.document_sha256 else None
        if revision is None or document is None:
            raise WorkflowError(f"item {row.id} revision {row.live_revision}: its published document is missing")
        item = item_from_dict(json.loads(document.data)["item"])
        _sign_publication(session, item, actor, _approval(session, revision)[0], revision, signer, now)
        count += 1
    session.flush()
    audit.record(session, actor.name, "item.sign-publications", "", {"count": count}, now)
    return count


def withdraw(
    session: Session, item_id: str, actor: User, now: datetime, signer: Callable[[bytes], str] | None = None
) -> int:
    """Take the item off screens; with ``signer`` (the admin's key) also a signed withdrawal kiosks keep."""
    staff.require(actor, ("admin",), "withdraw items")
    row = _item(session, item_id)
    if row.live_revision is None:
        raise WorkflowError(f"item {item_id} is not published, so there is nothing to withdraw")
    number = row.live_revision
    if signer is not None:
        staff.not_retired(actor, now)
        if not actor.public_key:
            raise WorkflowError(f"admin {actor.name} has no publication key on record")
        withdrawn_at = now.isoformat()
        signature = signer(statements.withdrawal_bytes(item_id, number, withdrawn_at))
        if not signing.verify(actor.public_key, statements.withdrawal_bytes(item_id, number, withdrawn_at), signature):
            raise WorkflowError(f"the key used is not {actor.name}'s publication key on record")
        document = statements.withdrawal_document(
            item_id, number, withdrawn_at, actor.name, actor.public_key, signature
        )
        sha = feed.sha256_hex(document)
        version = session.scalar(select(FeedState.version).where(FeedState.id == 1))
        if session.get(Document, sha) is None:
            session.add(Document(sha256=sha, item_id=item_id, revision=number, data=document, served_since=version))
        session.merge(Withdrawal(item_id=item_id, revision=number, sha256=sha, length=len(document)))
    session.execute(
        update(Revision).where(Revision.item_id == item_id, Revision.number == number).values(state="withdrawn")
    )
    row.live_revision = None
    row.withdrawn_at = now
    session.flush()
    audit.record(session, actor.name, "item.withdraw", item_id, {"revision": number, "signed": signer is not None}, now)
    return number


def _new_id(session: Session) -> str:
    while True:
        candidate = f"item-{secrets.token_hex(5)}"
        if session.get(ItemRow, candidate) is None:
            return candidate


def _item(session: Session, item_id: str) -> ItemRow:
    # No row lock needed: every action runs under the store's write lock (Database.write).
    row = session.get(ItemRow, item_id)
    if row is None:
        raise WorkflowError(f"no item {item_id!r}")
    return row


def _latest(session: Session, item_id: str) -> Revision:
    row = _item(session, item_id)
    revision = session.scalar(
        select(Revision).where(Revision.item_id == item_id, Revision.number == row.latest_revision)
    )
    if revision is None:
        raise WorkflowError(f"item {item_id!r} has no revision {row.latest_revision}")
    return revision


def _approval(session: Session, revision: Revision) -> tuple[User, str, str]:
    """An approved revision's approver, their key and their signature of the content."""
    approver = session.get(User, revision.approver_id) if revision.approver_id is not None else None
    if approver is None or approver.public_key is None or revision.signature is None:
        raise WorkflowError(f"item {revision.item_id} revision {revision.number}: no approver's signature on record")
    return approver, approver.public_key, revision.signature


def _expect(revision: Revision, state: str, action: str) -> None:
    if revision.state != state:
        hint = {
            "draft": "submit it first",
            "submitted": "it needs an approver's approval first",
            "approved": "publish it, or edit it to start a new revision",
            "published": "it is already published; edit it to start a new revision",
            "scheduled": "its publication is scheduled; cancel the schedule first",
            "withdrawn": "it was withdrawn; edit it to start a new revision",
        }.get(revision.state, "")
        raise WorkflowError(
            f"cannot {action} item {revision.item_id}: revision {revision.number} is "
            f"{revision.state}, not {state}" + (f" ({hint})" if hint else "")
        )


def _add_revision(
    session: Session, source: ItemFile, item_id: str, number: int, actor: User, now: datetime
) -> Revision:
    for attachment in source.attachments:
        data = attachment.read()
        sha = hashlib.sha256(data).hexdigest()
        if session.get(Asset, sha) is None:
            session.add(Asset(sha256=sha, media_type=attachment.media_type, size=len(data), data=data))
    # published_at is a placeholder here: the approval does not cover it (see kiosk.feed).
    item = dataclasses.replace(source.to_item(default_id=item_id, published_at=now), id=item_id, revision=number)
    if item.is_urgent and item.expires_at is None:
        # An urgent notice without an end interrupts the wall and fills the ticker for as
        # long as it is published. The author, who knows when it stops being true, says so;
        # a date the store made up would be approved and signed as if someone had chosen it.
        raise WorkflowError(
            f"{source.path}: an urgent item needs expires_at (when the notice stops being true), "
            "e.g. expires_at: 2026-06-30T18:00:00+08:00"
        )
    content = feed.approved_fields(item)
    revision = Revision(
        item_id=item_id,
        number=number,
        state="draft",
        content=signing.canonical_json(content).decode("utf-8"),
        title=item.title,
        audience=item.audience.value,
        public_from=item.public_from,
        expires_at=item.expires_at,
        author_id=actor.id,
        created_at=now,
        **index_columns(content),
        **revision_schedule.columns(source.fields),
    )
    session.add(revision)
    session.flush()
    return revision
