"""The content model: disclosed items, their attachments, and the words that describe them.

Everything here is plain data. Whether an item may be shown is decided in
:mod:`kiosk.rules`, nowhere else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kiosk.clock import as_utc


class Audience(enum.StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"


class Cadence(enum.StrEnum):
    ROUTINE = "routine"
    PHASED = "phased"
    AD_HOC = "ad-hoc"


class Period(enum.StrEnum):
    """How often a routine item must be disclosed again."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"


class Priority(enum.StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file an item refers to, addressed by the sha256 of its bytes."""

    sha256: str
    media_type: str
    title: str = ""
    size: int = 0

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


@dataclass(frozen=True, slots=True)
class Item:
    """One revision of one disclosed item.

    ``id`` is the item's identity across revisions; a re-disclosed item keeps its id and
    gets a higher ``revision``. All instants are timezone-aware UTC.
    """

    id: str
    revision: int
    title: str
    category: str
    unit: str
    published_at: datetime
    audience: Audience = Audience.PUBLIC
    cadence: Cadence = Cadence.ROUTINE
    priority: Priority = Priority.NORMAL
    summary: str = ""
    body: str = ""
    public_from: datetime | None = None
    expires_at: datetime | None = None
    revised_at: datetime | None = None
    doc_number: str = ""
    index_number: str = ""
    web_url: str = ""
    attachments: tuple[Attachment, ...] = field(default=())

    def __post_init__(self) -> None:
        # Normalise every instant to UTC once, so comparisons never mix offsets.
        for name in ("published_at", "public_from", "expires_at", "revised_at"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_utc(value))
        if self.revision < 1:
            raise ValueError(f"item {self.id}: revision must be 1 or more, not {self.revision}")

    @property
    def is_urgent(self) -> bool:
        return self.priority is Priority.URGENT

    @property
    def is_revised(self) -> bool:
        return self.revision > 1 and self.revised_at is not None

    @property
    def last_changed(self) -> datetime:
        """When the newest disclosure of this item happened: what "newest first" sorts by."""
        return self.revised_at or self.published_at


def _instant_text(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


#: The item's fields that hold instants.
INSTANTS = ("published_at", "revised_at", "public_from", "expires_at")


def item_fields(item: Item) -> dict[str, Any]:
    """The item's own fields (attachments aside): enums as their values, instants as datetimes.
    The JSON form (:func:`item_to_dict`) and the cache's rows are made from it."""
    return {
        "id": item.id,
        "revision": item.revision,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "category": item.category,
        "unit": item.unit,
        "audience": item.audience.value,
        "cadence": item.cadence.value,
        "priority": item.priority.value,
        "published_at": item.published_at,
        "revised_at": item.revised_at,
        "public_from": item.public_from,
        "expires_at": item.expires_at,
        "doc_number": item.doc_number,
        "index_number": item.index_number,
        "web_url": item.web_url,
    }


def item_to_dict(item: Item) -> dict[str, Any]:
    """The item as JSON-ready data: instants as ISO 8601 UTC with an explicit offset."""
    fields = item_fields(item)
    for name in INSTANTS:
        fields[name] = _instant_text(fields[name])
    fields["attachments"] = [
        {"sha256": a.sha256, "media_type": a.media_type, "title": a.title, "size": a.size} for a in item.attachments
    ]
    return fields


def item_from_dict(data: dict[str, Any]) -> Item:
    """The inverse of :func:`item_to_dict`; raises ``ValueError``/``KeyError``/``TypeError`` on bad data."""

    def instant(key: str) -> datetime | None:
        value = data.get(key)
        return datetime.fromisoformat(value) if value is not None else None

    return Item(
        id=data["id"],
        revision=int(data["revision"]),
        title=data["title"],
        summary=data.get("summary", ""),
        body=data.get("body", ""),
        category=data["category"],
        unit=data["unit"],
        audience=Audience(data.get("audience", "public")),
        cadence=Cadence(data.get("cadence", "routine")),
        priority=Priority(data.get("priority", "normal")),
        published_at=datetime.fromisoformat(data["published_at"]),
        revised_at=instant("revised_at"),
        public_from=instant("public_from"),
        expires_at=instant("expires_at"),
        doc_number=data.get("doc_number", ""),
        index_number=data.get("index_number", ""),
        web_url=data.get("web_url", ""),
        attachments=tuple(
            Attachment(
                sha256=a["sha256"], media_type=a["media_type"], title=a.get("title", ""), size=int(a.get("size", 0))
            )
            for a in data.get("attachments", [])
        ),
    )
