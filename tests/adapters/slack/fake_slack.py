"""A fake Slack Web API on 127.0.0.1 (port 0) that records every call, and ``response_url`` posts too.

``auth.test`` names the bot (``UBOT0PROTO``), ``conversations.open`` gives a DM
channel ``D-<user>``, ``conversations.info`` a channel name from ``channels``,
``views.open`` and ``views.push`` a view id; anything else answers ``{"ok": true}``.
``fail_once[method] = (status, headers)`` makes the next call of ``method`` fail
that way (e.g. 429 with ``Retry-After``).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER = "UBOT0PROTO"
TEAM = "T0BROOK01"
PUSHED_VIEW = "V0PROTO0002"  # the id Slack gives a modal pushed on the first one (V0PROTO0001)


@dataclass
class Call:
    """One request the fake received: ``method`` is the Web API method, or ``respond`` for a response_url."""

    method: str
    body: dict[str, Any]
    path: str


@dataclass
class FakeSlack:
    """The fake's state: its URL, the calls it received, and canned data."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    channels: dict[str, str] = field(default_factory=lambda: {"C0GENERAL1": "general", "C0STAFF001": "staff-social"})
    fail_once: dict[str, tuple[int, dict[str, str]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "1") -> str:
        return f"{self.url}/respond/{name}"

    def of(self, *methods: str) -> list[Call]:
        """The calls of these methods, in order."""
        with self.lock:
            return [c for c in self.calls if c.method in methods]

    def sent(self) -> list[Call]:
        """Everything that shows a person something (not auth.test and the look-ups)."""
        return self.of("chat.postMessage", "chat.postEphemeral", "respond", "views.open", "views.push", "views.update")

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()

    def answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://brookfield-tc.slack.com/", "team": "Brookfield TC", "user": "protocol",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B0PROTOCOL", "is_enterprise_install": False}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D-{body.get('users')}"}}
        if method == "conversations.info":
            channel = body.get("channel", "")
            return {"ok": True, "channel": {"id": channel, "name": self.channels.get(channel, channel.lower())}}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            return {"ok": True, "channel": body.get("channel"), "ts": "1765809999.000100", "message_ts": "1"}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V0PROTO0001"}}
        if method == "views.push":
            return {"ok": True, "view": {"id": PUSHED_VIEW}}
        return {"ok": True}

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {k: _maybe_json(v[0]) for k, v in parse_qs(raw).items()}
                if self.path.startswith("/respond/"):
                    method = "respond"
                else:
                    method = self.path.removeprefix("/api/").split("?")[0]
                with fake.lock:
                    failure = fake.fail_once.pop(method, None)
                    if failure is None:
                        fake.calls.append(Call(method, body, self.path))
                if failure is not None:
                    status, headers = failure
                    self._send(status, {"ok": False, "error": "ratelimited"}, headers)
                    return
                self._send(200, fake.answer(method, body) if method != "respond" else {"ok": True})

            def _send(self, status: int, data: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                content = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def _maybe_json(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
