"""The store's database tables, as SQLAlchemy 2 models. Alembic migrations create them.

Instants are stored as naive UTC (:class:`UTCDateTime` converts at the boundary), so the
same columns compare alike on SQLite and PostgreSQL. Blobs (item documents, attachment
bytes) live in the database, so every store process sharing it can serve them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.clock import as_utc

#: The index of the revisions' short search copies, on SQLite only (see :class:`Revision`).
HEAD_INDEX = "ix_revisions_search_head"

# Named constraints keep Alembic migrations portable between SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """An aware datetime in, an aware UTC datetime out; naive UTC in between."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Small facts about this store: its public key, its URL, how much feed history to keep."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    #: Approvers only: the public half of the key their tool signs approvals with.
    public_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Set when the account may no longer sign (the root then lists its key with this date).
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: An Argon2id hash in its PHC string form (kiosk.store.accounts); None: cannot sign in.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: A disabled account cannot sign in, and its sessions end at once.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ItemRow(Base):
    """An item's identity across revisions, and which revision (if any) is on screens."""

    __tablename__ = "items"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    latest_revision: Mapped[int] = mapped_column(Integer)
    #: The published revision currently meant for screens; None before publication and
    #: after a withdrawal.
    live_revision: Mapped[int | None] = mapped_column(Integer)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Revision(Base):
    """One revision of one item, and where it stands in the workflow."""

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("item_id", "number"),
        # A query too short for trigrams scans search_head. This index holds it with what
        # the list's join and order read, so SQLite counts matches from the index alone
        # and walks a page newest first testing each entry before it reads the row, never
        # reading every revision's whole text. Not on PostgreSQL: there a row keeps short
        # columns inline and the long text apart, so a scan reads little anyway, and a
        # B-tree entry is limited to 2,704 bytes, which a long summary would exceed (its
        # revision could not be stored).
        Index(HEAD_INDEX, "created_at", "search_head", "item_id", "number").ddl_if(dialect="sqlite"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    #: draft | submitted | approved | scheduled | published | superseded | replaced | withdrawn
    state: Mapped[str] = mapped_column(String(16))
    #: The approved fields (kiosk.feed.approved_fields) as canonical JSON: what is signed.
    content: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    # Copies of the fields the feed rule reads, so the feed is computed in one query.
    audience: Mapped[str] = mapped_column(String(16))
    public_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: Indexed: the console lists the newest revisions first, a page at a time.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # Copies of the fields the console's item list filters and searches by,
    # so a page of 10,000 items is one indexed query, not 10,000 JSON parses.
    category: Mapped[str] = mapped_column(String(64), default="", index=True)
    unit: Mapped[str] = mapped_column(String(64), default="", index=True)
    cadence: Mapped[str] = mapped_column(String(16), default="")
    doc_number: Mapped[str] = mapped_column(Text, default="")
    #: Title, summary, body, document and index numbers, lower-cased: what search reads
    #: (through a trigram index, kiosk.store.search).
    search_text: Mapped[str] = mapped_column(Text, default="")
    #: The same without the body: what a query too short for trigrams reads.
    search_head: Mapped[str] = mapped_column(Text, default="")
    #: A scheduled revision (signed, not yet live): the instant it goes live (kiosk.store.schedule).
    release_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: An approver's reason for sending a submitted revision back (it is a draft again).
    rejection: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The approver's Ed25519 signature of the content (base64), made in the approver's tool.
    signature: Mapped[str | None] = mapped_column(String(128))
    publisher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The sha256 of this revision's item document, made at publication.
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    # -- timeliness: the office's schedule for the item (not sent to kiosks) --------------
    #: Routine items: monthly | quarterly | half-yearly | yearly (kiosk.itemschedule).
    period: Mapped[str | None] = mapped_column(String(16))
    #: Phased items: canonical JSON list of {"name", "date": "YYYY-MM-DD"}, in date order.
    stages: Mapped[str | None] = mapped_column(Text)
    #: Ad-hoc items: the day of the event the item discloses.
    event_date: Mapped[date | None] = mapped_column(Date)
    #: The feedback this revision answers: "re-disclosed after feedback" as a recorded fact.
    after_feedback: Mapped[str | None] = mapped_column(ForeignKey("feedback.id"), index=True)


class Document(Base):
    """An item document (kiosk.feed.item_document), named by the sha256 of its bytes."""

    __tablename__ = "documents"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80))
    revision: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    #: The first feed version that listed it. Only documents that have been in a feed are
    #: served: the protocol's item and asset URLs need no token, so nothing meant for
    #: inside the organisation or for later may be fetchable there.
    served_since: Mapped[int | None] = mapped_column(Integer)


class Asset(Base):
    """Attachment bytes, named by their sha256."""

    __tablename__ = "assets"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    served_since: Mapped[int | None] = mapped_column(Integer)


class FeedState(Base):
    """The single row every feed version is created under (locked while one is made)."""

    __tablename__ = "feed_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    #: The oldest version a delta may start from; older history has been pruned.
    horizon: Mapped[int] = mapped_column(Integer)
    #: When the feed was last evaluated, and the next instant at which a public_from or
    #: expires_at changes it: serving processes re-evaluate only when one has passed.
    evaluated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_check: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FeedEntry(Base):
    """An item in the feed at the current version."""

    __tablename__ = "feed_entries"
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))


