"""The console loop: read lines, feed the session, show what comes back."""

from __future__ import annotations

import sys
from typing import TextIO

from adapters.console.render import PlainRenderer, Renderer, RichRenderer
from adapters.console.session import ConsoleSession
from bot.app import ProtocolBot
from bot.clock import MovableClock
from bot.events import Place


def run_console(bot: ProtocolBot, stdin: TextIO, stdout: TextIO, *, interactive: bool | None = None,
                styled: bool | None = None, clock: MovableClock | None = None) -> int:
    """Run a console chat until end of input or ``:quit``; return the exit code.

    ``interactive`` (default: stdin is a terminal) shows a banner and a prompt;
    otherwise each input line is echoed after its prompt so that a script's output
    reads as a transcript. ``styled`` (default: stdout is a terminal) uses rich.
    """
    interactive = _isatty(stdin) if interactive is None else interactive
    styled = _isatty(stdout) if styled is None else styled
    renderer: Renderer = RichRenderer(stdout) if styled else PlainRenderer(stdout)
    session = ConsoleSession(bot, clock)
    if interactive:
        _enable_line_editing()
        renderer.banner(banner(session))
    while not session.done:
        prompt = prompt_for(session)
        line = _read_line(prompt, stdin, stdout) if interactive else stdin.readline()
        if line is None or line == "":
            break
        line = line.rstrip("\r\n")
        if not interactive and line.strip():
            renderer.echo(prompt, line)
        renderer.show(session.feed(line))
    if interactive:
        stdout.write("\n")
    stdout.flush()
    return 0


def prompt_for(session: ConsoleSession) -> str:
    """``Priya Nair in #general> ``."""
    where = "DM" if session.where.place is Place.DM else str(session.where)
    return f"{session.me.name} in {where}> "


def banner(session: ConsoleSession) -> str:
    """The few lines shown when a person starts the console."""
    bot = session.bot
    return (
        f"Protocol bot console: {bot.council.name}, {len(bot.pack)} clauses of its protocol.\n"
        f"You are {session.me.name} ({session.me.post}) in {session.where}. "
        "Try /protocol help. Console commands: :as NAME, :in #channel, :in private #channel, :in dm, "
        ":press N, :fill key=value, :edit TEXT, :time, :help. Ctrl-D to leave."
    )


def _read_line(prompt: str, stdin: TextIO, stdout: TextIO) -> str | None:
    try:
        if stdin is sys.stdin and stdout is sys.stdout:
            return input(prompt) + "\n"
        stdout.write(prompt)
        stdout.flush()
        return stdin.readline() or None
    except (EOFError, KeyboardInterrupt):
        return None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _enable_line_editing() -> None:
    try:
        import readline  # noqa: F401 - gives input() history and editing where available
    except ImportError:
        pass
