"""The whole client against a fake gateway: connect, identify, and a reconnect whose RESUME replays events."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import discord
import pytest
import yarl

from adapters.discord.client import ProtocolClient
from tests.adapters.discord import payloads
from tests.adapters.discord.conftest import Harness, buttons
from tests.adapters.discord.fake_gateway import FakeGateway


@pytest.fixture
def gateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGateway]:
    server = FakeGateway(payloads.load("guild_create")).start()
    monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.url))
    yield server
    server.stop()


async def _until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)


def test_events_replayed_after_a_resume_never_act_twice(discord_bot: Harness, gateway: FakeGateway) -> None:
    client = ProtocolClient([discord_bot.bot])
    fake = discord_bot.fake
    criticism = payloads.message("Robert is useless, the allotment gates were left open again.")

    async def scenario() -> None:
        running = asyncio.ensure_future(client.start("fake-token"))
        await asyncio.wait_for(client.wait_until_ready(), 10)
        assert client.get_guild(int(payloads.GUILD)) is not None and 2 in gateway.opcodes  # identified
        gateway.send("MESSAGE_CREATE", criticism)
        await _until(lambda: len(fake.dms_to(payloads.PRIYA)) == 1)
        [nudge] = fake.dms_to(payloads.PRIYA)
        press = payloads.button(buttons(nudge)["Dismiss"], dm=True)
        gateway.send("INTERACTION_CREATE", press)
        await _until(lambda: len(fake.callbacks()) == 1)

        gateway.replay = [("MESSAGE_CREATE", criticism), ("INTERACTION_CREATE", press)]
        gateway.reconnect()
        await _until(gateway.resumed.is_set)
        await asyncio.sleep(0.5)  # time for the replayed events to be handled, had they been
        assert 6 in gateway.opcodes  # the client resumed its session
        assert len(fake.dms_to(payloads.PRIYA)) == 1 and len(fake.callbacks()) == 1
        gateway.send("MESSAGE_CREATE", payloads.message("Nadia is hopeless at keeping us informed.",
                                                        author=payloads.DENNIS))
        await _until(lambda: len(fake.dms_to(payloads.DENNIS)) == 1)  # the resumed session goes on as before
        await client.close()
        await asyncio.wait_for(running, 10)

    discord_bot.run(scenario())
