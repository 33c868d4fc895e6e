"""Private concerns (encrypted text), their handlers and messages, and the hash-chained audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CONCERN_INDEXES = {
    "raiser_status": ["council", "raiser", "status"],
    "status": ["council", "status"],
    "about": ["council", "about"],
    "closed_at": ["council", "closed_at"],
    "created_at": ["council", "created_at"],
}


def upgrade() -> None:
    """Create concerns, concern_handlers, concern_messages and audit_log."""
    op.create_table(
        "concerns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("council", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("raiser", sa.String(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("route", sa.String(), nullable=False),
        sa.Column("about", sa.String(), nullable=True),
        sa.Column("clause_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("note_for_clerk", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("hoped_outcome", sa.Text(), nullable=True),
        sa.Column("about_other", sa.Text(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("council", "number", name="uq_concerns_council_number"),
    )
    for name, columns in _CONCERN_INDEXES.items():
        op.create_index(f"ix_concerns_council_{name}", "concerns", columns)

    op.create_table(
        "concern_handlers",
        sa.Column(
            "concern_id",
            sa.Integer(),
            sa.ForeignKey("concerns.id", name="fk_concern_handlers_concern_id"),
            primary_key=True,
        ),
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_concern_handlers_name_concern_id", "concern_handlers", ["name", "concern_id"])

    op.create_table(
        "concern_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "concern_id",
            sa.Integer(),
            sa.ForeignKey("concerns.id", name="fk_concern_messages_concern_id"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("status", sa.String(), nullable=True),
    )
    op.create_index("ix_concern_messages_concern_id", "concern_messages", ["concern_id"])
    op.create_index("ix_concern_messages_author", "concern_messages", ["author"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("council", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.UniqueConstraint("council", "prev_hash", name="uq_audit_log_council_prev_hash"),
    )
    op.create_index("ix_audit_log_council_id", "audit_log", ["council", "id"])
    op.create_index("ix_audit_log_council_item", "audit_log", ["council", "item"])
    op.create_index("ix_audit_log_council_actor", "audit_log", ["council", "actor"])


def downgrade() -> None:
    """Drop the four tables (and with them every concern and the audit log)."""
    for name in ("actor", "item", "id"):
        op.drop_index(f"ix_audit_log_council_{name}", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_concern_messages_author", table_name="concern_messages")
    op.drop_index("ix_concern_messages_concern_id", table_name="concern_messages")
    op.drop_table("concern_messages")
    op.drop_index("ix_concern_handlers_name_concern_id", table_name="concern_handlers")
    op.drop_table("concern_handlers")
    for name in _CONCERN_INDEXES:
        op.drop_index(f"ix_concerns_council_{name}", table_name="concerns")
    op.drop_table("concerns")
