"""Signing in the browser: the bytes the server asks a person to sign, and the checks of what comes back.

Each signed action takes two steps. The page asks for the statement (:func:`approval`,
:func:`publication`, :func:`withdrawal`): the exact bytes a kiosk verifies
(:mod:`kiosk.trust.statements`, :func:`kiosk.feed.approval_bytes`), base64-encoded, with
the instant written into them. The browser signs them with the person's own key
(``static/js/signing.js``: WebCrypto Ed25519, the key non-extractable) and posts the
signature, the revision and that instant back. The server then rebuilds the bytes itself
through :mod:`kiosk.store.workflow` — the same functions the command line runs — and
stores the signature only if it verifies against the person's public key on record. The
server never sees a private key, and never signs in anyone's name.

The instant a statement carries is the one the server proposed, taken back only within
:data:`SIGNING_WINDOW`: a signature cannot be held back and used much later.

A key made in the browser is registered by its public half with a proof: a signature of
:func:`registration_bytes`. It is recorded on the account at once (the store then accepts
that person's signatures), and reaches kiosks when the office next signs the root
(``kiosk-store root sign``), which lists every account's key. Until then it is *pending*:
:func:`key_status` compares the account's key with the newest signed root.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kiosk import feed, signing
from kiosk.clock import as_utc
from kiosk.content import item_from_dict, item_to_dict
from kiosk.store import schedule, staff, trust_repo, workflow
from kiosk.store.models import ItemRow, Revision, User
from kiosk.trust import policy as trust_policy
from kiosk.trust import statements

#: How long a proposed instant may be signed and sent back; clocks may also differ by a minute.
SIGNING_WINDOW = timedelta(minutes=10)
CLOCK_SLACK = timedelta(minutes=1)
REGISTRATION = "lobby-kiosk/key-registration@1"


class SignatureRefused(ValueError):
    """A signing step the server refuses; the message is meant for the person in the browser."""


@dataclass(frozen=True, slots=True)
class Statement:
    """What the browser signs: ``data`` (base64 of the exact bytes) for ``item_id`` at ``revision``."""

    action: str
    item_id: str
    revision: int
    data: str
    #: The instant written into the bytes (empty for an approval, which carries none).
    signed_at: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "action": self.action,
            "item": self.item_id,
            "revision": self.revision,
            "data": self.data,
            "signed_at": self.signed_at,
        }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _row(session: Session, item_id: str) -> ItemRow:
    row = session.get(ItemRow, item_id)
    if row is None:
        raise SignatureRefused(f"no item {item_id!r}")
    return row


def _latest(session: Session, item_id: str) -> Revision:
    row = _row(session, item_id)
    return session.query(Revision).filter_by(item_id=item_id, number=row.latest_revision).one()


def approval(session: Session, item_id: str, actor: User) -> Statement:
    revision = _latest(session, item_id)
    _expect_signer(actor, "approver")
    if revision.state != "submitted":
        raise SignatureRefused(f"revision {revision.number} of {item_id} is {revision.state}, not submitted")
    if revision.author_id == actor.id:
        raise SignatureRefused(f"you wrote revision {revision.number} of {item_id}: another approver must approve it")
    data = feed.approval_bytes(json.loads(revision.content))
    return Statement("approve", item_id, revision.number, _b64(data))


def publication(session: Session, item_id: str, actor: User, now: datetime, at: datetime | None = None) -> Statement:
    """The publication statement :func:`kiosk.store.workflow.publish` will rebuild at ``now``
    (dated ``at`` when it is scheduled for then)."""
    _expect_signer(actor, "admin")
    revision = _latest(session, item_id)
    row = _row(session, item_id)
    if revision.state != "approved":
        raise SignatureRefused(f"revision {revision.number} of {item_id} is {revision.state}, not approved")
    content = json.loads(revision.content)
    first_published = row.first_published_at
    first = first_published is None
    fields = item_to_dict(
        item_from_dict(
            dict(
                content,
                published_at=(first_published or at or now).isoformat(),
                revised_at=None if first else (at or now).isoformat(),
            )
        )
    )
    data = statements.publication_bytes(
        item_id,
        revision.number,
        feed.approval_bytes(fields),
        fields.get("published_at"),
        fields.get("revised_at"),
        now.isoformat(),
    )
    return Statement("publish", item_id, revision.number, _b64(data), now.isoformat())


def withdrawal(session: Session, item_id: str, actor: User, now: datetime) -> Statement:
    _expect_signer(actor, "admin")
    row = session.get(ItemRow, item_id)
    if row is None:
        raise SignatureRefused(f"no item {item_id!r}")
    if row.live_revision is None:
        raise SignatureRefused(f"item {item_id} is not published, so there is nothing to withdraw")
    data = statements.withdrawal_bytes(item_id, row.live_revision, now.isoformat())
    return Statement("withdraw", item_id, row.live_revision, _b64(data), now.isoformat())


def _expect_signer(actor: User, role: str) -> None:
    if actor.role != role:
        raise SignatureRefused(f"{actor.name} is an {actor.role}: only an {role} may sign this")
    if not actor.public_key:
        raise SignatureRefused(f"{actor.name} has no signing key on record: register one first")


def signed_instant(text: str, now: datetime) -> datetime:
    """The instant a returned statement was made for, if it is still within the window."""
    try:
        instant = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise SignatureRefused("the statement's time is not a time") from None
    if instant.tzinfo is None:
        raise SignatureRefused("the statement's time has no offset")
    instant = as_utc(instant)
    if not now - SIGNING_WINDOW <= instant <= now + CLOCK_SLACK:
        raise SignatureRefused("the statement was prepared too long ago: sign it again")
    return instant


def _same_revision(session: Session, item_id: str, revision: int, live: bool = False) -> None:
    row = session.get(ItemRow, item_id)
    if row is None:
        raise SignatureRefused(f"no item {item_id!r}")
    current = row.live_revision if live else row.latest_revision
    if current != revision:
        raise SignatureRefused(f"item {item_id} changed while you signed (now revision {current}): sign again")


def _given(signature: str):
    def signer(_data: bytes) -> str:
        return signature

    return signer


def approve(session: Session, item_id: str, revision: int, actor: User, signature: str, now: datetime) -> int:
    """Store the browser's approval if it verifies; the workflow rebuilds the bytes and checks the roles."""
    _same_revision(session, item_id, revision)
    return workflow.approve(session, item_id, actor, _given(signature), now)


