"""Receipts of platform deliveries: the first worker to claim a delivery id handles it, every retry is ignored.

Slack redelivers an event (``X-Slack-Retry-Num``) when it did not see our answer in
time, possibly to another process behind the load balancer. ``claim`` inserts the
delivery id under a unique key with ``ON CONFLICT DO NOTHING`` (SQLite and
PostgreSQL alike), so exactly one claim succeeds however many processes try at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Table, bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.database import transaction
from storage.tables import ReceiptRow

MAX_ID = 255  # longer ids are cut (Slack's event ids are about 12 characters)
RECEIPTS: Table = ReceiptRow.__table__  # type: ignore[attr-defined]
_CLAIM = {  # a row (its id) comes back only when this claim inserted it
    dialect: insert_into(RECEIPTS).values(platform=bindparam("platform"), delivery_id=bindparam("delivery_id"),
                                          received_at=bindparam("received_at"))
    .on_conflict_do_nothing(index_elements=["platform", "delivery_id"]).returning(RECEIPTS.c.id)
    for dialect, insert_into in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_FORGET = delete(RECEIPTS).where(RECEIPTS.c.received_at < bindparam("before"))


class ReceiptRepository:
    """Claims of delivery ids, per platform."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._claim = _CLAIM[engine.dialect.name]

    def claim(self, platform: str, delivery_id: str, at: datetime) -> bool:
        """True the first time ``(platform, delivery_id)`` is claimed, False for every later claim."""
        values = {"platform": platform, "delivery_id": delivery_id[:MAX_ID], "received_at": at}
        with transaction(self.engine, write=True) as connection:
            return connection.execute(self._claim, values).first() is not None

    def forget_before(self, before: datetime) -> int:
        """Delete receipts older than ``before`` (platforms stop retrying within hours); return how many."""
        with transaction(self.engine, write=True) as connection:
            return connection.execute(_FORGET, {"before": before}).rowcount
