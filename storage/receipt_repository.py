"""Receipts of platform deliveries: the first worker to claim a delivery id handles it, every retry is ignored.

Slack redelivers an event (``X-Slack-Retry-Num``) when it did not see our answer in
time, possibly to another process behind the load balancer. ``claim`` inserts the
delivery id under a unique key with ``ON CONFLICT DO NOTHING`` (SQLite and
PostgreSQL alike), so exactly one claim succeeds however many processes try at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.database import transaction
from storage.tables import ReceiptRow

MAX_ID = 255  # longer ids are cut (Slack's event ids are about 12 characters)


class ReceiptRepository:
    """Claims of delivery ids, per platform."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._table = ReceiptRow.__table__  # type: ignore[attr-defined]
        self._insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert

    def claim(self, platform: str, delivery_id: str, at: datetime) -> bool:
        """True the first time ``(platform, delivery_id)`` is claimed, False for every later claim."""
        statement = self._insert(self._table).values(
            platform=platform, delivery_id=delivery_id[:MAX_ID], received_at=at,
        ).on_conflict_do_nothing(index_elements=["platform", "delivery_id"]).returning(self._table.c.id)
        with transaction(self.engine, write=True) as connection:
            return connection.execute(statement).first() is not None  # a row comes back only when inserted

    def forget_before(self, before: datetime) -> int:
        """Delete receipts older than ``before`` (platforms stop retrying within hours); return how many."""
        with transaction(self.engine, write=True) as connection:
            return connection.execute(delete(self._table).where(self._table.c.received_at < before)).rowcount
