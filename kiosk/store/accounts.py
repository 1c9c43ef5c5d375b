"""People's accounts: passwords (Argon2id), sign-in with lockout, the account changes an
administrator makes (create, role, disable, enable, reset password), and the change of
one's own password, each audited.

Passwords are hashed with Argon2id through argon2-cffi (RFC 9106's recommended
parameters): a memory-hard hash, so a stolen store database does not give the office's
passwords to a graphics card in an afternoon, in the PHC string form, so the parameters can
be raised later and old hashes are re-hashed at the next sign-in.

Sign-in failures are counted per account and per address, within a window
(:class:`AccountPolicy`); past either limit, that account (or that address) is locked for a
while, and even the right password is refused until then, with the same message as a
wrong one, so a guesser learns nothing from it. An unknown name costs the same hash as a
known one.

Every bound (session lifetimes, the lockout) is declared once, in :class:`AccountPolicy`;
``kiosk-store serve`` takes each as an option.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.schema import between
from kiosk.store import audit, staff
from kiosk.store.models import ConsoleSession, SignInFailures, User
from kiosk.store.staff import ROLES, WorkflowError, check_new_user, user

#: Shortest and longest password accepted (characters). Long passphrases are welcome;
#: the upper bound only keeps one hash from costing more than it should.
PASSWORD_LENGTH = (10, 256)

_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so that costs the same time as a wrong password."""
    return _HASHER.hash("an account that does not exist")


@dataclass(frozen=True)
class AccountPolicy:
    """Sessions and lockout: every bound declared once (``kiosk-store serve`` options)."""

    session_idle: int = field(
        default=30 * 60,
        metadata={**between(60, 24 * 3600, "seconds"), "help": "a console session unused this long ends"},
    )
    session_absolute: int = field(
        default=12 * 3600,
        metadata={**between(300, 7 * 24 * 3600, "seconds"), "help": "a console session ends this long after sign-in"},
    )
    account_failures: int = field(
        default=5,
        metadata={**between(1, 1000, "failures"), "help": "failed sign-ins that lock an account"},
    )
    address_failures: int = field(
        default=20,
        metadata={**between(1, 100000, "failures"), "help": "failed sign-ins that lock an address"},
    )
    failure_window: int = field(
        default=15 * 60,
        metadata={**between(1, 7 * 24 * 3600, "seconds"), "help": "failures are counted over this many seconds"},
    )
    lockout: int = field(
        default=15 * 60,
        metadata={**between(1, 7 * 24 * 3600, "seconds"), "help": "seconds a locked account or address waits"},
    )

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if not f.metadata["check"](value):
                raise ValueError(f"{f.name.replace('_', '-')}: expected {f.metadata['expected']}, got {value!r}")


