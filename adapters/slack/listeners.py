"""What happens for each kind of Slack payload: translate it, ask the core, deliver the replies.

Each handler acknowledges first (Slack waits at most 3 seconds), then does the
database work and the Web API calls; help and lookups, which need neither, are
answered in the slash command's acknowledgement itself. Message events are handled
once per ``event_id``, however often Slack retries them and whichever process gets them.
Whatever fails unexpectedly is logged and the person told privately (``adapters.slack.failures``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import replace
from typing import Any, Protocol

from slack_bolt import Ack
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.app import ProtocolBot
from bot.concern_desk import SHOW as SHOW_CONCERN
from bot.council import Person
from bot.events import Event, Place, UnknownUser, Where
from bot.nudge_desk import SHOW as SHOW_FLAG
from bot.replies import Audience, Reply
from bot.request_desk import SHOW as SHOW_REQUEST

from adapters.slack import blocks
from adapters.slack.delivery import DEFAULT_MODAL_TITLE, Delivery, response_message
from adapters.slack.failures import answering_errors
from adapters.slack.translate import (
    PLATFORM, Origin, action_origin, command_origin, command_text, message_event, message_facts,
    place_of_event, view_origin, where_of,
)

NAME_TTL = 600.0  # seconds a channel's name is remembered
REPLAY_TEXT = 1800  # DMs up to this long travel in the "Open the form" button itself
# Buttons pressed in the App Home whose private answer opens in a modal instead of a DM, so that it does not
# stay in the person's DM history: a flag's excerpt once the flag is purged, a request's details, a concern's
# (personal data about named colleagues). Action: the modal's title ({n}: the number, within Slack's 24 characters).
SHOWN_IN_MODAL = {SHOW_FLAG: "Flag review", SHOW_REQUEST: "Request R-{n}", SHOW_CONCERN: "Concern C-{n}"}
NOT_CONNECTED = ("This Slack workspace is not connected to a council in protocol-bot: ask the Clerk to put its "
                 "team id ({team}) as slack_team_id in the council file.")
log = logging.getLogger(__name__)


class BotSource(Protocol):
    """One bot, or several councils' bots matched by Slack team (``bot.registry.CouncilBots``)."""

    def for_slack_team(self, team_id: str | None) -> ProtocolBot | None: ...


class SingleBot:
    """One council's bot serves every workspace that reaches this app."""

    def __init__(self, bot: ProtocolBot) -> None:
        self.bot = bot

    def for_slack_team(self, team_id: str | None) -> ProtocolBot | None:
        return self.bot


class ChannelNames:
    """Channel names by id (``conversations.info``), remembered for a while; the id if Slack will not say."""

    def __init__(self, ttl: float = NAME_TTL) -> None:
        self.ttl = ttl
        self._names: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def name(self, client: WebClient, channel_id: str) -> str:
        with self._lock:
            known = self._names.get(channel_id)
        if known is not None and time.monotonic() - known[1] < self.ttl:
            return known[0]
        try:
            name = client.conversations_info(channel=channel_id)["channel"].get("name") or channel_id
        except (SlackApiError, KeyError, TypeError) as exc:
            log.warning("Could not read the name of channel %s (%s); using its id.", channel_id, exc)
            return channel_id
        with self._lock:
            self._names[channel_id] = (name, time.monotonic())
        return name


