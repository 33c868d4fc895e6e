"""Discord's limits on what a bot sends, as the API enforces them (the fake REST refuses what breaks one).

From https://discord.com/developers/docs/resources/message (content, embeds),
.../interactions/receiving-and-responding (modals, autocomplete) and
.../components/reference (buttons, selects, text inputs, labels). One rule is ours, not
Discord's: every message says ``allowed_mentions: {"parse": []}``.
"""

from __future__ import annotations

from typing import Any

CONTENT, EMBEDS, EMBED_TOTAL, TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE = 2000, 10, 6000, 256, 4096, 25, \
    256, 1024
ROWS, ROW_BUTTONS, BUTTON_LABEL, CUSTOM_ID = 5, 5, 80, 100
MODAL_TITLE, MODAL_COMPONENTS, LABEL, LABEL_DESCRIPTION, INPUT_VALUE, PLACEHOLDER = 45, 5, 45, 100, 4000, 100
SELECT_OPTIONS, OPTION_TEXT, CHOICES, CHOICE_TEXT = 25, 100, 25, 100


def problems(callback: dict[str, Any]) -> list[str]:
    """What is wrong with an interaction callback (``{"type", "data"}``)."""
    data = callback.get("data") or {}
    kind = callback.get("type")
    if kind in (4, 7):
        return message_problems(data)
    if kind == 9:
        return modal_problems(data)
    if kind == 8:
        choices = data.get("choices") or []
        return ([f"{len(choices)} choices"] if len(choices) > CHOICES else []) + [
            f"choice {c['name'][:20]!r} over {CHOICE_TEXT}" for c in choices
            if len(c["name"]) > CHOICE_TEXT or len(str(c["value"])) > CHOICE_TEXT]
    return []


def message_problems(message: dict[str, Any]) -> list[str]:
    """What is wrong with a message body (content, embeds, buttons)."""
    found = []
    content = message.get("content") or ""
    embeds = message.get("embeds") or []
    components = message.get("components") or []
    if message.get("allowed_mentions") != {"parse": []}:  # not Discord's rule but ours: the bot never pings
        found.append(f"allowed_mentions {message.get('allowed_mentions')}")
    if len(content) > CONTENT:
        found.append(f"content of {len(content)}")
    if not content and not embeds and not components and not message.get("attachments"):
        found.append("an empty message")
    if len(embeds) > EMBEDS:
        found.append(f"{len(embeds)} embeds")
    total = 0
    for embed in embeds:
        title, description, fields = embed.get("title") or "", embed.get("description") or "", embed.get("fields") or []
        total += len(title) + len(description) + sum(len(f["name"]) + len(f["value"]) for f in fields)
        found += [f"embed title of {len(title)}"] if len(title) > TITLE else []
        found += [f"embed description of {len(description)}"] if len(description) > DESCRIPTION else []
        found += [f"{len(fields)} fields"] if len(fields) > FIELDS else []
        found += [f"field over {FIELD_VALUE}" for f in fields if len(f["value"]) > FIELD_VALUE or
                  len(f["name"]) > FIELD_NAME]
    if total > EMBED_TOTAL:
        found.append(f"embeds of {total} characters together")
    if len(components) > ROWS:
        found.append(f"{len(components)} rows")
    for row in components:
        buttons = row.get("components") or []
        found += [f"{len(buttons)} buttons in a row"] if len(buttons) > ROW_BUTTONS else []
        for button in buttons:
            found += [f"button label of {len(button.get('label') or '')}"] \
                if len(button.get("label") or "") > BUTTON_LABEL else []
            found += [f"custom_id of {len(button.get('custom_id') or '')}"] \
                if len(button.get("custom_id") or "") > CUSTOM_ID else []
    return found


def modal_problems(modal: dict[str, Any]) -> list[str]:
    """What is wrong with a modal: its title, and each label with its text input or select."""
    found = [f"modal title of {len(modal['title'])}"] if not 0 < len(modal.get("title") or "") <= MODAL_TITLE else []
    found += [f"modal custom_id of {len(modal['custom_id'])}"] if len(modal["custom_id"]) > CUSTOM_ID else []
    components = modal.get("components") or []
    if not 0 < len(components) <= MODAL_COMPONENTS:
        found.append(f"{len(components)} components in a modal")
    for label in components:
        if label.get("type") != 18:
            found.append(f"a top-level component of type {label.get('type')} (a modal holds labels)")
            continue
        inner = label["component"]
        found += [f"label of {len(label['label'])}"] if not 0 < len(label.get("label") or "") <= LABEL else []
        found += [f"label description of {len(label.get('description') or '')}"] \
            if len(label.get("description") or "") > LABEL_DESCRIPTION else []
        found += [f"custom_id of {len(inner['custom_id'])}"] if len(inner["custom_id"]) > CUSTOM_ID else []
        found += [f"placeholder of {len(inner.get('placeholder') or '')}"] \
            if len(inner.get("placeholder") or "") > PLACEHOLDER else []
        if inner["type"] == 4:
            value, most = inner.get("value") or "", inner.get("max_length", INPUT_VALUE)
            found += [f"max_length {most}"] if most > INPUT_VALUE else []
            found += [f"a value of {len(value)} over max_length {most}"] if len(value) > most else []
            found += ["a text input with its own label inside a label"] if inner.get("label") else []
        elif inner["type"] == 3:
            options = inner.get("options") or []
            found += [f"{len(options)} options"] if not 0 < len(options) <= SELECT_OPTIONS else []
            found += [f"option over {OPTION_TEXT}" for o in options
                      if len(o["label"]) > OPTION_TEXT or len(o["value"]) > OPTION_TEXT]
        else:
            found.append(f"a component of type {inner['type']} in a label")
    return found
