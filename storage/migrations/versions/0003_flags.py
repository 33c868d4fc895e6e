"""Flags: public messages taken for criticism of an officer (encrypted excerpt), kept for review.

Revision ID: 0003
Revises: 0002
Create Date: 2025-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INDEXES = {
    "reviewer_status": ["council", "reviewer", "status"],
    "author_nudged_at": ["council", "author", "nudged_at"],
    "officer": ["council", "officer"],
    "created_at": ["council", "created_at"],
}


def upgrade() -> None:
    """Create the flags table."""
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("council", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("officer", sa.String(), nullable=True),
        sa.Column("collective", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(), nullable=True),
        sa.Column("clause_id", sa.String(), nullable=True),
        sa.Column("reviewer", sa.String(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("nudged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("feedback", sa.String(), nullable=True),
        sa.Column("handled_by", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("council", "number", name="uq_flags_council_number"),
        sa.UniqueConstraint("council", "message_id", name="uq_flags_council_message_id"),
    )
    for name, columns in _INDEXES.items():
        op.create_index(f"ix_flags_council_{name}", "flags", columns)


def downgrade() -> None:
    """Drop the flags table (and every flag with it)."""
    for name in _INDEXES:
        op.drop_index(f"ix_flags_council_{name}", table_name="flags")
    op.drop_table("flags")
