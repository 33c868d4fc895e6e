"""Start-up settings of the bot, passed in explicitly (never read at import time)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BotConfig:
    """Settings beyond the council file.

    ``database_url`` is accepted from the first issue on (``--db``, ``DATABASE_URL``)
    but not used yet: storage arrives in a later issue, which reads it here.
    """

    database_url: str | None = None
