"""Parsing ``/protocol ...`` into a command.

``/protocol`` or ``/protocol help`` asks for help; anything else (a clause id such
as ``10.3``, a topic such as ``need-to-know``, or a question in plain words) is a
lookup, which the clause index tells apart.

``/protocol request`` opens the request form; ``/protocol request key=value …`` submits
it inline; ``/protocol request R-12`` shows a request. ``/protocol concern`` works the
same way for private concerns (``C-4``). ``/protocol review [requests|concerns|flags]
[open|overdue|all]`` lists what the person may review; ``/protocol flag F-3`` shows
one flag to its reviewer.

To add a subcommand: define its command dataclass, add ``"word": parser`` to
``SUBCOMMANDS`` and a handler for the dataclass in ``bot.app``.
"""

from __future__ import annotations

import re
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


@dataclass(frozen=True)
class RequestForm:
    """``/protocol request``: open the information request form."""


@dataclass(frozen=True)
class NewRequest:
    """``/protocol request documents="…" purpose="…" …``: the form filled in inline."""

    fields: str


@dataclass(frozen=True)
class ShowRequest:
    """``/protocol request R-12``: one request and its history."""

    number: int


@dataclass(frozen=True)
class Review:
    """``/protocol review [requests|concerns|flags] [open|overdue|all]``."""

    kind: str = "requests"
    scope: str = "open"
    problem: str | None = None  # set when the words were not understood


@dataclass(frozen=True)
class ConcernForm:
    """``/protocol concern``: open the concern form."""


@dataclass(frozen=True)
class NewConcern:
    """``/protocol concern about="NAME" summary="…"``: the form filled in inline."""

    fields: str


@dataclass(frozen=True)
class ShowConcern:
    """``/protocol concern C-4``: one concern and its messages."""

    number: int


@dataclass(frozen=True)
class ShowFlag:
    """``/protocol flag F-3``: one flag, for its reviewer."""

    number: int


Command = (Help | Lookup | RequestForm | NewRequest | ShowRequest | ConcernForm | NewConcern | ShowConcern
           | Review | ShowFlag)
SubcommandParser = Callable[[str], Command]

_REF = re.compile(r"^(?:r-?|#)?(\d{1,9})$", re.I)
_CONCERN_REF = re.compile(r"^(?:c-?|#)?(\d{1,9})$", re.I)
_FLAG_REF = re.compile(r"^(?:f-?|#)?(\d{1,9})$", re.I)
REVIEW_KINDS = ("requests", "concerns", "flags")
REVIEW_SCOPES = ("open", "overdue", "all")


def _request(rest: str) -> Command:
    rest = rest.strip()
    if not rest:
        return RequestForm()
    ref = _REF.match(rest)
    return ShowRequest(int(ref.group(1))) if ref else NewRequest(rest)


def _concern(rest: str) -> Command:
    rest = rest.strip()
    if not rest:
        return ConcernForm()
    ref = _CONCERN_REF.match(rest)
    return ShowConcern(int(ref.group(1))) if ref else NewConcern(rest)


def _flag(rest: str) -> Command:
    ref = _FLAG_REF.match(rest.strip())
    return ShowFlag(int(ref.group(1))) if ref else _review("flags " + rest)


def _review(rest: str) -> Command:
    kind, scope, unknown = "requests", "open", []
    for word in rest.lower().split():
        singular = word if word.endswith("s") else word + "s"
        if singular in REVIEW_KINDS:
            kind = singular
        elif word in REVIEW_SCOPES:
            scope = word
        else:
            unknown.append(word)
    problem = None
    if unknown:
        problem = (f"I don't know '{' '.join(unknown)}' here: type /protocol review, then what to review "
                   f"({', '.join(REVIEW_KINDS)}) and which ({', '.join(REVIEW_SCOPES)}), "
                   "as in /protocol review requests overdue.")
    return Review(kind, scope, problem)


# The first word after /protocol -> a parser of the rest of the line.
SUBCOMMANDS: dict[str, SubcommandParser] = {
    "help": lambda rest: Help(),
    "?": lambda rest: Help(),
    "--help": lambda rest: Help(),
    "request": _request,
    "concern": _concern,
    "review": _review,
    "flag": _flag,
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
