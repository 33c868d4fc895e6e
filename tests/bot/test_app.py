"""ProtocolBot: building it once, help, plain messages, identifying people."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.app
from bot.app import ProtocolBot
from bot.config import BotConfig
from bot.council import load_council
from bot.events import Event, UnknownUser, Where
from bot.replies import Audience, Button
from tests.fakes import PRIYA, make_bot

REPO = Path(__file__).parents[2]


def test_help_explains_with_examples_topics_and_the_clerk() -> None:
    [reply] = make_bot().handle(Event(PRIYA, Where.public("general"), "/protocol help"))
    assert reply.audience is Audience.ASKER
    for expected in ("/protocol need-to-know", "/protocol 10.1", "/protocol can I see", "/protocol help",
                     "Share in channel", "Topics: need-to-know, press, correspondence", "Nadia Kowalski"):
        assert expected in reply.text


def test_plain_messages_get_nothing_in_channels_and_the_concern_form_in_a_dm() -> None:
    bot = make_bot()
    assert bot.handle(Event(PRIYA, Where.public("general"), "the planning papers are late")) == []
    assert bot.handle(Event(PRIYA, Where.private("members"), "hello")) == []
    [hint] = bot.handle(Event(PRIYA, Where.dm(), "hello"))
    assert hint.audience is Audience.ASKER and "/protocol concern" in hint.text and hint.form is None
    [offer] = bot.handle(Event(PRIYA, Where.dm(), "the clerk ignored my emails"))
    assert offer.audience is Audience.ASKER and "/protocol" in offer.text and offer.form is not None


def test_unknown_button_action() -> None:
    [reply] = make_bot().press(Button("?", "nothing.here", "x"), PRIYA, Where.public("general"))
    assert reply.audience is Audience.ASKER and "no longer works" in reply.text


def test_identify_by_platform_id() -> None:
    bot = make_bot()
    assert bot.identify("slack", "U08PRIYA") == PRIYA
    assert bot.identify("discord", "820000000000000008") == PRIYA
    assert bot.identify("slack", "U000") == UnknownUser("slack", "U000")


def test_from_council_loads_the_pack_once(monkeypatch: pytest.MonkeyPatch) -> None:
    council = load_council(REPO / "examples" / "brookfield.yaml")
    calls: list[Path] = []
    real = bot.app.load_protocol

    def counting(path: Path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(bot.app, "load_protocol", counting)
    built = ProtocolBot.from_council(council, BotConfig(database_url="sqlite:///:memory:"))
    assert calls == [council.protocol_path]
    assert len(built.pack) > 0 and built.config.database_url == "sqlite:///:memory:"
    first = built.pack.clauses[0]
    for _ in range(3):
        [reply] = built.handle(Event(PRIYA, Where.public("general"), f"/protocol {first.id}"))
        assert [c.clause_id for c in reply.cards] == [first.id]
    assert len(calls) == 1
