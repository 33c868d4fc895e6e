"""``protocol-bot run discord`` and ``protocol-bot discord sync``: registered through the ``protocol_bot.commands`` entry point.

``run discord`` connects to the gateway with ``DISCORD_TOKEN`` and serves every
council file given (one council per guild, by ``discord_guild_id``, which each file
must have).
``discord sync`` registers the ``/protocol`` commands: to one guild with ``--guild``
(at once, for testing) or globally (for production; Discord may take up to an hour
to show them everywhere). ``DISCORD_API_URL`` points the REST client elsewhere (a
local fake in tests). Problems a person can fix are one sentence on stderr, never a
traceback.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Mapping, Optional, Sequence

import typer

from bot.cli_support import CouncilOption, fail, run_group, user_errors

if TYPE_CHECKING:
    from bot.app import ProtocolBot
    from bot.registry import CouncilBots

TOKEN_HELP = ("copy the bot's token from the Discord Developer Portal (your application, Bot, Reset Token) into "
              "the environment (see .env.example)")
log = logging.getLogger(__name__)


def settings_from(env: Mapping[str, str]) -> tuple[str, str | None]:
    """``DISCORD_TOKEN`` and ``DISCORD_API_URL`` from the environment; ValueError with what to do when missing."""
    token = (env.get("DISCORD_TOKEN") or "").strip()
    if not token:
        raise ValueError(f"DISCORD_TOKEN is not set: {TOKEN_HELP}.")
    return token, (env.get("DISCORD_API_URL") or "").strip() or None


def point_at(api_url: str | None) -> None:
    """Send every REST call (interaction callbacks and webhooks too) to ``api_url`` (a local fake)."""
    if api_url:
        import discord

        discord.http.Route.BASE = api_url.rstrip("/")


def _bots(council: Path, db: str | None) -> CouncilBots:
    """Load the council files and open the database (problems are one sentence, then exit)."""
    from bot.config import BotConfig
    from bot.registry import CouncilBots, council_paths, load_councils

    with user_errors():
        paths = council_paths(council)
        if not paths:
            fail(f"There are no .yaml council files in {council}: give a council file or a folder of them.")
        return CouncilBots.start(load_councils(paths), BotConfig(database_url=db))


DbOption = Annotated[Optional[str], typer.Option("--db", envvar="DATABASE_URL", metavar="URL",
                                                 help="Database URL (default: the SQLite file protocol-bot.db).")]


def run_discord(
    council: CouncilOption,
    db: DbOption = None,
    scheduler: Annotated[bool, typer.Option("--scheduler/--no-scheduler",
                                            help="Send reminders from this process (one process per database).")]
    = True,
) -> None:
    """Run the bot on Discord (DISCORD_TOKEN): slash commands, nudges, DMs and reminders."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        token, api_url = settings_from(os.environ)
    except ValueError as exc:
        fail(str(exc))
    bots = _bots(council, db)
    for bot in bots.bots:
        if not bot.council.discord_guild_id:
            fail(f"{bot.council.source or bot.council.name} has no discord_guild_id: put the id of the council's "
                 "Discord server there (Developer Mode on, right-click the server's icon, Copy Server ID) so that the "
                 "bot knows its server.")
    import discord

    from adapters.discord.client import ProtocolClient

    point_at(api_url)
    client = ProtocolClient(bots.bots, scheduler=scheduler)
    names = ", ".join(b.council.name for b in bots.bots)
    typer.echo(f"protocol-bot on Discord for {names}. Ctrl-C to stop.")
    try:
        client.run(token, log_handler=None)
    except discord.LoginFailure:
        fail(f"Discord did not accept DISCORD_TOKEN: {TOKEN_HELP}.")
    except discord.PrivilegedIntentsRequired:
        fail("Discord refused the Message Content intent: switch on MESSAGE CONTENT INTENT under Bot, "
             "Privileged Gateway Intents, in the Developer Portal (the README says why the bot needs it).")
    except discord.ConnectionClosed as exc:
        fail(f"Discord closed the connection (code {exc.code}): check DISCORD_TOKEN and the bot's settings in the "
             "Developer Portal, then start it again.")
    except (discord.GatewayNotFound, discord.HTTPException, OSError) as exc:
        fail(f"Cannot reach Discord ({exc}): check the network, or DISCORD_API_URL.")


def sync_commands(
    council: CouncilOption,
    guild: Annotated[Optional[int], typer.Option("--guild", metavar="ID",
                                                 help="Register in this server only (at once; for testing).")]
    = None,
    db: DbOption = None,
) -> None:
    """Register the /protocol commands with Discord: in one server (--guild) or everywhere."""
    try:
        token, api_url = settings_from(os.environ)
    except ValueError as exc:
        fail(str(exc))
    bots = _bots(council, db)
    point_at(api_url)
    try:
        names = asyncio.run(_sync(bots.bots, token, guild))
    except ValueError as exc:
        fail(str(exc))
    where = f"server {guild}" if guild is not None else "every server (Discord may take up to an hour to show them)"
    typer.echo(f"Registered /protocol ({', '.join(names)}) in {where}.")


async def _sync(bots: Sequence[ProtocolBot], token: str, guild: int | None) -> list[str]:
    """Log in over REST only (no gateway) and register the command tree; return the commands' names."""
    import discord

    from adapters.discord.client import ProtocolClient

    client = ProtocolClient(bots)
    try:
        await client.login(token)
        target = discord.Object(guild) if guild is not None else None
        if target is not None:
            client.tree.copy_global_to(guild=target)
        synced = await client.tree.sync(guild=target)
    except discord.LoginFailure:
        raise ValueError(f"Discord did not accept DISCORD_TOKEN: {TOKEN_HELP}.") from None
    except discord.Forbidden:
        raise ValueError(f"The bot cannot add commands to server {guild}: invite it with the applications.commands "
                         "scope (the README's invite link) and try again.") from None
    except (discord.HTTPException, OSError) as exc:
        raise ValueError(f"Cannot reach Discord ({exc}): check the network, or DISCORD_API_URL.") from None
    finally:
        await client.close()
    return [command.name for command in synced]


def register(app: typer.Typer) -> None:
    """Add ``run discord`` (sharing the ``run`` group with other adapters) and ``discord sync`` to the CLI."""
    run_group(app).command("discord")(run_discord)
    discord_app = typer.Typer(help="Discord set-up.", no_args_is_help=True)
    discord_app.command("sync")(sync_commands)
    app.add_typer(discord_app, name="discord")
