"""``build_app``: a slack-bolt ``App`` that serves one council, or several matched by Slack team."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.app import ProtocolBot

from adapters.slack.blocks import BUTTON_PREFIX, FORM_CALLBACK, OPEN_FORM
from adapters.slack.delivery import retry_handlers
from adapters.slack.listeners import BotSource, Handlers, SingleBot

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
              process_before_response: bool = False) -> App:
    """The slack-bolt app for ``bots``: give ``client``, or ``token`` (and ``base_url`` to point elsewhere).

    ``process_before_response=False`` (HTTP and Socket Mode servers) answers Slack as soon
    as each listener acknowledges and finishes the work in the background;
    ``True`` does everything before answering (tests, and hosts that stop after the answer).
    """
    if client is None:
        if not token:
            raise ValueError("build_app needs a client or a token")
        client = web_client(token, base_url)
    source: BotSource = SingleBot(bots) if isinstance(bots, ProtocolBot) else bots
    app = App(client=client, signing_secret=signing_secret, process_before_response=process_before_response,
              name="protocol-bot")
    handlers = Handlers(source)
    register(app, handlers)
    return app


def register(app: App, handlers: Handlers) -> None:
    """Wire the handlers to the payloads they take."""

    @app.command(COMMAND)
    def on_command(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        handlers.command(ack, body, client)

    @app.event("message")
    def on_message(body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        handlers.message(body, event, client, context.bot_user_id)

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
