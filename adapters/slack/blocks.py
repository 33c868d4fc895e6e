"""Block Kit for the core's replies, forms and home page; the encoding of buttons.

Every text is escaped and clipped (``adapters.slack.text``). A button's Slack
``value`` carries the core's ``(action, value)`` as JSON, so a press can be handed
back to ``ProtocolBot.press`` by any process; ``action_id`` is ``pb.N`` (unique in
its message). Modals carry the form's action and value, and where they came from,
in ``private_metadata``; a modal that only shows replies (``SHOWN_CALLBACK``) needs
nothing there: a button pressed in it updates it in place.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from bot.lookup import feedback_buttons
from bot.replies import Button, ClauseCard, FieldKind, Form, FormField, Reply

from adapters.slack import text as t

BUTTON_PREFIX = "pb."  # action_id of every button that goes to the core
OPEN_FORM = "pb-open-form"  # action_id of the adapter's own "Open the form" button
FORM_CALLBACK = "pb-form"  # callback_id of every modal with a form
SHOWN_CALLBACK = "pb-shown"  # callback_id of a modal that only shows replies (nothing to fill in)
NOTICE_BLOCK = "pb-notice"  # block_id of the adapter's own notice on top of a modal
VALUE_ACTION = "v"  # action_id of each input in a modal (its block_id is the field key)
Block = dict[str, Any]
log = logging.getLogger(__name__)


# ------------------------------------------------------------ buttons


def encode_button(button: Button) -> str:
    """The Slack ``value`` of a button: its core action and value."""
    return json.dumps([button.action, button.value], ensure_ascii=False, separators=(",", ":"))


def decode_button(value: str) -> Button | None:
    """The core button a Slack ``value`` stands for, or None if it is not one of ours."""
    try:
        action, data = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(action, str) or not isinstance(data, str):
        return None
    return Button("", action, data)


def actions(buttons: tuple[Button, ...], first: int = 0) -> list[Block]:
    """``actions`` blocks for ``buttons`` (25 to a block), numbered from ``first``."""
    elements = []
    for n, button in enumerate(buttons, first):
        value = encode_button(button)
        if len(value) > t.BUTTON_VALUE:
            log.warning("Button %r left out: its value is over Slack's %d characters.", button.label, t.BUTTON_VALUE)
            continue
        elements.append({"type": "button", "action_id": f"{BUTTON_PREFIX}{n}", "value": value,
                         "text": t.plain(button.label, t.BUTTON_TEXT)})
    return [{"type": "actions", "elements": elements[i:i + t.ACTIONS_ELEMENTS]}
            for i in range(0, len(elements), t.ACTIONS_ELEMENTS)]


# ------------------------------------------------------------ messages


def card_blocks(card: ClauseCard) -> list[Block]:
    """A quoted clause: its citation (id, heading, council) in bold, then the clause text as a quote."""
    citation = t.clip_escaped(card.citation, 300)
    quoted = "\n".join(f"&gt; {line}" if line else "&gt;" for line in t.escape(card.text).split("\n"))
    body = f"*{citation}*\n{quoted}"
    if len(body) > t.SECTION_TEXT:
        body = body[: t.SECTION_TEXT - 1]
        body = body[: body.rfind("&")] if body.rfind("&") > body.rfind(";") else body  # never half an entity
        body += t.ELLIPSIS
    return [{"type": "section", "text": {"type": "mrkdwn", "text": body, "verbatim": True}}]


def text_blocks(text: str) -> list[Block]:
    """Sections for a reply's text, split across sections at line ends when it is long."""
    return [{"type": "section", "text": t.mrkdwn(piece)} for piece in t.chunks(text) if piece.strip()]


def message(reply: Reply, *, extra: tuple[Button, ...] = ()) -> dict[str, Any]:
    """``text`` and ``blocks`` of a message for ``reply`` (within Slack's 50 blocks)."""
    blocks = text_blocks(reply.text)
    for card in reply.cards:
        blocks += card_blocks(card)
    buttons = reply.buttons + extra + feedback_buttons(reply)
    button_blocks = actions(buttons)
    room = t.MESSAGE_BLOCKS - len(button_blocks)
    if len(blocks) > room:
        blocks = blocks[: room - 1] + [{"type": "context", "elements": [t.mrkdwn("(cut short: too long for Slack)")]}]
    fallback = reply.text or (reply.cards[0].citation if reply.cards else "")
    return {"text": t.clip_escaped(fallback, t.FALLBACK_TEXT), "blocks": blocks + button_blocks}


