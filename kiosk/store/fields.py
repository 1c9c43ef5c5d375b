"""The types and ranges of every field a client sends the store, as both databases hold them.

Each field a request can carry has a type and a range that SQLite *and* PostgreSQL can
store: whole numbers fit a 32-bit ``INTEGER`` column (PostgreSQL refuses 2^31 and more),
text has no NUL (PostgreSQL's text cannot hold it) and no lone surrogate (not UTF-8 at
all), instants are ISO 8601 with an offset and stay inside what Python's ``datetime`` can
represent in UTC and in any time zone. A value outside is refused with 422 and the name of
the field, before it reaches a handler or the database.

The request bodies are pydantic models: their JSON Schema is what the store's OpenAPI
document says (so a schema-driven fuzzer generates the edge values), and validating one
is the first check; the product's own rules (:func:`kiosk.feedback.from_wire`) come after.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, TypeAdapter, ValidationError

from kiosk import feedback as fb

#: The range of an INTEGER column on PostgreSQL (and of SQLite's, which is wider).
INT32_MAX = 2**31 - 1
#: Instants the store accepts: a day inside datetime's range, so that showing one in any
#: time zone (offsets are under a day) never leaves it.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)
#: Seconds a long-poll may ask for; the store holds it at most kiosk.store.server.MAX_WAIT.
WAIT_CEILING = 86400.0


class NotJSON(ValueError):
    """A body that is not JSON in UTF-8 (400)."""


class FieldInvalid(ValueError):
    """A value that does not fit its field; ``field`` names it, ``str()`` says why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def storable(text: str) -> str:
    """``text`` when every database can store it: no NUL, and UTF-8 (no lone surrogate)."""
    if "\x00" in text:
        raise ValueError("text may not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text may not contain lone surrogates (it is not UTF-8)") from None
    return text


def instant(text: str) -> str:
    """``text`` when it is an ISO 8601 instant with an offset that the store can represent."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("expected an ISO 8601 instant, e.g. 2026-11-26T10:00:00+08:00") from None
    if parsed.utcoffset() is None:
        raise ValueError("the instant needs a UTC offset")
    try:
        utc = parsed.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST <= utc <= LATEST:
        raise ValueError(f"the instant is outside {EARLIEST.date()} … {LATEST.date()} (UTC)")
    return text


Text = Annotated[str, AfterValidator(storable)]
Instant = Annotated[
    str,
    Field(max_length=64, description="ISO 8601 with a UTC offset", json_schema_extra={"format": "date-time"}),
    AfterValidator(instant),
]
Count = Annotated[StrictInt, Field(ge=0, le=INT32_MAX)]
Revision = Annotated[StrictInt, Field(ge=1, le=INT32_MAX)]
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
ALL_TAGS = frozenset(fb.ALL_KINDS)


Coordinate = Annotated[StrictInt, Field(ge=-INT32_MAX, le=INT32_MAX)]


class ScreenReport(BaseModel):
    """One of a kiosk's screens: the output it is on, its role, the rectangle it covers."""

    model_config = ConfigDict(extra="ignore")
    name: Annotated[Text, Field(max_length=200)] = ""
    role: Annotated[Text, Field(max_length=16)] = ""
    region: Annotated[list[Coordinate], Field(min_length=4, max_length=4)] | None = None


class Heartbeat(BaseModel):
    """What a kiosk reports about itself; every field is optional, unknown ones are ignored."""

    model_config = ConfigDict(extra="ignore")
    app_version: Annotated[Text, Field(max_length=200)] | None = None
    feed_version: Count | None = None
    last_sync: Annotated[Text, Field(max_length=200)] | None = None
    outbox_size: Count | None = None
    last_error: Annotated[Text, Field(max_length=10000)] | None = None
    uptime: Count | None = None
    outbox_set_aside: Count | None = None
    stale_since: Annotated[Text, Field(max_length=200)] | None = None
    screens: Annotated[list[ScreenReport], Field(max_length=16)] | None = None
    cjk_font: Annotated[Text, Field(max_length=200)] | None = None


