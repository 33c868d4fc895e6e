"""A missing or wrong encryption key stops the bot at start-up with one clear sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.app import ProtocolBot
from bot.cli import app
from bot.config import BotConfig
from bot.council import load_council
from bot.events import Event, Where
from storage.crypto import fixed_key

COUNCIL = Path(__file__).parents[2] / "examples" / "brookfield.yaml"


def start_console(db: str) -> object:
    return CliRunner().invoke(app, ["console", "--council", str(COUNCIL), "--db", db], input=":quit\n")


def test_no_key_for_a_real_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROTOCOL_BOT_KEYS")
    done = start_console(f"sqlite:///{tmp_path / 'bot.db'}")
    assert done.exit_code == 1
    assert "PROTOCOL_BOT_KEYS is not set" in done.output and "protocol-bot keys generate" in done.output
    assert "Traceback" not in done.output


def test_the_wrong_key_for_stored_concerns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    bot = ProtocolBot.from_council(load_council(COUNCIL), BotConfig(database_url=url))
    priya = bot.council.find_person("Priya")
    bot.handle(Event(priya, Where.dm(), '/protocol concern about="Robert Hale" summary="Secret words"'))
    monkeypatch.setenv("PROTOCOL_BOT_KEYS", fixed_key("another key"))
    done = start_console(url)
    assert done.exit_code == 1
    assert "not in PROTOCOL_BOT_KEYS" in done.output and "Secret" not in done.output
    assert fixed_key("another key") not in done.output and "Traceback" not in done.output


def test_the_demo_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PROTOCOL_BOT_KEYS")
    done = CliRunner().invoke(app, ["console", "--council", str(COUNCIL)],
                              input='/protocol concern about="Robert Hale" summary="Late again"\n')
    assert done.exit_code == 0 and "Recorded as C-1" in done.output
