"""Start-up settings of the bot, passed in explicitly (never read at import time)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BotConfig:
    """Settings beyond the council file.

    ``database_url`` (``--db``, ``DATABASE_URL``): where requests and their history
    are stored; None means the SQLite file ``protocol-bot.db``.
    """

    database_url: str | None = None
