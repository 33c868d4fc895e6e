"""Sending the core's replies through the Slack Web API.

- to the asker only: through the payload's ``response_url`` (ephemeral) when there
  is one, else ``chat.postEphemeral`` in the channel, or a message in the DM with
  the bot; a form opens as a modal (``views.open``) when Slack gave a trigger, and
  is offered with an "Open the form" button when it did not; in a modal of its own
  (``views.open``, nothing to fill in) when the listener asks for one, and in place
  (``views.update``) when a button was pressed in such a modal or a form pushed on it
  (``views.push``) was submitted;
- to the channel: ``response_url`` (``in_channel``) or ``chat.postMessage``;
- as a DM to a person of the roster: ``conversations.open`` and ``chat.postMessage``.

Web API errors are logged and never stop the rest from being sent. Rate limits
(HTTP 429) are retried after ``Retry-After`` by the client's retry handler.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.council import Person
from bot.events import Place
from bot.replies import Audience, Reply

from adapters.slack import blocks
from adapters.slack.translate import Origin

RETRIES = 3
DEFAULT_MODAL_TITLE = "protocol-bot"  # a modal of replies that was given no title of its own
log = logging.getLogger(__name__)


def retry_handlers() -> list[Any]:
    """Retry after HTTP 429 (waiting ``Retry-After``) and after a dropped connection."""
    return [RateLimitErrorRetryHandler(max_retry_count=RETRIES), ConnectionErrorRetryHandler(max_retry_count=1)]


class Delivery:
    """Delivers replies for one request; remembers whom it wrote to (their App Home may need refreshing)."""

    def __init__(self, client: WebClient, origin: Origin,
                 webhook: Callable[[str], WebhookClient] | None = None, *, modal_title: str | None = None) -> None:
        """``modal_title``: show the asker's replies in a modal with this title (when Slack gave a trigger)."""
        self.client = client
        self.origin = origin
        self.modal_title = modal_title
        self._webhook = webhook or (lambda url: WebhookClient(url, retry_handlers=retry_handlers()))
        self.trigger_used = False
        self.people_told: list[Person] = []

    def send(self, replies: list[Reply]) -> None:
        """Send every reply, each as its audience says."""
        in_modal = self.origin.modal is not None or (self.modal_title is not None and bool(self.origin.trigger_id))
        shown: list[Reply] = []  # the asker's, for one modal
        for reply in replies:
            try:
                if reply.audience is Audience.DM and reply.to is not None:
                    self.direct(reply.to, reply)
                elif reply.audience is Audience.CHANNEL:
                    self.to_channel(reply)
                elif reply.form is not None:
                    self.form(reply)
                elif in_modal:
                    shown.append(reply)
                else:
                    self.to_asker(reply)
            except SlackApiError as exc:
                log.warning("Slack refused a reply (%s): %s", exc.response.get("error"), reply.text[:80])
        if shown:
            try:
                self.in_modal(shown)
            except SlackApiError as exc:
                log.warning("Slack refused a modal (%s): %s", exc.response.get("error"), shown[0].text[:80])

    # ------------------------------------------------------------ audiences

    def to_asker(self, reply: Reply) -> None:
        """Only the asker sees it."""
        origin = self.origin
        if origin.modal is not None:
            self.in_modal([reply])
        elif origin.response_url:
            self._respond(response_message(reply, "ephemeral"))
        elif origin.where.place is Place.DM and origin.channel_id:
            self._post(origin.channel_id, blocks.message(reply))
        elif origin.channel_id:
            thread: dict[str, Any] = {"thread_ts": origin.thread_ts} if origin.thread_ts else {}
            self.client.chat_postEphemeral(channel=origin.channel_id, user=origin.user_id, **thread,
                                           **_safe(blocks.message(reply)))
        else:
            self._post(self._dm_channel(origin.user_id), blocks.message(reply))

    def in_modal(self, replies: list[Reply]) -> None:
        """The asker's replies in a modal: the one the button was pressed in, else a new one (needs the
        trigger, once per request; without it they go to the asker as usual)."""
        modal = self.origin.modal
        if modal is not None:
            self.client.views_update(view_id=modal.view_id, hash=modal.hash,
                                     view=blocks.replies_modal(modal.title, replies))
        elif self.origin.trigger_id and not self.trigger_used:
            self.trigger_used = True
            self.client.views_open(trigger_id=self.origin.trigger_id,
                                   view=blocks.replies_modal(self.modal_title or DEFAULT_MODAL_TITLE, replies))
        else:
            for reply in replies:
                self.to_asker(reply)

    def to_channel(self, reply: Reply) -> None:
        """Everyone in the channel (or the DM) where it happened sees it."""
        if self.origin.response_url:
            self._respond(response_message(reply, "in_channel"))
            return
        content = blocks.message(reply)
        if self.origin.channel_id:
            self._post(self.origin.channel_id, content)
        else:
            log.warning("A reply for the channel had no channel to go to: %s", reply.text[:80])

    def direct(self, person: Person, reply: Reply) -> None:
        """A DM to a person of the roster (skipped, with a warning, when they have no Slack id)."""
        if not person.slack_id:
            log.warning("%s has no slack_id in the council file, so a DM to them was not sent.", person.name)
            return
        self._post(self._dm_channel(person.slack_id), blocks.message(reply))
        self.people_told.append(person)

    def form(self, reply: Reply) -> None:
        """A modal when Slack gave a trigger (once per request); else the intro with "Open the form"."""
        assert reply.form is not None
        origin = self.origin
        if origin.trigger_id and not self.trigger_used:
            self.trigger_used = True
            view = blocks.modal(reply.form, reply.text, origin.form_origin())
            if origin.modal is not None:  # pressed in a modal: the form goes on top of it
                self.client.views_push(trigger_id=origin.trigger_id, view=view)
            else:
                self.client.views_open(trigger_id=origin.trigger_id, view=view)
            return
        if origin.replay:
            content = blocks.open_form_blocks(reply, origin.replay)
            if origin.where.place is Place.DM and origin.channel_id:
                self._post(origin.channel_id, content)
            elif origin.channel_id:
                self.client.chat_postEphemeral(channel=origin.channel_id, user=origin.user_id, **_safe(content))
            return
        self.to_asker(Reply.to_asker(reply.text + "\nType the /protocol command again to open the form."))

    # ------------------------------------------------------------ Web API

    def _respond(self, payload: dict[str, Any]) -> None:
        assert self.origin.response_url
        response = self._webhook(self.origin.response_url).send_dict(payload)
        if response.status_code >= 400:
            log.warning("Slack refused a response_url reply: HTTP %s %s", response.status_code, response.body[:200])

    def _post(self, channel: str, content: dict[str, Any]) -> None:
        self.client.chat_postMessage(channel=channel, **_safe(content))

    def _dm_channel(self, user_id: str) -> str:
        opened = self.client.conversations_open(users=user_id)
        return opened["channel"]["id"]


def response_message(reply: Reply, response_type: str) -> dict[str, Any]:
    """``reply`` as a message for a ``response_url`` or a slash command's acknowledgement
    (``response_type`` ``ephemeral`` or ``in_channel``)."""
    return _safe({**blocks.message(reply), "response_type": response_type, "replace_original": False})


def _safe(content: dict[str, Any]) -> dict[str, Any]:
    """Never let Slack turn names or words into mentions or links beyond what the blocks say."""
    return {**content, "unfurl_links": False, "unfurl_media": False, "parse": "none", "link_names": False}