def open_form_blocks(reply: Reply, reference: str) -> dict[str, Any]:
    """A message with the form's intro and an "Open the form" button that reopens it with a trigger."""
    msg = message(Reply.to_asker(reply.text, cards=reply.cards))
    msg["blocks"].append({"type": "actions", "elements": [{
        "type": "button", "action_id": OPEN_FORM, "value": reference[: t.BUTTON_VALUE],
        "style": "primary", "text": t.plain("Open the form", t.BUTTON_TEXT)}]})
    return msg


# ------------------------------------------------------------ modals


@dataclass(frozen=True)
class FormOrigin:
    """What a modal remembers of where it was opened, to answer there after it is submitted."""

    channel_id: str | None = None
    place: str | None = None  # a bot.events.Place value
    channel_name: str | None = None
    response_url: str | None = None

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("ch", self.channel_id), ("p", self.place), ("cn", self.channel_name),
                                  ("ru", self.response_url)) if v}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FormOrigin:
        return cls(data.get("ch"), data.get("p"), data.get("cn"), data.get("ru"))


def modal(form: Form, intro: str = "", origin: FormOrigin | None = None) -> dict[str, Any]:
    """A modal view for ``form``; ``intro`` (the reply's text: a preview, or what to change) stands on top."""
    metadata = {"a": form.action, "v": form.value, **(origin or FormOrigin()).as_dict()}
    encoded = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    if len(encoded) > t.PRIVATE_METADATA:  # an unusually long response_url: answer by DM instead
        metadata.pop("ru", None)
        encoded = json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
    blocks = text_blocks(intro) if intro else []
    blocks += [field_block(field) for field in form.fields]
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": encoded,
        "title": t.plain(form.title, t.MODAL_TITLE),
        "submit": t.plain(form.submit_label, t.MODAL_BUTTON),
        "close": t.plain("Cancel", t.MODAL_BUTTON),
        "blocks": blocks[: t.VIEW_BLOCKS],
    }


