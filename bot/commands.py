"""Parsing ``/protocol ...`` into a command.

``/protocol`` or ``/protocol help`` asks for help; anything else (a clause id such
as ``10.3``, a topic such as ``need-to-know``, or a question in plain words) is a
lookup, which the clause index tells apart.

To add a subcommand (``request``, ``concern``, ``review`` come later): define its
command dataclass, add ``"word": parser`` to ``SUBCOMMANDS`` and a handler for the
dataclass in ``bot.app``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

COMMAND = "/protocol"


@dataclass(frozen=True)
class Help:
    """``/protocol help``: what the bot does, with examples."""


@dataclass(frozen=True)
class Lookup:
    """``/protocol QUERY``: a clause id, a topic or a free-text question."""

    query: str


Command = Help | Lookup
SubcommandParser = Callable[[str], Command]

# The first word after /protocol -> a parser of the rest of the line.
SUBCOMMANDS: dict[str, SubcommandParser] = {
    "help": lambda rest: Help(),
    "?": lambda rest: Help(),
    "--help": lambda rest: Help(),
}


def is_command(text: str) -> bool:
    """True if ``text`` is a ``/protocol`` slash command."""
    words = text.split(maxsplit=1)
    return bool(words) and words[0].lower() == COMMAND


def parse(text: str) -> Command | None:
    """The command typed as ``text`` (``/protocol ...``), or None if it is not one."""
    if not is_command(text):
        return None
    words = text.split(maxsplit=1)
    return parse_args(words[1] if len(words) > 1 else "")


def parse_args(args: str) -> Command:
    """The command for the text after ``/protocol`` (what Slack and Discord deliver)."""
    args = _unquote(" ".join(args.split()))
    if not args:
        return Help()
    first, _, rest = args.partition(" ")
    parser = SUBCOMMANDS.get(first.lower())
    return parser(rest) if parser else Lookup(args)


def _unquote(text: str) -> str:
    """Drop one pair of quotes around the whole text (``"press"`` -> ``press``)."""
    for left, right in (('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019")):
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1].strip()
    return text
