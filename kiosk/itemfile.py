"""Item files: Markdown with YAML front matter, the form in which authors write items.

The demo pack is a folder of such files, and the store's ``item add`` reads the same
form. :func:`read` checks every field and returns an :class:`ItemFile`: the item's
fields plus the attachment files it names, resolved next to the Markdown file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any, Protocol

import yaml

from kiosk import itemschedule
from kiosk.catalog import Catalog, Category, Unit
from kiosk.content import Attachment, Audience, Cadence, Item, Priority

_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)

#: Media types an attachment may have; anything else is refused at authoring time.
ALLOWED_MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
}

_FIELDS = {
    "id",
    "revision",
    "title",
    "summary",
    "category",
    "unit",
    "audience",
    "cadence",
    "priority",
    "published_at",
    "revised_at",
    "public_from",
    "expires_at",
    "doc_number",
    "index_number",
    "web_url",
    "attachments",
    *itemschedule.FIELDS,
}


class ItemFileError(ValueError):
    """An item file that cannot be used; the message names the file and the field."""


class AttachmentSource(Protocol):
    """What an item's attachment offers whoever stores it: a file beside the item file, or
    bytes already in memory (the console's uploads)."""

    @property
    def title(self) -> str: ...

    @property
    def media_type(self) -> str: ...

    def read(self) -> bytes: ...

    def attachment(self) -> Attachment: ...


@dataclass(frozen=True)
class AttachmentFile:
    path: Path
    title: str
    media_type: str

    def read(self) -> bytes:
        return self.path.read_bytes()

    def attachment(self) -> Attachment:
        data = self.read()
        return Attachment(
            sha256=hashlib.sha256(data).hexdigest(),
            media_type=self.media_type,
            title=self.title,
            size=len(data),
        )


@dataclass(frozen=True)
class ItemFile:
    path: Path
    fields: dict[str, Any]
    body: str
    attachments: tuple[AttachmentSource, ...]

    def to_item(self, default_id: str | None = None, published_at: datetime | None = None) -> Item:
        """The item this file describes (reads attachment bytes to hash them)."""
        f = self.fields
        item_id = f.get("id") or default_id
        if not item_id:
            raise ItemFileError(f"{self.path}: id: missing")
        published = f.get("published_at") or published_at
        if published is None:
            raise ItemFileError(f"{self.path}: published_at: missing")
        return Item(
            id=item_id,
            revision=f.get("revision", 1),
            title=f["title"],
            summary=f.get("summary", ""),
            body=self.body,
            category=f["category"],
            unit=f["unit"],
            audience=Audience(f.get("audience", "public")),
            cadence=Cadence(f.get("cadence", "routine")),
            priority=Priority(f.get("priority", "normal")),
            published_at=published,
            revised_at=f.get("revised_at"),
            public_from=f.get("public_from"),
            expires_at=f.get("expires_at"),
            doc_number=f.get("doc_number", ""),
            index_number=f.get("index_number", ""),
            web_url=f.get("web_url", ""),
            attachments=tuple(a.attachment() for a in self.attachments),
        )


def read(path: Path, catalog: Catalog, zone: tzinfo | None = None) -> ItemFile:
    """Parse and check one item file.

    With ``zone`` (the store's office time zone), a time written without an offset
    (``2026-12-05 08:30``) or a bare date (``2026-12-05``, its start) is read in that zone;
    without one, such a time is refused rather than guessed at.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ItemFileError(f"{path}: cannot read ({exc})") from None
    return parse(text, path, catalog, zone)


def parse(text: str, path: Path, catalog: Catalog, zone: tzinfo | None = None) -> ItemFile:
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        raise ItemFileError(f"{path}: expected YAML front matter between '---' lines at the top")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ItemFileError(f"{path}: front matter is not valid YAML ({_one_line(exc)})") from None
    except ValueError as exc:  # an unquoted impossible date (2026-02-30): YAML's own date parse fails
        raise ItemFileError(f"{path}: front matter holds an impossible date or time ({_one_line(exc)})") from None
    if not isinstance(meta, dict):
        raise ItemFileError(f"{path}: front matter must be a mapping of field: value")
    body = text.lstrip("\ufeff")[match.end() :].strip("\n")
    fields = _check_fields(meta, path, catalog, zone)
    attachments = tuple(_attachment(entry, i, path) for i, entry in enumerate(meta.get("attachments") or []))
    return ItemFile(path=path, fields=fields, body=body, attachments=attachments)


def _check_fields(meta: dict[str, Any], path: Path, catalog: Catalog, zone: tzinfo | None) -> dict[str, Any]:
    def fail(key: str, message: str) -> ItemFileError:
        return ItemFileError(f"{path}: {key}: {message}")

    unknown = sorted(set(map(str, meta)) - _FIELDS)
    if unknown:
        raise fail(unknown[0], f"unknown field (known fields: {', '.join(sorted(_FIELDS))})")
    out: dict[str, Any] = {}
    for key in ("title", "category", "unit"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise fail(key, "required, a non-empty text")
        out[key] = meta[key].strip()
    # A category or unit may be written by its key or by its name (中文 or English).
    out["category"] = _key_of(out["category"], catalog.categories)
    out["unit"] = _key_of(out["unit"], catalog.units)
    if catalog.category(out["category"]) is None:
        raise fail(
            "category", f"unknown category {out['category']!r} (known: {', '.join(c.key for c in catalog.categories)})"
        )
    if catalog.unit(out["unit"]) is None:
        raise fail("unit", f"unknown unit {out['unit']!r} (known: {', '.join(u.key for u in catalog.units)})")
    if "id" in meta:
        if not isinstance(meta["id"], str) or not _ID.fullmatch(meta["id"]):
            raise fail("id", "expected lowercase letters, digits and hyphens (at most 80)")
        out["id"] = meta["id"]
    if "revision" in meta:
        if not isinstance(meta["revision"], int) or isinstance(meta["revision"], bool) or meta["revision"] < 1:
            raise fail("revision", "expected a whole number, 1 or more")
        out["revision"] = meta["revision"]
    for key in ("summary", "doc_number", "index_number", "web_url"):
        if key in meta:
            if not isinstance(meta[key], str):
                raise fail(key, "expected a text")
            out[key] = meta[key].strip()
    if out.get("web_url") and not out["web_url"].startswith(("https://", "http://")):
        raise fail("web_url", "expected an http:// or https:// address")
    for key, enum_type in (("audience", Audience), ("cadence", Cadence), ("priority", Priority)):
        if key in meta:
            try:
                out[key] = enum_type(meta[key]).value
            except ValueError:
                choices = ", ".join(e.value for e in enum_type)
                raise fail(key, f"expected one of {choices}, got {meta[key]!r}") from None
    for key in ("published_at", "revised_at", "public_from", "expires_at"):
        if meta.get(key) is not None:
            out[key] = _instant(meta[key], fail, key, zone)
    if out.get("public_from") and out.get("expires_at") and out["expires_at"] <= out["public_from"]:
        raise fail("expires_at", "must come after public_from")
    out.update(itemschedule.check(meta, out.get("cadence", Cadence.ROUTINE.value), fail))
    return out


def _key_of(written: str, entries: tuple[Category, ...] | tuple[Unit, ...]) -> str:
    for entry in entries:
        if written in (entry.key, entry.name_zh) or (entry.name_en and written.lower() == entry.name_en.lower()):
            return str(entry.key)
    return written


def _instant(value: Any, fail: Callable[[str, str], Exception], key: str, zone: tzinfo | None = None) -> datetime:
    # YAML already turns unquoted ISO timestamps into datetimes; quoted ones arrive as text.
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            if zone is None:
                raise fail(key, "expected an ISO 8601 time with an offset, e.g. 2026-03-02T09:00:00+08:00") from None
            raise fail(key, "expected a date and time, e.g. 2026-03-02 09:00 (office time)") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        if zone is None:
            raise fail(key, "expected a time with an offset, not a bare date (e.g. 2026-03-02T09:00:00+08:00)")
        value = datetime.combine(value, datetime.min.time())  # the start of that day, office time
    if isinstance(value, datetime) and value.tzinfo is None and zone is not None:
        value = value.replace(tzinfo=zone)
    if not isinstance(value, datetime):
        raise fail(key, "expected an ISO 8601 time with an offset")
    if value.tzinfo is None:
        # A time with no offset is ambiguous across time zones: refuse it, never guess.
        raise fail(key, "expected a time with an explicit offset, e.g. +08:00")
    return value.astimezone(UTC)


def _attachment(entry: Any, index: int, path: Path) -> AttachmentFile:
    key = f"attachments[{index}]"
    if isinstance(entry, str):
        entry = {"path": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        raise ItemFileError(f"{path}: {key}: expected a path, or a mapping with path and title")
    target = (path.parent / entry["path"]).resolve()
    media_type = ALLOWED_MEDIA_TYPES.get(target.suffix.lower())
    if media_type is None:
        allowed = ", ".join(sorted(ALLOWED_MEDIA_TYPES))
        raise ItemFileError(f"{path}: {key}: {entry['path']}: unsupported file type (allowed: {allowed})")
    if not target.is_file():
        raise ItemFileError(f"{path}: {key}: {entry['path']}: no such file")
    title = entry.get("title") or target.stem
    return AttachmentFile(path=target, title=str(title), media_type=media_type)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
