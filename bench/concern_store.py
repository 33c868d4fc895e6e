"""Concern store: encrypted writes and reads, audit appends, lists, verify and rotation, on SQLite and PostgreSQL.

Run: ``python -m bench.concern_store``. On each database: concerns added per second
through ``ConcernRepository.add`` (encrypting four fields and appending the audit
entry, in one transaction); full reads per second, audited (``get``) and not
(``get_for_system``), each decrypting four fields; messages read per concern
(``messages``, five per concern); audit appends per second on their own; the
handler's list (``find_for_handler``, first 20 open) median and p99 with
:data:`STORED` concerns stored; ``AuditLog.verify`` entries per second; and key
rotation (``rotate_keys``) values per second. The cipher alone (encrypt and decrypt
of a 400-character summary) is timed first for scale.

SQLite runs on a temporary file. PostgreSQL runs in a schema of its own, dropped at
the end, on ``BENCH_DATABASE_URL`` (default: the local test server); it is skipped,
saying why, when the server cannot be reached.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from bench.common import heading, on_each_database, percentile
from protocol.concerns import Concern, ConcernCategory, ConcernMessage, ConcernStatus, MessageKind
from storage.audit import AuditLog
from storage.concern_repository import ConcernRepository
from storage.crypto import TextCipher, generate_key
from storage.database import upgrade

COUNCIL = "bench-town"
STORED = 2_000
READS = 500
APPENDS = 1_000
LIST_RUNS = 200
CIPHER_RUNS = 5_000
NOW = datetime.now(UTC)
HANDLERS = ("The Clerk", "The Chair", "Deputy Clerk")
RAISERS = tuple(f"Councillor {i}" for i in range(15))
SUMMARY = ("At the planning committee on Tuesday the officer spoke over me three times and then described my "
           "question about the car park survey as a waste of everyone's time in front of members of the public. "
           "I would like this to be looked at privately. ") * 2


def new_concern(rng: random.Random) -> Concern:
    """A concern as the bot would make it."""
    status = rng.choice(list(ConcernStatus))
    closed = status.is_closed
    return Concern(
        council=COUNCIL, raiser=rng.choice(RAISERS), category=rng.choice(list(ConcernCategory)),
        summary=SUMMARY, handlers=(rng.choice(HANDLERS),), route="councillor_about_officer",
        created_at=NOW - timedelta(days=rng.randrange(1000)), about="Officer One",
        hoped_outcome="A quiet word and an apology.", about_other=None, status=status,
        outcome="Resolved at a meeting with both." if closed else None, closed_at=NOW if closed else None,
    )


def per_second(n: int, run: Callable[[int], object]) -> float:
    """Calls of ``run(i)`` per second, over ``n`` calls."""
    start = time.perf_counter()
    for i in range(n):
        run(i)
    return n / (time.perf_counter() - start)


def time_cipher() -> tuple[float, float]:
    """Encryptions and decryptions of :data:`SUMMARY` per second."""
    cipher = TextCipher([generate_key()])
    token = cipher.encrypt(SUMMARY)
    return per_second(CIPHER_RUNS, lambda _: cipher.encrypt(SUMMARY)), per_second(
        CIPHER_RUNS, lambda _: cipher.decrypt(token))


def time_list(run: Callable[[], object]) -> list[float]:
    """Milliseconds per call, sorted, after a few warm-up calls."""
    for _ in range(5):
        run()
    times = []
    for _ in range(LIST_RUNS):
        start = time.perf_counter_ns()
        run()
        times.append((time.perf_counter_ns() - start) / 1e6)
    return sorted(times)


def run_on(name: str, engine: Engine) -> None:
    """Print the figures for one database."""
    upgrade(engine)
    a, b = generate_key(), generate_key()
    audit = AuditLog(engine)
    repo = ConcernRepository(engine, TextCipher([a]), audit)
    rng = random.Random(1)
    message = ConcernMessage(MessageKind.REPLY, NOW, "The Clerk", "Thank you; I will speak to them this week.")

    added = per_second(STORED, lambda _: repo.add(new_concern(rng), "Councillor 1"))
    for number in range(1, READS + 1):
        stored = repo.get_for_system(COUNCIL, number)
        assert stored is not None
        repo.update(stored, "The Clerk", "reply", *([message] * 5))
    print(f"{name}: {added:,.0f} concerns added/s (encrypt 4 fields + audit, {STORED:,} added)")
    unaudited = per_second(READS, lambda i: repo.get_for_system(COUNCIL, i + 1))
    audited = per_second(READS, lambda i: repo.get(COUNCIL, i + 1, "The Clerk"))
    messages = per_second(READS, lambda i: repo.messages(COUNCIL, i + 1, "The Clerk"))
    print(f"{name}: {audited:,.0f} audited reads/s (get), {unaudited:,.0f} unaudited reads/s (get_for_system), "
          f"{messages:,.0f} audited message reads/s (5 messages each)")
    appended = per_second(APPENDS, lambda i: audit.append(COUNCIL, "The Clerk", "read", f"C-{i}", "concern"))
    print(f"{name}: {appended:,.0f} audit appends/s (each its own transaction)")
    handlers = iter(HANDLERS * (LIST_RUNS + 10))
    times = time_list(lambda: repo.find_for_handler(COUNCIL, next(handlers), open_only=True, limit=20))
    print(f"{name}: handler's open list, first 20 of {STORED:,}: median {statistics.median(times):.2f} ms, "
          f"p99 {percentile(times, 99):.2f} ms")
    start = time.perf_counter()
    result = audit.verify(COUNCIL)
    elapsed = time.perf_counter() - start
    assert result.ok, result.message
    print(f"{name}: verify {result.checked:,} audit entries in {elapsed:.2f} s ({result.checked / elapsed:,.0f}/s)")
    rotating = ConcernRepository(engine, TextCipher([b, a]), audit)
    start = time.perf_counter()
    rotated = rotating.rotate_keys(COUNCIL)
    elapsed = time.perf_counter() - start
    print(f"{name}: rotate {rotated:,} values in {elapsed:.2f} s ({rotated / elapsed:,.0f} values/s)")


def main() -> None:
    """Print the figures on SQLite and PostgreSQL."""
    encrypt, decrypt = time_cipher()
    print(f"cipher alone: {encrypt:,.0f} encryptions/s, {decrypt:,.0f} decryptions/s "
          f"({len(SUMMARY)}-character summary)")
    on_each_database(run_on)

if __name__ == "__main__":
    print(heading("Concern store"))
    main()
