"""``protocol-bot console``: registered on the CLI through the ``protocol_bot.commands`` entry point."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from adapters.console.repl import run_console
from bot.app import ProtocolBot
from bot.cli_support import CouncilOption, user_errors
from bot.config import BotConfig
from bot.council import load_council


def console(
    council: CouncilOption,
    db: Annotated[
        Optional[str],
        typer.Option("--db", envvar="DATABASE_URL", metavar="URL",
                     help="Database URL; used from the storage issue on (default then: a SQLite file)."),
    ] = None,
) -> None:
    """Chat with the bot in the terminal as any person of the roster; reads a script from stdin too."""
    with user_errors():
        found = load_council(council)
        # --db is passed through to the bot's config but not used yet: storage comes in a later issue.
        bot = ProtocolBot.from_council(found, BotConfig(database_url=db))
    raise typer.Exit(run_console(bot, sys.stdin, sys.stdout))


def register(app: typer.Typer) -> None:
    """Add the ``console`` command to the ``protocol-bot`` CLI."""
    app.command("console")(console)
