"""Receipts of platform deliveries: one claim wins, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from storage.receipt_repository import ReceiptRepository

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_the_first_claim_wins_and_retries_lose(engine: Engine) -> None:
    receipts, other_process = ReceiptRepository(engine), ReceiptRepository(engine)
    assert receipts.claim("slack", "Ev1", NOW) is True
    assert other_process.claim("slack", "Ev1", NOW) is False
    assert receipts.claim("discord", "Ev1", NOW) is True  # ids are per platform


def test_old_receipts_are_forgotten(engine: Engine) -> None:
    receipts = ReceiptRepository(engine)
    receipts.claim("slack", "old", NOW - timedelta(days=2))
    receipts.claim("slack", "new", NOW)
    assert receipts.forget_before(NOW - timedelta(days=1)) == 1
    assert receipts.claim("slack", "old", NOW) is True and receipts.claim("slack", "new", NOW) is False
