"""Slack over HTTP: slash commands and message events per second, and time to the HTTP response.

``python -m bench.slack_http [--requests N] [--senders 50] [--rounds 3]``. The bot
(example council, a SQLite file) is served by ``adapters.slack.server.SlackServer``
exactly as ``protocol-bot run slack`` serves it, with a fake Web API on loopback; 50
senders post signed requests over keep-alive connections. Beside it, a bare slack-bolt
app that only acks, on the same server, is the floor. Targets: p99 under 100 ms, and
at least half the bare app's throughput.

``--mixed`` instead sends a burst of ``--requests`` message events while slash
commands go from 5 more connections, and reports the commands' acknowledgement
times during the burst: with message checks in a pool of their own (the bot as
built) and in bolt's listener pool beside the acknowledgements (as before issue 6).
Target: p99 under 100 ms for the bot as built.

Each app runs in a fresh process of its own, the senders in another (one asyncio
loop) and the fake Web API in a third, so that neither the load nor the fake takes
the interpreter lock from the server measured. Each connection is warmed with one
request, and the work those started is given a second to finish, before the clock
starts (a new connection costs the server a thread). Other work on the machine
moves the absolute figures, so the two apps take turns, several rounds, and the
medians and the per-round ratios are reported. Work the bot does after it has answered (the
detector, Web API calls) is waited for when its server stops: "done/s" counts it in.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from slack_sdk.signature import SignatureVerifier

from bench.common import percentile
from bench.http_load import LoadResult, http_request, post_all, post_mixed

if TYPE_CHECKING:  # the app processes import slack-bolt and the bot; the others need neither
    from slack_bolt import App

    from adapters.slack.message_checks import MessageChecks

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret"
P99_TARGET_MS = 100.0
RATIO_TARGET = 0.5
SETTLE = 1.0  # seconds after the warm-up requests, for the work they started to finish
PROBE_SENDERS, PROBE_GAP = 5, 0.01  # mixed run: slash commands from 5 connections, 10 ms apart on each
BOT, BARE = "protocol-bot", "bare bolt (ack only)"
BOT_SHARED = "protocol-bot, one pool"  # message checks in bolt's listener pool, as before issue 6
MESSAGES = ["The allotment gates were open this morning.", "Thanks to the office for the newsletter!",
            "Robert is useless, the allotment gates were left open again.", "Who is going to the fete on Saturday?"]
LOOKUPS = ["press", "need-to-know", "10.3", "can I see the planning papers?"]
SPAWN = get_context("spawn")


# ------------------------------------------------------------ the fake Web API (a process of its own)

class _FakeWebAPI(BaseHTTPRequestHandler):
    calls = 0
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms wait for a delayed ACK between the headers and the body

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        method = self.path.removeprefix("/api/")
        with _FakeWebAPI.lock:
            _FakeWebAPI.calls += 1
        data: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            data.update(user_id="UBOT0PROTO", bot_id="B0PROTOCOL", team_id="T0BROOK01")
        elif method == "conversations.open":
            data["channel"] = {"id": "D0BENCH"}
        elif method == "conversations.info":
            data["channel"] = {"id": "C0GENERAL1", "name": "general"}
        content = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def log_message(self, *args: Any) -> None:
        pass


def _run_fake(conn: Connection) -> None:
    """Serve the fake Web API; answer "calls" with the count so far, stop on "stop"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeWebAPI)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send(f"http://127.0.0.1:{server.server_address[1]}/api/")
    while (message := conn.recv()) != "stop":
        if message == "calls":
            conn.send(_FakeWebAPI.calls)
    server.shutdown()


# ------------------------------------------------------------ the apps measured (a fresh process each run)

def _bare_app(api: str) -> App:
    from slack_bolt import Ack, App
    from slack_sdk import WebClient

    app = App(client=WebClient(token="xoxb-bench", base_url=api), signing_secret=SECRET)

    @app.command("/protocol")
    def ack_only(ack: Ack) -> None:
        ack()

    @app.event("message")
    def ignore() -> None:
        pass

    return app