class Handlers:
    """The listeners' bodies, independent of how slack-bolt calls them."""

    def __init__(self, bots: BotSource, names: ChannelNames | None = None) -> None:
        self.bots = bots
        self.names = names or ChannelNames()

    # ------------------------------------------------------------ slash command

    @answering_errors
    def command(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """``/protocol …``: help and lookups are answered in the acknowledgement itself (ephemeral);
        anything else is acknowledged at once, then answered through ``response_url`` and the Web API."""
        origin = command_origin(body)
        bot = self.bots.for_slack_team(origin.team_id)
        if bot is None:
            ack(response_message(Reply.to_asker(NOT_CONNECTED.format(team=origin.team_id)), "ephemeral"))
            return
        text = command_text(body)
        quick = bot.answers_from_protocol(text)
        if not quick:
            ack()  # the database and forms (views.open) come after: Slack waits 3 seconds at most
        who = bot.identify(PLATFORM, origin.user_id, body.get("user_name"))
        replies = bot.handle(Event(who, origin.where, text))
        if quick:
            first = next((r for r in replies if r.audience is Audience.ASKER and r.form is None), None)
            if first is None:
                ack()
            else:
                ack(response_message(first, "ephemeral"))
                replies = [r for r in replies if r is not first]
        self._deliver(bot, client, origin, replies)

    # ------------------------------------------------------------ messages

    @answering_errors
    def message(self, body: dict[str, Any], event: dict[str, Any], client: WebClient,
                bot_user_id: str | None) -> None:
        """A message in a channel or a DM (new, edited or in a thread), handled once per ``event_id``."""
        facts = message_facts(event)
        if facts.ignored or facts.from_a_bot or not facts.user or facts.user == bot_user_id:
            return  # the bot's own messages, other bots, joins and deletions: nothing to check
        team_id = body.get("team_id") or event.get("team")
        bot = self.bots.for_slack_team(team_id)
        if bot is None:
            log.warning("A message from Slack team %s, which no council file names, was ignored.", team_id)
            return
        event_id = body.get("event_id")
        if event_id and not bot.first_delivery(PLATFORM, event_id):
            log.info("Slack event %s was handled already; this retry is ignored.", event_id)
            return
        place = place_of_event(facts.channel_type, facts.channel_id)
        name = self.names.name(client, facts.channel_id) if place is Place.PUBLIC else facts.channel_id
        where = where_of(place, name)
        who = bot.identify(PLATFORM, facts.user)
        replies = bot.handle(message_event(who, facts, where))
        replay = None
        if place is Place.DM and any(r.form is not None for r in replies):
            replay = _replay_reference(facts.text, facts.channel_id, facts.ts)
        origin = Origin(facts.user, team_id, where, facts.channel_id, replay=replay, thread_ts=facts.thread_ts)
        self._deliver(bot, client, origin, replies)

    # ------------------------------------------------------------ buttons and forms

    @answering_errors
    def button(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        """A button of ours: the core's action and value go back to ``ProtocolBot.press``; a flag, request or
        concern shown from the App Home opens in a modal, and what is pressed in that modal updates it (or
        pushes a form on top of it)."""
        ack()
        origin = action_origin(body)
        bot = self.bots.for_slack_team(origin.team_id)
        button = blocks.decode_button(action.get("value", ""))
        if bot is None or button is None:
            return
        who = bot.identify(PLATFORM, origin.user_id)
        replies = bot.press(button, who, origin.where)
        in_modal = origin.from_home and button.action in SHOWN_IN_MODAL
        modal_title = shown_title(button.action, button.value) if in_modal else None
        self._deliver(bot, client, origin, replies, changed=True, modal_title=modal_title)

    @answering_errors
    def open_form(self, ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        """"Open the form" under a DM: the DM is read again, now with a trigger to open the modal."""
        ack()
        origin = action_origin(body)
        bot = self.bots.for_slack_team(origin.team_id)
        if bot is None:
            return
        text = _replayed_text(client, action.get("value", ""))
        if text is None:
            Delivery(client, origin).send([Reply.to_asker(
                "I could not find your message again: type /protocol concern to open the form.")])
            return
        who = bot.identify(PLATFORM, origin.user_id)
        replies = bot.handle(Event(who, Where.dm(), text))
        self._deliver(bot, client, replace(origin, where=Where.dm(), response_url=None), replies)

    @answering_errors
    def submission(self, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        """A submitted modal: the answers go to ``ProtocolBot.submit``; a form in reply updates the modal. A
        form pushed on a modal of replies closes, and what is said to the asker replaces that modal's content."""
        found = blocks.form_metadata(view.get("private_metadata", ""))
        if found is None:
            ack()
            return
        action, value, form_origin = found
        origin = view_origin(body, form_origin)
        underneath = view.get("previous_view_id")
        if underneath:  # only forms opened from a modal of replies are pushed (``Delivery.form``)
            origin = replace(origin, modal=blocks.ShownModal(underneath, shown_title(action, value)))
        bot = self.bots.for_slack_team(origin.team_id)
        if bot is None:
            ack()
            return
        who = bot.identify(PLATFORM, origin.user_id)
        answers = blocks.form_answers((view.get("state") or {}).get("values") or {})
        replies = bot.submit(action, value, answers, who)
        again = next((r for r in replies if r.form is not None and r.audience is Audience.ASKER), None)
        if again is not None:
            assert again.form is not None
            ack(response_action="update", view=blocks.modal(again.form, again.text, form_origin))
            replies = [r for r in replies if r is not again]
        else:
            ack()
        self._deliver(bot, client, replace(origin, trigger_id=None), replies, changed=True)

    # ------------------------------------------------------------ App Home

    @answering_errors
    def home_opened(self, body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        """The App Home tab: what is this person's, fresh each time they open it."""
        if event.get("tab", "home") != "home":
            return
        bot = self.bots.for_slack_team(body.get("team_id"))
        if bot is not None and event.get("user"):
            self.publish_home(bot, client, event["user"])

    def publish_home(self, bot: ProtocolBot, client: WebClient, user_id: str) -> None:
        """``views.publish`` the person's review to their App Home."""
        who = bot.identify(PLATFORM, user_id)
        try:
            client.views_publish(user_id=user_id, view=blocks.home_view(bot.council.name, bot.home(who)))
        except SlackApiError as exc:
            log.warning("Could not publish the App Home of %s (%s).", user_id, exc.response.get("error"))

    # ------------------------------------------------------------ delivery

    def _deliver(self, bot: ProtocolBot, client: WebClient, origin: Origin, replies: list[Reply], *,
                 changed: bool = False, modal_title: str | None = None) -> None:
        """Send the replies (the asker's in a modal with ``modal_title``, if given); then refresh the App Home
        of everyone whose lists may have changed."""
        delivery = Delivery(client, origin, modal_title=modal_title)
        delivery.send(replies)
        if not (changed or delivery.people_told):
            return
        users = {p.slack_id for p in delivery.people_told if isinstance(p, Person) and p.slack_id}
        asker = bot.identify(PLATFORM, origin.user_id)
        if not isinstance(asker, UnknownUser):
            users.add(origin.user_id)
        for user_id in sorted(users):
            self.publish_home(bot, client, user_id)


def shown_title(action: str, value: str) -> str:
    """The title of the modal of replies about what a button or form ``action`` of the core acts on (``value``,
    a number): "Request R-4" for any ``request.`` action."""
    family = action.partition(".")[0]
    title = next((t for show, t in SHOWN_IN_MODAL.items() if show.partition(".")[0] == family), DEFAULT_MODAL_TITLE)
    return title.format(n=value if value.isdigit() else "?")


def _replay_reference(text: str, channel_id: str, ts: str) -> str:
    """What the "Open the form" button keeps: the DM itself when short, else where to read it again."""
    if len(text) <= REPLAY_TEXT:
        return json.dumps({"t": text}, ensure_ascii=False, separators=(",", ":"))
    return json.dumps({"ch": channel_id, "ts": ts}, separators=(",", ":"))


def _replayed_text(client: WebClient, reference: str) -> str | None:
    try:
        data = json.loads(reference)
    except ValueError:
        return None
    if isinstance(data.get("t"), str):
        return data["t"]
    try:
        found = client.conversations_history(channel=data["ch"], latest=data["ts"], inclusive=True, limit=1)
        messages = found.get("messages") or []
    except (SlackApiError, KeyError) as exc:
        log.warning("Could not read a DM again (%s).", exc)
        return None
    return messages[0].get("text") if messages else None