# What a text may hold (kiosk.feedback refuses the rest): no control character but the
# newline, no bidirectional override, isolate or mark, no line or paragraph separator.
_PLAIN = r"^[^\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]*$"
PlainText = Annotated[Text, Field(pattern=_PLAIN)]
#: A pattern for free-text query parameters (filters, searches): anything but a NUL, which
#: no database takes as text (PostgreSQL refuses it; FTS5 ends its string there).
NO_NUL = r"^[^\x00]*$"


class _Upload(BaseModel):
    """What every feedback record carries (:class:`kiosk.feedback.Feedback`)."""

    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=UUID_PATTERN, description="made by the kiosk; the idempotency key")]
    item_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,80}$")] | None = None
    item_revision: Revision | None = None
    consent: StrictBool = False
    name: Annotated[PlainText, Field(max_length=fb.NAME_LIMIT * 8)] = ""
    phone: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 \-]{4,23}$")] | Literal[""] = ""
    created_at: Instant


class WrittenUpload(_Upload):
    """A suggestion, opinion, question or praise: its text is the point."""

    kind: Literal[tuple(fb.KINDS)]  # type: ignore[valid-type]
    # Lengths in code points: TEXT_CEILING graphemes may take several each.
    text: Annotated[PlainText, Field(min_length=5, max_length=fb.TEXT_CEILING * 8)]
    rating: Literal[tuple(fb.RATINGS)] | None = None  # type: ignore[valid-type]


class RatingUpload(_Upload):
    """A one-tap rating; the text is its optional reason."""

    kind: Literal["rating"]
    rating: Literal[tuple(fb.RATINGS)]  # type: ignore[valid-type]
    text: Annotated[PlainText, Field(max_length=fb.TEXT_CEILING * 8)] = ""


FeedbackUpload = TypeAdapter(Annotated[WrittenUpload | RatingUpload, Field(discriminator="kind")])
#: Every field a feedback upload may carry.
FEEDBACK_FIELDS = tuple(dict.fromkeys([*WrittenUpload.model_fields, *RatingUpload.model_fields]))


def _first_error(exc: ValidationError) -> FieldInvalid:
    error = exc.errors()[0]
    where = [str(part) for part in error["loc"]]
    if error["type"].startswith("union_tag"):
        where = ["kind"]
    elif where and where[0] in ALL_TAGS:  # a variant of a tagged union: the field is next
        where = where[1:]
    name = where[0] if where else "body"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":  # said in words, not as the pattern
        message = (
            "contains a control or bidirectional-override character; remove it"
            if error.get("ctx", {}).get("pattern") == _PLAIN
            else "is not in the form this store accepts"
        )
    return FieldInvalid(name, f"{name}: {message}")


def load(raw: bytes) -> Any:
    """The JSON value of a body; raises :class:`NotJSON`."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise NotJSON("the body is not JSON in UTF-8") from None


def validate(model: type[BaseModel] | TypeAdapter, data: Any) -> Any:
    """``data`` (parsed JSON) as a validated ``model``; raises :class:`FieldInvalid`."""
    if not isinstance(data, dict):
        raise FieldInvalid("body", "the body must be a JSON object")
    try:
        return model.validate_python(data) if isinstance(model, TypeAdapter) else model.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc) from None


def request_body(model: type[BaseModel] | TypeAdapter, *, required: bool = True) -> dict:
    """``openapi_extra`` for a route that reads ``model`` itself (after authentication)."""
    schema = model.json_schema() if isinstance(model, TypeAdapter) else model.model_json_schema()
    return {"requestBody": {"required": required, "content": {"application/json": {"schema": _inline(schema)}}}}


def _inline(schema: dict) -> dict:
    """``schema`` with its ``$defs`` put in place: the OpenAPI document has no such section."""
    defs = schema.pop("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return walk(defs[node["$ref"].rsplit("/", 1)[1]])
            # The discriminator's mapping names $defs; oneOf with the "kind" constants says the same.
            return {k: walk(v) for k, v in node.items() if k != "discriminator"}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)
