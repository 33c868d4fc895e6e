"""Real-shaped Discord gateway payloads, from the fixture files in tests/fixtures/discord/, with ids varied."""

from __future__ import annotations

import copy
import itertools
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parents[2] / "fixtures" / "discord"
GUILD = "1100000000000000001"
GENERAL, STAFF_ROOM, THREAD = "1100000000000000010", "1100000000000000011", "1100000000000000012"
PRIYA, NADIA, ROBERT, DENNIS, GRACE = ("820000000000000008", "820000000000000001", "820000000000000004",
                                       "820000000000000009", "820000000000000006")
STRANGER = "830000000000000077"
_ids = itertools.count(1700000000000000001)


def next_id() -> str:
    return str(next(_ids))


@lru_cache(maxsize=None)
def _load(name: str) -> str:
    return (FIXTURES / f"{name}.json").read_text(encoding="utf-8")


def load(name: str) -> dict[str, Any]:
    """A fresh copy of a fixture payload."""
    return json.loads(_load(name))


def user(user_id: str, bot: bool = False) -> dict[str, Any]:
    return {"id": user_id, "username": f"user{user_id[-2:]}", "discriminator": "0", "global_name": None,
            "avatar": None, **({"bot": True} if bot else {})}


def message(text: str, *, author: str = PRIYA, channel: str = GENERAL, message_id: str | None = None,
            bot: bool = False, dm: bool = False, edited: bool = False) -> dict[str, Any]:
    """A MESSAGE_CREATE (or, ``edited``, MESSAGE_UPDATE) payload."""
    payload = load("message_create_dm" if dm else ("message_update" if edited else "message_create"))
    payload.update(id=message_id or next_id(), content=text, author=user(author, bot))
    if dm:
        payload["channel_id"] = channel if channel != GENERAL else "16000000000000" + author[-5:]
    else:
        payload["channel_id"] = channel
    payload.pop("nonce", None)
    return payload


def _where(payload: dict[str, Any], user_id: str, channel: str | None, dm: bool) -> dict[str, Any]:
    if dm:
        payload.pop("guild_id", None)
        payload.pop("member", None)
        payload["user"] = user(user_id)
        dm_channel = channel or "16000000000000" + user_id[-5:]
        payload["channel_id"] = dm_channel
        payload["channel"] = {"id": dm_channel, "type": 1, "last_message_id": None, "flags": 0,
                              "recipients": [user(user_id)]}
        payload["context"] = 1
        payload["authorizing_integration_owners"] = {"1": user_id}
    else:
        payload["member"]["user"] = user(user_id)
        if channel:
            payload["channel_id"] = channel
            payload["channel"]["id"] = channel
    payload["id"] = next_id()
    payload["token"] = f"token-{payload['id']}"  # each interaction has its own webhook
    return payload


def command(subcommand: str, options: dict[str, str] | None = None, *, user_id: str = PRIYA,
            channel: str | None = None, dm: bool = False) -> dict[str, Any]:
    """An INTERACTION_CREATE for ``/protocol SUBCOMMAND option:value …``."""
    payload = load("interaction_command")
    payload["data"]["options"] = [{"type": 1, "name": subcommand, "options": [
        {"type": 3, "name": k, "value": v} for k, v in (options or {}).items()]}]
    return _where(payload, user_id, channel, dm)


def autocomplete(typed: str, *, user_id: str = PRIYA) -> dict[str, Any]:
    payload = load("interaction_autocomplete")
    payload["data"]["options"][0]["options"][0]["value"] = typed
    return _where(payload, user_id, None, False)


def button(custom_id: str, *, user_id: str = PRIYA, channel: str | None = None, dm: bool = False,
           message_id: str | None = None) -> dict[str, Any]:
    """An INTERACTION_CREATE for a press of the button ``custom_id`` on one of the bot's messages."""
    payload = load("interaction_button")
    payload["data"]["custom_id"] = custom_id
    payload["message"]["id"] = message_id or next_id()
    payload["message"]["components"][0]["components"][0]["custom_id"] = custom_id
    payload = _where(payload, user_id, channel, dm)
    payload["message"]["channel_id"] = payload["channel_id"]
    return payload


def modal_submit(modal: dict[str, Any], answers: dict[str, str], *, user_id: str = PRIYA,
                 dm: bool = False) -> dict[str, Any]:
    """An INTERACTION_CREATE submitting ``modal`` (the ``data`` of the bot's modal callback) with ``answers``."""
    payload = load("interaction_modal_submit")
    components = []
    for label in modal["components"]:
        inner = copy.deepcopy(label["component"])
        key = inner["custom_id"]
        if inner["type"] == 3:
            submitted = {"type": 3, "custom_id": key, "values": [answers[key]] if answers.get(key) else []}
        else:
            submitted = {"type": 4, "custom_id": key, "value": answers.get(key, inner.get("value") or "")}
        components.append({"type": 18, "id": len(components) + 1, "component": submitted})
    payload["data"] = {"custom_id": modal["custom_id"], "components": components}
    return _where(payload, user_id, None, dm)
