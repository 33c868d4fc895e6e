"""When a listener fails unexpectedly: log it, and tell the person privately, in one sentence, what to do.

Without this, bolt only logs the error, and Slack shows the person its own failure
text (or nothing at all). The person is told where they acted and only there: in the
slash command's acknowledgement or through its ``response_url``, next to the
first field of a modal (which keeps what they typed), in the modal or DM they
pressed a button in, in their DM with the bot, or on their Home tab. A failure
while checking a message in a channel is only logged: its author did not ask the
bot anything, and is never written to in the channel.
"""

from __future__ import annotations

import functools
import inspect
import logging
from typing import Any, Callable, ParamSpec

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.events import Place, Where
from bot.replies import Reply

from adapters.slack import blocks
from adapters.slack.delivery import Delivery, response_message
from adapters.slack.translate import Origin, action_origin, command_origin, message_facts, place_of_event, view_origin

SORRY = ("Something went wrong on the bot's side, so that may not have been done: please try again in a minute, "
         "and tell the Clerk if it happens again.")
SORRY_FORM = ("Something went wrong on the bot's side, so this may not have been sent. What you typed is still "
              "here: look for it with /protocol review in a minute, and submit it again if it is not there; "
              "tell the Clerk if it happens again.")
SORRY_HOME = ("Something went wrong on the bot's side, so your review cannot be shown just now: open this tab "
              "again in a minute, or type /protocol review; tell the Clerk if it happens again.")
P = ParamSpec("P")
log = logging.getLogger(__name__)


def answering_errors(handler: Callable[P, None]) -> Callable[P, None]:
    """Wrap a listener that takes ``body`` and ``client`` (and ``ack``, unless bolt acknowledges for it):
    any failure is logged and the person told (:func:`apologise`), never acknowledged twice."""
    signature = inspect.signature(handler)

    @functools.wraps(handler)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            handler(*args, **kwargs)
        except Exception:  # noqa: BLE001 - whatever failed, the person gets an answer
            given = signature.bind(*args, **kwargs).arguments
            body: dict[str, Any] = given["body"]
            log.exception("A Slack %s (%s) failed for user %s.", _kind(body), handler.__name__, _user_of(body))
            apologise(given.get("ack"), body, given["client"], given.get("bot_user_id"))

    return guarded


def apologise(ack: Ack | None, body: dict[str, Any], client: WebClient, bot_user_id: str | None = None) -> None:
    """Tell the person behind ``body`` that their request failed (never raises).

    ``ack``: the request's acknowledgement if it is the listener's to give (None for events,
    which bolt acknowledges itself); used only if it has not been given yet.
    """
    pending = ack if ack is not None and ack.response is None else None
    try:
        if "command" in body:
            _command(pending, body, client)
        elif body.get("type") == "block_actions":
            if pending is not None:
                pending()
            Delivery(client, action_origin(body)).to_asker(Reply.to_asker(SORRY))
        elif body.get("type") == "view_submission":
            _submission(pending, body, client)
        elif body.get("type") == "event_callback":
            _event(body, client, bot_user_id)
    except Exception:  # noqa: BLE001 - Slack itself may be what failed; the log has the first error
        log.warning("Could not tell user %s that their Slack request failed.", _user_of(body), exc_info=True)


def _command(ack: Ack | None, body: dict[str, Any], client: WebClient) -> None:
    sorry = Reply.to_asker(SORRY)
    if ack is not None:
        ack(response_message(sorry, "ephemeral"))
    else:
        Delivery(client, command_origin(body)).to_asker(sorry)


def _submission(ack: Ack | None, body: dict[str, Any], client: WebClient) -> None:
    view = body.get("view") or {}
    if ack is not None:  # the modal is still open: keep it, and what was typed in it
        field = blocks.first_input(view)
        if field is not None:
            ack(response_action="errors", errors={field: SORRY_FORM})
        else:
            ack(response_action="update", view=blocks.with_notice(view, SORRY_FORM))
        return
    found = blocks.form_metadata(view.get("private_metadata", ""))
    origin = view_origin(body, found[2] if found is not None else blocks.FormOrigin())
    Delivery(client, origin).to_asker(Reply.to_asker(SORRY))


def _event(body: dict[str, Any], client: WebClient, bot_user_id: str | None) -> None:
    event = body.get("event") or {}
    if event.get("type") == "app_home_opened" and event.get("user"):
        client.views_publish(user_id=event["user"], view=blocks.home_notice(SORRY_HOME))
        return
    if event.get("type") != "message":
        return
    facts = message_facts(event)
    if facts.ignored or facts.from_a_bot or not facts.user or facts.user == bot_user_id:
        return
    if place_of_event(facts.channel_type, facts.channel_id) is not Place.DM:
        return  # a message in a channel did not ask the bot anything
    origin = Origin(facts.user, body.get("team_id"), Where.dm(), facts.channel_id)
    Delivery(client, origin).to_asker(Reply.to_asker(SORRY))


def _kind(body: dict[str, Any]) -> str:
    if "command" in body:
        return f"slash command {body['command']}"
    event = body.get("event") or {}
    return f"{event.get('type')} event" if event else str(body.get("type") or "request")


def _user_of(body: dict[str, Any]) -> str:
    user = body.get("user_id") or body.get("user") or (body.get("event") or {}).get("user")
    return str(user.get("id") if isinstance(user, dict) else user)
