"""Information requests, their events, and per-council numbering.

Revision ID: 0001
Revises:
Create Date: 2025-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the three tables and their indexes."""
    op.create_table(
        "information_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("council", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("requester", sa.String(), nullable=False),
        sa.Column("officer", sa.String(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("committee", sa.String(), nullable=True),
        sa.Column("constituent", sa.Boolean(), nullable=False),
        sa.Column("personal_data", sa.Boolean(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("verdict", sa.String(), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_by", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extended", sa.Boolean(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("ack_reminded", sa.Boolean(), nullable=False),
        sa.Column("reminded", sa.Boolean(), nullable=False),
        sa.Column("escalated", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("council", "number", name="uq_information_requests_council_number"),
    )
    op.create_index(
        "ix_information_requests_council_status_due", "information_requests", ["council", "status", "due"]
    )
    op.create_index(
        "ix_information_requests_council_officer_status", "information_requests", ["council", "officer", "status"]
    )
    op.create_index("ix_information_requests_council_requester", "information_requests", ["council", "requester"])
    op.create_index("ix_information_requests_council_due", "information_requests", ["council", "due"])

    op.create_table(
        "request_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "request_id",
            sa.Integer(),
            sa.ForeignKey("information_requests.id", name="fk_request_events_request_id"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_request_events_request_id", "request_events", ["request_id"])

    op.create_table(
        "council_sequences",
        sa.Column("council", sa.String(), primary_key=True),
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("next_value", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("council_sequences")
    op.drop_index("ix_request_events_request_id", table_name="request_events")
    op.drop_table("request_events")
    for name in ("due", "requester", "officer_status", "status_due"):
        op.drop_index(f"ix_information_requests_council_{name}", table_name="information_requests")
    op.drop_table("information_requests")