class SignInRefused(Exception):
    """A sign-in that did not succeed; the message is the same for every cause a guesser could use."""

    def __init__(self, message: str, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


WRONG = "wrong name or password"
LOCKED = "too many failed sign-ins: try again later"
WRONG_CURRENT = "the current password is wrong"


def hash_password(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


def check_password(password: str) -> None:
    low, high = PASSWORD_LENGTH
    if not low <= len(password) <= high:
        raise WorkflowError(f"a password must have {low} to {high} characters")
    if password.strip() != password or not password.isprintable():
        raise WorkflowError("a password may not start or end with spaces, nor hold control characters")


def _locked(session: Session, scope: str, key: str, now: datetime) -> datetime | None:
    row = session.get(SignInFailures, (scope, key))
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    return None


def _count_failure(session: Session, scope: str, key: str, limit: int, policy: AccountPolicy, now: datetime) -> bool:
    """Count one failure; True when it locks ``key``."""
    row = session.get(SignInFailures, (scope, key))
    window = timedelta(seconds=policy.failure_window)
    if row is None:
        row = SignInFailures(scope=scope, key=key, failures=0, window_start=now)
        session.add(row)
    elif now - row.window_start > window:
        row.failures, row.window_start, row.locked_until = 0, now, None
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + timedelta(seconds=policy.lockout)
        row.failures, row.window_start = 0, now
        return True
    return False


def sign_in(session: Session, name: str, password: str, address: str, policy: AccountPolicy, now: datetime) -> User:
    """The account ``name`` if ``password`` is its own and neither it nor ``address`` is locked.

    Raises :class:`SignInRefused`. Runs inside a write transaction: failures are counted and
    every outcome is audited.
    """
    name, address = name[:64], address[:64]
    account = session.scalar(select(User).where(User.name == name)) if name else None
    locked = _locked(session, "account", name, now) or _locked(session, "address", address, now)
    known = account is not None and account.password_hash is not None
    stored = account.password_hash if known and account is not None else None
    stored = stored or _dummy_hash()
    try:
        good = _HASHER.verify(stored, password) and known
    except (VerificationError, InvalidHashError):
        good = False
    if good and account is not None and account.disabled_at is not None:
        good = False
    if locked is not None:
        audit.record(session, name or "-", "sign-in.refused-locked", name, {"address": address}, now)
        raise SignInRefused(LOCKED, locked)
    if not good:
        audit.record(session, name or "-", "sign-in.failed", name, {"address": address}, now)
        locks = _count_failure(session, "account", name, policy.account_failures, policy, now)
        locks = _count_failure(session, "address", address, policy.address_failures, policy, now) or locks
        if locks:
            audit.record(session, name or "-", "sign-in.locked", name, {"address": address}, now)
        raise SignInRefused(WRONG)
    session.execute(delete(SignInFailures).where(SignInFailures.scope == "account", SignInFailures.key == name))
    assert account is not None and account.password_hash is not None  # a good password had both
    if _HASHER.check_needs_rehash(account.password_hash):
        account.password_hash = _HASHER.hash(password)
    audit.record(session, name, "sign-in", name, {"address": address}, now)
    return account


# -- account changes, by an administrator --------------------------------------------------


def require_admin(actor: User) -> None:
    if actor.role != "admin" or actor.disabled_at is not None:
        raise WorkflowError(f"{actor.name} is an {actor.role}: only an admin may change accounts")


def create(
    session: Session,
    actor: User | None,
    name: str,
    role: str,
    password: str,
    now: datetime,
    public_key: str | None = None,
) -> User:
    """A new account; ``actor`` None only for the first administrator (see :func:`bootstrap_allowed`)."""
    if actor is None:
        if not bootstrap_allowed(session) or role != "admin":
            raise WorkflowError("only an admin may add accounts (give --as ADMIN)")
    else:
        require_admin(actor)
    check_new_user(session, name, role)
    hashed = hash_password(password)
    account = staff.add_user(session, name, role, now, public_key=public_key, by=actor.name if actor else None)
    account.password_hash = hashed
    account.password_changed_at = now
    return account


def bootstrap_allowed(session: Session) -> bool:
    """True while no enabled admin can sign in: then the first admin is made without one."""
    return (
        session.scalar(
            select(User.id).where(User.role == "admin", User.disabled_at.is_(None), User.password_hash.is_not(None))
        )
        is None
    )


def set_role(session: Session, actor: User, name: str, role: str, now: datetime) -> User:
    require_admin(actor)
    if role not in ROLES:
        raise WorkflowError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    account = user(session, name)
    if account.id == actor.id:
        raise WorkflowError("an admin may not change their own role (ask another admin)")
    if role in ("approver", "admin") and not account.public_key:
        raise WorkflowError(f"{name} has no signing key: give them one first (kiosk-store user key {name})")
    old = account.role
    account.role = role
    _end_sessions(session, account)  # what the person may do changed: sign in again
    audit.record(session, actor.name, "account.role", name, {"from": old, "to": role}, now)
    return account


def disable(session: Session, actor: User, name: str, now: datetime) -> User:
    require_admin(actor)
    account = user(session, name)
    if account.id == actor.id:
        raise WorkflowError("an admin may not disable their own account")
    if account.disabled_at is not None:
        raise WorkflowError(f"{name} is already disabled")
    account.disabled_at = now
    _end_sessions(session, account)
    audit.record(session, actor.name, "account.disable", name, {}, now)
    return account


def enable(session: Session, actor: User, name: str, now: datetime) -> User:
    require_admin(actor)
    account = user(session, name)
    if account.disabled_at is None:
        raise WorkflowError(f"{name} is not disabled")
    account.disabled_at = None
    audit.record(session, actor.name, "account.enable", name, {}, now)
    return account


def reset_password(session: Session, actor: User | None, name: str, password: str, now: datetime) -> User:
    """A new password for ``name``: by an admin, or by the person themselves (``actor`` is them)."""
    account = user(session, name)
    if actor is None:  # the first admin's password, before any admin can sign in
        if not (bootstrap_allowed(session) and account.role == "admin"):
            raise WorkflowError("only an admin may reset passwords (give --as ADMIN)")
    elif actor.id != account.id:
        require_admin(actor)
    account.password_hash = hash_password(password)
    account.password_changed_at = now
    session.execute(delete(SignInFailures).where(SignInFailures.scope == "account", SignInFailures.key == account.name))
    _end_sessions(session, account)
    audit.record(session, actor.name if actor else "-", "account.password", name, {}, now)
    return account


def change_own_password(
    session: Session,
    name: str,
    current: str,
    new: str,
    address: str,
    policy: AccountPolicy,
    now: datetime,
    keep_session: str | None = None,
) -> int:
    """``name``'s new password, set by that person: ``current`` must be theirs, ``new`` is
    checked as an account's first password is. Their other console sessions end (all but
    the one whose token digest is ``keep_session``); the number ended is returned.

    A wrong ``current`` raises :class:`SignInRefused` after counting a failure towards the
    same lockout as sign-in (a stolen session must not become a way to guess the password),
    so the caller catches it inside the transaction; a bad ``new`` raises
    :class:`WorkflowError`. The audit entry names the change, never a password.
    """
    account = user(session, name)
    locked = _locked(session, "account", name, now) or _locked(session, "address", address, now)
    try:
        good = account.password_hash is not None and _HASHER.verify(account.password_hash, current)
    except (VerificationError, InvalidHashError):
        good = False
    if locked is not None or not good or account.disabled_at is not None:
        audit.record(session, name, "account.password-refused", name, {"address": address}, now)
        if locked is not None:
            raise SignInRefused(LOCKED, locked)
        _count_failure(session, "account", name, policy.account_failures, policy, now)
        _count_failure(session, "address", address, policy.address_failures, policy, now)
        raise SignInRefused(WRONG_CURRENT)
    if new == current:
        raise WorkflowError("the new password must differ from the current one")
    account.password_hash = hash_password(new)
    account.password_changed_at = now
    others = select(ConsoleSession.token_sha256).where(
        ConsoleSession.user_id == account.id, ConsoleSession.token_sha256 != (keep_session or "")
    )
    ended = list(session.scalars(others))
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_sha256.in_(ended)))
    audit.record(session, name, "account.password", name, {"own": True, "sessions_ended": len(ended)}, now)
    return len(ended)


def _end_sessions(session: Session, account: User) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == account.id))