def _bot_app(api: str, folder: str, checks: MessageChecks | None) -> App:
    from adapters.slack.app import build_app
    from bot.app import ProtocolBot
    from bot.config import BotConfig
    from bot.council import load_council

    council = load_council(ROOT / "examples" / "brookfield.yaml")
    bot = ProtocolBot.from_council(council, BotConfig(database_url=f"sqlite:///{folder}/bench.db"))
    return build_app(bot, signing_secret=SECRET, token="xoxb-bench", base_url=api, message_checks=checks)


def _run_app(name: str, api: str, conn: Connection) -> None:
    """Serve one app until told to stop; then wait for its work after the acks and say how long that took."""
    from adapters.slack.app import finish_work
    from adapters.slack.message_checks import MessageChecks
    from adapters.slack.server import SlackServer, freeze_start_up

    with tempfile.TemporaryDirectory() as folder:
        checks = MessageChecks() if name == BOT else None
        app = _bare_app(api) if name == BARE else _bot_app(api, folder, checks)
        freeze_start_up()  # as ``protocol-bot run slack`` does
        server = SlackServer(app, "127.0.0.1", 0)
        server.start_in_thread()
        conn.send(server.url)
        conn.recv()
        start = time.perf_counter()  # every answer is in: only work after the acks can be left
        finish_work(app, checks)
        conn.send(time.perf_counter() - start)
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------ the requests

def _signed(body: str, content_type: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)}


def command(n: int, api: str) -> tuple[str, str]:
    """The ``n``th slash command: a lookup of one of four kinds (a topic, a clause id, a question)."""
    body = urlencode({"token": "t", "team_id": "T0BROOK01", "channel_id": "C0GENERAL1", "channel_name": "general",
                      "user_id": "U08PRIYA", "user_name": "priya", "command": "/protocol",
                      "text": LOOKUPS[n % len(LOOKUPS)],
                      "response_url": f"{api}respond/{n}", "trigger_id": f"t{n}"})
    return body, "application/x-www-form-urlencoded"


def message(n: int, api: str) -> tuple[str, str]:
    """The ``n``th message event in a public channel; one in four criticises an officer."""
    ts = f"1765800000.{n:06d}"
    event = {"type": "message", "user": ["U08PRIYA", "U09DENNIS"][n % 2], "text": MESSAGES[n % len(MESSAGES)],
             "ts": ts, "event_ts": ts, "channel": "C0GENERAL1", "channel_type": "channel", "team": "T0BROOK01"}
    body = json.dumps({"token": "t", "team_id": "T0BROOK01", "api_app_id": "A0", "type": "event_callback",
                       "event_id": f"Ev{n:010d}", "event_time": 1765800000, "event": event})
    return body, "application/json"


def requests_for(url: str, make: Callable[[int, str], tuple[str, str]], api: str, first: int,
                 count: int) -> list[bytes]:
    """``count`` signed requests, numbered from ``first``, ready to go on the wire."""
    parts = urlsplit(url)
    assert parts.hostname and parts.port
    out = []
    for n in range(first, first + count):
        body, content_type = make(n, api)
        out.append(http_request(parts.hostname, parts.port, parts.path, body.encode(), _signed(body, content_type)))
    return out


# ------------------------------------------------------------ one run, and the rounds

@dataclass(frozen=True)
class Run:
    """One app under one kind of load: the senders' figures and the time its work went on after the last answer."""

    load: LoadResult
    drain_seconds: float

    @property
    def done_rate(self) -> float:
        """Requests per second counting the work done after the answers."""
        return len(self.load.latencies_ms) / (self.load.seconds + self.drain_seconds)


