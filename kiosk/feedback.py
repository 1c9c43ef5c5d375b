"""The opinion box's record, and the rules both the kiosk and the store check it against.

A :class:`Feedback` is what a visitor leaves: written feedback of one of four kinds
(建议 suggestion, 意见 opinion, 咨询 question, 表扬 praise), or a one-tap ``rating`` on the
five-level scale of government service evaluation (非常满意 … 非常不满意), whose text is
the optional reason. Its id is made by the kiosk and is the upload's idempotency key; the
short reference code the visitor reads on the thank-you page is derived from it.

Lengths are counted as visitors see characters: grapheme clusters (:func:`graphemes`).
Control characters and bidirectional overrides are refused by :func:`validate` (the
store) and removed by :func:`clean` (the kiosk's form, which says so): an override can
make a text read differently in the administrators' tools than it was typed.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

import regex

#: Written kinds, keys then the names visitors read.
KINDS = {"suggestion": "建议", "opinion": "意见", "question": "咨询", "praise": "表扬"}
RATING_KIND = "rating"
ALL_KINDS = (*KINDS, RATING_KIND)
#: The five levels, best first (keys, then the names visitors read).
RATINGS = {
    "very-satisfied": "非常满意",
    "satisfied": "满意",
    "fair": "基本满意",
    "dissatisfied": "不满意",
    "very-dissatisfied": "非常不满意",
}
LOW_RATINGS = ("dissatisfied", "very-dissatisfied")
#: Written kinds that owe the visitor an answer (praise does not), like every low rating.
FOLLOW_UP_KINDS = ("suggestion", "opinion", "question")
#: Working days the office takes to answer them: the default and the range, for the kiosk's
#: configuration (what its thank-you page promises) and the store's setting (the due date).
#: Declared here, not in kiosk.config, because the store reads them too and never imports
#: the kiosk's configuration.
FOLLOW_UP_DAYS = 15
FOLLOW_UP_RANGE = (1, 60)

#: The store's own limits of written text, whatever a kiosk is configured with: the
#: widest a kiosk's ``min_length`` and ``max_length`` may be set to (the configuration's
#: bounds are these), so the store never refuses what a kiosk's form accepted.
TEXT_FLOOR = 1
TEXT_CEILING = 2000
NAME_LIMIT = 40
PHONE_PATTERN = re.compile(r"\+?[0-9][0-9 \-]{4,23}")
ITEM_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,80}")

# Bidirectional embeddings, overrides and isolates, plus the marks LRM, RLM and ALM.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: Characters a text may contain although their category is control.
_ALLOWED_CONTROLS = frozenset("\n")

_GRAPHEME = regex.compile(r"\X")

_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone

#: The ``code`` of the store's own JSON refusals of an upload (``{"detail", "code", "field"}``).
#: A kiosk sets a record aside only for a code in :data:`REFUSED_FOR_GOOD`: those bytes can
#: never be accepted, however often they are sent. Every other answer — a proxy's HTML page,
#: a 404 from a load balancer, an unknown code — is worth retrying, so it is retried.
REFUSAL_INVALID = "feedback-invalid"  # 422: the record breaks a rule (``field`` names it)
REFUSAL_CONFLICT = "feedback-conflict"  # 409: the id was already used for other content
REFUSAL_TOO_LARGE = "feedback-too-large"  # 413: the body exceeds the store's limit
REFUSAL_NOT_JSON = "feedback-not-json"  # 400: the bytes arrived damaged (a middlebox?): retried
REFUSED_FOR_GOOD = frozenset({REFUSAL_INVALID, REFUSAL_CONFLICT, REFUSAL_TOO_LARGE})


class FeedbackInvalid(ValueError):
    """A record that breaks a rule; ``field`` names what, ``str()`` says why (shown to people)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


