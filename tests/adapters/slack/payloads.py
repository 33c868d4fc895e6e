"""Real-shaped Slack payloads from ``tests/fixtures/slack``, changed where a test says, and signed."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from tests.adapters.slack.fake_slack import PUSHED_VIEW

FIXTURES = Path(__file__).parents[2] / "fixtures" / "slack"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def load(name: str) -> dict[str, Any]:
    """A fixture payload, as Slack sends it."""
    return copy.deepcopy(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def signed(body: str, content_type: str, *, secret: str = SECRET, timestamp: int | None = None,
           retry: int | None = None) -> dict[str, list[str]]:
    """Headers of a request Slack signed (``timestamp`` defaults to now)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    headers = {
        "content-type": [content_type],
        "x-slack-request-timestamp": [ts],
        "x-slack-signature": [SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)],
    }
    if retry is not None:
        headers["x-slack-retry-num"] = [str(retry)]
        headers["x-slack-retry-reason"] = ["http_timeout"]
    return headers


def command_body(text: str, *, user_id: str = "U08PRIYA", channel_id: str = "C0GENERAL1",
                 channel_name: str = "general", response_url: str, trigger_id: str | None = None) -> str:
    """A ``/protocol`` slash command, form-encoded as Slack posts it."""
    payload = load("slash_command")
    payload.update(text=text, user_id=user_id, channel_id=channel_id, channel_name=channel_name,
                   response_url=response_url)
    if trigger_id:
        payload["trigger_id"] = trigger_id
    return urlencode(payload)


def message_body(text: str, *, user: str = "U08PRIYA", channel: str = "C0GENERAL1", channel_type: str = "channel",
                 event_id: str = "Ev0PB0000001", ts: str = "1765800000.000100", thread_ts: str | None = None) -> str:
    """A ``message`` event (``message.channels``, ``message.groups`` or ``message.im``) as JSON."""
    payload = load("event_message")
    event = payload["event"]
    event.update(text=text, user=user, channel=channel, channel_type=channel_type, ts=ts, event_ts=ts)
    event["blocks"][0]["elements"][0]["elements"][0]["text"] = text
    if thread_ts:
        event["thread_ts"] = thread_ts
        event["parent_user_id"] = "U06GRACE"
    payload["event_id"] = event_id
    return json.dumps(payload)


def interactive_body(payload: dict[str, Any]) -> str:
    """An interactivity payload (``block_actions``, ``view_submission``), form-encoded as ``payload=<json>``."""
    return urlencode({"payload": json.dumps(payload)})


def button_payload(value: str, *, user: str = "U08PRIYA", response_url: str, action_id: str = "pb.0",
                   channel: tuple[str, str] | None = ("C0GENERAL1", "general"), home: bool = False) -> dict[str, Any]:
    """A ``block_actions`` press of a button whose Slack value is ``value``."""
    payload = load("block_actions")
    payload["user"]["id"] = user
    payload["actions"][0].update(value=value, action_id=action_id)
    payload["response_url"] = response_url
    if home:
        payload["container"] = {"type": "view", "view_id": "V0HOME0001"}
        payload["view"] = {"id": "V0HOME0001", "type": "home"}
        del payload["channel"], payload["response_url"]
    elif channel is None:
        del payload["channel"]
    else:
        payload["channel"] = {"id": channel[0], "name": channel[1]}
        payload["container"]["channel_id"] = channel[0]
    return payload


def submission_payload(view: dict[str, Any], answers: dict[str, str], *, user: str = "U08PRIYA",
                       pushed_on: str | None = None) -> dict[str, Any]:
    """A ``view_submission`` of the modal ``view`` (as the bot opened it), filled in with ``answers``;
    ``pushed_on``: the id of the modal ``view`` was pushed on (``views.push``), which Slack reports with it."""
    payload = load("view_submission")
    if pushed_on is not None:
        payload["view"].update(id=PUSHED_VIEW, previous_view_id=pushed_on, root_view_id=pushed_on)
    payload["user"]["id"] = user
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        answer = answers.get(block["block_id"])
        kind = element["type"]
        if kind == "plain_text_input":
            value = answer if answer is not None else element.get("initial_value")
            state: dict[str, Any] = {"type": kind, "value": value}
        elif kind in ("static_select", "radio_buttons"):
            option = next((o for o in element["options"] if o["value"] == answer), element.get("initial_option"))
            state = {"type": kind, "selected_option": option}
        else:
            state = {"type": kind, "selected_date": answer or element.get("initial_date")}
        values[block["block_id"]] = {element["action_id"]: state}
    payload["view"].update(private_metadata=view["private_metadata"], callback_id=view["callback_id"],
                           title=view["title"], submit=view.get("submit"), close=view.get("close"),
                           blocks=view["blocks"], state={"values": values})
    return payload


def _action(template: dict[str, Any], button: dict[str, Any]) -> dict[str, Any]:
    """The ``actions[0]`` of a press of ``button`` (a Block Kit button element as the bot sent it)."""
    return {**template, "action_id": button["action_id"], "value": button["value"],
            "text": {**button["text"], "emoji": True}}


def home_button_payload(button: dict[str, Any], home: dict[str, Any], *, user: str) -> dict[str, Any]:
    """A ``block_actions`` press of ``button`` in the App Home ``home`` (as published): no channel, no
    ``response_url``; the container and the view are the Home tab."""
    payload = load("block_actions_home")
    payload["user"].update(id=user, username=user.lower(), name=user.lower())
    payload["view"]["blocks"] = home["blocks"]
    payload["actions"] = [_action(payload["actions"][0], button)]
    return payload


def dm_button_payload(button: dict[str, Any], message: dict[str, Any], *, user: str, channel: str,
                      response_url: str) -> dict[str, Any]:
    """A ``block_actions`` press of ``button`` in the bot's (non-ephemeral) DM ``message`` to ``user``, sent in
    the DM channel ``channel``: the payload carries the message, the channel and a ``response_url``."""
    payload = load("block_actions_dm")
    payload["user"].update(id=user, username=user.lower(), name=user.lower())
    payload["container"]["channel_id"] = channel
    payload["channel"]["id"] = channel
    payload["message"].update(text=message["text"], blocks=message["blocks"])
    payload["response_url"] = response_url
    payload["actions"] = [_action(payload["actions"][0], button)]
    return payload


def modal_button_payload(button: dict[str, Any], view: dict[str, Any], *, user: str,
                         view_id: str = "V0PROTO0001") -> dict[str, Any]:
    """A ``block_actions`` press of ``button`` in the modal ``view`` (as the bot opened it, Slack gave it
    ``view_id``): no channel, no ``response_url``; the container and the view are the modal."""
    payload = load("block_actions_modal")
    payload["user"].update(id=user, username=user.lower(), name=user.lower())
    payload["container"]["view_id"] = view_id
    payload["view"].update(id=view_id, root_view_id=view_id, callback_id=view["callback_id"], title=view["title"],
                           blocks=view["blocks"], private_metadata=view.get("private_metadata", ""))
    payload["actions"] = [_action(payload["actions"][0], button)]
    return payload
