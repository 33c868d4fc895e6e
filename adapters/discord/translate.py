"""Discord objects as the core's neutral terms: where a thing happened, and the event it is.

"Public" on Discord is a guild channel that ``@everyone`` can view; a thread follows
its parent (a private thread is private), and a channel the bot does not know is
taken as private, so it never nudges. A DM with the bot is a DM. People are matched
by Discord user id (``discord_id`` in the council file).
"""

from __future__ import annotations

from typing import Any

import discord

from bot.events import Event, Place, Where, Who

PLATFORM = "discord"
PLAIN_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})


def place_of(channel: Any) -> Place:
    """Where a message or interaction happened."""
    if isinstance(channel, discord.DMChannel) or getattr(channel, "type", None) is discord.ChannelType.private:
        return Place.DM
    if isinstance(channel, discord.Thread):
        if channel.type is discord.ChannelType.private_thread or channel.parent is None:
            return Place.PRIVATE
        channel = channel.parent
    guild = getattr(channel, "guild", None)
    if guild is None or not hasattr(channel, "permissions_for"):
        return Place.PRIVATE
    return Place.PUBLIC if channel.permissions_for(guild.default_role).view_channel else Place.PRIVATE


def channel_name(channel: Any) -> str | None:
    """The name people know the channel by (a thread by its parent's)."""
    if isinstance(channel, discord.Thread) and channel.parent is not None:
        return channel.parent.name
    return getattr(channel, "name", None) or (str(channel.id) if getattr(channel, "id", None) else None)


def where_of(channel: Any) -> Where:
    """The core's ``Where`` for a channel, thread or DM."""
    place = place_of(channel)
    if place is Place.DM:
        return Where.dm()
    return Where(place, (channel_name(channel) or "").lstrip("#") or None)


def is_plain(message: discord.Message, bot_user_id: int | None) -> bool:
    """True for a person's own words: not a bot's, a webhook's, or a system message (joins, pins)."""
    author = message.author
    return (not author.bot and not author.system and message.webhook_id is None and author.id != bot_user_id
            and message.type in PLAIN_TYPES)


def message_event(who: Who, message: discord.Message, where: Where, *, edited: bool = False) -> Event:
    """The core's event for a message: its id is the same for the message and all its edits."""
    in_channel = where.is_channel
    return Event(who, where, message.content or "", message_id=str(message.id) if in_channel else None,
                 edited=edited, link=message.jump_url if in_channel else None, sent_at=message.created_at)
