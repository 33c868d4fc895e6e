"""A fake Discord gateway on loopback: HELLO, IDENTIFY → READY + GUILD_CREATE, RESUME → replay + RESUMED.

It runs in its own thread and event loop. The test pushes events with :meth:`send`,
asks for a reconnect (op 7, as Discord does when it moves a session) with
:meth:`reconnect`, and says which events a RESUME replays (``replay``): Discord
replays what the client may have missed, so events can arrive twice.
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from aiohttp import WSMsgType, web

from tests.adapters.discord.fake_discord import APP_ID, BOT_USER


class FakeGateway:
    """Start with :meth:`start`, read ``opcodes`` (what the client sent), :meth:`stop` at the end."""

    def __init__(self, guild: dict[str, Any]) -> None:
        self.guild = guild
        self.sequence = 0
        self.opcodes: list[int] = []
        self.replay: list[tuple[str, dict[str, Any]]] = []
        self.resumed = threading.Event()
        self.loop = asyncio.new_event_loop()
        self._socket: web.WebSocketResponse | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""

    def start(self) -> FakeGateway:
        ready = threading.Event()

        async def serve() -> None:
            app = web.Application()
            app.router.add_get("/", self._connection)
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self.url = f"ws://127.0.0.1:{port}/"
            ready.set()

        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(serve(), self.loop)
        ready.wait(10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    # ------------------------------------------------------------ what the test does

    def send(self, event: str, data: dict[str, Any]) -> None:
        """Dispatch one event to the connected client."""
        asyncio.run_coroutine_threadsafe(self._dispatch(event, data), self.loop).result(10)

    def reconnect(self) -> None:
        """Op 7: the client should reconnect and RESUME."""
        self.resumed.clear()
        asyncio.run_coroutine_threadsafe(self._send({"op": 7, "d": None, "s": None, "t": None}), self.loop).result(10)

    # ------------------------------------------------------------ the protocol

    async def _send(self, payload: dict[str, Any]) -> None:
        assert self._socket is not None
        await self._socket.send_str(json.dumps(payload))

    async def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        self.sequence += 1
        await self._send({"op": 0, "t": event, "s": self.sequence, "d": data})

    async def _connection(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await self._send({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None})
        async for message in socket:
            if message.type is not WSMsgType.TEXT:
                break
            payload = json.loads(message.data)
            self.opcodes.append(payload["op"])
            if payload["op"] == 1:
                await self._send({"op": 11, "d": None, "s": None, "t": None})
            elif payload["op"] == 2:
                await self._dispatch("READY", {
                    "v": 10, "user": BOT_USER, "guilds": [{"id": self.guild["id"], "unavailable": True}],
                    "session_id": "fake-session", "resume_gateway_url": self.url, "private_channels": [],
                    "relationships": [], "application": {"id": APP_ID, "flags": 0}, "shard": [0, 1]})
                await self._dispatch("GUILD_CREATE", self.guild)
            elif payload["op"] == 6:
                for event, data in self.replay:
                    await self._dispatch(event, data)
                await self._dispatch("RESUMED", {})
                self.resumed.set()
        return socket  # the handler ends when the client closes the socket
