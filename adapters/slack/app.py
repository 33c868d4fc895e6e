"""``build_app``: a slack-bolt ``App`` that serves one council, or several matched by Slack team.

Message events are checked in a small pool of their own (``adapters.slack.message_checks``), so that
slash commands, button presses and form submissions never wait behind them in bolt's listener pool
for their acknowledgement.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable

from slack_bolt import Ack, App, BoltContext, BoltResponse
from slack_sdk import WebClient

from bot.app import ProtocolBot

from adapters.slack.blocks import BUTTON_PREFIX, FORM_CALLBACK, OPEN_FORM
from adapters.slack.delivery import retry_handlers
from adapters.slack.listeners import BotSource, Handlers, SingleBot
from adapters.slack.message_checks import MessageChecks

COMMAND = "/protocol"
log = logging.getLogger(__name__)


def web_client(token: str, base_url: str | None = None) -> WebClient:
    """A Web API client that retries after HTTP 429 (``Retry-After``); ``base_url`` for a local fake."""
    options: dict[str, Any] = {"token": token, "retry_handlers": retry_handlers()}
    if base_url:
        options["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    return WebClient(**options)


def build_app(bots: ProtocolBot | BotSource, *, signing_secret: str, token: str | None = None,
              base_url: str | None = None, client: WebClient | None = None,
              process_before_response: bool = False, message_checks: MessageChecks | None = None) -> App:
    """The slack-bolt app for ``bots``: give ``client``, or ``token`` (and ``base_url`` to point elsewhere).

    ``process_before_response=False`` (HTTP and Socket Mode servers) answers Slack as soon
    as each listener acknowledges and finishes the work in the background: message checks
    in ``message_checks`` (which the caller stops with :func:`finish_work`), or without it in
    bolt's listener pool, where acknowledgements can wait behind them. ``True`` does
    everything before answering (tests, and hosts that stop after the answer).
    """
    if client is None:
        if not token:
            raise ValueError("build_app needs a client or a token")
        client = web_client(token, base_url)
    source: BotSource = SingleBot(bots) if isinstance(bots, ProtocolBot) else bots
    app = App(client=client, signing_secret=signing_secret, process_before_response=process_before_response,
              name="protocol-bot")
    register(app, Handlers(source), None if process_before_response else message_checks)
    return app


def finish_work(app: App, message_checks: MessageChecks | None) -> None:
    """Once ``app``'s server has stopped: finish the work it still has after its acknowledgements (its
    listeners', then the message checks')."""
    app.listener_runner.listener_executor.shutdown(wait=True)
    if message_checks is not None:
        message_checks.shutdown(wait=True)


def register(app: App, handlers: Handlers, message_checks: MessageChecks | None = None) -> None:
    """Wire the handlers to the payloads they take; messages are checked in ``message_checks`` if given,
    else in bolt's listener pool (or before answering, with ``process_before_response``)."""

    @app.command(COMMAND)
    def on_command(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        handlers.command(ack, body, client)

    def on_message(body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handlers.message(body, event, client, context.bot_user_id)

    queued = [] if message_checks is None else [_queued_in(message_checks, on_message)]
    app.event("message", middleware=queued)(on_message)

    @app.event("app_home_opened")
    def on_home(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        handlers.home_opened(body, event, client)

    @app.action(re.compile("^" + re.escape(BUTTON_PREFIX) + r"\d+$"))
    def on_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        handlers.button(ack, body, action, client)

    @app.action(OPEN_FORM)
    def on_open_form(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        handlers.open_form(ack, body, action, client)

    @app.view(FORM_CALLBACK)
    def on_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        handlers.submission(ack, body, view, client)

    @app.view_closed(FORM_CALLBACK)
    def on_closed(ack: Ack) -> None:
        ack()

    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        log.error("A Slack request failed (%s): %s", body.get("type") or body.get("command"), error, exc_info=error)


def _queued_in(checks: MessageChecks, listener: Callable[..., None]) -> Callable[..., BoltResponse]:
    """A listener middleware that queues ``listener`` in ``checks`` and answers Slack itself.

    It runs in the request's own thread, before bolt answers, so when ``checks`` is full the
    wait holds this event's request, not a thread of bolt's listener pool (back-pressure
    on Slack); if it still cannot be queued, Slack is answered 503 and sends the event again.
    Bolt's lazy listeners would run in a pool of our choosing too, but bolt deep-copies
    the whole request (its Web API client included) for each: 0.6 ms of the request's
    thread per message, which cut the message events answered per second by more than half
    (``bench/slack_http.py``).
    """

    def queue(body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext) -> BoltResponse:
        try:
            checks.submit(listener, body, event, client, context)
        except RuntimeError as exc:  # no room in time (MessageChecksFull), or stopping
            log.error("Slack event %s was not queued for checking (%s): Slack will send it again.",
                      body.get("event_id"), exc)
            return BoltResponse(status=503, body="")
        return BoltResponse(status=200, body="")

    return queue