class LengthLimits(Protocol):
    """Length limits of written text, in grapheme clusters (a kiosk's ``[feedback]`` is one)."""

    @property
    def min_length(self) -> int: ...

    @property
    def max_length(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Limits:
    """Length limits given as numbers."""

    min_length: int
    max_length: int


#: What the store accepts from any kiosk.
STORE_LIMITS = Limits(min_length=TEXT_FLOOR, max_length=TEXT_CEILING)


@dataclass(frozen=True, slots=True)
class Feedback:
    id: str
    kind: str
    text: str = ""
    rating: str | None = None
    #: The item the feedback is about (its id and the revision the visitor saw), or general.
    item_id: str | None = None
    item_revision: int | None = None
    #: Contact data travels only with consent; without it both are empty.
    consent: bool = False
    name: str = ""
    phone: str = ""
    #: When the visitor submitted it (kiosk clock), ISO 8601 with offset.
    created_at: str = ""

    @property
    def reference(self) -> str:
        return reference_code(self.id)

    @property
    def is_low_rating(self) -> bool:
        return self.rating in LOW_RATINGS

    @property
    def needs_follow_up(self) -> bool:
        return self.is_low_rating or self.kind in FOLLOW_UP_KINDS

    @property
    def has_contact(self) -> bool:
        return bool(self.name or self.phone)

    def to_wire(self) -> dict[str, Any]:
        """The upload body (and the outbox's copy): plain JSON types only."""
        return asdict(self)

    def body_bytes(self) -> bytes:
        return canonical(self.to_wire())


def new(
    kind: str,
    *,
    text: str = "",
    rating: str | None = None,
    item_id: str | None = None,
    item_revision: int | None = None,
    consent: bool = False,
    name: str = "",
    phone: str = "",
    now: datetime,
) -> Feedback:
    """A new record with a fresh id; contact fields are dropped unless ``consent``."""
    if not consent:
        name = phone = ""
    return Feedback(
        id=str(uuid.uuid4()),
        kind=kind,
        text=text,
        rating=rating,
        item_id=item_id,
        item_revision=item_revision,
        consent=consent,
        name=name,
        phone=phone,
        created_at=now.isoformat(),
    )


def canonical(data: dict[str, Any]) -> bytes:
    """One byte form per record: what the store compares replays by."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def body_digest(record: Feedback) -> str:
    return hashlib.sha256(record.body_bytes()).hexdigest()


def reference_code(feedback_id: str) -> str:
    """Six characters from the id (30 bits), grouped ``ABC-DEF``: short enough to quote."""
    digest = hashlib.sha256(feedback_id.encode("utf-8")).digest()
    number = int.from_bytes(digest[:4], "big") >> 2
    chars = []
    for _ in range(6):
        number, rest = divmod(number, 32)
        chars.append(_REFERENCE_ALPHABET[rest])
    code = "".join(chars)
    return f"{code[:3]}-{code[3:]}"


# -- characters --------------------------------------------------------------------------


def graphemes(text: str) -> int:
    """How many characters a visitor sees in ``text``: Unicode's extended grapheme clusters
    (UAX #29), as the ``regex`` module's ``\\X`` implements them (👩‍👩‍👧 is one, 🇨🇳 is one)."""
    return len(_GRAPHEME.findall(text))


def _unwanted(ch: str) -> bool:
    if ch in _BIDI:
        return True
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch not in _ALLOWED_CONTROLS
    # Lone surrogates (JSON can carry them) and the line/paragraph separators.
    return category in ("Cs", "Zl", "Zp")


def clean(text: str) -> tuple[str, bool]:
    """``text`` with control and bidi-override characters removed; and whether any were.

    Tabs become spaces and CR LF / CR become LF first: they are typed, not hostile.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    kept = "".join(ch for ch in text if not _unwanted(ch))
    return unicodedata.normalize("NFC", kept), len(kept) != len(text)


def _check_characters(field_name: str, what: str, text: str) -> None:
    for ch in text:
        if _unwanted(ch):
            kind = "bidirectional-override" if ch in _BIDI else "control"
            raise FeedbackInvalid(field_name, f"{what} contains a {kind} character (U+{ord(ch):04X}); remove it")


# -- validation --------------------------------------------------------------------------


def validate(record: Feedback, limits: LengthLimits = STORE_LIMITS) -> Feedback:
    """``record`` if it keeps every rule; else :class:`FeedbackInvalid` naming the first broken one."""
    try:
        uuid.UUID(record.id)
    except (ValueError, TypeError, AttributeError):
        raise FeedbackInvalid("id", "id must be a UUID made by the kiosk") from None
    if record.kind not in ALL_KINDS:
        raise FeedbackInvalid("kind", f"unknown kind {record.kind!r} (one of {', '.join(ALL_KINDS)})")
    if record.rating is not None and record.rating not in RATINGS:
        raise FeedbackInvalid("rating", f"unknown rating {record.rating!r} (one of {', '.join(RATINGS)})")
    if record.kind == RATING_KIND and record.rating is None:
        raise FeedbackInvalid("rating", "a rating needs one of the five levels")
    if not isinstance(record.text, str):
        raise FeedbackInvalid("text", "text must be a string")
    _check_characters("text", "the text", record.text)
    length = graphemes(record.text.strip())
    if record.kind != RATING_KIND and length < limits.min_length:
        raise FeedbackInvalid(
            "text", f"please write at least {limits.min_length} characters" if length else "please write your feedback"
        )
    if length > limits.max_length:
        raise FeedbackInvalid("text", f"the text is {length} characters long; at most {limits.max_length} are accepted")
    if (record.item_id is None) != (record.item_revision is None):
        raise FeedbackInvalid("item", "an item reference needs both its id and its revision")
    if record.item_id is not None and not (
        isinstance(record.item_id, str) and ITEM_ID_PATTERN.fullmatch(record.item_id)
    ):
        raise FeedbackInvalid("item", "the item id is not one this store issues")
    if record.item_revision is not None and not (type(record.item_revision) is int and record.item_revision >= 1):
        raise FeedbackInvalid("item", "the item revision must be a positive whole number")
    if not isinstance(record.consent, bool):
        raise FeedbackInvalid("consent", "consent must be true or false")
    if record.has_contact and not record.consent:
        raise FeedbackInvalid("consent", "contact data is accepted only with the visitor's consent")
    for name, what, value in (("name", "the name", record.name), ("phone", "the telephone number", record.phone)):
        if not isinstance(value, str):
            raise FeedbackInvalid(name, f"{what} must be a string")
        _check_characters(name, what, value)
    if graphemes(record.name) > NAME_LIMIT:
        raise FeedbackInvalid("name", f"the name may have at most {NAME_LIMIT} characters")
    if record.phone and not PHONE_PATTERN.fullmatch(record.phone):
        raise FeedbackInvalid("phone", "the telephone number may hold digits, spaces, '-' and a leading '+' (5 to 24)")
    try:
        created = datetime.fromisoformat(record.created_at)
    except (TypeError, ValueError):
        raise FeedbackInvalid("created_at", "created_at must be an ISO 8601 instant") from None
    if created.utcoffset() is None:
        raise FeedbackInvalid("created_at", "created_at needs a UTC offset")
    return record


def from_wire(data: object) -> Feedback:
    """A record from an upload body (already parsed JSON), validated by the store's ceilings."""
    if not isinstance(data, dict):
        raise FeedbackInvalid("body", "the body must be a JSON object")
    known = set(Feedback.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise FeedbackInvalid(unknown[0], f"unknown field {unknown[0]!r}")
    for required in ("id", "kind", "created_at"):
        if required not in data:
            raise FeedbackInvalid(required, f"{required} is missing")
    text_fields = ("id", "kind", "text", "name", "phone", "created_at")
    for name in text_fields:
        if name in data and not isinstance(data[name], str):
            raise FeedbackInvalid(name, f"{name} must be a string")
    try:
        record = Feedback(**{k: data[k] for k in known if k in data})
    except TypeError as exc:
        raise FeedbackInvalid("body", str(exc)) from None
    return validate(record)


# -- follow-up ---------------------------------------------------------------------------


def add_working_days(start: datetime, days: int) -> datetime:
    """``start`` plus ``days`` working days (Monday to Friday), in ``start``'s time zone.

    Public holidays and the make-up working weekends of the Chinese calendar are not known
    here; the office's own calendar would replace this rule.
    """
    current = start
    left = days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def without_contact(record: Feedback) -> Feedback:
    return replace(record, name="", phone="")


class Visit:
    """The submissions of one visit at the touch screen: the per-visit rate limit.

    The idle reset starts a new visit, so the next visitor never waits for the one before;
    the kiosk-wide flood guard (the outbox's limit) still bounds what one kiosk sends.
    """

    def __init__(self, min_interval: float) -> None:
        self.min_interval = timedelta(seconds=min_interval)
        self._last: datetime | None = None

    def wait(self, now: datetime) -> float:
        """Seconds until this visit may submit again (0: now)."""
        if self._last is None:
            return 0.0
        return max(0.0, (self._last + self.min_interval - now).total_seconds())

    def accepted(self, now: datetime) -> None:
        """A submission of this visit was committed at ``now``."""
        self._last = now

    def restart(self) -> None:
        """A new visitor: nothing they did before counts."""
        self._last = None