def measure(name: str, make: Callable[[int, str], tuple[str, str]], api: str, requests: int, senders: int,
            senders_pool: ProcessPoolExecutor) -> Run:
    """Start ``name`` in a fresh process, warm each connection with one request, then time ``requests``."""
    parent, child = SPAWN.Pipe()
    process = SPAWN.Process(target=_run_app, args=(name, api, child), daemon=True)
    process.start()
    url = parent.recv()
    parts = urlsplit(url)
    warmup = requests_for(url, make, api, 10**6, senders)
    load = senders_pool.submit(post_all, parts.hostname, parts.port, requests_for(url, make, api, 0, requests),
                               senders, warmup, SETTLE).result()
    parent.send("stop")
    drain = parent.recv()
    process.join(timeout=30)
    return Run(load, drain)


def measure_mixed(name: str, api: str, requests: int, senders: int, senders_pool: ProcessPoolExecutor,
                  ) -> tuple[Run, LoadResult]:
    """Start ``name`` in a fresh process; time a burst of ``requests`` message events from ``senders``
    connections while slash commands are sent from :data:`PROBE_SENDERS` others: the burst's run and the
    commands' figures."""
    parent, child = SPAWN.Pipe()
    process = SPAWN.Process(target=_run_app, args=(name, api, child), daemon=True)
    process.start()
    url = parent.recv()
    parts = urlsplit(url)
    warmup = (requests_for(url, message, api, 10**6, senders)
              + requests_for(url, command, api, 10**6, PROBE_SENDERS))
    burst = requests_for(url, message, api, 0, requests)
    probes = requests_for(url, command, api, 0, 2 * requests)  # more than the burst leaves time for
    load, acks = senders_pool.submit(post_mixed, parts.hostname, parts.port, burst, senders, probes, PROBE_SENDERS,
                                     PROBE_GAP, warmup, SETTLE).result()
    parent.send("stop")
    drain = parent.recv()
    process.join(timeout=60)
    return Run(load, drain), acks


def mixed(api: str, requests: int, senders: int, rounds: int) -> None:
    """The mixed run: slash-command acks during a burst of message events, message checks in a pool of their
    own (the bot as built) or in bolt's listener pool (before issue 6), taking turns."""
    print(f"mixed: {requests} message events from {senders} senders while slash commands (lookups, answered in "
          f"the ack) go from {PROBE_SENDERS} more, {PROBE_GAP * 1000:.0f} ms apart on each, until the burst is "
          f"answered; {rounds} rounds")
    print(f"{'app':<24} {'msg/s':>7} {'done/s':>7} {'errors':>6} {'acks':>6} {'ack p50':>8} {'ack p99':>8} "
          f"{'ack max':>8}")
    results: dict[str, list[tuple[Run, LoadResult]]] = {}
    with ProcessPoolExecutor(1, mp_context=SPAWN) as senders_pool:
        for round_number in range(rounds):
            order = (BOT_SHARED, BOT) if round_number % 2 == 0 else (BOT, BOT_SHARED)
            for name in order:
                run, acks = measure_mixed(name, api, requests, senders, senders_pool)
                results.setdefault(name, []).append((run, acks))
                print(_mixed_row(name, run.load.rate, run.done_rate, run.load.errors + acks.errors,
                                 len(acks.latencies_ms), acks.latencies_ms))
    print(f"\nmedians of {rounds} rounds")
    for name in (BOT_SHARED, BOT):
        runs = results[name]
        p99 = statistics.median(percentile(a.latencies_ms, 99) for _, a in runs)
        verdict = "" if name != BOT else ("  ok" if p99 < P99_TARGET_MS else "  FAIL p99")
        print(f"{name:<24} {statistics.median(r.load.rate for r, _ in runs):>7.0f} "
              f"{statistics.median(r.done_rate for r, _ in runs):>7.0f} "
              f"{sum(r.load.errors + a.errors for r, a in runs):>6} "
              f"{statistics.median(len(a.latencies_ms) for _, a in runs):>6.0f} "
              f"{statistics.median(percentile(a.latencies_ms, 50) for _, a in runs):>8.1f} "
              f"{p99:>8.1f} "
              f"{statistics.median(a.latencies_ms[-1] for _, a in runs):>8.1f}{verdict}")


