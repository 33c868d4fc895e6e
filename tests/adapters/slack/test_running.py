"""``protocol-bot run slack`` as a real HTTP server, its start-up errors, and the reminder scheduler."""

from __future__ import annotations

import gc
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
from slack_sdk import WebClient
from typer.testing import CliRunner

from adapters.slack.scheduler import run_once
from adapters.slack.server import SlackServer, freeze_start_up
from bot.clock import UK
from bot.cli import app as cli
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import EXAMPLE, FORM, JSON, Harness, shown_text
from tests.adapters.slack.fake_slack import FakeSlack

ROOT = Path(__file__).parents[3]


def _post(url: str, body: str, content_type: str, **signing: object) -> tuple[int, str]:
    headers = {name: values[0] for name, values in payloads.signed(body, content_type, **signing).items()}
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_http_server_serves_slash_commands_and_refuses_bad_signatures(slack: Harness) -> None:
    server = SlackServer(slack.app, "127.0.0.1", 0)
    server.start_in_thread()
    try:
        body = payloads.command_body("help", response_url=slack.fake.response_url("http"))
        status, answer = _post(server.url, body, FORM)
        assert status == 200 and "I know Brookfield" in shown_text(json.loads(answer))
        assert _post(server.url, body, FORM, secret="wrong")[0] == 401
        assert _post(server.url.replace("/slack/events", "/elsewhere"), body, FORM)[0] == 404
        with urllib.request.urlopen(server.url.replace("/slack/events", "/healthz"), timeout=5) as health:
            assert health.read() == b"ok"
    finally:
        server.shutdown()
        server.server_close()


def test_answers_go_out_without_waiting_for_the_clients_delayed_ack(slack: Harness) -> None:
    nodelay: list[int] = []

    class Watched(SlackServer):
        def finish_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
            super().finish_request(request, client_address)
            nodelay.append(request.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    server = Watched(slack.app, "127.0.0.1", 0)
    server.start_in_thread()
    try:
        body = payloads.command_body("press", response_url=slack.fake.response_url("http"))
        assert _post(server.url, body, FORM)[0] == 200
    finally:
        server.shutdown()
        server.server_close()
    assert nodelay and all(nodelay)  # the headers and the body are two writes: Nagle would hold the body back


def test_what_start_up_loaded_is_kept_out_of_full_garbage_collections() -> None:
    try:
        freeze_start_up()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_protocol_bot_run_slack_serves_http(fake: FakeSlack, database_url: str) -> None:
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": payloads.SECRET,
           "SLACK_API_URL": fake.api_url, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "bot.cli", "run", "slack", "--council", str(EXAMPLE), "--db", database_url,
               "--host", "127.0.0.1", "--port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"listening on (http://\S+)\.", line)
        assert found, line + (process.stderr.read() if process.poll() is not None and process.stderr else "")
        body = payloads.command_body("press", response_url=fake.response_url("cli"))
        status, answer = _post(found.group(1), body, FORM)
        assert status == 200 and "press-media." in shown_text(json.loads(answer))  # a lookup: in the ack itself
        body = payloads.command_body("review requests", user_id="U01NADIA", response_url=fake.response_url("cli"))
        assert _post(found.group(1), body, FORM) == (200, "")
        for _ in range(100):  # this answer needs the database, so it goes out after the ack, in the background
            if fake.of("respond"):
                break
            time.sleep(0.05)
        [review] = fake.of("respond")
        assert review.body["response_type"] == "ephemeral" and "request" in shown_text(review.body).lower()
        assert fake.of("auth.test")  # the token was checked at start-up
        body = payloads.message_body("Nadia is hopeless at keeping us informed.", event_id="Ev0RUNNING01")
        assert _post(found.group(1), body, JSON) == (200, "")
        process.terminate()  # SIGTERM: stop serving, check what was acknowledged, and exit cleanly
        assert process.wait(timeout=30) == 0
        [nudge] = fake.of("chat.postEphemeral")
        assert "Nadia Kowalski has not been told" in shown_text(nudge.body)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("env, expected", [
    ({}, "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-wrong"}, "should be an app-level token"),
])
def test_missing_settings_are_one_clear_sentence(env: dict[str, str], expected: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["run", "slack", "--council", str(EXAMPLE)])
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_token_slack_refuses_is_one_clear_sentence(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch,
                                                     database_url: str) -> None:
    fake.fail_once["auth.test"] = (200, {})  # answers {"ok": false, "error": "ratelimited"}: not accepted
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", payloads.SECRET)
    monkeypatch.setenv("SLACK_API_URL", fake.api_url)
    result = CliRunner().invoke(cli, ["run", "slack", "--council", str(EXAMPLE), "--db", database_url])
    assert result.exit_code == 1 and "Slack did not accept SLACK_BOT_TOKEN" in result.output


def test_reminders_and_escalations_arrive_as_dms_once(slack: Harness) -> None:
    slack.clock.move_to(datetime(2026, 3, 2, 10, 0, tzinfo=UK))
    slack.command('request documents="Tree survey" purpose="For the planning committee" committee=planning')
    slack.fake.clear()
    client = WebClient(token="xoxb-test", base_url=slack.fake.api_url)
    slack.clock.move_to(datetime(2026, 4, 1, 10, 0, tzinfo=UK))
    assert run_once([slack.bot], client) >= 1
    assert all(c.body["channel"].startswith("D-") for c in slack.fake.of("chat.postMessage"))
    slack.fake.clear()
    assert run_once([slack.bot], client) == 0 and not slack.fake.of("chat.postMessage")
