"""The item form: what an author typed and uploaded, checked as an item file is checked.

The form's fields become the front matter of an item file and go through
:func:`kiosk.itemfile.parse`, so the console accepts exactly what ``kiosk-store item add``
accepts, with the same messages. Times are typed in the office's time zone
(``<input type="datetime-local">``) and stored as UTC.

Attachments are uploaded files: their type is read from their first bytes (the name and
the browser's claim are not trusted) and must be one the screens show (PNG, JPEG, WebP,
PDF); each is bounded by :data:`MAX_ATTACHMENT_BYTES` and a revision by
:data:`MAX_ATTACHMENTS`. Attachments kept from the previous revision are read back from
the store by their hash.
"""

from __future__ import annotations

import hashlib
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from kiosk.catalog import Catalog
from kiosk.content import Attachment
from kiosk.itemfile import ItemFile, ItemFileError, parse

#: The largest attachment accepted (an office scan of a few dozen pages fits).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 8
#: The form's text fields and their longest accepted lengths (the body has its own).
TEXT_FIELDS = {
    "title": 200,
    "summary": 1000,
    "doc_number": 100,
    "index_number": 100,
    "web_url": 500,
}
CHOICE_FIELDS = ("category", "unit", "audience", "cadence", "priority")
TIME_FIELDS = ("public_from", "expires_at")
MAX_BODY = 100_000
#: The schedule fields (kiosk.itemschedule) and the feedback an edit answers, as the form
#: has them: stages one a line, ``2026-06-30 中期``.
SCHEDULE_FIELDS = ("period", "event_date", "stages", "after_feedback")
MAX_STAGES_TEXT = 4000
MAX_FEEDBACK_KEY = 36
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"%PDF-", "application/pdf"),
)
FORM_PATH = Path("表单")


class FormError(ValueError):
    """A form the console refuses; the message names the field."""


def media_type(data: bytes) -> str | None:
    """The attachment's type from its first bytes; None for anything the screens do not show."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


@dataclass(frozen=True)
class HeldAttachment:
    """An attachment already in memory (uploaded, or kept from the previous revision):
    the interface :func:`kiosk.store.workflow.add_item` reads from an item file's attachments."""

    data: bytes
    title: str
    media_type: str
    sha256: str = field(default="")

    def read(self) -> bytes:
        return self.data

    def attachment(self) -> Attachment:
        return Attachment(
            sha256=hashlib.sha256(self.data).hexdigest(),
            media_type=self.media_type,
            title=self.title,
            size=len(self.data),
        )


def upload(name: str, data: bytes) -> HeldAttachment:
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise FormError(f"{name}: larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
    if not data:
        raise FormError(f"{name}: empty file")
    kind = media_type(data)
    if kind is None:
        raise FormError(f"{name}: not a PNG, JPEG, WebP image or PDF document")
    title = Path(name).stem[:100] or "附件"
    return HeldAttachment(data=data, title=title, media_type=kind)


def local_time(text: str, zone: zoneinfo.ZoneInfo, name: str) -> datetime | None:
    """``2026-12-05T08:30`` typed in the office's time zone, as an aware instant."""
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise FormError(f"{name}: not a date and time") from None
    return value.replace(tzinfo=zone) if value.tzinfo is None else value


def item_source(
    form: dict[str, str], attachments: list[HeldAttachment], catalog: Catalog, zone: zoneinfo.ZoneInfo
) -> ItemFile:
    """The checked item file the form describes; raises :class:`FormError`."""
    meta: dict[str, Any] = {}
    for name, longest in TEXT_FIELDS.items():
        value = form.get(name, "").strip()
        if len(value) > longest:
            raise FormError(f"{name}: at most {longest} characters")
        if value or name == "title":
            meta[name] = value
    for name in CHOICE_FIELDS:
        value = form.get(name, "").strip()
        if value:
            meta[name] = value
    for name in TIME_FIELDS:
        instant = local_time(form.get(name, ""), zone, name)
        if instant is not None:
            meta[name] = instant.isoformat()
    meta.update(schedule_meta(form))
    body = form.get("body", "").replace("\r\n", "\n")
    if len(body) > MAX_BODY:
        raise FormError(f"body: at most {MAX_BODY} characters")
    if len(attachments) > MAX_ATTACHMENTS:
        raise FormError(f"attachments: at most {MAX_ATTACHMENTS}")
    # The body is passed after the front matter, whatever it holds: a "---" in it is text.
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n" + body
    try:
        source = parse(text, FORM_PATH, catalog)
    except ItemFileError as exc:
        raise FormError(str(exc).removeprefix(f"{FORM_PATH}: ")) from None
    return ItemFile(path=FORM_PATH, fields=source.fields, body=source.body, attachments=tuple(attachments))


def form_values(content: dict[str, Any] | None, zone: zoneinfo.ZoneInfo) -> dict[str, str]:
    """An item's fields as the form shows them (times in the office's zone, to the minute)."""
    values = {name: "" for name in (*TEXT_FIELDS, *CHOICE_FIELDS, *TIME_FIELDS, *SCHEDULE_FIELDS, "body")}
    if content is None:
        return values
    for name in (*TEXT_FIELDS, *CHOICE_FIELDS, "body"):
        values[name] = content.get(name) or ""
    for name in TIME_FIELDS:
        if content.get(name):
            values[name] = datetime.fromisoformat(content[name]).astimezone(zone).strftime("%Y-%m-%dT%H:%M")
    return values


def schedule_meta(form: dict[str, str]) -> dict[str, Any]:
    """The form's schedule as item-file fields (checked there, with the item file's messages)."""
    meta: dict[str, Any] = {}
    for name in ("period", "event_date"):
        value = form.get(name, "").strip()
        if value:
            meta[name] = value
    text = form.get("stages", "")
    if len(text) > MAX_STAGES_TEXT:
        raise FormError(f"stages: at most {MAX_STAGES_TEXT} characters")
    stages = []
    for number, row in enumerate((r.strip() for r in text.splitlines()), start=1):
        if not row:
            continue
        day, _, name = row.partition(" ")
        if not name.strip():
            raise FormError(f"stages: line {number}: expected a date and a name, e.g. 2026-06-30 中期")
        stages.append({"name": name.strip(), "date": day})
    if stages:
        meta["stages"] = stages
    return meta


def feedback_key(form: dict[str, str]) -> str | None:
    """The feedback (reference or id) an edit says it answers; None when the field is empty."""
    key = form.get("after_feedback", "").strip()
    if len(key) > MAX_FEEDBACK_KEY:
        raise FormError(f"after_feedback: at most {MAX_FEEDBACK_KEY} characters")
    return key or None
