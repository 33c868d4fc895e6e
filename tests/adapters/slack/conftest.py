"""The Slack harness: the real slack-bolt App over the real bot (example council, a real database),
signed real-shaped payloads, and a fake Web API on loopback that records what the bot sends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient

from adapters.slack.app import build_app
from adapters.slack.delivery import retry_handlers
from bot.app import ProtocolBot
from bot.clock import MovableClock
from bot.config import BotConfig
from bot.council import Council, load_council
from bot.stores import open_stores
from protocol.model import ProtocolPack
from protocol.packfile import load_protocol
from tests.adapters.slack import payloads
from tests.adapters.slack.fake_slack import FakeSlack

EXAMPLE = Path(__file__).parents[3] / "examples" / "brookfield.yaml"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@lru_cache(maxsize=1)
def example() -> tuple[Council, ProtocolPack]:
    """The example council and its protocol, loaded once for all the tests."""
    council = load_council(EXAMPLE)
    return council, load_protocol(council.protocol_path)


@pytest.fixture(autouse=True)
def _no_slack_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack().start()
    yield server
    server.stop()


@dataclass
class Harness:
    """Sends signed payloads through the real bolt App and reads what reached the fake Web API."""

    app: App
    bot: ProtocolBot
    fake: FakeSlack
    clock: MovableClock

    def dispatch(self, body: str, content_type: str, **signing: Any) -> BoltResponse:
        return self.app.dispatch(BoltRequest(body=body, headers=payloads.signed(body, content_type, **signing)))

    def command(self, text: str, *, user: str = "U08PRIYA", channel: tuple[str, str] = ("C0GENERAL1", "general"),
                ) -> BoltResponse:
        body = payloads.command_body(text, user_id=user, channel_id=channel[0], channel_name=channel[1],
                                     response_url=self.fake.response_url("command"))
        return self.dispatch(body, FORM)

    def message(self, text: str, **kwargs: Any) -> BoltResponse:
        retry = kwargs.pop("retry", None)
        return self.dispatch(payloads.message_body(text, **kwargs), JSON, retry=retry)

    def event(self, payload: dict[str, Any], retry: int | None = None) -> BoltResponse:
        return self.dispatch(json.dumps(payload), JSON, retry=retry)

    def press(self, button: dict[str, Any], *, user: str = "U08PRIYA", **kwargs: Any) -> BoltResponse:
        """Press a button as the bot rendered it (a Block Kit button element)."""
        payload = payloads.button_payload(button["value"], user=user, action_id=button["action_id"],
                                          response_url=self.fake.response_url("action"), **kwargs)
        return self.dispatch(payloads.interactive_body(payload), FORM)

    def submit(self, view: dict[str, Any], answers: dict[str, str], *, user: str = "U08PRIYA",
               pushed_on: str | None = None) -> BoltResponse:
        payload = payloads.submission_payload(view, answers, user=user, pushed_on=pushed_on)
        return self.dispatch(payloads.interactive_body(payload), FORM)

    def open_home(self, user: str, event_id: str) -> dict[str, Any]:
        """Open ``user``'s App Home (the fake's record cleared first); the Home view the bot published."""
        payload = payloads.load("event_app_home_opened")
        payload["event"].update(user=user, channel=f"D-{user}")
        payload["event_id"] = event_id
        self.fake.clear()
        assert self.event(payload).status == 200
        [published] = self.fake.of("views.publish")
        assert published.body["user_id"] == user
        return published.body["view"]

    def press_in_home(self, home: dict[str, Any], label: str, user: str) -> BoltResponse:
        """Press the button labelled ``label`` in the App Home ``home`` (as published)."""
        payload = payloads.home_button_payload(buttons(home)[label], home, user=user)
        return self.dispatch(payloads.interactive_body(payload), FORM)

    def press_in_modal(self, view: dict[str, Any], label: str, user: str) -> BoltResponse:
        """Press the button labelled ``label`` in the modal ``view`` (as the bot opened or updated it)."""
        payload = payloads.modal_button_payload(buttons(view)[label], view, user=user)
        return self.dispatch(payloads.interactive_body(payload), FORM)

    # ------------------------------------------------------------ reading what was sent

    def last_view(self) -> dict[str, Any]:
        """The modal of the last views.open."""
        return self.fake.of("views.open")[-1].body["view"]


def acknowledged(response: BoltResponse) -> dict[str, Any]:
    """The message a slash command's acknowledgement carries (Slack shows it to the asker)."""
    assert response.status == 200 and response.body, f"an empty or failed acknowledgement: {response.status}"
    return json.loads(response.body)


def buttons(content: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a message or view by label."""
    found = {}
    for block in content.get("blocks", []):
        if block["type"] == "actions":
            for element in block["elements"]:
                found[element["text"]["text"]] = element
    return found


def shown_text(content: dict[str, Any]) -> str:
    """All the text of a message's or view's blocks."""
    parts = []
    for block in content.get("blocks", []):
        if "text" in block and isinstance(block["text"], dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), str):
                parts.append(element["text"])
    return "\n".join(parts)


@pytest.fixture
def slack(fake: FakeSlack, database_url: str) -> Iterator[Harness]:
    council, pack = example()
    clock = MovableClock()
    bot = ProtocolBot(council, pack, open_stores(database_url), config=BotConfig(database_url=database_url),
                      clock=clock)
    client = WebClient(token="xoxb-test", base_url=fake.api_url, retry_handlers=retry_handlers())
    app = build_app(bot, signing_secret=payloads.SECRET, client=client, process_before_response=True)
    yield Harness(app, bot, fake, clock)
