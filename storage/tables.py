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
