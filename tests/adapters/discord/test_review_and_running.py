"""The review with pages, reminders by DM, and 'protocol-bot run discord' / 'discord sync'."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adapters.discord.client import intents
from adapters.discord.scheduler import run_once
from bot.cli import app as cli
from bot.clock import UK
from tests.adapters.discord import payloads
from tests.adapters.discord.conftest import EXAMPLE, Harness, buttons, shown
from tests.adapters.discord.fake_discord import APP_ID, FakeDiscord

INLINE = 'documents="Tree survey {n}" purpose="For the planning committee" committee=planning'


def test_the_review_shows_what_is_yours_a_page_at_a_time(discord_bot: Harness) -> None:
    for n in range(12):
        discord_bot.command("request", details=INLINE.format(n=n))
    [first] = discord_bot.command("review", kind="requests", scope="all", user_id=payloads.NADIA)
    assert first.flags & 64 and "Page 1 of 2" in shown(first) and "R-1:" in shown(first)
    assert "R-12:" not in shown(first) and "Open R-1" in buttons(first) and "Previous" not in buttons(first)
    [second] = discord_bot.press(buttons(first)["Next"], user_id=payloads.NADIA)
    assert second.body["type"] == 7  # the message itself turns to page 2
    assert "Page 2 of 2" in shown(second) and "R-12:" in shown(second) and "Previous" in buttons(second)
    [mine] = discord_bot.command("review", kind="requests", scope="open", user_id=payloads.DENNIS)
    assert "R-" not in shown(mine)  # a councillor sees only the requests they made


def test_reminders_and_escalations_arrive_as_dms_once(discord_bot: Harness) -> None:
    discord_bot.clock.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=UK))
    discord_bot.command("request", details=INLINE.format(n=1))
    discord_bot.fake.clear()
    discord_bot.clock.move_to(datetime(2026, 4, 1, 10, 0, tzinfo=UK))
    assert discord_bot.run(run_once(discord_bot.client)) >= 1
    sent = discord_bot.fake.sent()
    assert sent and all(c.path.split("/")[2] in discord_bot.fake.dm_channels for c in sent)
    discord_bot.fake.clear()
    assert discord_bot.run(run_once(discord_bot.client)) == 0 and not discord_bot.fake.sent()


def test_only_the_intents_needed() -> None:
    wanted = intents()
    assert wanted.message_content and wanted.guild_messages and wanted.dm_messages and wanted.guilds
    assert not (wanted.members or wanted.presences or wanted.guild_reactions or wanted.voice_states)


def test_discord_sync_registers_the_command_group_per_guild_or_globally(fake: FakeDiscord, database_url: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "fake-token")
    result = CliRunner().invoke(cli, ["discord", "sync", "--council", str(EXAMPLE), "--db", database_url,
                                      "--guild", payloads.GUILD])
    assert result.exit_code == 0, result.output
    [put] = [c for c in fake.calls if c.method == "PUT"]
    assert put.path.endswith(f"/guilds/{payloads.GUILD}/commands")
    assert put.path == f"/applications/{APP_ID}/guilds/{payloads.GUILD}/commands"
    [group] = put.body
    assert group["name"] == "protocol" and group["type"] == 1
    assert group["contexts"] == [0, 1] and group["integration_types"] == [0]  # the server, and DMs with the bot
    assert group["dm_permission"] is True and group["default_member_permissions"] is None
    commands = {o["name"]: o for o in group["options"]}
    assert set(commands) == {"lookup", "help", "request", "concern", "review"}
    assert all(c["type"] == 1 and len(c["description"]) <= 100 for c in commands.values())
    [query] = commands["lookup"]["options"]
    assert query["autocomplete"] is True and query["required"] is True and query["max_length"] == 300
    for form in ("request", "concern"):
        [details] = commands[form]["options"]
        assert details["required"] is False and "autocomplete" not in details
    kinds = {o["name"]: [c["value"] for c in o["choices"]] for o in commands["review"]["options"]}
    assert kinds == {"kind": ["requests", "concerns", "flags"], "scope": ["open", "overdue", "all"]}
    fake.clear()
    result = CliRunner().invoke(cli, ["discord", "sync", "--council", str(EXAMPLE), "--db", database_url])
    assert result.exit_code == 0 and "every server" in result.output
    [put] = [c for c in fake.calls if c.method == "PUT"]
    assert put.path == f"/applications/{APP_ID}/commands" and put.body == [group]


def test_start_up_errors_are_one_sentence(database_url: str) -> None:
    result = CliRunner().invoke(cli, ["run", "discord", "--council", str(EXAMPLE), "--db", database_url])
    assert result.exit_code == 1 and "DISCORD_TOKEN is not set" in result.output
    assert "Traceback" not in result.output


def _council_on_the_test_server(folder: Path) -> Path:
    """The example council file, with its server's id (``discord_guild_id``)."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "protocol: brookfield-protocol.yaml", f"protocol: {EXAMPLE.parent / 'brookfield-protocol.yaml'}")
    path = folder / "council.yaml"
    path.write_text(f'{text}\ndiscord_guild_id: "{payloads.GUILD}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["discord", "sync"], ["run", "discord"]])
def test_a_token_discord_refuses_is_one_sentence(fake: FakeDiscord, database_url: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "wrong-token")
    monkeypatch.setenv("DISCORD_API_URL", fake.base)
    monkeypatch.setattr(fake, "answer", lambda *args: (401, {"message": "401: Unauthorized", "code": 0}))
    council = _council_on_the_test_server(tmp_path)
    result = CliRunner().invoke(cli, [*command, "--council", str(council), "--db", database_url])
    assert result.exit_code == 1 and "Discord did not accept DISCORD_TOKEN" in result.output
    assert len(result.output.strip().splitlines()) == 1 + (command[0] == "run")  # the banner, then the error
    assert "Traceback" not in result.output


def test_run_discord_needs_the_council_server_id(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "fake-token")
    result = CliRunner().invoke(cli, ["run", "discord", "--council", str(EXAMPLE), "--db", database_url])
    assert result.exit_code == 1 and "has no discord_guild_id" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_server_no_council_file_names_is_told_what_to_do(discord_bot: Harness) -> None:
    discord_bot.bot.council = dataclasses.replace(discord_bot.bot.council, discord_guild_id="1100000000000000999")
    [answer] = discord_bot.command("help")
    assert answer.flags & 64 and "not connected to a council" in shown(answer) and payloads.GUILD in shown(answer)
    assert discord_bot.message("Robert is useless, the allotment gates were left open again.") == []
    [help_in_dm] = discord_bot.command("help", dm=True)  # a DM finds the council by who is on its roster
    assert "Brookfield" in shown(help_in_dm)
