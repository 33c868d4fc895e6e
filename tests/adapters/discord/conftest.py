"""The Discord harness: the real discord.py client over the real bot (example council, a real database),
real gateway payloads fed to the client's parsers, and a fake REST API on loopback that records what is sent."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Coroutine, TypeVar

import discord
import pytest

from adapters.discord.client import ProtocolClient
from bot.app import ProtocolBot
from bot.clock import MovableClock
from bot.config import BotConfig
from bot.council import Council, load_council
from bot.stores import open_stores
from protocol.model import ProtocolPack
from protocol.packfile import load_protocol
from tests.adapters.discord import payloads
from tests.adapters.discord.fake_discord import Call, FakeDiscord

EXAMPLE = Path(__file__).parents[3] / "examples" / "brookfield.yaml"
T = TypeVar("T")


@lru_cache(maxsize=1)
def example() -> tuple[Council, ProtocolPack]:
    """The example council, on the test server (``discord_guild_id``), and its protocol, loaded once."""
    council = dataclasses.replace(load_council(EXAMPLE), discord_guild_id=payloads.GUILD)
    return council, load_protocol(council.protocol_path)


@pytest.fixture(autouse=True)
def _no_discord_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISCORD_TOKEN", "DISCORD_API_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDiscord]:
    server = FakeDiscord().start()
    monkeypatch.setattr(discord.http.Route, "BASE", server.base)
    yield server
    server.stop()


async def settle() -> None:
    """Wait for every task the client started (handlers, dynamic items, core calls) to finish."""
    for _ in range(100):
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()
                   and "timeout" not in repr(t.get_coro())]
        if not pending:
            return
        await asyncio.wait(pending, timeout=10)


@dataclass
class Harness:
    """Feeds gateway payloads to the real client and reads what reached the fake REST API."""

    loop: asyncio.AbstractEventLoop
    client: ProtocolClient
    bot: ProtocolBot
    fake: FakeDiscord
    clock: MovableClock

    def restart(self) -> None:
        """A new client on the same bot and database, as after a restart of the process: nothing in memory survives."""
        self.run(self.client.close())
        self.client = ProtocolClient([self.bot])
        self.run(self.client.login("fake-token"))
        self.feed("GUILD_CREATE", payloads.load("guild_create"))

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    def feed(self, event: str, payload: dict[str, Any]) -> None:
        """Give one gateway event to the client's parser and wait until it is handled."""
        if event == "INTERACTION_CREATE" and payload["type"] == 5:
            self.fake.modal_submits.add(payload["id"])

        async def go() -> None:
            self.client._connection.parsers[event](payload)
            await settle()
        self.run(go())

    # ------------------------------------------------------------ what people do

    def command(self, subcommand: str, **options: Any) -> list[Call]:
        """``/protocol SUBCOMMAND``; keyword ``user_id``, ``channel``, ``dm`` say who and where. Returns what was sent."""
        where = {k: options.pop(k) for k in ("user_id", "channel", "dm") if k in options}
        before = len(self.fake.calls)
        self.feed("INTERACTION_CREATE", payloads.command(subcommand, options, **where))
        return self._since(before)

    def press(self, custom_id: str, **where: Any) -> list[Call]:
        before = len(self.fake.calls)
        self.feed("INTERACTION_CREATE", payloads.button(custom_id, **where))
        return self._since(before)

    def submit(self, modal: dict[str, Any], answers: dict[str, str], **where: Any) -> list[Call]:
        before = len(self.fake.calls)
        self.feed("INTERACTION_CREATE", payloads.modal_submit(modal, answers, **where))
        return self._since(before)

    def message(self, text: str, **options: Any) -> list[Call]:
        before = len(self.fake.calls)
        edited = options.get("edited", False)
        self.feed("MESSAGE_UPDATE" if edited else "MESSAGE_CREATE", payloads.message(text, **options))
        return self._since(before)

    def _since(self, before: int) -> list[Call]:
        return [c for c in self.fake.calls[before:] if c in self.fake.sent()]


def buttons(call: Call) -> dict[str, str]:
    """The buttons of a message or callback by label: their custom ids."""
    found = {}
    for row in call.message.get("components") or []:
        for component in row.get("components") or []:
            if component.get("type") == 2:
                found[component["label"]] = component["custom_id"]
    return found


def shown(call: Call) -> str:
    """All the text of a message: content, and embeds' titles and descriptions."""
    message = call.message
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
    return "\n".join(p for p in parts if p)


def modal_of(call: Call) -> dict[str, Any]:
    """The modal a callback opened (type 9)."""
    assert call.body["type"] == 9, call.body
    return call.body["data"]


@pytest.fixture
def discord_bot(fake: FakeDiscord, database_url: str) -> Iterator[Harness]:
    council, pack = example()
    clock = MovableClock()
    bot = ProtocolBot(council, pack, open_stores(database_url), config=BotConfig(database_url=database_url),
                      clock=clock)
    loop = asyncio.new_event_loop()
    client = ProtocolClient([bot])
    harness = Harness(loop, client, bot, fake, clock)
    harness.run(client.login("fake-token"))
    harness.feed("GUILD_CREATE", payloads.load("guild_create"))
    fake.clear()
    yield harness
    assert not fake.invalid, fake.invalid  # nothing the bot sent broke Discord's rules or limits
    harness.run(harness.client.close())
    for task in asyncio.all_tasks(loop):  # unanswered modals' timeouts
        task.cancel()
    loop.run_until_complete(loop.shutdown_default_executor())
    loop.close()