class FeedChange(Base):
    """What one version changed for one item: ``add``, ``change`` or ``remove``."""

    __tablename__ = "feed_changes"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))


class Device(Base):
    """An enrolled kiosk: its hashed token and its last heartbeat."""

    __tablename__ = "devices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    app_version: Mapped[str | None] = mapped_column(String(64))
    feed_version: Mapped[int | None] = mapped_column(Integer)
    last_sync: Mapped[str | None] = mapped_column(String(64))
    outbox_size: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    #: Seconds since the kiosk started; feedback it set aside (the store refused it).
    uptime: Mapped[int | None] = mapped_column(Integer)
    outbox_set_aside: Mapped[int | None] = mapped_column(Integer)
    #: As the kiosk said it: when its feed went stale (its newest signed statement expired).
    stale_since: Mapped[str | None] = mapped_column(String(64))
    #: As the kiosk said it: its screens (JSON list of name, role, region) and its CJK font.
    screens: Mapped[str | None] = mapped_column(Text)
    cjk_font: Mapped[str | None] = mapped_column(String(200))


class FeedbackRow(Base):
    """One visitor's feedback as a kiosk sent it (kiosk.feedback.Feedback), and its follow-up."""

    __tablename__ = "feedback"
    #: The inbox and the command line list feedback newest first, a page at a time.
    __table_args__ = (Index("ix_feedback_received_at", "received_at", "id"),)
    #: The kiosk-made UUID: the upload's idempotency key.
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), index=True)
    #: sha256 of the canonical upload body: a replay must match it byte for byte.
    body_sha256: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    rating: Mapped[str | None] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    item_id: Mapped[str | None] = mapped_column(String(80), index=True)
    item_revision: Mapped[int | None] = mapped_column(Integer)
    consent: Mapped[bool] = mapped_column(Boolean)
    #: Only with consent (the intake refuses contact data without it).
    contact_name: Mapped[str | None] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Low ratings and written opinions must be answered by then; None when none is owed.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(Text)


class Remark(Base):
    """A supervisor's remark on an item, a report period or the programme (``target`` empty)."""

    __tablename__ = "remarks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author: Mapped[str] = mapped_column(String(64))
    #: ``item:ID``, ``report:FIRST..LAST`` or empty (the programme as a whole).
    target: Mapped[str] = mapped_column(String(128), default="", index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class UsageUpload(Base):
    """One kiosk's batch of anonymous use for one hour (kiosk.usage_wire): counts or play time.

    Once per (kiosk, kind, hour, part): a replay must match ``body_sha256``."""

    __tablename__ = "usage_uploads"
    __table_args__ = (UniqueConstraint("device_id", "kind", "hour", "part"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    kind: Mapped[str] = mapped_column(String(8))
    hour: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: 1, or a later play batch of the same hour (a kiosk clock set back).
    part: Mapped[int] = mapped_column(Integer, server_default="1")
    body_sha256: Mapped[str] = mapped_column(String(64))
    #: The kiosk's threshold for counts: cells below it came as "< N".
    threshold: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UsageCell(Base):
    """One count of a use batch: a metric and its key (None: the rare search terms summed)."""

    __tablename__ = "usage_cells"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("usage_uploads.id"), index=True)
    metric: Mapped[str] = mapped_column(String(32))
    key: Mapped[str | None] = mapped_column(String(80))
    #: The count, or None when the kiosk gave only "< below".
    count: Mapped[int | None] = mapped_column(Integer)
    below: Mapped[int | None] = mapped_column(Integer)


class PlaySeconds(Base):
    """Seconds the wall spent in one hour on one item's revision, or blank, or off-hours."""

    __tablename__ = "play_seconds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("usage_uploads.id"), index=True)
    what: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[str | None] = mapped_column(String(80))
    revision: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[float] = mapped_column(Float)


class TrustMetadata(Base):
    """One signed TUF metadata file (protocol v2): root, targets, snapshot, timestamp or a bin.

    ``digest`` is the sha256 of what the file lists (not of its signature), so the builder
    knows whether a bin changed without parsing it.
    """

    __tablename__ = "trust_metadata"
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    expires: Mapped[datetime] = mapped_column(UTCDateTime)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Publication(Base):
    """The v2 document (approval and the publisher's signed statement) of one published revision."""

    __tablename__ = "publications"
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(Integer)


class Withdrawal(Base):
    """The latest signed withdrawal of an item; its document is in ``documents``."""

    __tablename__ = "withdrawals"
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    length: Mapped[int] = mapped_column(Integer)


class ConsoleSession(Base):
    """A signed-in browser: only the sha256 of its cookie is kept, with its CSRF token."""

    __tablename__ = "console_sessions"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    address: Mapped[str] = mapped_column(String(64))


class SignInFailures(Base):
    """Failed sign-ins counted per account (``scope='account'``) and per address (``'address'``)."""

    __tablename__ = "sign_in_failures"
    scope: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """One line of the append-only audit log; ``sha256`` covers the line and the previous one's hash.

    ``prev_sha256`` is unique: two writers can never both extend the same line (the chain
    cannot fork), and ``seq`` counts from 1 without gaps, so a deleted line shows.
    """

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(48), index=True)
    target: Mapped[str] = mapped_column(String(128))
    origin: Mapped[str] = mapped_column(String(128))
    detail: Mapped[str] = mapped_column(Text)
    prev_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
