"""``ProtocolClient``: a ``discord.Client`` that serves one or several councils, one per guild.

It asks only for the intents it needs: guilds (channels and their permissions, to
tell public from private), guild and DM messages, and message content (privileged:
the words are what the nudge checks). Buttons are persistent: each ``custom_id``
says what it does (see ``render`` and ``forms``), and the dynamic items below match
them after any restart. Modal submissions are read from the raw interaction for the
same reason.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Sequence

import discord
from discord import app_commands

from bot.app import ProtocolBot

from adapters.discord import forms, render
from adapters.discord.forms import FormSessions
from adapters.discord.handlers import SORRY, Councils, Handlers, tell
from adapters.discord.scheduler import INTERVAL, reminders
from adapters.discord.slash import protocol_group
from adapters.discord.text import NO_PINGS

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """Only what the bot needs; ``message_content`` must also be switched on in the Developer Portal."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = True
    return wanted


class ProtocolClient(discord.Client):
    """The bot on Discord: slash commands, messages, buttons and modals, and the reminder loop."""

    def __init__(self, bots: Sequence[ProtocolBot], *, scheduler: bool = False, interval: float = INTERVAL,
                 sessions: FormSessions | None = None, **options: Any) -> None:
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # the bot never joins voice
        super().__init__(intents=options.pop("intents", intents()), allowed_mentions=NO_PINGS, **options)
        self.councils = Councils(tuple(bots))
        self.handlers = Handlers(self.councils, self, sessions)
        self.tree = app_commands.CommandTree(self)
        self.tree.add_command(protocol_group(self.handlers))
        self.tree.on_error = self._on_command_error  # type: ignore[method-assign]
        self.scheduler = scheduler
        self.interval = interval
        self._reminders: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        self.add_dynamic_items(CoreButton, FormButton, PageButton)
        if self.scheduler:
            self._reminders = asyncio.create_task(reminders(self, self.interval), name="protocol-bot-reminders")

    async def close(self) -> None:
        if self._reminders is not None:
            self._reminders.cancel()
        await super().close()

    async def on_message(self, message: discord.Message) -> None:
        await self.handlers.message(message)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await self.handlers.edited(payload)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        if (interaction.type is discord.InteractionType.modal_submit
                and str(data.get("custom_id", "")).startswith(forms.MODAL)):
            await self.handlers.modal_submitted(interaction)

    async def on_guild_available(self, guild: discord.Guild) -> None:
        if self.councils.for_discord_guild(guild.id) is None:
            log.warning("The bot is in Discord server %s (%s), which no council file names as discord_guild_id: "
                        "it answers there only to say so.", guild.id, guild.name)

    async def _on_command_error(self, interaction: discord.Interaction[Any],
                                error: app_commands.AppCommandError) -> None:
        """A failure the handlers did not catch (an option Discord sent wrongly, say): logged, and the person told."""
        log.error("A /protocol command failed: %s", error, exc_info=error)
        await tell(interaction, SORRY)


class ProtocolItem(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?!)"):  # matches nothing itself
    """Base of the persistent buttons: each is rebuilt from its ``custom_id`` when pressed."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_id))

    @staticmethod
    def handlers_of(interaction: discord.Interaction[Any]) -> Handlers:
        client = interaction.client
        assert isinstance(client, ProtocolClient)
        return client.handlers


class CoreButton(ProtocolItem, template=re.escape(render.CORE) + r"(?P<action>[^|]+)\|(?P<value>.*)"):
    """A core button (``pb:ACTION|VALUE``): handed back to ``ProtocolBot.press``."""

    def __init__(self, action: str, value: str) -> None:
        super().__init__(f"{render.CORE}{action}|{value}")
        self.action, self.value = action, value

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> CoreButton:
        return cls(match["action"], match["value"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await self.handlers_of(interaction).press(interaction, self.action, self.value)


class FormButton(ProtocolItem, template=r"pb(?P<kind>[os]):(?P<token>[\w-]+)(?::(?P<part>\d+))?"):
    """"Open the form", "Continue" (``pbo:TOKEN:PART``) and "… as it is" (``pbs:TOKEN``)."""

    def __init__(self, kind: str, token: str, part: int) -> None:
        super().__init__(f"pb{kind}:{token}" + (f":{part}" if kind == "o" else ""))
        self.kind, self.token, self.part = kind, token, part

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> FormButton:
        return cls(match["kind"], match["token"], int(match["part"] or 0))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handlers = self.handlers_of(interaction)
        if self.kind == "o":
            await handlers.open_form(interaction, self.token, self.part)
        else:
            await handlers.send_form(interaction, self.token)


class PageButton(ProtocolItem, template=re.escape(render.PAGE) + r"(?P<page>\d+):(?P<command>.+)"):
    """Previous and Next under a long list (``pbp:PAGE:COMMAND``)."""

    def __init__(self, page: int, command: str) -> None:
        super().__init__(f"{render.PAGE}{page}:{command}")
        self.page, self.command = page, command

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> PageButton:
        return cls(int(match["page"]), match["command"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await self.handlers_of(interaction).page(interaction, self.page, self.command)
