"""The core's cost of one nudge: a public criticism through ``ProtocolBot.handle`` to the flag, its audit entry and the nudge.

``python -m bench.nudge_cost [--messages N] [--database URL]``. The example council
on a SQLite file (or ``--database``, say PostgreSQL), with no quiet minutes between
one author's nudges so that every message makes a new flag and a nudge. Prints the
milliseconds per criticism (median of five rounds), and the SQL statements and
transactions each criticism costs (counted with SQLAlchemy's engine events).
No platform is involved: this is the part of ``bench.discord_gateway``'s
all-criticism stream that the core does, before the adapter sends the DM.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bot.app import ProtocolBot
from bot.config import BotConfig
from bot.council import load_council
from bot.events import Event, Where

ROOT = Path(__file__).resolve().parents[1]
CRITICISM = "Robert is useless, the allotment gates were left open again."
AUTHORS = ("Priya Nair", "Colin Marsh", "Dennis Wood")
ROUNDS = 5


class Counter:
    """SQL statements, BEGINs and COMMITs seen on an engine."""

    def __init__(self, engine: Any) -> None:
        self.statements = self.begins = self.commits = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._commit)

    def _statement(self, *_args: Any) -> None:
        self.statements += 1

    def _begin(self, *_args: Any) -> None:
        self.begins += 1

    def _commit(self, *_args: Any) -> None:
        self.commits += 1


def _bot(database: str) -> ProtocolBot:
    council = load_council(ROOT / "examples" / "brookfield.yaml")
    council = dataclasses.replace(council, moderation=dataclasses.replace(council.moderation, burst_minutes=0))
    return ProtocolBot.from_council(council, BotConfig(database_url=database))


def _criticise(bot: ProtocolBot, first: int, count: int) -> int:
    people = [bot.council.person(name) for name in AUTHORS]
    nudges = 0
    for n in range(first, first + count):
        replies = bot.handle(Event(people[n % len(people)], Where.public("general"), CRITICISM,  # type: ignore[arg-type]
                                   message_id=f"general:{n}"))
        nudges += len(replies)
    return nudges


def run(database: str, messages: int) -> None:
    """Print the figures for ``messages`` criticisms per round."""
    bot = _bot(database)
    engine = bot.nudges.store.engine  # type: ignore[attr-defined]
    _criticise(bot, 0, 200)  # warm-up
    counter = Counter(engine)
    counted = _criticise(bot, 1_000_000, 100)
    per = counter.statements / 100, counter.begins / 100, counter.commits / 100
    timings = []
    for round_ in range(ROUNDS):
        start = time.perf_counter()
        nudges = _criticise(bot, 2_000_000 + round_ * messages, messages)
        timings.append((time.perf_counter() - start) / messages * 1000)
        assert nudges == messages, f"{nudges} nudges for {messages} criticisms"
    assert counted == 100
    print(f"core, one criticism to its nudge ({engine.dialect.name}): median {statistics.median(timings):.3f} ms "
          f"(rounds of {messages}: {', '.join(f'{t:.3f}' for t in timings)} ms)")
    print(f"per criticism: {per[0]:.1f} SQL statements, {per[1]:.1f} transactions begun, {per[2]:.1f} committed")


def main(argv: list[str] | None = None) -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args(argv)
    if not os.environ.get("PROTOCOL_BOT_KEYS"):
        from storage.crypto import generate_key

        os.environ["PROTOCOL_BOT_KEYS"] = generate_key()  # a throwaway key for the flags' excerpts
    with tempfile.TemporaryDirectory() as folder:
        run(args.database or f"sqlite:///{Path(folder) / 'bench.db'}", args.messages)


if __name__ == "__main__":
    main()
