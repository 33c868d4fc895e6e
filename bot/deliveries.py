"""Platform deliveries already handled: a retried delivery (Slack's ``X-Slack-Retry-Num``) is ignored.

Adapters ask :meth:`Deliveries.first` before handling an event that a platform may
deliver more than once. The answer comes from the database (one unique key, so it
holds across several processes on one database); without one (tests' in-memory
stores) it is kept in memory for this process.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Protocol

from storage.errors import StorageError

from bot.clock import Clock

KEEP = timedelta(days=1)  # platforms give up retrying long before this
MEMORY = 10_000  # deliveries remembered without a database
log = logging.getLogger(__name__)


class ReceiptStore(Protocol):
    """What this needs of storage (``storage.receipt_repository.ReceiptRepository``)."""

    def claim(self, platform: str, delivery_id: str, at: datetime) -> bool: ...

    def forget_before(self, before: datetime) -> int: ...


class Deliveries:
    """Claims of platform delivery ids: True for the first, False for every retry."""

    def __init__(self, store: ReceiptStore | None, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self._seen: OrderedDict[tuple[str, str], None] = OrderedDict()

    def first(self, platform: str, delivery_id: str) -> bool:
        """True if this delivery has not been handled before (by any process on this database)."""
        if self.store is None:
            key = (platform, delivery_id)
            if key in self._seen:
                return False
            self._seen[key] = None
            while len(self._seen) > MEMORY:
                self._seen.popitem(last=False)
            return True
        try:
            return self.store.claim(platform, delivery_id, self.clock())
        except StorageError as exc:
            # Better a rare duplicate than a lost message: the desks behind refuse what they cannot store.
            log.warning("Could not record %s delivery %s (%s); handling it anyway.", platform, delivery_id, exc)
            return True

    def forget_old(self) -> int:
        """Forget deliveries older than a day; return how many (a scheduler calls this)."""
        if self.store is None:
            return 0
        try:
            return self.store.forget_before(self.clock() - KEEP)
        except StorageError as exc:
            log.warning("Could not forget old deliveries (%s).", exc)
            return 0
