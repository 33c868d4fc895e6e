"""The console adapter: a terminal chat with the bot, also scriptable from stdin."""

from adapters.console.session import ConsoleSession
from adapters.console.repl import run_console

__all__ = ["ConsoleSession", "run_console"]
