"""The ``/protocol`` command group: ``lookup`` (with autocomplete), ``help``, ``request``, ``concern``, ``review``.

Each command is turned into the text the core reads (``/protocol …``), so that
Discord, Slack and the console share one parser. ``request`` and ``concern`` open
their form as a modal, or take the form's fields inline (``details``), or a
reference (``R-12``, ``C-4``) to show one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Optional

import discord
from discord import app_commands

if TYPE_CHECKING:
    from adapters.discord.handlers import Handlers

NAME = "protocol"


def protocol_group(handlers: Handlers) -> app_commands.Group:
    """The command group, its commands calling ``handlers``."""
    group = app_commands.Group(
        name=NAME, description="Your council's Member/Officer Relations Protocol",
        # In the council's server and in a DM with the bot (a concern is often raised there); installed by servers.
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=False),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=False))

    @group.command(name="lookup", description="Look up a clause: a clause id, a topic, or a question")
    @app_commands.describe(query="A clause id (10.3), a topic (need-to-know) or a question in your words")
    async def lookup(interaction: discord.Interaction[Any], query: app_commands.Range[str, 1, 300]) -> None:
        await handlers.command(interaction, query)

    @lookup.autocomplete("query")
    async def lookup_choices(interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        return handlers.suggest(interaction, current)

    @group.command(name="help", description="What the bot does, with examples")
    async def help_command(interaction: discord.Interaction[Any]) -> None:
        await handlers.command(interaction, "help")

    @group.command(name="request", description="Ask for information you need for your role (need to know)")
    @app_commands.describe(details='Optional: the form inline (documents="…" purpose="…"), or R-12 to see one')
    async def request(interaction: discord.Interaction[Any],
                      details: Optional[app_commands.Range[str, 1, 1500]] = None) -> None:
        await handlers.command(interaction, f"request {details or ''}".strip())

    @group.command(name="concern", description="Record a concern privately")
    @app_commands.describe(details='Optional: the form inline (about="…" summary="…"), or C-4 to see one')
    async def concern(interaction: discord.Interaction[Any],
                      details: Optional[app_commands.Range[str, 1, 1500]] = None) -> None:
        await handlers.command(interaction, f"concern {details or ''}".strip())

    @group.command(name="review", description="Requests, concerns and flags that are yours to see")
    @app_commands.describe(kind="What to list", scope="Which of them")
    async def review(interaction: discord.Interaction[Any],
                     kind: Literal["requests", "concerns", "flags"] = "requests",
                     scope: Literal["open", "overdue", "all"] = "open") -> None:
        await handlers.command(interaction, f"review {kind} {scope}")

    return group
