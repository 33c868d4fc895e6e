"""Slack over HTTP: slash commands and message events per second, and time to the HTTP response.

``python -m bench.slack_http [--requests N] [--senders 50]``. The bot (example
council, a SQLite file) is served by ``adapters.slack.server.SlackServer`` exactly as
``protocol-bot run slack`` serves it, with a fake Web API on loopback; 50 senders
post signed requests over keep-alive connections. Beside it, a bare slack-bolt app
that only acks, on the same server, is the floor. Targets: p99 under 100 ms, and at
least half the bare app's throughput. The bot answers Slack once it has acked; the
work after (the lookup, the detector, the Web API calls) goes on in bolt's worker
threads and is waited for before the figures are printed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode, urlsplit

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import build_app
from adapters.slack.server import SlackServer
from bench.common import percentile
from bot.app import ProtocolBot
from bot.config import BotConfig
from bot.council import load_council

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-signing-secret"
P99_TARGET_MS = 100.0
MESSAGES = ["The allotment gates were open this morning.", "Thanks to the office for the newsletter!",
            "Robert is useless, the allotment gates were left open again.", "Who is going to the fete on Saturday?"]


class _FakeWebAPI(BaseHTTPRequestHandler):
    calls = 0
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"

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


def _serve(server: ThreadingHTTPServer) -> None:
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()


def _headers(body: str, content_type: str) -> dict[str, str]:
    ts = str(int(time.time()))
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)}


def command(n: int, api: str) -> tuple[str, str]:
    body = urlencode({"token": "t", "team_id": "T0BROOK01", "channel_id": "C0GENERAL1", "channel_name": "general",
                      "user_id": "U08PRIYA", "user_name": "priya", "command": "/protocol",
                      "text": ["press", "need-to-know", "10.3", "can I see the planning papers?"][n % 4],
                      "response_url": f"{api}respond/{n}", "trigger_id": f"t{n}"})
    return body, "application/x-www-form-urlencoded"


def message(n: int, api: str) -> tuple[str, str]:
    ts = f"1765800000.{n:06d}"
    event = {"type": "message", "user": ["U08PRIYA", "U09DENNIS"][n % 2], "text": MESSAGES[n % len(MESSAGES)],
             "ts": ts, "event_ts": ts, "channel": "C0GENERAL1", "channel_type": "channel", "team": "T0BROOK01"}
    body = json.dumps({"token": "t", "team_id": "T0BROOK01", "api_app_id": "A0", "type": "event_callback",
                       "event_id": f"Ev{n:010d}", "event_time": 1765800000, "event": event})
    return body, "application/json"


def load(url: str, make: Callable[[int, str], tuple[str, str]], api: str, requests: int,
         senders: int) -> tuple[float, list[float], int]:
    """Post ``requests`` signed requests from ``senders`` threads; return (seconds, latencies in ms, errors)."""
    parts = urlsplit(url)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def sender(first: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        for n in range(first, requests, senders):
            body, content_type = make(n, api)
            start = time.perf_counter()
            connection.request("POST", parts.path, body=body.encode(), headers=_headers(body, content_type))
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                errors += response.status != 200
        connection.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(senders) as pool:
        list(pool.map(sender, range(senders)))
    return time.perf_counter() - start, sorted(latencies), errors


def bare_app(client: WebClient) -> App:
    app = App(client=client, signing_secret=SECRET)

    @app.command("/protocol")
    def ack_only(ack: Ack) -> None:
        ack()

    @app.event("message")
    def ignore() -> None:
        pass

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests of each kind (default 2000)")
    parser.add_argument("--senders", type=int, default=50, help="concurrent senders (default 50)")
    args = parser.parse_args(argv)
    if not os.environ.get("PROTOCOL_BOT_KEYS"):
        from storage.crypto import generate_key

        os.environ["PROTOCOL_BOT_KEYS"] = generate_key()
    fake = ThreadingHTTPServer(("127.0.0.1", 0), _FakeWebAPI)
    _serve(fake)
    api = f"http://127.0.0.1:{fake.server_address[1]}/api/"
    with tempfile.TemporaryDirectory() as folder:
        council = load_council(ROOT / "examples" / "brookfield.yaml")
        bot = ProtocolBot.from_council(council, BotConfig(database_url=f"sqlite:///{folder}/bench.db"))
        servers = {
            "protocol-bot": SlackServer(build_app(bot, signing_secret=SECRET, token="xoxb-bench", base_url=api),
                                        "127.0.0.1", 0),
            "bare bolt (ack only)": SlackServer(bare_app(WebClient(token="xoxb-bench", base_url=api)),
                                                "127.0.0.1", 0),
        }
        for server in servers.values():
            server.start_in_thread()
        results: dict[tuple[str, str], float] = {}
        print(f"{args.requests} requests of each kind, {args.senders} concurrent senders, fake Web API on loopback")
        print(f"{'app':<22} {'kind':<15} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for kind, make in (("slash command", command), ("message event", message)):
            for name, server in servers.items():
                seconds, latencies, errors = load(server.url, make, api, args.requests, args.senders)
                rate = len(latencies) / seconds
                results[(name, kind)] = rate
                p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
                verdict = "" if name != "protocol-bot" else ("  ok" if p99 < P99_TARGET_MS else "  FAIL p99")
                print(f"{name:<22} {kind:<15} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f} {errors:>7}{verdict}")
            time.sleep(0.5)
            ratio = results[("protocol-bot", kind)] / results[("bare bolt (ack only)", kind)]
            print(f"{'':<22} {kind:<15} throughput {ratio:.0%} of the bare app's "
                  f"({'ok' if ratio >= 0.5 else 'FAIL'}: target at least 50%)")
        for server in servers.values():
            server.shutdown()
            server.server_close()
        time.sleep(1.0)  # let the work after the acks finish before the database goes
    print(f"Web API calls made by the bot and the bare app: {_FakeWebAPI.calls}")
    fake.shutdown()


if __name__ == "__main__":
    main()
