"""A fake Discord REST API on loopback: records every call and answers as Discord does, JSON only.

``Route.BASE`` is pointed here, so the real discord.py client sends its requests
(logins, interaction callbacks, follow-up webhooks, DMs, command sync) to it.
Users in ``closed_dms`` refuse DMs with Discord's 403, code 50007. As Discord does, it
refuses a second response to one interaction (400, code 40060), a follow-up before
the response (404, code 10015), a modal in answer to a modal, and any message, modal
or choice list over Discord's limits, or a message that allows mentions (400, code
50035); what it refused is kept in
``invalid`` so that every test can check there is nothing there.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.adapters.discord import limits

APP_ID = "1300000000000000001"
BOT_USER = {"id": "1300000000000000002", "username": "protocol-bot", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True}
API = "/api/v10"


@dataclass(frozen=True)
class Call:
    """One request the fake received."""

    method: str
    path: str  # without /api/v10
    body: Any
    query: dict[str, list[str]]

    @property
    def flags(self) -> int:
        """The message flags sent (64: ephemeral), in a callback's ``data`` or a message body."""
        body = self.body if isinstance(self.body, dict) else {}
        data = body.get("data") if isinstance(body.get("data"), dict) else body
        return int(data.get("flags") or 0)

    @property
    def message(self) -> dict[str, Any]:
        """The message a callback or send carried."""
        body = self.body if isinstance(self.body, dict) else {}
        return body.get("data") if isinstance(body.get("data"), dict) else body


class FakeDiscord:
    """Run with :meth:`start`; read :attr:`calls`; :meth:`stop` at the end."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.closed_dms: set[str] = set()
        self.dm_channels: dict[str, str] = {}  # channel id -> user id
        self.modal_submits: set[str] = set()  # ids of modal-submit interactions (a modal cannot answer them)
        self.responded: dict[str, int] = {}  # interaction token -> the type of its one response
        self.invalid: list[tuple[str, str]] = []  # (path, what was wrong) for every request refused
        self._ids = itertools.count(1400000000000000001)
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                split = urlsplit(self.path)
                status, answer = fake.answer(self.command, split.path.removeprefix(API), body,
                                             parse_qs(split.query))
                data = b"" if answer is None else json.dumps(answer).encode()
                self.send_response(status)
                if answer is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True

    @property
    def base(self) -> str:
        """What ``discord.http.Route.BASE`` should be."""
        return f"http://127.0.0.1:{self._server.server_address[1]}{API}"

    def start(self) -> FakeDiscord:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------ answers

    def next_id(self) -> str:
        with self._lock:
            return str(next(self._ids))

    def answer(self, method: str, path: str, body: Any, query: dict[str, list[str]]) -> tuple[int, Any]:
        with self._lock:
            self.calls.append(Call(method, path, body, query))
        if path == "/users/@me":
            return 200, BOT_USER
        if path == "/oauth2/applications/@me":
            return 200, {"id": APP_ID, "name": "protocol-bot", "description": "", "icon": None, "bot_public": False,
                         "bot_require_code_grant": False, "owner": {**BOT_USER, "id": "1300000000000000009",
                                                                    "bot": False}, "verify_key": "0" * 64,
                         "flags": 0, "team": None, "summary": ""}
        if path == "/gateway/bot":
            return 200, {"url": "ws://127.0.0.1:9", "shards": 1, "session_start_limit": {
                "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}
        refusal = self.refusal(method, path, body)
        if refusal is not None:
            with self._lock:
                self.invalid.append((path, refusal[1]["message"]))
            return refusal
        if path.endswith("/callback"):
            interaction_id = path.split("/")[2]
            return 200, {"interaction": {"id": interaction_id, "type": 2, "activity_instance_id": None,
                                         "response_message_id": None, "response_message_loading": False,
                                         "response_message_ephemeral": False}}
        if path == "/users/@me/channels":
            user_id = str(body["recipient_id"])
            channel_id = next((c for c, u in self.dm_channels.items() if u == user_id), None) or self.next_id()
            self.dm_channels[channel_id] = user_id
            return 200, {"id": channel_id, "type": 1, "last_message_id": None,
                         "recipients": [{"id": user_id, "username": f"user{user_id[-2:]}", "discriminator": "0",
                                         "avatar": None, "global_name": None}]}
        if path.startswith("/applications/") and path.endswith("/commands") and method == "PUT":
            return 200, [{**command, "id": self.next_id(), "application_id": APP_ID, "version": "1",
                          "default_member_permissions": None, "dm_permission": True, "nsfw": False}
                         for command in body]
        if method in ("POST", "PATCH") and (path.startswith("/channels/") or path.startswith("/webhooks/")):
            channel_id = path.split("/")[2] if path.startswith("/channels/") else "1500000000000000001"
            if self.dm_channels.get(channel_id) in self.closed_dms:
                return 403, {"message": "Cannot send messages to this user", "code": 50007}
            return 200, self.message_payload(channel_id, body if isinstance(body, dict) else {})
        return 200, {}

    def refusal(self, method: str, path: str, body: Any) -> tuple[int, dict[str, Any]] | None:
        """Discord's error for a request it would refuse, or None."""
        parts = path.split("/")
        if path.endswith("/callback"):
            interaction_id, token = parts[2], parts[3]
            if token in self.responded:
                return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
            if body.get("type") == 9 and interaction_id in self.modal_submits:
                return 400, {"message": "A modal cannot answer a modal submit", "code": 50035}
            problems = limits.problems(body)
            if not problems:
                self.responded[token] = body["type"]
        elif path.startswith("/webhooks/") and method in ("POST", "PATCH"):
            if parts[3] not in self.responded:
                return 404, {"message": "Unknown Webhook", "code": 10015}
            problems = limits.message_problems(body)
        elif path.startswith("/channels/") and method in ("POST", "PATCH"):
            problems = limits.message_problems(body)
        else:
            problems = []
        return (400, {"message": "Invalid Form Body: " + "; ".join(problems), "code": 50035}) if problems else None

    def message_payload(self, channel_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return {"id": self.next_id(), "channel_id": channel_id, "author": BOT_USER, "content": body.get("content", ""),
                "timestamp": "2026-11-29T10:00:00+00:00", "edited_timestamp": None, "tts": False,
                "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
                "embeds": body.get("embeds") or [], "components": body.get("components") or [], "pinned": False,
                "type": 0, "flags": body.get("flags", 0)}

    # ------------------------------------------------------------ reading what was sent

    def sent(self) -> list[Call]:
        """What the bot said: interaction callbacks, follow-ups and messages (not logins or DM set-up)."""
        return [c for c in self.calls if c.path.endswith("/callback") or c.path.startswith("/webhooks/")
                or (c.path.startswith("/channels/") and c.method == "POST")]

    def callbacks(self) -> list[Call]:
        return [c for c in self.calls if c.path.endswith("/callback")]

    def dms_to(self, user_id: str) -> list[Call]:
        """Messages sent in the DM channel with ``user_id`` (refused ones included)."""
        return [c for c in self.calls if c.method == "POST" and c.path.startswith("/channels/")
                and self.dm_channels.get(c.path.split("/")[2]) == user_id]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
