"""The platform-neutral reply model: what the bot says, to whom, with which buttons.

Use cases return a list of :class:`Reply`; adapters render each one (Block Kit and
``chat.postEphemeral`` on Slack, embeds and ``discord.ui.View`` on Discord, text in
the console). Nothing here knows a platform.

A reply may carry a :class:`Form`: a modal on Slack and Discord, a list of fields
to fill with ``:fill`` in the console. Forms are described as neutrally as buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.council import Person


class Audience(StrEnum):
    """Who sees a reply."""

    CHANNEL = "channel"  # everyone in the channel (or DM) where the event happened
    ASKER = "asker"  # only the person who asked (ephemeral on Slack and Discord)
    DM = "dm"  # a direct message to ``Reply.to``, a person of the roster


@dataclass(frozen=True)
class ClauseCard:
    """A quoted clause of the council's protocol, cited by id and heading."""

    clause_id: str
    heading: str
    text: str
    council: str

    @property
    def citation(self) -> str:
        """``10.3 Press and media, Brookfield Town Council``; the heading left out if empty."""
        label = f"{self.clause_id} {self.heading}".strip() if self.heading else self.clause_id
        return f"{label}, {self.council}"


@dataclass(frozen=True)
class Button:
    """A button: ``action`` names the handler, ``value`` is what it acts on.

    Only ``action`` and ``value`` come back when it is pressed; ``label`` is what
    the person sees.
    """

    label: str
    action: str
    value: str = ""


class FieldKind(StrEnum):
    """How a form field is entered."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # a paragraph
    SELECT = "select"  # one of ``options``
    YES_NO = "yes_no"
    DATE = "date"  # YYYY-MM-DD


@dataclass(frozen=True)
class FormField:
    """One field of a form; ``options`` are (value, label) pairs for a select."""

    key: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    options: tuple[tuple[str, str], ...] = ()
    initial: str = ""
    hint: str = ""
    max_length: int = 3000


@dataclass(frozen=True)
class Form:
    """A form to fill in (a modal). Submitting it calls ``ProtocolBot.submit(action, value, answers)``."""

    title: str
    action: str
    fields: tuple[FormField, ...]
    value: str = ""
    submit_label: str = "Submit"


@dataclass(frozen=True)
class Reply:
    """One message from the bot. Build it with :meth:`to_asker`, :meth:`to_channel` or :meth:`dm`."""

    audience: Audience
    text: str
    cards: tuple[ClauseCard, ...] = ()
    buttons: tuple[Button, ...] = ()
    to: Person | None = None
    form: Form | None = None

    def __post_init__(self) -> None:
        if (self.audience is Audience.DM) != (self.to is not None):
            raise ValueError("a DM reply needs a recipient (to=...), and only a DM reply has one")

    @classmethod
    def to_asker(cls, text: str, *, cards: tuple[ClauseCard, ...] = (), buttons: tuple[Button, ...] = (),
                 form: Form | None = None) -> Reply:
        """A reply only the asker sees (with ``form``: a form for them to fill in)."""
        return cls(Audience.ASKER, text, cards, buttons, form=form)

    @classmethod
    def to_channel(cls, text: str, *, cards: tuple[ClauseCard, ...] = (), buttons: tuple[Button, ...] = ()) -> Reply:
        """A reply everyone in the channel sees."""
        return cls(Audience.CHANNEL, text, cards, buttons)

    @classmethod
    def dm(cls, person: Person, text: str, *, cards: tuple[ClauseCard, ...] = (),
           buttons: tuple[Button, ...] = ()) -> Reply:
        """A direct message to ``person``."""
        return cls(Audience.DM, text, cards, buttons, to=person)

    @property
    def is_private(self) -> bool:
        """True unless everyone in the channel sees it."""
        return self.audience is not Audience.CHANNEL
