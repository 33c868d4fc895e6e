"""Cutting text to a platform's length limit: at a word when one is near, ending in an ellipsis."""

from __future__ import annotations

ELLIPSIS = "…"


def clip(text: str, limit: int, *, unsafe_end: str = "") -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near, ending in ``…``.

    Characters in ``unsafe_end`` are dropped from the end of the cut (Discord's ``\\``, which
    would escape the ellipsis).
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    cut = cut.rstrip()
    if unsafe_end:
        cut = cut.rstrip(unsafe_end)
    return cut + ELLIPSIS
