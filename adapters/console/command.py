"""``protocol-bot console``: registered on the CLI through the ``protocol_bot.commands`` entry point."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from bot.cli_support import CouncilOption, user_errors

IN_MEMORY = "sqlite:///:memory:"


def console(
    council: CouncilOption,
    db: Annotated[
        Optional[str],
        typer.Option("--db", envvar="DATABASE_URL", metavar="URL",
                     help="Database URL, e.g. sqlite:///demo.db to keep what you do "
                          "(default: a fresh in-memory SQLite database for each session)."),
    ] = None,
) -> None:
    """Chat with the bot in the terminal as any person of the roster; reads a script from stdin too."""
    # Imported here so that other protocol-bot commands start without loading storage.
    from adapters.console.repl import run_console
    from bot.app import ProtocolBot
    from bot.clock import MovableClock
    from bot.config import BotConfig
    from bot.council import load_council

    clock = MovableClock()
    with user_errors():
        found = load_council(council)
        bot = ProtocolBot.from_council(found, BotConfig(database_url=db or IN_MEMORY), clock=clock)
    raise typer.Exit(run_console(bot, sys.stdin, sys.stdout, clock=clock))


def register(app: typer.Typer) -> None:
    """Add the ``console`` command to the ``protocol-bot`` CLI."""
    app.command("console")(console)
