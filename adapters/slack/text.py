"""Safe text for Slack: user words can never ping anyone or break Block Kit.

Slack reads ``&``, ``<`` and ``>`` as markup (``<!channel>``, ``<@U123>``,
``<https://…|label>``), so every text the bot sends is escaped; mrkdwn objects
are sent ``verbatim`` so that bare ``@here`` or ``#channel`` are not linked
either. Block Kit caps the length of each field: texts are cut cleanly at a
word with an ellipsis rather than rejected by the API.
"""

from __future__ import annotations

import re

from adapters.clipping import ELLIPSIS, clip

# Block Kit limits (https://api.slack.com/reference/block-kit).
SECTION_TEXT = 3000
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
HEADER_TEXT = 150
CONTEXT_TEXT = 2000
OPTION_TEXT = 75
OPTION_VALUE = 150
MODAL_TITLE = 24
MODAL_BUTTON = 24
INPUT_LABEL = 2000
INPUT_HINT = 2000
INPUT_VALUE = 3000
PRIVATE_METADATA = 3000
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
ACTIONS_ELEMENTS = 25
SELECT_OPTIONS = 100
FALLBACK_TEXT = 3000  # the notification text of a message (Slack allows 40,000; previews need far less)

_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPECIAL_RE = re.compile("[&<>]")


def escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped: ``<!channel>`` and ``<@U1>`` become harmless text."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text)


def clip_escaped(text: str, limit: int) -> str:
    """``escape(text)`` within ``limit`` characters, never cutting an entity such as ``&amp;`` in half."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    # Cut the raw text until its escaped form fits, so no entity is split.
    budget = limit
    while budget > 0:
        candidate = escape(clip(text, budget))
        if len(candidate) <= limit:
            return candidate
        budget -= max(1, len(candidate) - limit)
    return ELLIPSIS


def plain(text: str, limit: int) -> dict[str, object]:
    """A ``plain_text`` object (never parsed for mentions), clipped to ``limit``."""
    return {"type": "plain_text", "text": clip(text, limit) or " ", "emoji": True}


def mrkdwn(text: str, limit: int = SECTION_TEXT) -> dict[str, object]:
    """A ``mrkdwn`` object of user-safe text: escaped, verbatim (no auto-linking), within ``limit``."""
    return {"type": "mrkdwn", "text": clip_escaped(text, limit) or " ", "verbatim": True}


def chunks(text: str, limit: int = SECTION_TEXT - 100) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters (after escaping), split at line ends where possible."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(escape(candidate)) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while len(escape(line)) > limit:  # one very long line: cut it at words
            head = clip(line, limit // 2).removesuffix(ELLIPSIS)
            pieces.append(head)
            line = line[len(head):].lstrip()
        current = line
    if current or not pieces:
        pieces.append(current)
    return pieces
