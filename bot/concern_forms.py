"""The forms of private concerns: raising one, checking it before it is recorded, and follow-up."""

from __future__ import annotations

from typing import Mapping

from protocol.concerns import HANDLER_STATUSES, ConcernCategory

from bot.council import Council, Person
from bot.replies import FieldKind, Form, FormField

NEW = "concern.new"  # value "" for the first form, "confirm" for the check-and-record form
CONFIRM = "confirm"
OTHER = "other"
MAX_SUMMARY = 6000
MAX_MESSAGE = 4000

CONFIDENTIALITY = ("A concern is confidential between you and the person who handles it: nobody else can "
                   "read it, every reading is logged, and it is not anonymous to them.")


def concern_form(council: Council, raiser: Person, answers: Mapping[str, str] | None = None, *,
                 confirm: bool = False) -> Form:
    """The concern form; with ``confirm``, the same fields filled in, to check before recording."""
    given = dict(answers or {})
    people = tuple((p.name, f"{p.name} ({p.post})") for p in council.people if p != raiser)
    categories = tuple((c.value, c.label) for c in ConcernCategory)
    return Form(
        title="Check and record your concern" if confirm else "Raise a concern privately",
        action=NEW,
        value=CONFIRM if confirm else "",
        submit_label="Record it" if confirm else "Next",
        fields=(
            FormField("about", "Who is it about?", FieldKind.SELECT, options=(*people, (OTHER, "Someone or "
                      "something else")), initial=given.get("about", ""), hint="a person on the roster, or other"),
            FormField("about_other", "If someone or something else: who or what?", required=False, max_length=200,
                      initial=given.get("about_other", "")),
            FormField("category", "What kind of concern is it?", FieldKind.SELECT, required=False,
                      options=categories, initial=given.get("category", "")),
            FormField("summary", "What happened?", FieldKind.LONG_TEXT, max_length=MAX_SUMMARY,
                      initial=given.get("summary", ""), hint="what happened, when, and who was there"),
            FormField("outcome", "What outcome do you hope for?", FieldKind.LONG_TEXT, required=False,
                      max_length=2000, initial=given.get("outcome", "")),
            FormField("note_for_clerk", "For a formal complaint: also leave a note for the Clerk?", FieldKind.YES_NO,
                      required=False, initial=given.get("note_for_clerk", "")),
        ),
    )


def message_form(action: str, number: int, title: str, label: str) -> Form:
    """A reply or a question about concern ``number``."""
    return Form(title=f"{title} C-{number}", action=action, value=str(number), submit_label="Send",
                fields=(FormField("message", label, FieldKind.LONG_TEXT, max_length=MAX_MESSAGE),))


def status_form(action: str, number: int) -> Form:
    """A new status for concern ``number``; closing ones need an outcome note."""
    return Form(title=f"Status of C-{number}", action=action, value=str(number), submit_label="Change",
                fields=(FormField("status", "New status", FieldKind.SELECT,
                                  options=tuple((s.value, s.label) for s in HANDLER_STATUSES)),
                        FormField("note", "Note (required to close: the outcome)", FieldKind.LONG_TEXT,
                                  required=False, max_length=MAX_MESSAGE)))
