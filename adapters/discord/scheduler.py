"""Reminders and escalations as Discord DMs: an asyncio task that asks each bot what is due every few minutes.

Due times live in the database, and each notice is marked as sent there, so a
restart neither loses nor repeats one. Run it in one process per database
(``protocol-bot run discord --no-scheduler`` in the others).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.replies import Audience

from adapters.discord.delivery import Delivery

if TYPE_CHECKING:
    from adapters.discord.client import ProtocolClient

INTERVAL = 300.0  # seconds between runs
log = logging.getLogger(__name__)


async def run_once(client: ProtocolClient) -> int:
    """Send every reminder and escalation due now as a DM; return how many were delivered."""
    sent = 0
    for bot in client.councils.bots:
        try:
            replies = await asyncio.to_thread(bot.run_scheduled)
        except Exception:  # noqa: BLE001 - one council's failure must not stop the others' reminders
            log.exception("The scheduled run for %s failed; it will be tried again.", bot.council.name)
            continue
        for other in (r for r in replies if r.audience is not Audience.DM):
            log.warning("A scheduled reply with no one to go to was not sent: %s", other.text[:80])
        delivery = Delivery(client, client.handlers.sessions)
        await delivery.send([r for r in replies if r.audience is Audience.DM])
        sent += len(delivery.people_told)
    return sent


async def reminders(client: ProtocolClient, interval: float = INTERVAL) -> None:
    """Call :func:`run_once` once the client is ready, then every ``interval`` seconds until cancelled."""
    await client.wait_until_ready()
    while not client.is_closed():
        try:
            sent = await run_once(client)
        except Exception:  # noqa: BLE001 - the loop must outlive a bad run (the next one tries again)
            log.exception("A reminder run failed; it will be tried again.")
        else:
            if sent:
                log.info("Sent %d reminders and escalations.", sent)
        await asyncio.sleep(interval)