def _mixed_row(name: str, rate: float, done: float, errors: int, count: int, latencies: list[float]) -> str:
    return (f"{name:<24} {rate:>7.0f} {done:>7.0f} {errors:>6} {count:>6} {percentile(latencies, 50):>8.1f} "
            f"{percentile(latencies, 99):>8.1f} {latencies[-1]:>8.1f}")


def _row(name: str, kind: str, rate: float, done: float, p50: float, p99: float, errors: int, verdict: str = "") -> str:
    return f"{name:<22} {kind:<14} {rate:>7.0f} {done:>7.0f} {p50:>7.1f} {p99:>7.1f} {errors:>6}{verdict}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests of each kind per run (default 2000)")
    parser.add_argument("--senders", type=int, default=50, help="concurrent senders (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of both apps, taking turns (default 3)")
    parser.add_argument("--mixed", action="store_true",
                        help="instead: slash-command acks during a burst of message events, message checks in a "
                             "pool of their own or in bolt's listener pool")
    args = parser.parse_args(argv)
    if not os.environ.get("PROTOCOL_BOT_KEYS"):
        from storage.crypto import generate_key

        os.environ["PROTOCOL_BOT_KEYS"] = generate_key()  # inherited by the app processes
    fake_end, fake_child = SPAWN.Pipe()
    fake = SPAWN.Process(target=_run_fake, args=(fake_child,), daemon=True)
    fake.start()
    api = fake_end.recv()
    if args.mixed:
        mixed(api, args.requests, args.senders, args.rounds)
        fake_end.send("stop")
        fake.join(timeout=10)
        return
    print(f"{args.requests} requests of each kind per run, {args.senders} concurrent senders, {args.rounds} rounds; "
          "each app, the senders and the fake Web API in processes of their own")
    print(f"{'app':<22} {'kind':<14} {'req/s':>7} {'done/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    runs: dict[tuple[str, str], list[Run]] = {}
    with ProcessPoolExecutor(1, mp_context=SPAWN) as senders_pool:
        for round_number in range(args.rounds):
            for kind, make in (("slash command", command), ("message event", message)):
                order = (BOT, BARE) if round_number % 2 == 0 else (BARE, BOT)
                for name in order:
                    run = measure(name, make, api, args.requests, args.senders, senders_pool)
                    runs.setdefault((name, kind), []).append(run)
                    latencies = run.load.latencies_ms
                    print(_row(name, kind, run.load.rate, run.done_rate, percentile(latencies, 50),
                               percentile(latencies, 99), run.load.errors))
    fake_end.send("calls")
    calls = fake_end.recv()
    fake_end.send("stop")
    fake.join(timeout=10)
    print(f"\nmedians of {args.rounds} rounds")
    for kind in ("slash command", "message event"):
        bot_runs, bare_runs = runs[(BOT, kind)], runs[(BARE, kind)]
        for name, kind_runs in ((BOT, bot_runs), (BARE, bare_runs)):
            rate = statistics.median(r.load.rate for r in kind_runs)
            done = statistics.median(r.done_rate for r in kind_runs)
            p50 = statistics.median(percentile(r.load.latencies_ms, 50) for r in kind_runs)
            p99 = statistics.median(percentile(r.load.latencies_ms, 99) for r in kind_runs)
            errors = sum(r.load.errors for r in kind_runs)
            verdict = "" if name != BOT else ("  ok" if p99 < P99_TARGET_MS else "  FAIL p99")
            print(_row(name, kind, rate, done, p50, p99, errors, verdict))
        ratio = statistics.median(b.load.rate / f.load.rate for b, f in zip(bot_runs, bare_runs))
        done_ratio = statistics.median(b.done_rate / f.done_rate for b, f in zip(bot_runs, bare_runs))
        print(f"{'':<22} {kind:<14} throughput {ratio:.0%} of the bare app's, {done_ratio:.0%} counting the work "
              f"after the answers ({'ok' if ratio >= RATIO_TARGET else 'FAIL'}: target at least 50%)")
    print(f"Web API calls the fake received (both apps, warm-ups included): {calls}")


if __name__ == "__main__":
    main()
