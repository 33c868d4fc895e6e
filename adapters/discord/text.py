"""Safe text for Discord: user words can never ping anyone, break markdown, or exceed a limit.

Every text the bot sends is escaped (``discord.utils.escape_markdown`` and
``escape_mentions``) and sent with ``AllowedMentions.none()``; lengths are cut
cleanly at a word with an ellipsis rather than refused by the API.
"""

from __future__ import annotations

import discord

from adapters import clipping

# Discord's limits (https://discord.com/developers/docs/resources/message, .../interactions/message-components).
CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELD_VALUE = 1024
EMBED_FIELDS = 25
EMBED_TOTAL = 6000
EMBEDS = 10
BUTTON_LABEL = 80
CUSTOM_ID = 100
ROWS = 5
ROW_BUTTONS = 5
MODAL_TITLE = 45
MODAL_COMPONENTS = 5
LABEL_TEXT = 45
LABEL_DESCRIPTION = 100
INPUT_VALUE = 4000
PLACEHOLDER = 100
SELECT_OPTIONS = 25
OPTION_TEXT = 100
CHOICES = 25
ELLIPSIS = clipping.ELLIPSIS
NO_PINGS = discord.AllowedMentions.none()


def escape(text: str) -> str:
    """``text`` with markdown and mentions (``@everyone``, ``<@123>``, ``<@&1>``) made harmless."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text, ignore_links=True))


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word when one is near, ending in ``…``; never half an escape."""
    return clipping.clip(text, limit, unsafe_end="\\")


def split(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at a line or a word when one is near; nothing lost."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut < limit // 2:
            cut = text.rfind(" ", 0, limit + 1)
        if cut < limit * 0.8:
            cut = limit
        while cut > 1 and _half_escape(text[:cut]):  # never split a backslash from what it escapes
            cut -= 1
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n ")
    pieces.append(text)
    return [p for p in pieces if p.strip()] or [""]


def _half_escape(text: str) -> bool:
    """True when ``text`` ends in an odd number of backslashes (the start of an escape)."""
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def safe(text: str, limit: int) -> str:
    """``escape(text)`` within ``limit`` characters."""
    return clip(escape(text), limit)
