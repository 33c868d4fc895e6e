"""``MessageChecks``: a small pool of its own where message events are checked, apart from bolt's listener pool.

Bolt runs every listener in one pool (5 threads). A burst of message events, each a
detector check and database writes after bolt's acknowledgement, would fill that pool,
and the slash commands, button presses and form submissions behind them would wait
there for their ``ack()`` while Slack allows 3 seconds. Message checks run here instead
(``adapters.slack.app`` queues them), on two threads: the listener pool stays free for
what a person is waiting for.

Under sustained overload nothing is dropped. At most ``capacity`` checks wait; beyond
that, the request that brought the message waits too, before Slack is answered, for up
to ``wait`` seconds (back-pressure: Slack's HTTP request, or its Socket Mode envelope,
is held). If there is still no room, :class:`MessageChecksFull` is raised, Slack is
answered with an error and sends the event again later (its retries are checked once,
by ``event_id``), and the refusal is logged as an error: a criticism is either checked
or still Slack's to re-send, never lost in silence. Holding the requests without limit
instead would only move the unbounded queue into the HTTP server's threads.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, Callable, TypeVar

WORKERS = 2  # few: the detector is CPU work under one interpreter lock, and SQLite writes take turns anyway
CAPACITY = 5000  # checks waiting (some 5 to 10 s of work, about 25 MB) before requests bringing more are held
WAIT = 2.0  # seconds a request is held for room, within Slack's 3
T = TypeVar("T")
log = logging.getLogger(__name__)


class MessageChecksFull(RuntimeError):
    """There was no room for another message check in time: Slack is told to send the event again later."""


class MessageChecks(Executor):
    """A bounded executor for message checks: ``workers`` threads, at most ``capacity`` checks waiting."""

    def __init__(self, workers: int = WORKERS, capacity: int = CAPACITY, wait: float = WAIT) -> None:
        self.capacity = capacity
        self.wait = wait
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="message-check")
        self._room = threading.Condition()
        self._pending = 0  # submitted and not finished: waiting or running
        self._full = False

    @property
    def pending(self) -> int:
        """Checks submitted and not yet finished."""
        with self._room:
            return self._pending

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Queue ``fn``; if ``capacity`` checks are waiting, hold the caller up to ``wait`` seconds for room,
        then raise :class:`MessageChecksFull` (the caller logs the refusal, with the event's id)."""
        with self._room:
            if self._pending >= self.capacity:
                if not self._full:
                    self._full = True
                    log.warning("%d message checks are waiting: Slack is sending messages faster than they can be "
                                "checked, so new message events are held before they are acknowledged.",
                                self._pending)
                if not self._room.wait_for(lambda: self._pending < self.capacity, timeout=self.wait):
                    raise MessageChecksFull(f"no room for a message check within {self.wait:.1f} s: Slack will "
                                            "send the event again")
            elif self._full:
                self._full = False
                log.warning("Message checks have caught up (%d waiting).", self._pending)
            self._pending += 1
        try:
            future = self._pool.submit(fn, *args, **kwargs)
        except BaseException:
            self._finished()
            raise
        future.add_done_callback(self._finished)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Take no more checks; with ``wait``, finish those submitted first (none is dropped on stopping)."""
        pending = self.pending
        if wait and pending:
            log.info("Finishing %d message checks before stopping.", pending)
        self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)

    def _finished(self, _: object = None) -> None:
        with self._room:
            self._pending -= 1
            self._room.notify()