def publish(
    session: Session,
    item_id: str,
    revision: int,
    actor: User,
    signature: str,
    signed_at: str,
    now: datetime,
    release_at: datetime | None = None,
):
    """Store the browser's publication; with ``release_at``, held until then (:mod:`kiosk.store.schedule`)."""
    instant = signed_instant(signed_at, now)
    _same_revision(session, item_id, revision)
    if not actor.public_key:
        raise SignatureRefused(f"{actor.name} has no signing key on record: register one first")
    if release_at is not None:
        return schedule.schedule(session, item_id, actor, release_at, instant, _given(signature))
    return workflow.publish(session, item_id, actor, instant, _given(signature))


def withdraw(session: Session, item_id: str, revision: int, actor: User, signature: str, signed_at: str, now: datetime):
    instant = signed_instant(signed_at, now)
    _same_revision(session, item_id, revision, live=True)
    if not actor.public_key:
        raise SignatureRefused(f"{actor.name} has no signing key on record: register one first")
    return workflow.withdraw(session, item_id, actor, instant, _given(signature))


# -- keys made in the browser ---------------------------------------------------------


def registration_bytes(account: str, public_key: str) -> bytes:
    """What a new key signs to prove its holder has the private half."""
    return signing.canonical_json({"kind": REGISTRATION, "account": account, "key": public_key})


def register_key(session: Session, actor: User, public_key: str, proof: str) -> None:
    """Record the public half of a key made in ``actor``'s browser (pending until the root is signed)."""
    if actor.role not in staff.SIGNERS:
        raise SignatureRefused(f"{actor.name} is an {actor.role}: only approvers and admins sign")
    if actor.retired_at is not None:
        raise SignatureRefused(f"{actor.name} is retired and may no longer sign")
    if actor.public_key:
        # Replacing a key would drop the old one from the next root, and with it every
        # approval it signed that is on screens: that is a decision for the office.
        raise SignatureRefused(f"{actor.name} already has a key; ask the office to retire it first")
    try:
        signing.public_key(public_key)
    except signing.SigningError:
        raise SignatureRefused("that is not an Ed25519 public key") from None
    if not signing.verify(public_key, registration_bytes(actor.name, public_key), proof):
        raise SignatureRefused("the proof does not verify: the browser does not hold that key")
    actor.public_key = public_key
    session.flush()


def key_status(session: Session, actor: User) -> str:
    """``none``, ``pending`` (not yet in the signed root), ``trusted`` or ``no-root`` (protocol v1)."""
    if not actor.public_key:
        return "none"
    latest = trust_repo.latest(session, "root")
    if latest is None:
        return "no-root"
    from tuf.api.metadata import Metadata, Root

    policy = trust_policy.from_root(Metadata[Root].from_bytes(latest.data).signed)
    people = policy.approvers if actor.role == "approver" else policy.publishers
    person = people.get(actor.name)
    return "trusted" if person is not None and person.key == actor.public_key else "pending"
