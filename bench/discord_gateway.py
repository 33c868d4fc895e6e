"""Discord: MESSAGE_CREATE events per second to the nudge decision and DM, and INTERACTION_CREATE to callback.

``python -m bench.discord_gateway [--messages N] [--interactions N]``. The real
``adapters.discord.client.ProtocolClient`` serves the example council on a SQLite
file, logged in against a fake Discord REST API on loopback (a threaded HTTP server
in another process, so that it does not share the bot's interpreter;
``discord.http.Route.BASE`` pointed at it). Real gateway payloads go to the client's
parsers as the gateway would hand them over: a burst of MESSAGE_CREATE events (a
mix in which one in four criticises an officer, by rotating authors, then every one
a criticism; no quiet minutes between one author's nudges, so each criticism
costs a flag and a DM), timed until every nudge DM has reached the fake; then slash commands
one at a time, timed from the parser to the fake receiving the interaction callback.
Targets: at least 1,000 messages per second on one core; callbacks p99 under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import dataclasses
import itertools
import json
import multiprocessing
import os
import urllib.request
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import discord

from adapters.discord.client import ProtocolClient
from bench.common import percentile
from bot.app import ProtocolBot
from bot.config import BotConfig
from bot.council import load_council

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "discord"
RATE_TARGET = 1000.0
P99_TARGET_MS = 100.0
BOT_USER = {"id": "1300000000000000002", "username": "protocol-bot", "discriminator": "0", "avatar": None, "bot": True}
AUTHORS = ["820000000000000006", "820000000000000007", "820000000000000008", "820000000000000009"]
MIX = ["The allotment gates were open this morning.", "Thanks to the office for the newsletter!",
       "Robert is useless, the allotment gates were left open again.", "Who is going to the fete on Saturday?"]
CRITICISM = MIX[2]
_interaction_ids = itertools.count(1800000000000000000)


class FakeRest(BaseHTTPRequestHandler):
    """Just enough of Discord's REST API; notes when each interaction callback and DM arrives."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body in one segment: no 40 ms delayed-ACK stalls
    callbacks: dict[str, float] = {}
    dms = 0
    lock = threading.Lock()
    ids = itertools.count(1400000000000000001)

    def _answer(self) -> None:
        arrived = time.monotonic()  # CLOCK_MONOTONIC: the same clock in the bot's process
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null") if length else None
        path = self.path.split("?")[0].removeprefix("/api/v10")
        answer: Any = {}
        if path == "/bench/stats":
            with FakeRest.lock:
                answer = {"dms": FakeRest.dms, "callbacks": FakeRest.callbacks}
        elif path == "/users/@me":
            answer = BOT_USER
        elif path == "/oauth2/applications/@me":
            answer = {"id": "1300000000000000001", "name": "bench", "description": "", "icon": None,
                      "bot_public": False, "bot_require_code_grant": False, "verify_key": "0" * 64, "flags": 0,
                      "owner": {**BOT_USER, "id": "1300000000000000009"}}
        elif path.endswith("/callback"):
            with FakeRest.lock:
                FakeRest.callbacks[path.split("/")[2]] = arrived
            answer = {"interaction": {"id": path.split("/")[2], "type": 2}}
        elif path == "/users/@me/channels":
            user_id = str(body["recipient_id"])  # named, as Discord does, so discord.py reuses the channel
            answer = {"id": "19" + user_id[2:], "type": 1,
                      "recipients": [{"id": user_id, "username": f"user{user_id[-2:]}", "discriminator": "0",
                                      "avatar": None}]}
        elif path.startswith("/channels/"):
            with FakeRest.lock:
                FakeRest.dms += 1
                message_id = str(next(FakeRest.ids))
            answer = {"id": message_id, "channel_id": path.split("/")[2], "author": BOT_USER, "content": "",
                      "timestamp": "2026-11-29T10:00:00+00:00", "edited_timestamp": None, "tts": False,
                      "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
                      "embeds": [], "pinned": False, "type": 0}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = _answer  # noqa: N815

    def log_message(self, *args: Any) -> None:
        pass


