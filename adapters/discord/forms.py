"""The core's forms as Discord modals, a page of at most five fields at a time.

A modal holds at most five components, and a form may have more (an information
request has seven fields), so a form is shown in parts: after each part but the
last, a "Continue" button opens the next (Discord cannot open a modal straight from
another). What was typed in the earlier parts is kept in :class:`FormSessions`, in
memory, for an hour (at most 10,000 forms, 20 a person): a form left open across a
restart must be started again, and the person is told so. Selects (a committee, a person, yes or no) are string selects
inside labels, as Discord allows in modals since 2025; a select of more than 25
options becomes a text box.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Iterable

import discord

from bot.replies import FieldKind, Form, FormField

from adapters.discord import text as t

MODAL = "pbm:"  # custom_id of a modal: pbm:TOKEN:PART
OPEN = "pbo:"  # custom_id of "Open the form" / "Continue": pbo:TOKEN:PART
SEND = "pbs:"  # custom_id of "Send it as it is": pbs:TOKEN
KEEP_SECONDS = 3600.0
MAX_SESSIONS = 10_000
MAX_PER_PERSON = 20  # one person's forms in progress; their oldest goes first, so no one can crowd others out
MODAL_SECONDS = 900.0  # how long discord.py keeps an unanswered modal object
YES_NO = (("yes", "Yes"), ("no", "No"))
log = logging.getLogger(__name__)


@dataclass
class FormSession:
    """A form on its way to one person: its intro, and the answers of the parts already sent."""

    form: Form
    intro: str
    user_id: int
    answers: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def parts(self) -> int:
        """How many modals the form takes."""
        return max(1, -(-len(self.form.fields) // t.MODAL_COMPONENTS))

    def fields_of(self, part: int) -> tuple[FormField, ...]:
        """The fields of part ``part`` (from 0)."""
        return self.form.fields[part * t.MODAL_COMPONENTS:(part + 1) * t.MODAL_COMPONENTS]

    def filled(self) -> dict[str, str]:
        """The answers as they stand: what was typed, else what the form came with."""
        return {**{f.key: f.initial for f in self.form.fields if f.initial}, **self.answers}

    @property
    def complete(self) -> bool:
        """True when every required field has an answer already (it can be sent as it is)."""
        answers = self.filled()
        return all(answers.get(f.key, "").strip() for f in self.form.fields if f.required)


class FormSessions:
    """Forms in progress by token (a ``custom_id`` carries the token), for an hour."""

    def __init__(self, keep: float = KEEP_SECONDS) -> None:
        self.keep = keep
        self._sessions: OrderedDict[str, FormSession] = OrderedDict()

    def start(self, form: Form, intro: str, user_id: int) -> str:
        """Keep ``form`` for ``user_id``; return its token."""
        self._expire()
        theirs = [token for token, session in self._sessions.items() if session.user_id == user_id]
        for token in theirs[: max(0, len(theirs) - MAX_PER_PERSON + 1)]:
            del self._sessions[token]
        token = secrets.token_urlsafe(9)
        self._sessions[token] = FormSession(form, intro, user_id)
        while len(self._sessions) > MAX_SESSIONS:
            self._sessions.popitem(last=False)
        return token

    def __len__(self) -> int:
        return len(self._sessions)

    def get(self, token: str, user_id: int) -> FormSession | None:
        """The session, if it is still kept and is this person's."""
        self._expire()
        session = self._sessions.get(token)
        return session if session is not None and session.user_id == user_id else None

    def finish(self, token: str) -> None:
        """Forget a form once it has been sent."""
        self._sessions.pop(token, None)

    def _expire(self) -> None:
        now = time.monotonic()
        while self._sessions:
            token, session = next(iter(self._sessions.items()))
            if now - session.started < self.keep:
                break
            del self._sessions[token]


def modal(session: FormSession, token: str, part: int) -> discord.ui.Modal:
    """The modal for part ``part`` of the session's form, filled with what is known."""
    title = session.form.title
    if session.parts > 1:
        suffix = f" ({part + 1}/{session.parts})"
        title = t.clip(title, t.MODAL_TITLE - len(suffix)) + suffix
    view = discord.ui.Modal(title=t.clip(title, t.MODAL_TITLE), custom_id=f"{MODAL}{token}:{part}",
                            timeout=MODAL_SECONDS)
    filled = session.filled()
    for form_field in session.fields_of(part):
        view.add_item(_label(form_field, filled.get(form_field.key, "")))
    return view


def _label(form_field: FormField, initial: str) -> discord.ui.Label[Any]:
    component: discord.ui.Item[Any]
    hint = form_field.hint
    options = YES_NO if form_field.kind is FieldKind.YES_NO else form_field.options
    if form_field.kind in (FieldKind.SELECT, FieldKind.YES_NO) and 0 < len(options) <= t.SELECT_OPTIONS:
        chosen = _yes_no(initial) if form_field.kind is FieldKind.YES_NO else initial
        component = discord.ui.Select(
            custom_id=form_field.key, required=form_field.required, min_values=0 if not form_field.required else 1,
            max_values=1, placeholder="Choose…",
            options=[discord.SelectOption(label=t.clip(label, t.OPTION_TEXT) or value, value=value[: t.OPTION_TEXT],
                                          default=value == chosen) for value, label in options])
    else:
        long = form_field.kind is FieldKind.LONG_TEXT
        placeholder = "YYYY-MM-DD" if form_field.kind is FieldKind.DATE else _choices_hint(options) or form_field.hint
        most = max(1, min(form_field.max_length, t.INPUT_VALUE))
        if len(initial) > most:  # Discord refuses a modal whose text is longer than the box: cut it, and say so
            log.info("The %s field's text (%d characters) was cut to the %d a Discord box holds.", form_field.key,
                     len(initial), most)
            hint = f"Only the first {most:,} characters of {len(initial):,} fit in this box."
        component = discord.ui.TextInput(
            custom_id=form_field.key, style=discord.TextStyle.paragraph if long else discord.TextStyle.short,
            required=form_field.required, max_length=most, default=initial[:most] or None,
            placeholder=t.clip(placeholder, t.PLACEHOLDER) or None)
    description = hint if len(form_field.label) <= t.LABEL_TEXT or hint != form_field.hint else form_field.label
    return discord.ui.Label(text=t.clip(form_field.label, t.LABEL_TEXT), component=component,
                            description=t.clip(description, t.LABEL_DESCRIPTION) or None)


def _choices_hint(options: tuple[tuple[str, str], ...]) -> str:
    return ("one of: " + ", ".join(label for _, label in options)) if options else ""


def _yes_no(value: str) -> str | None:
    word = value.strip().casefold()
    return "yes" if word in ("yes", "y", "true", "1", "on") else "no" if word in ("no", "n", "false", "0", "off") \
        else None


def submitted_answers(components: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The answers of a submitted modal (``data.components`` of the interaction) by field key."""
    answers: dict[str, str] = {}
    for component in components:
        inner = [component["component"]] if "component" in component else component.get("components", [])
        if inner:
            answers.update(submitted_answers(inner))
            continue
        key = component.get("custom_id")
        if not key:
            continue
        if "values" in component:
            if component["values"]:
                answers[key] = str(component["values"][0])
        elif component.get("value"):
            answers[key] = str(component["value"])
    return answers
