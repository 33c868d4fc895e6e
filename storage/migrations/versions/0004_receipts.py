"""Receipts: platform deliveries already handled (Slack's event ids), so a retried delivery is ignored.

Revision ID: 0004
Revises: 0003
Create Date: 2025-12-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the platform_receipts table."""
    op.create_table(
        "platform_receipts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("delivery_id", sa.String(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("platform", "delivery_id", name="uq_platform_receipts_platform_delivery_id"),
    )
    op.create_index("ix_platform_receipts_received_at", "platform_receipts", ["received_at"])


def downgrade() -> None:
    """Drop the platform_receipts table (retries seen before may then be handled again)."""
    op.drop_index("ix_platform_receipts_received_at", table_name="platform_receipts")
    op.drop_table("platform_receipts")