def _serve(connection: Any) -> None:
    """The fake, in its own process: tell the parent its port, then serve until killed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRest)
    server.daemon_threads = True
    connection.send(server.server_address[1])
    server.serve_forever()


def _stats(base: str) -> dict[str, Any]:
    with urllib.request.urlopen(base + "/bench/stats", timeout=10) as response:
        return json.loads(response.read())


def _payload(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


async def _settle() -> None:
    while True:
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()
                   and "timeout" not in repr(t.get_coro())]
        if not pending:
            return
        await asyncio.wait(pending)


async def _messages(client: ProtocolClient, texts: list[str], first_id: int) -> tuple[float, int]:
    """Feed a burst of MESSAGE_CREATE events; the time until every one is handled, and the DMs it made."""
    template = _payload("message_create")
    template.pop("nonce", None)
    parse = client._connection.parsers["MESSAGE_CREATE"]
    dms_before = _stats(discord.http.Route.BASE)["dms"]
    start = time.perf_counter()
    for n, text in enumerate(texts):
        payload = copy.copy(template)
        payload["id"] = str(first_id + n)
        payload["content"] = text
        payload["author"] = {**template["author"], "id": AUTHORS[n % len(AUTHORS)]}
        parse(payload)
    await _settle()
    elapsed = time.perf_counter() - start
    return elapsed, _stats(discord.http.Route.BASE)["dms"] - dms_before


async def _interactions(client: ProtocolClient, count: int) -> list[float]:
    """Slash commands one at a time; milliseconds from the parser to the fake receiving the callback."""
    template = _payload("interaction_command")
    parse = client._connection.parsers["INTERACTION_CREATE"]
    queries = ["need-to-know", "press", "can I see the planning committee papers?", "confidentiality"]
    started = {}
    for n in range(count):
        payload = copy.deepcopy(template)
        payload["id"] = str(next(_interaction_ids))
        payload["data"]["options"][0]["options"][0]["value"] = queries[n % len(queries)]
        started[payload["id"]] = time.monotonic()
        parse(payload)
        await _settle()
    arrived = _stats(discord.http.Route.BASE)["callbacks"]
    return [(arrived[i] - at) * 1000 for i, at in started.items()]


async def _run(database: str, messages: int, interactions: int) -> None:
    council = load_council(ROOT / "examples" / "brookfield.yaml")
    # Every criticism nudged (no quiet minutes after a nudge), so that each one costs a DM as well.
    council = dataclasses.replace(council, moderation=dataclasses.replace(council.moderation, burst_minutes=0),
                                  discord_guild_id=_payload("guild_create")["id"])  # the fixture's server
    bot = ProtocolBot.from_council(council, BotConfig(database_url=database))
    client = ProtocolClient([bot])
    await client.login("bench-token")
    client._connection.parsers["GUILD_CREATE"](_payload("guild_create"))
    await _settle()
    await _messages(client, MIX * 25, 1_900_000_000_000_000_000)  # warm-up
    mixed = [MIX[n % len(MIX)] for n in range(messages)]
    elapsed, dms = await _messages(client, mixed, 1_910_000_000_000_000_000)
    _report(f"MESSAGE_CREATE, 1 in {len(MIX)} a criticism", messages, elapsed, dms)
    elapsed, dms = await _messages(client, [CRITICISM] * messages, 1_920_000_000_000_000_000)
    _report("MESSAGE_CREATE, every one a criticism", messages, elapsed, dms)
    await _interactions(client, 20)  # warm-up
    timings = sorted(await _interactions(client, interactions))
    p50, p99 = percentile(timings, 50), percentile(timings, 99)
    verdict = "ok" if p99 < P99_TARGET_MS else "FAIL"
    print(f"INTERACTION_CREATE to callback ({interactions} lookups): p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"max {timings[-1]:.1f} ms (target p99 < {P99_TARGET_MS:.0f} ms: {verdict})")
    await client.close()


def _report(title: str, count: int, elapsed: float, dms: int) -> None:
    rate = count / elapsed
    verdict = "ok" if rate >= RATE_TARGET else "FAIL"
    print(f"{title}: {count} events in {elapsed:.2f} s = {rate:,.0f}/s, {dms} nudge DMs "
          f"(target >= {RATE_TARGET:,.0f}/s: {verdict})")


def main(argv: list[str] | None = None) -> None:
    """Print the figures (a missed target prints FAIL)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=200)
    args = parser.parse_args(argv)
    if not os.environ.get("PROTOCOL_BOT_KEYS"):
        from storage.crypto import generate_key

        os.environ["PROTOCOL_BOT_KEYS"] = generate_key()  # a throwaway key for the flags' excerpts
    spawn = multiprocessing.get_context("spawn")
    parent, child = spawn.Pipe()
    fake = spawn.Process(target=_serve, args=(child,), daemon=True)
    fake.start()
    discord.http.Route.BASE = f"http://127.0.0.1:{parent.recv()}/api/v10"
    with tempfile.TemporaryDirectory() as folder:
        database = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.db'}"
        try:
            asyncio.run(_run(database, args.messages, args.interactions))
        finally:
            fake.terminate()
            fake.join()


if __name__ == "__main__":
    main()
