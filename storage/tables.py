"""The database tables, as sqlmodel classes. Repositories map them to protocol's plain records.

A change here needs a new migration in ``storage/migrations/versions`` (the tests
check that the two agree).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, Text, UniqueConstraint, types
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel


class UTCDateTime(types.TypeDecorator[datetime]):
    """Timezone-aware datetimes, stored as UTC and read back as UTC on SQLite and PostgreSQL alike.

    SQLite keeps no time zone, so values are normalised to UTC before they are
    written and UTC is attached again when they are read.
    """

    impl = types.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: storage needs timezone-aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


class RequestRow(SQLModel, table=True):
    """One information request (:class:`protocol.requests.InformationRequest`)."""

    __tablename__ = "information_requests"
    __table_args__ = (
        UniqueConstraint("council", "number", name="uq_information_requests_council_number"),
        Index("ix_information_requests_council_status_due", "council", "status", "due"),
        Index("ix_information_requests_council_officer_status", "council", "officer", "status"),
        Index("ix_information_requests_council_requester", "council", "requester"),
        Index("ix_information_requests_council_due", "council", "due"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council: str
    number: int
    version: int = 1
    requester: str
    officer: str
    documents: str = Field(sa_type=Text)
    purpose: str = Field(sa_type=Text)
    committee: str | None = None
    constituent: bool = False
    personal_data: bool = False
    confidential: bool = False
    status: str
    verdict: str = ""
    assessment: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_type=UTCDateTime)
    acknowledge_by: date
    due: date
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    extended: bool = False
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    outcome: str | None = Field(default=None, sa_type=Text)
    ack_reminded: bool = False
    reminded: bool = False
    escalated: bool = False
    updated_at: datetime = Field(sa_type=UTCDateTime)


class RequestEventRow(SQLModel, table=True):
    """One event in a request's history (:class:`protocol.requests.RequestEvent`)."""

    __tablename__ = "request_events"
    __table_args__ = (Index("ix_request_events_request_id", "request_id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("information_requests.id", name="fk_request_events_request_id"), nullable=False
        )
    )
    kind: str
    at: datetime = Field(sa_type=UTCDateTime)
    actor: str
    detail: str = Field(default="", sa_type=Text)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class CouncilSequence(SQLModel, table=True):
    """The next number to hand out, per council and per kind of record (``"request"``…)."""

    __tablename__ = "council_sequences"

    council: str = Field(primary_key=True)
    name: str = Field(primary_key=True)
    next_value: int = 1


class ConcernRow(SQLModel, table=True):
    """One private concern (:class:`protocol.concerns.Concern`); its text columns hold Fernet tokens.

    ``summary``, ``hoped_outcome``, ``about_other`` and ``outcome`` are encrypted
    (see :mod:`storage.crypto`) and become NULL when the concern is purged.
    """

    __tablename__ = "concerns"
    __table_args__ = (
        UniqueConstraint("council", "number", name="uq_concerns_council_number"),
        Index("ix_concerns_council_raiser_status", "council", "raiser", "status"),
        Index("ix_concerns_council_status", "council", "status"),
        Index("ix_concerns_council_about", "council", "about"),
        Index("ix_concerns_council_closed_at", "council", "closed_at"),
        Index("ix_concerns_council_created_at", "council", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council: str
    number: int
    version: int = 1
    raiser: str
    category: str
    route: str
    about: str | None = None
    clause_id: str | None = None
    status: str
    note_for_clerk: bool = False
    summary: str | None = Field(default=None, sa_type=Text)
    hoped_outcome: str | None = Field(default=None, sa_type=Text)
    about_other: str | None = Field(default=None, sa_type=Text)
    outcome: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    purged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ConcernHandlerRow(SQLModel, table=True):
    """One handler of a concern, so that "what does X handle" is answered in SQL."""

    __tablename__ = "concern_handlers"
    __table_args__ = (Index("ix_concern_handlers_name_concern_id", "name", "concern_id"),)

    concern_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("concerns.id", name="fk_concern_handlers_concern_id"), primary_key=True
        )
    )
    name: str = Field(primary_key=True)
    position: int = 0


class ConcernMessageRow(SQLModel, table=True):
    """One message about a concern (:class:`protocol.concerns.ConcernMessage`); ``body`` is a Fernet token."""

    __tablename__ = "concern_messages"
    __table_args__ = (Index("ix_concern_messages_concern_id", "concern_id"),
                      Index("ix_concern_messages_author", "author"))

    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(
        sa_column=Column(Integer, ForeignKey("concerns.id", name="fk_concern_messages_concern_id"), nullable=False)
    )
    kind: str
    at: datetime = Field(sa_type=UTCDateTime)
    author: str
    body: str | None = Field(default=None, sa_type=Text)
    status: str | None = None


class AuditRow(SQLModel, table=True):
    """One entry of the append-only, hash-chained audit log (see :mod:`storage.audit`).

    ``detail`` holds ids, counts and statuses only, never personal text. Each
    council's entries form one chain: ``prev_hash`` is the previous entry's ``hash``.
    """

    __tablename__ = "audit_log"
    __table_args__ = (
        UniqueConstraint("council", "prev_hash", name="uq_audit_log_council_prev_hash"),
        Index("ix_audit_log_council_id", "council", "id"),
        Index("ix_audit_log_council_item", "council", "item"),
        Index("ix_audit_log_council_actor", "council", "actor"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council: str
    at: datetime = Field(sa_type=UTCDateTime)
    actor: str
    action: str
    item: str
    detail: str = Field(default="", sa_type=Text)
    prev_hash: str
    hash: str


class FlagRow(SQLModel, table=True):
    """One flagged public message (:class:`protocol.flags.Flag`); ``excerpt`` and ``reason`` hold Fernet tokens.

    ``(council, message_id)`` is unique: one message never makes two flags, even when
    two workers see it (or its edit) at once.
    """

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("council", "number", name="uq_flags_council_number"),
        UniqueConstraint("council", "message_id", name="uq_flags_council_message_id"),
        Index("ix_flags_council_reviewer_status", "council", "reviewer", "status"),
        Index("ix_flags_council_author_nudged_at", "council", "author", "nudged_at"),
        Index("ix_flags_council_officer", "council", "officer"),
        Index("ix_flags_council_created_at", "council", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council: str
    number: int
    message_id: str
    channel: str
    link: str | None = Field(default=None, sa_type=Text)
    author: str
    officer: str | None = None
    collective: bool = False
    kind: str | None = None
    clause_id: str | None = None
    reviewer: str
    reason: str | None = Field(default=None, sa_type=Text)
    excerpt: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    nudged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str
    feedback: str | None = None
    handled_by: str | None = None
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ReceiptRow(SQLModel, table=True):
    """One platform delivery already handled (a Slack ``event_id``), so that retries are not handled twice."""

    __tablename__ = "platform_receipts"
    __table_args__ = (
        UniqueConstraint("platform", "delivery_id", name="uq_platform_receipts_platform_delivery_id"),
        Index("ix_platform_receipts_received_at", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str
    delivery_id: str
    received_at: datetime = Field(sa_type=UTCDateTime)
