"""``protocol-bot run slack``: registered on the CLI through the ``protocol_bot.commands`` entry point.

HTTP mode serves ``POST /slack/events`` on ``--port`` (default 3000) with
``SLACK_BOT_TOKEN`` and ``SLACK_SIGNING_SECRET``; Socket Mode is used when
``SLACK_APP_TOKEN`` is set (no public URL needed). ``SLACK_API_URL`` points the
Web API client elsewhere (a local fake in tests). Problems a person can fix are one
sentence on stderr, never a traceback.
"""

from __future__ import annotations

import logging
import os
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Callable, Mapping, Optional

import typer

from bot.cli_support import CouncilOption, fail, run_group, user_errors

if TYPE_CHECKING:
    from slack_bolt import App

    from adapters.slack.message_checks import MessageChecks
    from adapters.slack.scheduler import Scheduler

DEFAULT_PORT = 3000
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackSettings:
    """The Slack settings from the environment, checked."""

    bot_token: str
    signing_secret: str | None
    app_token: str | None
    api_url: str | None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SlackSettings:
        """Read ``SLACK_*``; raise ValueError with one sentence saying what is missing."""
        def get(name: str) -> str | None:
            return (env.get(name) or "").strip() or None

        token, secret, app_token = get("SLACK_BOT_TOKEN"), get("SLACK_SIGNING_SECRET"), get("SLACK_APP_TOKEN")
        if token is None:
            raise ValueError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack "
                             "app's OAuth & Permissions page into the environment (see .env.example).")
        if app_token is None and secret is None:
            raise ValueError("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your Slack app's Basic "
                             "Information page into the environment, or set SLACK_APP_TOKEN to use Socket Mode.")
        if app_token is not None and not app_token.startswith("xapp-"):
            raise ValueError("SLACK_APP_TOKEN should be an app-level token starting with xapp- (Basic Information, "
                             "App-Level Tokens, with the connections:write scope).")
        return cls(token, secret, app_token, get("SLACK_API_URL"))


def run_slack(
    council: CouncilOption,
    db: Annotated[Optional[str], typer.Option("--db", envvar="DATABASE_URL", metavar="URL",
                                              help="Database URL (default: the SQLite file protocol-bot.db).")] = None,
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="HTTP port (HTTP mode).")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (HTTP mode).")] = "0.0.0.0",
    scheduler: Annotated[bool, typer.Option("--scheduler/--no-scheduler",
                                            help="Send reminders from this process (one process per database).")]
    = True,
) -> None:
    """Run the bot on Slack: HTTP mode on --port (/slack/events), or Socket Mode when SLACK_APP_TOKEN is set."""
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = SlackSettings.from_env(os.environ)
    except ValueError as exc:
        fail(str(exc))
    from bot.config import BotConfig
    from bot.registry import CouncilBots, council_paths, load_councils

    with user_errors():
        paths = council_paths(council)
        if not paths:
            fail(f"There are no .yaml council files in {council}: give a council file or a folder of them.")
        bots = CouncilBots.start(load_councils(paths), BotConfig(database_url=db))
    from adapters.slack.message_checks import MessageChecks

    checks = MessageChecks()
    app = _connect(bots, settings, checks)
    from adapters.slack.scheduler import Scheduler
    from adapters.slack.server import freeze_start_up

    freeze_start_up()

    reminders = Scheduler(bots.bots, app.client) if scheduler else None
    if reminders is not None:
        reminders.start()
    names = ", ".join(b.council.name for b in bots.bots)
    if settings.app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        typer.echo(f"protocol-bot on Slack (Socket Mode) for {names}. Ctrl-C to stop.")
        handler = SocketModeHandler(app, settings.app_token, web_client=app.client)
        _serve(handler.start, handler.close, app, checks, reminders)
        return
    from adapters.slack.server import SlackServer

    try:
        server = SlackServer(app, host, port)
    except OSError as exc:
        fail(f"Cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port.")
    signal.signal(signal.SIGTERM, lambda *_: _stop(server))
    typer.echo(f"protocol-bot on Slack for {names}: listening on {server.url}. Ctrl-C to stop.")
    _serve(server.serve_forever, server.server_close, app, checks, reminders)


def _serve(serve: Callable[[], object], close: Callable[[], object], app: App, checks: MessageChecks,
           reminders: Scheduler | None) -> None:
    """Serve until Ctrl-C or SIGTERM, then close, and finish the work already acknowledged."""
    try:
        serve()
    except KeyboardInterrupt:
        pass
    finally:
        close()
        _finish(app, checks, reminders)


def _finish(app: App, checks: MessageChecks, reminders: Scheduler | None) -> None:
    """Stop the reminders, and check the messages already acknowledged before the process ends."""
    from adapters.slack.app import finish_work

    if reminders is not None:
        reminders.stop()
    finish_work(app, checks)


def _stop(server: object) -> None:
    """Stop serving (on SIGTERM): ``shutdown`` must run outside the serving thread."""
    import threading

    threading.Thread(target=server.shutdown, daemon=True).start()  # type: ignore[attr-defined]


def _connect(bots: object, settings: SlackSettings, checks: MessageChecks) -> App:
    """Build the bolt app; Slack checks the token (``auth.test``) here."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from adapters.slack.app import build_app

    try:
        return build_app(bots, signing_secret=settings.signing_secret or "unused-in-socket-mode",  # type: ignore
                         token=settings.bot_token, base_url=settings.api_url, message_checks=checks)
    except (BoltError, SlackApiError) as exc:
        fail(f"Slack did not accept SLACK_BOT_TOKEN ({_reason(exc)}): copy it again from the app's "
             "OAuth & Permissions page, and reinstall the app if its scopes changed.")
    except OSError as exc:
        where = settings.api_url or "slack.com"
        fail(f"Cannot reach the Slack Web API at {where} ({exc}): check the network, or SLACK_API_URL.")


def _reason(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if response is not None:
        return str(response.get("error"))
    return str(exc).splitlines()[0][:120]


def register(app: typer.Typer) -> None:
    """Add ``run slack`` to the ``protocol-bot`` CLI (sharing the ``run`` group with other adapters)."""
    run_group(app).command("slack")(run_slack)
