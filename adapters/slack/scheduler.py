"""Reminders and escalations as DMs: a thread that asks each bot what is due every few minutes.

Due times live in the database, and each notice is marked as sent there, so a
restart neither loses nor repeats one. Run it in one process when several serve
the same database (``protocol-bot run slack --no-scheduler`` in the others).
"""

from __future__ import annotations

import logging
import threading
from typing import Sequence

from slack_sdk import WebClient

from bot.app import ProtocolBot
from bot.events import Where
from bot.replies import Audience

from adapters.slack.delivery import Delivery
from adapters.slack.translate import Origin

INTERVAL = 300.0  # seconds between runs
log = logging.getLogger(__name__)


def run_once(bots: Sequence[ProtocolBot], client: WebClient) -> int:
    """Send every reminder and escalation due now as a DM; return how many were sent."""
    sent = 0
    for bot in bots:
        try:
            replies = bot.run_scheduled()
        except Exception:  # noqa: BLE001 - one council's failure must not stop the others' reminders
            log.exception("The scheduled run for %s failed; it will be tried again.", bot.council.name)
            continue
        dms = [r for r in replies if r.audience is Audience.DM]
        for other in (r for r in replies if r.audience is not Audience.DM):
            log.warning("A scheduled reply with no one to go to was not sent: %s", other.text[:80])
        delivery = Delivery(client, Origin("", bot.council.slack_team_id, Where.dm()))
        delivery.send(dms)
        sent += len(delivery.people_told)
    return sent


class Scheduler(threading.Thread):
    """Calls :func:`run_once` now and then every ``interval`` seconds until :meth:`stop`."""

    def __init__(self, bots: Sequence[ProtocolBot], client: WebClient, interval: float = INTERVAL) -> None:
        super().__init__(name="protocol-bot-scheduler", daemon=True)
        self.bots = tuple(bots)
        self.client = client
        self.interval = interval
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            sent = run_once(self.bots, self.client)
            if sent:
                log.info("Sent %d reminders and escalations.", sent)
            self._stopped.wait(self.interval)

    def stop(self) -> None:
        """Stop after the current run."""
        self._stopped.set()
