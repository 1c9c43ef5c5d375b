"""Staff accounts and their roles: who may write, approve, publish and withdraw.

Every account but a supervisor's may write; only an ``approver`` approves, with their own
key; only an ``admin`` publishes, withdraws and changes accounts. A ``supervisor`` (监督员,
the programme's appointed watcher) reads and adds remarks, and changes nothing else
(:mod:`kiosk.store.supervision`). A retired account's key signs nothing
from its retirement on, and a disabled account may do nothing at all. Passwords and
sessions are :mod:`kiosk.store.accounts`; the workflow itself is :mod:`kiosk.store.workflow`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import audit, keys
from kiosk.store.models import User

SUPERVISOR = "supervisor"
ROLES = ("author", "approver", "admin", SUPERVISOR)
#: Roles whose actions are signed with the person's own key.
SIGNERS = ("approver", "admin")
#: Who may write items: everyone but a supervisor, who reads and remarks only.
WRITERS = frozenset(("author", "approver", "admin"))
#: States of a revision still on its way to publication (an edit supersedes them).
PENDING = ("draft", "submitted", "approved")


class WorkflowError(ValueError):
    """An action the workflow refuses; the message says why."""


def add_user(
    session: Session, name: str, role: str, now: datetime, public_key: str | None = None, by: str | None = None
) -> User:
    """A new account (without a password: :func:`kiosk.store.accounts.create` gives one); ``by`` who made it."""
    check_new_user(session, name, role)
    if role == "approver" and not public_key:
        raise WorkflowError(f"approver {name} needs a public key")
    user = User(name=name, role=role, public_key=public_key if role in SIGNERS else None, created_at=now)
    session.add(user)
    session.flush()
    audit.record(session, by or "-", "account.create", name, {"role": role, "key": user.public_key}, now)
    return user


def check_new_user(session: Session, name: str, role: str) -> None:
    if not keys.NAME.fullmatch(name):
        raise WorkflowError(
            f"invalid account name {name!r}: use lowercase letters, digits, '.', '_' and '-' (at most 64)"
        )
    if role not in ROLES:
        raise WorkflowError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise WorkflowError(f"account {name} already exists")


def user(session: Session, name: str) -> User:
    found = session.scalar(select(User).where(User.name == name))
    if found is None:
        raise WorkflowError(f"no account named {name!r} (add it with: kiosk-store user add {name} --role ROLE)")
    return found


def list_users(session: Session) -> list[dict]:
    return [
        {
            "name": u.name,
            "role": u.role,
            "public_key": u.public_key,
            **({"retired_at": u.retired_at.isoformat()} if u.retired_at else {}),
        }
        for u in session.scalars(select(User).order_by(User.name))
    ]


def retire_user(session: Session, name: str, now: datetime, at: datetime | None = None, by: str | None = None) -> User:
    """The account's key signs nothing from ``at`` (default now) on; what it signed before stays valid.

    A date ahead is the key's own expiry: the root lists it, so kiosks refuse what the key
    signs after it even if nobody signs a root again by then.
    """
    found = user(session, name)
    until = at or now
    if until < now:
        raise WorkflowError(f"{name}: {until.isoformat()} is past; a key can be made to expire now or later")
    if found.retired_at is not None and found.retired_at <= now:
        raise WorkflowError(f"{name} was already retired on {found.retired_at.isoformat()}")
    found.retired_at = until
    session.flush()
    audit.record(session, by or "-", "account.retire", name, {"until": until.isoformat()}, now)
    return found


def approver_keys(session: Session) -> list[str]:
    return sorted(k for k in session.scalars(select(User.public_key).where(User.role == "approver")) if k)


def not_retired(actor: User, now: datetime) -> None:
    if actor.retired_at is not None and actor.retired_at <= now:
        raise WorkflowError(f"{actor.name} was retired on {actor.retired_at.isoformat()} and may no longer sign")


def require(actor: User, roles: frozenset[str] | tuple[str, ...], action: str) -> None:
    if actor.disabled_at is not None:
        raise WorkflowError(f"{actor.name}'s account is disabled")
    if actor.role not in roles:
        allowed = " or ".join(sorted(roles))
        raise WorkflowError(f"{actor.name} is an {actor.role}: only an {allowed} may {action}")
