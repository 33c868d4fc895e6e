"""Slack payloads as the core's neutral terms: where a thing happened, and the event it is.

Slack says where by ids: a channel id and ``channel_type`` on events (``channel``
public, ``group`` private, ``im`` a DM with the bot, ``mpim`` a group DM, taken as
private), and a channel id and name on slash commands (``directmessage`` and
``privategroup`` for DMs and private channels). :class:`Origin` keeps what is
needed to answer there afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.events import Event, Place, Where, Who

from adapters.slack.blocks import FormOrigin, ShownModal, shown_modal

PLATFORM = "slack"
IGNORED_SUBTYPES = frozenset({
    "bot_message", "message_deleted", "message_replied", "channel_join", "channel_leave", "channel_topic",
    "channel_purpose", "channel_name", "channel_archive", "channel_unarchive", "group_join", "group_leave",
    "pinned_item", "unpinned_item", "ekm_access_denied", "me_message", "tombstone", "assistant_app_thread",
})
PLAIN_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})
EDITED = "message_changed"


@dataclass(frozen=True)
class Origin:
    """Who did something, where, and how to answer them there."""

    user_id: str
    team_id: str | None
    where: Where
    channel_id: str | None = None
    response_url: str | None = None
    trigger_id: str | None = None
    replay: str | None = None  # a reference to reopen a form offered without a trigger (see listeners)
    from_home: bool = False
    thread_ts: str | None = None  # a message in a thread: private answers go in that thread
    modal: ShownModal | None = None  # pressed in a modal of replies, or a form pushed on one: it shows the answers

    def form_origin(self) -> FormOrigin:
        """What a modal opened from here must remember."""
        return FormOrigin(self.channel_id, self.where.place.value, self.where.channel, self.response_url)


def place_of_command(channel_id: str, channel_name: str) -> Place:
    """Where a slash command was typed, from its channel id and name."""
    if channel_name == "directmessage" or channel_id.startswith("D"):
        return Place.DM
    if channel_name == "privategroup" or channel_id.startswith("G"):
        return Place.PRIVATE
    return Place.PUBLIC


def place_of_event(channel_type: str | None, channel_id: str) -> Place:
    """Where a message event happened; anything unknown is private (it never nudges)."""
    if channel_type == "channel":
        return Place.PUBLIC
    if channel_type == "im" or (channel_type is None and channel_id.startswith("D")):
        return Place.DM
    return Place.PRIVATE


def where_of(place: Place, name: str | None) -> Where:
    """A ``Where`` with the channel's name (its id when the name is not known)."""
    if place is Place.DM:
        return Where.dm()
    return Where(place, (name or "").lstrip("#") or None)


def command_origin(body: dict[str, Any]) -> Origin:
    """The origin of a slash command payload."""
    channel_id = body.get("channel_id", "")
    name = body.get("channel_name") or channel_id
    place = place_of_command(channel_id, body.get("channel_name", ""))
    return Origin(body.get("user_id", ""), body.get("team_id"), where_of(place, name), channel_id or None,
                  body.get("response_url"), body.get("trigger_id"))


def command_text(body: dict[str, Any]) -> str:
    """The command as the core reads it: ``/protocol`` and what followed it."""
    return f"/protocol {body.get('text', '')}".strip()


@dataclass(frozen=True)
class MessageFacts:
    """The parts of a ``message`` event that matter, edits unwrapped."""

    user: str | None
    text: str
    channel_id: str
    channel_type: str | None
    ts: str
    thread_ts: str | None
    edited: bool
    from_a_bot: bool
    ignored: bool


def message_facts(event: dict[str, Any]) -> MessageFacts:
    """Unwrap a ``message`` event: a plain message, a thread reply, or an edit (``message_changed``)."""
    subtype = event.get("subtype")
    edited = subtype == EDITED
    inner = event.get("message", {}) if edited else event
    if edited and inner.get("text") == event.get("previous_message", {}).get("text"):
        ignored = True  # an unfurl or a reaction changed the message, not its words
    else:
        ignored = subtype in IGNORED_SUBTYPES or (subtype not in PLAIN_SUBTYPES and not edited)
    inner_subtype = inner.get("subtype")
    return MessageFacts(
        user=inner.get("user"), text=inner.get("text") or "", channel_id=event.get("channel", ""),
        channel_type=event.get("channel_type"), ts=inner.get("ts") or event.get("ts", ""),
        thread_ts=inner.get("thread_ts") if inner.get("thread_ts") != inner.get("ts") else None, edited=edited,
        from_a_bot=bool(inner.get("bot_id") or event.get("bot_id")) or inner_subtype == "bot_message",
        ignored=ignored or inner_subtype in IGNORED_SUBTYPES,
    )


def permalink(channel_id: str, ts: str) -> str:
    """A link to a message that Slack resolves in the reader's workspace."""
    return f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"


def message_event(who: Who, facts: MessageFacts, where: Where) -> Event:
    """The core's event for a message: one id for the message and all its edits (channel and ``ts``)."""
    channel_message = where.is_channel
    return Event(who, where, facts.text,
                 message_id=f"{facts.channel_id}:{facts.ts}" if channel_message else None,
                 edited=facts.edited, link=permalink(facts.channel_id, facts.ts) if channel_message else None)


def action_origin(body: dict[str, Any]) -> Origin:
    """The origin of a ``block_actions`` payload: a message (in a channel or DM), the App Home or a modal."""
    user_id = (body.get("user") or {}).get("id", "")
    team_id = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    container = body.get("container") or {}
    channel = body.get("channel") or {}
    channel_id = channel.get("id") or container.get("channel_id")
    view = body.get("view") or {}
    if container.get("type") == "view" or view.get("type") == "home":
        return Origin(user_id, team_id, Where.dm(), None, None, body.get("trigger_id"),
                      from_home=view.get("type") != "modal", modal=shown_modal(view))
    name = channel.get("name") or channel_id
    if channel_id is None:
        place = Place.DM
    elif name == "directmessage" or channel_id.startswith("D"):
        place = Place.DM
    elif name == "privategroup" or channel_id.startswith("G"):
        place = Place.PRIVATE
    else:
        place = Place.PUBLIC
    return Origin(user_id, team_id, where_of(place, name), channel_id, body.get("response_url"),
                  body.get("trigger_id"))


def view_origin(body: dict[str, Any], form_origin: FormOrigin) -> Origin:
    """The origin of a ``view_submission``: where the modal was opened from, as it remembered."""
    user_id = (body.get("user") or {}).get("id", "")
    team_id = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    place = Place(form_origin.place) if form_origin.place in set(Place) else Place.DM
    return Origin(user_id, team_id, where_of(place, form_origin.channel_name), form_origin.channel_id,
                  form_origin.response_url, body.get("trigger_id"))