def _options(pairs: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    return [{"text": t.plain(label, t.OPTION_TEXT), "value": value[: t.OPTION_VALUE]}
            for value, label in pairs[: t.SELECT_OPTIONS]]


def _yes_no(value: str) -> str | None:
    word = value.strip().casefold()
    return "yes" if word in ("yes", "y", "true", "1", "on") else "no" if word in ("no", "n", "false", "0", "off") \
        else None


def field_block(field: FormField) -> Block:
    """An ``input`` block for one field (block_id: the field's key)."""
    element: dict[str, Any]
    if field.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
        element = {"type": "plain_text_input", "multiline": field.kind is FieldKind.LONG_TEXT,
                   "max_length": min(field.max_length, t.INPUT_VALUE)}
        if field.initial:
            element["initial_value"] = field.initial[: t.INPUT_VALUE]
    elif field.kind is FieldKind.SELECT:
        element = {"type": "static_select", "options": _options(field.options),
                   "placeholder": t.plain("Choose…", 150)}
        initial = next((o for o in element["options"] if o["value"] == field.initial), None)
        if initial is not None:
            element["initial_option"] = initial
    elif field.kind is FieldKind.YES_NO:
        element = {"type": "radio_buttons", "options": _options((("yes", "Yes"), ("no", "No")))}
        chosen = _yes_no(field.initial)
        if chosen is not None:
            element["initial_option"] = next(o for o in element["options"] if o["value"] == chosen)
    else:  # FieldKind.DATE
        element = {"type": "datepicker"}
        if field.initial:
            element["initial_date"] = field.initial
    element["action_id"] = VALUE_ACTION
    block: Block = {"type": "input", "block_id": field.key, "label": t.plain(field.label, t.INPUT_LABEL),
                    "optional": not field.required, "element": element}
    if field.hint:
        block["hint"] = t.plain(field.hint, t.INPUT_HINT)
    return block


def form_answers(state_values: dict[str, Any]) -> dict[str, str]:
    """The answers of a submitted modal (``view.state.values``) by field key, as the core's forms read them."""
    answers: dict[str, str] = {}
    for key, inputs in state_values.items():
        element = inputs.get(VALUE_ACTION) or next(iter(inputs.values()), {})
        kind = element.get("type")
        if kind == "datepicker":
            value = element.get("selected_date")
        elif kind in ("static_select", "radio_buttons"):
            value = (element.get("selected_option") or {}).get("value")
        else:
            value = element.get("value")
        if value:
            answers[key] = value
    return answers


def form_metadata(private_metadata: str) -> tuple[str, str, FormOrigin] | None:
    """The form's action and value, and its origin, from a modal's ``private_metadata``."""
    try:
        data = json.loads(private_metadata)
        return str(data["a"]), str(data.get("v", "")), FormOrigin.from_dict(data)
    except (TypeError, ValueError, KeyError):
        return None


@dataclass(frozen=True)
class ShownModal:
    """A modal of replies the bot opened, as a button pressed in it reports it (to update it in place)."""

    view_id: str
    title: str
    hash: str | None = None


def shown_modal(view: dict[str, Any]) -> ShownModal | None:
    """The modal of replies a button was pressed in (a ``block_actions`` payload's ``view``), else None."""
    if view.get("type") != "modal" or view.get("callback_id") != SHOWN_CALLBACK or not view.get("id"):
        return None
    return ShownModal(view["id"], (view.get("title") or {}).get("text") or "", view.get("hash"))


def replies_modal(title: str, replies: list[Reply]) -> dict[str, Any]:
    """A modal that shows ``replies`` (their text, quoted clauses and buttons) with nothing to fill in."""
    content: list[Block] = []
    button_blocks: list[Block] = []
    for n, reply in enumerate(replies):
        if n:
            content.append({"type": "divider"})
        content += text_blocks(reply.text)
        for card in reply.cards:
            content += card_blocks(card)
        button_blocks += actions(reply.buttons, first=n * 100)
    room = t.VIEW_BLOCKS - len(button_blocks)
    if len(content) > room:
        content = content[: room - 1] + [{"type": "context", "elements": [t.mrkdwn("(cut short: too long for Slack)")]}]
    return {
        "type": "modal",
        "callback_id": SHOWN_CALLBACK,
        "title": t.plain(title, t.MODAL_TITLE),
        "close": t.plain("Close", t.MODAL_BUTTON),
        "blocks": content + button_blocks,
    }


def with_notice(view: dict[str, Any], notice: str) -> dict[str, Any]:
    """A submitted modal (a payload's ``view``) as it can be sent again, with ``notice`` on top of it."""
    kept = ("type", "callback_id", "private_metadata", "title", "submit", "close", "clear_on_close",
            "notify_on_close", "external_id")
    again = {k: view[k] for k in kept if view.get(k) not in (None, "")}
    blocks = [b for b in view.get("blocks") or [] if b.get("block_id") != NOTICE_BLOCK]
    again["blocks"] = [{"type": "section", "block_id": NOTICE_BLOCK, "text": t.mrkdwn(notice)}] + blocks
    again["blocks"] = again["blocks"][: t.VIEW_BLOCKS]
    return again


def first_input(view: dict[str, Any]) -> str | None:
    """The ``block_id`` of a modal's first input block (where an error message can stand), if it has one."""
    return next((b.get("block_id") for b in view.get("blocks") or [] if b.get("type") == "input"
                 and b.get("block_id")), None)


# ------------------------------------------------------------ App Home


def home_view(council: str, replies: list[Reply]) -> dict[str, Any]:
    """The App Home tab: a header, then each list of the person's review with its buttons."""
    blocks: list[Block] = [{"type": "header", "text": t.plain(f"Your review: {council}", t.HEADER_TEXT)}]
    for n, reply in enumerate(replies):
        blocks.append({"type": "divider"})
        blocks += text_blocks(reply.text)
        blocks += actions(reply.buttons, first=n * 100)
    blocks.append({"type": "context", "elements": [t.mrkdwn(
        "Type /protocol help in any channel for what I can do; /protocol review requests all for everything.")]})
    if len(blocks) > t.VIEW_BLOCKS:
        blocks = blocks[: t.VIEW_BLOCKS - 1] + [blocks[-1]]
    return {"type": "home", "blocks": blocks}


def home_notice(notice: str) -> dict[str, Any]:
    """An App Home tab that only says ``notice`` (when the person's review could not be shown)."""
    return {"type": "home", "blocks": [{"type": "section", "block_id": NOTICE_BLOCK, "text": t.mrkdwn(notice)}]}
