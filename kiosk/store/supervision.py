"""Supervision: the supervisor's (监督员) remarks, and the one rule of the role — a
supervisor reads items, the timeliness view, feedback records without contact data and
reports, adds remarks, and changes nothing else.

The rule is kept in three places, each refusing on its own: the workflow (a supervisor is
not among :data:`kiosk.store.staff.WRITERS`, nor an approver or an admin), the command line
(every command acting ``--as`` a person refuses a supervisor unless it is in
:data:`SUPERVISOR_COMMANDS`) and the console (every POST refuses a supervisor unless its path
is in :data:`SUPERVISOR_POSTS`). Remarks are written by supervisors and admins (an admin may
answer one), each audited, and read by every role.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import audit
from kiosk.store.models import Remark, User
from kiosk.store.staff import SUPERVISOR, WorkflowError, require

#: Commands a supervisor may run as themselves: a record without its contact data, a
#: remark, their own password (``user password`` refuses anyone's but one's own to a non-admin).
SUPERVISOR_COMMANDS = frozenset({("feedback", "show"), ("remark", "add"), ("user", "password")})
#: Console POSTs a supervisor may send: signing out, a remark, their own password.
SUPERVISOR_POSTS = frozenset({"/admin/signout", "/admin/remarks", "/admin/password"})
#: Who may write remarks.
REMARKERS = (SUPERVISOR, "admin")
#: A remark's length in characters, at most (at least one that is not a space).
REMARK_LIMIT = 2000
#: The newest remarks a listing shows.
LISTED = 200


def refused(role: str, what: str) -> WorkflowError:
    return WorkflowError(f"a {role} reads and adds remarks only: may not {what}")


def check_command(role: str, command: tuple[str, str]) -> None:
    if role == SUPERVISOR and command not in SUPERVISOR_COMMANDS:
        raise refused(role, " ".join(command))


def add(session: Session, actor: User, target: str, text: str, now: datetime) -> Remark:
    require(actor, REMARKERS, "add remarks")
    text = text.strip()
    if not text:
        raise WorkflowError("a remark needs some text")
    if len(text) > REMARK_LIMIT or not all(c.isprintable() or c in "\n\t" for c in text):
        raise WorkflowError(f"a remark has at most {REMARK_LIMIT} characters, and no control characters")
    if len(target) > 128 or not target.isprintable():
        raise WorkflowError("a remark's target is at most 128 printable characters")
    remark = Remark(author=actor.name, target=target, text=text, created_at=now)
    session.add(remark)
    session.flush()
    audit.record(session, actor.name, "remark.add", target, {"remark": remark.id, "text": text[:500]}, now)
    return remark


def listing(session: Session, target: str | None = None) -> list[dict]:
    """The newest remarks first (at most :data:`LISTED`), of one target or all."""
    query = select(Remark).order_by(Remark.created_at.desc(), Remark.id.desc()).limit(LISTED)
    if target is not None:
        query = query.where(Remark.target == target)
    return [
        {"id": r.id, "author": r.author, "target": r.target, "text": r.text, "created_at": r.created_at.isoformat()}
        for r in session.scalars(query)
    ]
