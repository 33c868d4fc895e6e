"""Neutral events: who said what, and where. Adapters build these from platform payloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.council import Person


class Place(StrEnum):
    """The kind of conversation an event happened in."""

    PUBLIC = "public"  # a public channel
    PRIVATE = "private"  # a private channel
    DM = "dm"  # a direct message with the bot


@dataclass(frozen=True)
class Where:
    """Where an event happened: a public or private channel (by name), or a DM."""

    place: Place
    channel: str | None = None

    @classmethod
    def public(cls, channel: str) -> Where:
        """A public channel, named without the ``#``."""
        return cls(Place.PUBLIC, channel.lstrip("#"))

    @classmethod
    def private(cls, channel: str) -> Where:
        """A private channel, named without the ``#``."""
        return cls(Place.PRIVATE, channel.lstrip("#"))

    @classmethod
    def dm(cls) -> Where:
        """A direct message with the bot."""
        return cls(Place.DM)

    @property
    def is_channel(self) -> bool:
        """True for a public or private channel (there is a channel to share to)."""
        return self.place is not Place.DM

    def __str__(self) -> str:
        if self.place is Place.DM:
            return "a DM"
        prefix = "private " if self.place is Place.PRIVATE else ""
        return f"{prefix}#{self.channel}"


@dataclass(frozen=True)
class UnknownUser:
    """A platform user who is not on the council's roster."""

    platform: str
    user_id: str
    display_name: str | None = None

    @property
    def name(self) -> str:
        """The best name we have for them."""
        return self.display_name or self.user_id


Who = Person | UnknownUser


@dataclass(frozen=True)
class Event:
    """A message or slash command (``/protocol ...``) typed by ``who`` at ``where``.

    For plain messages in channels the adapter also gives ``message_id``: an id unique
    within the council for this message and all its edits (on Slack the channel id
    and the message ``ts``, on Discord the message id), so that one message never
    makes two flags; ``edited`` is True when the message was changed; ``link`` is a
    permalink to it; ``sent_at`` when it was first posted, if the platform says.
    """

    who: Who
    where: Where
    text: str
    message_id: str | None = None
    edited: bool = False
    link: str | None = None
    sent_at: datetime | None = None
