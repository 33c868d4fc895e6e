"""The forms of information requests: intake, and each officer or councillor action.

One definition per form serves inline ``key=value`` fields, Slack and Discord modals
and the console's ``:fill`` (see ``bot.forms``).
"""

from __future__ import annotations

from dataclasses import replace

from bot.council import Council, Person
from bot.replies import FieldKind, Form, FormField

NEW = "request.new"  # the intake form; its value is empty

MAX_DOCUMENTS = 2000
MAX_PURPOSE = 3000
MAX_NOTE = 3000


def intake_form(council: Council, answers: dict[str, str] | None = None) -> Form:
    """The form a councillor fills in to ask for information (with ``answers``: as they filled it so far)."""
    given = answers or {}
    committees = tuple((c.id, c.name) for c in council.committees)
    fields = (
        FormField("documents", "What information or documents do you want?", FieldKind.LONG_TEXT,
                  hint="what you want, as exactly as you can", max_length=MAX_DOCUMENTS),
        FormField("purpose", "Why do you need it for your role as a councillor?", FieldKind.LONG_TEXT,
                  hint="why you need it for your role as a councillor", max_length=MAX_PURPOSE),
        *((FormField("committee", "Which committee is it for?", FieldKind.SELECT, required=False,
                     options=committees),) if committees else ()),
        FormField("matter", "Or which matter is it about?", required=False, max_length=200,
                  hint="a matter that is not a committee's"),
        FormField("constituent", "Is it on behalf of a constituent?", FieldKind.YES_NO, required=False),
        FormField("personal_data", "Does it involve personal data about other people?", FieldKind.YES_NO,
                  required=False),
        FormField("confidential", "Keep the request and its answer confidential from other members?",
                  FieldKind.YES_NO, required=False),
    )
    if given:
        fields = tuple(replace(f, initial=str(given.get(f.key) or "")[:f.max_length]) for f in fields)
    return Form(title="Information request", action=NEW, submit_label="Send request", fields=fields)


def note_form(action: str, number: int, title: str, key: str, label: str, *, required: bool,
              hint: str = "") -> Form:
    """A one-field form for an action that needs words (a reason, a question, an answer)."""
    return Form(title=title, action=action, value=str(number), submit_label=title.split(" R-")[0],
                fields=(FormField(key, label, FieldKind.LONG_TEXT, required=required, hint=hint,
                                  max_length=MAX_NOTE),))


def extend_form(action: str, number: int) -> Form:
    """New deadline and the reason for it."""
    return Form(title=f"Extend R-{number}", action=action, value=str(number), submit_label="Extend",
                fields=(FormField("due", "New deadline (YYYY-MM-DD)", FieldKind.DATE, hint="a working day"),
                        FormField("reason", "Why is more time needed?", FieldKind.LONG_TEXT,
                                  hint="shown to the councillor", max_length=MAX_NOTE)))


def reassign_form(action: str, number: int, council: Council, current: Person) -> Form:
    """Another officer to handle the request."""
    officers = tuple((p.name, f"{p.name} ({p.post})") for p in council.people if p.is_officer and p != current)
    return Form(title=f"Reassign R-{number}", action=action, value=str(number), submit_label="Reassign",
                fields=(FormField("officer", "Which officer should handle it?", FieldKind.SELECT, options=officers),
                        FormField("reason", "Why? (optional)", FieldKind.LONG_TEXT, required=False,
                                  max_length=MAX_NOTE)))
