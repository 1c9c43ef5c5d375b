"""One-tap ratings as records, and a low one waiting for its optional reason.

A rating is a feedback record of its own kind: the level, the item and revision it is
about (none from the home page) and, for a low one, the reason the visitor gave — a
configured one, typed, or none at all. Plain state and rules; the view model holds one
:class:`PendingRating` while the opinion box asks why, and drops it on sending,
cancelling or the idle reset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk import feedback as fb

#: What a rating is about: item id, revision read, title (the title for the form only).
About = tuple[str, int, str]


def record(rating: str, reason: str, about: About | None, now: datetime) -> fb.Feedback:
    """The outbox record of ``rating`` (with ``reason``, "" for none) about ``about``."""
    item_id, revision, _ = about or (None, None, "")
    return fb.new(fb.RATING_KIND, rating=rating, text=reason, item_id=item_id, item_revision=revision, now=now)


@dataclass(frozen=True)
class PendingRating:
    """A low rating the opinion box asks a reason for ("" when none waits)."""

    rating: str = ""
    about: About | None = None

    def with_reason(self, reason: str, max_length: int) -> str | None:
        """``reason`` as it will be sent (cleaned, trimmed), or None when it is too long."""
        reason, _ = fb.clean(reason)
        reason = reason.strip()
        return None if fb.graphemes(reason) > max_length else reason

    def record(self, reason: str, now: datetime) -> fb.Feedback:
        return record(self.rating, reason, self.about, now)
