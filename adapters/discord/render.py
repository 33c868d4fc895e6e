"""Messages for the core's replies: content, clause embeds, buttons, and pages of long lists.

A reply's text is the message content when it fits (2,000 characters), else embeds'
descriptions (4,096 each, 6,000 a message, more messages if need be: nothing is
cut); each quoted clause is an embed (title: its citation). A long
list (a review) is shown a page at a time with Previous and Next buttons that carry
the command and the page, so paging works from any process and after a restart.
Every core button's ``custom_id`` carries its action and value (``pb:ACTION|VALUE``),
which the client's persistent handler (``client.CoreButton``) hands back to the core.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.lookup import feedback_buttons
from bot.replies import Button, ClauseCard, Reply

from adapters.discord import text as t

CORE = "pb:"  # custom_id of a core button: pb:ACTION|VALUE
PAGE = "pbp:"  # custom_id of a page button: pbp:N:COMMAND
PAGE_ITEMS = 10  # list lines ("- …") on one page
MAX_PAGE = 99  # the core lists at most a few dozen items, so page numbers stay within two digits
ITEM = "- "
EMBED_COLOUR = discord.Colour.dark_teal()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Control:
    """A button as Discord shows it."""

    label: str
    custom_id: str
    style: discord.ButtonStyle = discord.ButtonStyle.secondary


@dataclass
class Rendered:
    """A message ready to send: ``kwargs()`` gives discord.py's keyword arguments."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)

    def view(self) -> discord.ui.View | None:
        """The buttons as a view (up to 25, five to a row); its presses go to the client's persistent handlers."""
        if not self.controls:
            return None
        view = discord.ui.View(timeout=None)
        for n, control in enumerate(self.controls[: t.ROWS * t.ROW_BUTTONS]):
            view.add_item(discord.ui.Button(label=t.clip(control.label, t.BUTTON_LABEL), custom_id=control.custom_id,
                                            style=control.style, row=n // t.ROW_BUTTONS))
        view.stop()  # nothing to remember per message: the custom ids say everything (see client.CoreButton)
        return view

    def kwargs(self) -> dict[str, Any]:
        """``content``, ``embeds``, ``view`` and ``allowed_mentions`` (none) for ``send`` and its kin."""
        options: dict[str, Any] = {"allowed_mentions": t.NO_PINGS, "embeds": self.embeds}
        if self.content:
            options["content"] = self.content
        view = self.view()
        if view is not None:
            options["view"] = view
        return options


# ------------------------------------------------------------ buttons


def core_id(button: Button) -> str | None:
    """The ``custom_id`` of a core button, or None if it is longer than Discord allows."""
    custom_id = f"{CORE}{button.action}|{button.value}"
    return custom_id if len(custom_id) <= t.CUSTOM_ID and "|" not in button.action else None


def decode_core(action: str, value: str) -> Button:
    """The core button a pressed ``custom_id``'s parts stand for."""
    return Button("", action, value)


def page_id(page: int, command: str) -> str | None:
    """The ``custom_id`` of a page button re-running ``command`` (the text after ``/protocol``)."""
    custom_id = f"{PAGE}{page}:{command}"
    return custom_id if len(custom_id) <= t.CUSTOM_ID else None


def controls(buttons: tuple[Button, ...]) -> list[Control]:
    """Discord buttons for core buttons; one whose ids do not fit is left out, with a warning."""
    found = []
    for button in buttons:
        custom_id = core_id(button)
        if custom_id is None:
            log.warning("Button %r left out: its custom_id is over Discord's %d characters.", button.label,
                        t.CUSTOM_ID)
            continue
        style = discord.ButtonStyle.primary if button.label.startswith(("Share", "Raise", "Acknowledge")) \
            else discord.ButtonStyle.secondary
        found.append(Control(button.label, custom_id, style))
    return found


# ------------------------------------------------------------ messages


def card_embed(card: ClauseCard) -> discord.Embed:
    """A quoted clause: its citation as the title, the clause text as the description."""
    return discord.Embed(title=t.safe(card.citation, t.EMBED_TITLE), description=t.safe(card.text, t.EMBED_DESCRIPTION),
                         colour=EMBED_COLOUR)


def pages_of(text: str) -> list[str]:
    """``text`` in pages of at most ``PAGE_ITEMS`` list lines, each with the lines before the list on top."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.startswith(ITEM)), None)
    if first is None:
        return [text]
    head = lines[:first]
    items = [line for line in lines[first:] if line.startswith(ITEM)]
    tail = [line for line in lines[first:] if not line.startswith(ITEM)]
    if len(items) <= PAGE_ITEMS:
        return [text]
    chunks = [items[i:i + PAGE_ITEMS] for i in range(0, len(items), PAGE_ITEMS)]
    return ["\n".join(head + chunk + (tail if n == len(chunks) - 1 else [])) for n, chunk in enumerate(chunks)]


def messages(reply: Reply, *, extra: list[Control] | None = None, page: int = 0,
             command: str | None = None) -> list[Rendered]:
    """The message(s) for ``reply``; with ``command``, a long list is paged (``page`` from 0) with buttons.

    One message as a rule. A text longer than one message can hold (a long concern given back) goes on in the
    next ones rather than being cut; the buttons are under the last.
    """
    pageable = command is not None and page_id(MAX_PAGE, command) is not None  # any page button's id fits
    pages = pages_of(reply.text) if pageable else [reply.text]
    page = min(max(page, 0), len(pages) - 1)
    body = t.escape(pages[page])
    if len(pages) > 1:
        body += f"\n\nPage {page + 1} of {len(pages)}."
    embeds = [discord.Embed(description=piece, colour=EMBED_COLOUR) for piece in t.split(body, t.EMBED_DESCRIPTION)]
    first = Rendered()
    if len(body) <= t.CONTENT:
        first.content, embeds = body or None, []
    found = [first]
    for embed in embeds + [card_embed(card) for card in reply.cards]:
        current = found[-1]
        if len(current.embeds) == t.EMBEDS or sum(map(len, current.embeds)) + len(embed) > t.EMBED_TOTAL:
            current = Rendered()
            found.append(current)
        current.embeds.append(embed)
    last = found[-1]
    last.controls = controls(reply.buttons + feedback_buttons(reply)) + (extra or [])
    if len(pages) > 1 and command is not None:
        last.controls = last.controls[: (t.ROWS - 1) * t.ROW_BUTTONS] + _page_controls(page, len(pages), command)
    return found


def _page_controls(page: int, count: int, command: str) -> list[Control]:
    found = []
    for label, target in (("Previous", page - 1), ("Next", page + 1)):
        custom_id = page_id(target, command)
        if 0 <= target < count and custom_id is not None:
            found.append(Control(label, custom_id, discord.ButtonStyle.primary))
    return found
