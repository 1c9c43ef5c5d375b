"""The display rule: which items may appear on a public screen, and when.

This rule outranks every other in the product. A kiosk is a public channel, so an item may
be shown at an instant only if all of these hold:

* its audience is ``public`` (internal items never reach a public screen);
* its publication time (``published_at``, which the publisher signs) has arrived: a
  publication dated ahead of the kiosk's clock — one scheduled for later that reached the
  kiosk early, or a store whose clock runs ahead — waits for it;
* its ``public_from``, if any, has arrived;
* its ``expires_at``, if any, has not (an item is gone *at* its expiry instant);
* it is the newest revision of its item that the kiosk knows.

:func:`may_show` is the rule for one item; :func:`displayable` applies it to a
collection; :func:`sql_condition` is the same rule written for the cache's queries, kept
here beside it so that the two cannot drift apart unnoticed (a property test checks they
agree). Everything that shows items goes through one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from kiosk.clock import as_utc
from kiosk.content import Audience, Item

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.sql.base import ReadOnlyColumnCollection


def may_show(item: Item, now: datetime) -> bool:
    """Whether this revision, taken alone, may be on a public screen at ``now``."""
    now = as_utc(now)
    if item.audience is not Audience.PUBLIC:
        return False
    if now < item.published_at:
        return False
    if item.public_from is not None and now < item.public_from:
        return False
    if item.expires_at is not None and now >= item.expires_at:
        return False
    return True


def newest_revisions(items: Iterable[Item]) -> list[Item]:
    """One item per id: its highest revision, whatever its other properties."""
    newest: dict[str, Item] = {}
    for item in items:
        held = newest.get(item.id)
        if held is None or item.revision > held.revision:
            newest[item.id] = item
    return list(newest.values())


def displayable(items: Iterable[Item], now: datetime) -> list[Item]:
    """The items that may be shown at ``now``.

    The newest revision is chosen *before* the rule is applied: when the newest revision
    may not be shown yet (say its ``public_from`` lies ahead), an older revision does not
    stand in for it. Showing nothing is the safe failure for a public channel.
    """
    return [item for item in newest_revisions(items) if may_show(item, now)]


def next_change(items: Iterable[Item], now: datetime) -> datetime | None:
    """The first instant after ``now`` at which the rule's answer changes for some item.

    Screens use it as a deadline to look again, so an item appears at its publication
    time and its ``public_from`` and leaves at its ``expires_at`` without anything
    polling on a tick.
    """
    now = as_utc(now)
    upcoming = [
        instant
        for item in items
        if item.audience is Audience.PUBLIC
        for instant in (item.published_at, item.public_from, item.expires_at)
        if instant is not None and instant > now
    ]
    return min(upcoming, default=None)


def urgent_until(item: Item, lifetime: timedelta) -> datetime | None:
    """The instant an urgent item stops being urgent (None for an item that is not urgent).

    That is its ``expires_at``; an urgent item without one (the store no longer accepts
    them, but older feeds and item files carry them) is urgent for ``lifetime`` after it
    was published or last revised, so a notice about a date long past does not interrupt
    the wall and fill the ticker for ever. After that instant it is an ordinary item.
    """
    if not item.is_urgent:
        return None
    return item.expires_at if item.expires_at is not None else item.last_changed + lifetime


def is_urgent(item: Item, now: datetime, lifetime: timedelta) -> bool:
    """Whether ``item`` is to be treated as urgent at ``now`` (see :func:`urgent_until`)."""
    until = urgent_until(item, lifetime)
    return until is not None and as_utc(now) < until


def sql_condition(columns: ReadOnlyColumnCollection[str, Any], now: datetime) -> ColumnElement[bool]:
    """:func:`may_show` as a SQLAlchemy boolean clause over a table's columns.

    ``columns`` is a table's ``.c`` collection whose instant columns store a form that
    orders like time (the cache's fixed-width UTC text). The cache keeps only the newest
    revision of each item, which covers the revision clause.
    """
    from sqlalchemy import and_, or_

    now = as_utc(now)
    return and_(
        columns.audience == Audience.PUBLIC.value,
        columns.published_at <= now,
        or_(columns.public_from.is_(None), columns.public_from <= now),
        or_(columns.expires_at.is_(None), columns.expires_at > now),
    )
