"""Private concerns: raising one, routing it as the protocol says, and two-way follow-up.

Anyone on the roster can raise a concern by DM or ``/protocol concern``. The bot
says who will handle it and that it is confidential (not anonymous) before it is
recorded; then only the raiser and the handlers can read it, and every reading,
notification and change is audited by storage. A concern about the Clerk goes to
the Chair and is never shown to the Clerk. A formal code-of-conduct complaint gets
the Monitoring Officer's contact instead, and that advice is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from protocol.concern_routing import ConcernRouter, Route, RoutingError
from protocol.concerns import (
    Concern,
    ConcernCategory,
    ConcernMessage,
    ConcernStatus,
    MessageKind,
)
from protocol.model import ProtocolPack
from storage.errors import ConflictError, StorageUnavailable

from bot.clock import Clock, show_date, uk_date
from bot.concern_forms import CONFIDENTIALITY, CONFIRM, NEW, OTHER, concern_form, message_form, status_form
from bot.council import Council, Person
from bot.forms import FormError, check_answers, parse_inline
from bot.replies import Button, ClauseCard, Reply

PREFIX = "concern."
SHOW = "concern.show"
ACK = "concern.ack"
REPLY = "concern.reply"
QUESTION = "concern.question"
STATUS = "concern.status"
NOT_RECORDED = ("Your concern was NOT recorded: the bot's database is not available just now, and nothing "
                "was sent to anyone. Please try again in a few minutes. What you wrote:")
_MENTION = re.compile(r"^<@!?([A-Z0-9]+)(?:\|[^>]*)?>$", re.I)


class ConcernStore(Protocol):
    """What the desk needs of storage (``storage.concern_repository.ConcernRepository``)."""

    def add(self, concern: Concern, actor: str) -> Concern: ...

    def get_for_system(self, council: str, number: int) -> Concern | None: ...

    def update(self, concern: Concern, actor: str, action: str, *messages: ConcernMessage) -> Concern: ...

    def messages_for_system(self, council: str, number: int) -> list[ConcernMessage]: ...


class AuditTrail(Protocol):
    """Where the desk records what it disclosed in a notification."""

    def append(self, council: str, actor: str, action: str, item: str, detail: str = "") -> Any: ...


@dataclass
class ConcernDesk:
    """Private concerns for one council."""

    council: Council
    pack: ProtocolPack
    store: ConcernStore
    router: ConcernRouter
    audit: AuditTrail
    clock: Clock

    # ------------------------------------------------------------ raising a concern

    def form(self, who: Person, summary: str = "", about: str = "") -> list[Reply]:
        """The concern form (a modal), optionally with a message as its summary and whom it is about."""
        intro = ("Raise a concern privately. " + CONFIDENTIALITY +
                 " You will see who would handle it before anything is recorded.")
        if summary:
            intro = ("If you want to raise this as a private concern, fill in the form: I have put your message "
                     "in it. " + CONFIDENTIALITY + " To look something up instead, type /protocol and a question.")
        given = {key: value for key, value in (("summary", summary), ("about", about)) if value}
        return [Reply.to_asker(intro, form=concern_form(self.council, who, given or None))]

    def new_inline(self, text: str, who: Person) -> list[Reply]:
        """``/protocol concern about="NAME" summary="…" [category=…]``: recorded as it stands."""
        if "=" not in text:
            return self.form(who, summary=text)
        try:
            answers = parse_inline(text)
        except FormError as exc:
            return [Reply.to_asker(f"{exc} Nothing was recorded.")]
        return self.submit_new(answers, who, confirmed=True)

    def submit_new(self, answers: dict[str, str], who: Person, *, confirmed: bool) -> list[Reply]:
        """Check the answers; show who would handle it, or (``confirmed``) record it and tell them."""
        answers = {**answers, **({"about": self._roster_name(answers["about"])} if answers.get("about") else {})}
        form = concern_form(self.council, who, answers, confirm=confirmed)
        try:
            values = check_answers(form, answers)
        except FormError as exc:
            return [Reply.to_asker(f"{exc} Nothing was recorded.", form=concern_form(self.council, who, answers))]
        subject = None if values["about"] == OTHER else self.council.person(values["about"])
        category = ConcernCategory(values.get("category") or self._default_category(who, subject))
        try:
            route = self.router.route(who, subject, category, self.council.concern_routing, self.council.people)
        except RoutingError as exc:
            return [Reply.to_asker(f"{exc} Nothing was recorded.", form=concern_form(self.council, who, answers))]
        if not confirmed:
            checked = {**answers, "category": category.value}
            return [Reply.to_asker(self._preview(route, subject, values),
                                   form=concern_form(self.council, who, checked, confirm=True))]
        return self._record(who, subject, category, route, values)

    def _record(self, who: Person, subject: Person | None, category: ConcernCategory, route: Route,
                values: dict[str, Any]) -> list[Reply]:
        now = self.clock()
        advice_only = route.monitoring_officer
        note_for_clerk = bool(advice_only and values.get("note_for_clerk"))
        handlers = (self.council.clerk.name,) if note_for_clerk else route.handlers
        concern = Concern(
            council=self.council.key, raiser=who.name, category=category, summary=values["summary"],
            handlers=handlers, route=route.rule, created_at=now, about=subject.name if subject else None,
            about_other=values.get("about_other"), hoped_outcome=values.get("outcome") or "",
            clause_id=route.clause_id, note_for_clerk=note_for_clerk,
            status=ConcernStatus.ADVICE_GIVEN if advice_only else ConcernStatus.NEW,
            outcome=self._advice_record() if advice_only else None, closed_at=now if advice_only else None,
        )
        try:
            stored = self.store.add(concern, who.name)
        except StorageUnavailable:
            return [Reply.to_asker(f"{NOT_RECORDED}\n{values['summary']}")]
        if advice_only:
            return self._advice(stored, who, note_for_clerk)
        told = ", ".join(self._named(h) for h in stored.handlers)
        replies = [Reply.to_asker(
            f"Recorded as {stored.ref}. {route.explanation} {told} {'has' if len(stored.handlers) == 1 else 'have'} "
            f"been told, and will reply to you here. {CONFIDENTIALITY}", cards=self._cards(stored))]
        for handler in self._people(stored.handlers):
            replies.append(self._notify_handler(stored, handler, who))
        return replies

    def _preview(self, route: Route, subject: Person | None, values: dict[str, Any]) -> str:
        about = subject.name if subject else (values.get("about_other") or "someone or something else")
        lines = [f"Before I record it: your concern about {about}."]
        if route.monitoring_officer:
            lines.append(self._advice_text())
        else:
            lines.append(route.explanation)
            lines.append(CONFIDENTIALITY)
        if not route.anonymous_ok:
            lines.append("This route cannot accept anonymous reports: your name goes with it.")
        lines.append("Check the form and press Record it, or change what you need to first.")
        return "\n".join(lines)

    # ------------------------------------------------------------ the formal complaint route

    def _advice_text(self) -> str:
        mo = self.council.monitoring_officer
        contact = "; ".join(mo.contact_lines) or "ask the Clerk for the principal council's Monitoring Officer"
        return ("A formal complaint that a councillor has broken the Code of Conduct is not decided by this council: "
                "it goes in writing to the Monitoring Officer of the principal council, who does not accept "
                f"anonymous complaints. Contact: {contact}.")

    def _advice_record(self) -> str:
        return "Advised to complain in writing to the Monitoring Officer; contact details given."

    def _advice(self, stored: Concern, who: Person, note_for_clerk: bool) -> list[Reply]:
        text = f"{self._advice_text()}\nI have recorded that I gave you this advice ({stored.ref})."
        replies = []
        if note_for_clerk:
            clerk = self.council.clerk
            text += f" As you asked, {clerk.name} (the Clerk) has a note of it."
            replies.append(self._notify_handler(stored, clerk, who))
        return [Reply.to_asker(text, cards=self._cards(stored)), *replies]

    # ------------------------------------------------------------ viewing and follow-up

    def show(self, number: int, who: Person) -> list[Reply]:
        """A concern with its conversation, for the raiser or a handler (the reading is audited)."""
        concern = self._readable(number, who)
        if isinstance(concern, Reply):
            return [concern]
        try:
            messages = self.store.messages_for_system(self.council.key, number)  # audited as part of the read
        except StorageUnavailable:
            return [self._unavailable()]
        lines = [f"{concern.ref}: {concern.category.label}, about {self._about(concern)}. "
                 f"Raised by {concern.raiser} on {show_date(uk_date(concern.created_at))}; "
                 f"handled by {', '.join(concern.handlers) or 'no one (advice given)'}; {concern.status.label}.",
                 f"What happened: {concern.summary}"]
        if concern.hoped_outcome:
            lines.append(f"Hoped-for outcome: {concern.hoped_outcome}")
        if concern.outcome:
            lines.append(f"Outcome: {concern.outcome}")
        if messages:
            lines.append("Messages:")
            lines += [f"- {show_date(uk_date(m.at))} {m.author}{_KIND_WORDS[m.kind]}: {m.body}".rstrip(": ")
                      for m in messages]
        return [Reply.to_asker("\n".join(lines), buttons=self._buttons(concern, who))]

    def press(self, action: str, value: str, who: Person) -> list[Reply]:
        """A concern button: show, acknowledge, or open the form for a reply, a question or a status."""
        if not value.isdigit():
            return [self._gone()]
        number = int(value)
        if action == SHOW:
            return self.show(number, who)
        concern = self._actionable(number, action, who)
        if isinstance(concern, Reply):
            return [concern]
        if action == ACK:
            return self._change_status(concern, who, ConcernStatus.ACKNOWLEDGED, "")
        form = {
            REPLY: lambda: message_form(REPLY, number, "Reply about", "Your message"),
            QUESTION: lambda: message_form(QUESTION, number, "Question on", "Your question"),
            STATUS: lambda: status_form(STATUS, number),
        }.get(action)
        return [Reply.to_asker(f"{concern.ref}", form=form())] if form else [self._gone()]

    def submit(self, action: str, value: str, answers: dict[str, str], who: Person) -> list[Reply]:
        """A filled-in concern form."""
        if action == NEW:
            return self.submit_new(answers, who, confirmed=value == CONFIRM)
        if not value.isdigit():
            return [self._gone()]
        number = int(value)
        concern = self._actionable(number, action, who)
        if isinstance(concern, Reply):
            return [concern]
        form = {REPLY: message_form(REPLY, number, "Reply about", "Your message"),
                QUESTION: message_form(QUESTION, number, "Question on", "Your question"),
                STATUS: status_form(STATUS, number)}.get(action)
        if form is None:
            return [self._gone()]
        try:
            values = check_answers(form, answers)
        except FormError as exc:
            return [Reply.to_asker(f"{exc} Nothing was sent.", form=form)]
        if action == STATUS:
            status = ConcernStatus(values["status"])
            if status.is_closed and not values.get("note"):
                return [Reply.to_asker("To close a concern, add a note of the outcome (note=\"…\"). "
                                       "Nothing was changed.", form=form)]
            return self._change_status(concern, who, status, values.get("note") or "")
        kind = MessageKind.QUESTION if action == QUESTION else MessageKind.REPLY
        return self._send(concern, who, kind, values["message"])

    def _send(self, concern: Concern, who: Person, kind: MessageKind, body: str) -> list[Reply]:
        now = self.clock()
        message = ConcernMessage(kind, now, who.name, body, concern_id=concern.id)
        status = concern.status
        if who.name in concern.handlers and status is ConcernStatus.NEW:
            status = ConcernStatus.IN_DISCUSSION  # a handler's first word acknowledges it
        stored = self._update(concern.evolve(status=status), who, kind.value, message)
        if isinstance(stored, Reply):
            return [stored]
        what = "question" if kind is MessageKind.QUESTION else "message"
        replies = [Reply.to_asker(f"Sent: your {what} about {stored.ref}.")]
        for person in self._others(stored, who):
            replies.append(Reply.dm(person, f"{stored.ref}: {who.name} sent a {what}:\n{body}",
                                    buttons=self._buttons(stored, person)))
            self._audit_notify(stored, person, kind.value)
        return replies

    def _change_status(self, concern: Concern, who: Person, status: ConcernStatus, note: str) -> list[Reply]:
        if status is concern.status:
            return [Reply.to_asker(f"{concern.ref} is already {status.label}. Nothing was changed.")]
        now = self.clock()
        changes: dict[str, Any] = {"status": status}
        if status.is_closed:
            changes.update(closed_at=now, outcome=note)
        message = ConcernMessage(MessageKind.STATUS, now, who.name, note, status=status, concern_id=concern.id)
        stored = self._update(concern.evolve(**changes), who, "status", message)
        if isinstance(stored, Reply):
            return [stored]
        text = f"{stored.ref} is now {status.label}" + (f": {note}" if note else ".")
        replies = [Reply.to_asker(f"Done: {text}")]
        for person in self._others(stored, who):
            replies.append(Reply.dm(person, f"{text} (changed by {who.name})", buttons=self._buttons(stored, person)))
            self._audit_notify(stored, person, "status")
        return replies

    def _update(self, concern: Concern, who: Person, action: str, message: ConcernMessage) -> Concern | Reply:
        try:
            return self.store.update(concern, who.name, action, message)
        except ConflictError:
            return Reply.to_asker(f"{concern.ref} changed while you were acting on it; nothing was sent. "
                                  f"Type /protocol concern {concern.ref} to see it now.")
        except StorageUnavailable:
            return self._unavailable()

    # ------------------------------------------------------------ notifications

    def _notify_handler(self, concern: Concern, handler: Person, raiser: Person) -> Reply:
        lines = [f"New concern {concern.ref} from {raiser.name} ({raiser.post}), about {self._about(concern)}: "
                 f"{concern.category.label}. It is confidential to you and {raiser.name}.",
                 f"What happened: {concern.summary}"]
        if concern.hoped_outcome:
            lines.append(f"Hoped-for outcome: {concern.hoped_outcome}")
        if concern.note_for_clerk:
            lines[0] = (f"A note for you, as {raiser.name} asked: they were advised to make a formal code-of-conduct "
                        f"complaint to the Monitoring Officer ({concern.ref}), about {self._about(concern)}.")
        self._audit_notify(concern, handler, "create")
        return Reply.dm(handler, "\n".join(lines), cards=self._cards(concern), buttons=self._buttons(concern, handler))

    def _audit_notify(self, concern: Concern, person: Person, why: str) -> None:
        try:
            self.audit.append(self.council.key, "protocol-bot", "notify", concern.ref, f"to {person.name}: {why}")
        except StorageUnavailable:
            pass  # the change itself is stored and audited; a lost notify entry is not worth failing the reply

    # ------------------------------------------------------------ access

    def _readable(self, number: int, who: Person) -> Concern | Reply:
        """The concern if ``who`` may read it (then the reading is audited), else a reply that leaks nothing."""
        try:
            concern = self.store.get_for_system(self.council.key, number)
            if concern is not None and concern.readable_by(who.name):
                self.audit.append(self.council.key, who.name, "read", concern.ref)
                return concern
        except StorageUnavailable:
            return self._unavailable()
        # The same answer whether it does not exist or is someone else's.
        return Reply.to_asker(f"There is no concern C-{number} that you can see. "
                              "Type /protocol review concerns to list yours.")

    def _actionable(self, number: int, action: str, who: Person) -> Concern | Reply:
        concern = self._readable(number, who)
        if isinstance(concern, Reply):
            return concern
        handler_only = action in (ACK, QUESTION, STATUS)
        if handler_only and who.name not in concern.handlers:
            return Reply.to_asker(f"Only {', '.join(concern.handlers) or 'the handler'} can do that for {concern.ref}.")
        if concern.status.is_closed and action != REPLY:
            return Reply.to_asker(f"{concern.ref} is {concern.status.label}. Nothing was changed.")
        return concern

    def _buttons(self, concern: Concern, viewer: Person) -> tuple[Button, ...]:
        n = str(concern.number)
        if viewer.name in concern.handlers and not concern.status.is_closed:
            first = (Button("Acknowledge", ACK, n),) if concern.status is ConcernStatus.NEW else ()
            return (*first, Button("Reply", REPLY, n), Button("Ask a question", QUESTION, n),
                    Button("Change status", STATUS, n))
        if viewer.name == concern.raiser and concern.handlers:
            return (Button("Reply", REPLY, n),)
        return ()

    def _others(self, concern: Concern, who: Person) -> list[Person]:
        """Everyone else who takes part: the raiser and the handlers."""
        return self._people(n for n in (concern.raiser, *concern.handlers) if n != who.name)

    def _people(self, names: Any) -> list[Person]:
        return [p for p in (self.council.person(n) for n in dict.fromkeys(names)) if p is not None]

    # ------------------------------------------------------------ helpers

    def _roster_name(self, given: str) -> str:
        """A roster name from a name, alias, first name or platform mention; ``other`` and unknowns as typed."""
        given = given.strip()
        if given.casefold() == OTHER:
            return OTHER
        mention = _MENTION.match(given)
        if mention:
            for platform in ("slack", "discord"):
                person = self.council.person_by_platform_id(platform, mention.group(1))
                if person is not None:
                    return person.name
        person = self.council.find_person(given)
        return person.name if person else given

    def _default_category(self, raiser: Person, subject: Person | None) -> ConcernCategory:
        if subject is None:
            return ConcernCategory.OTHER
        if subject.is_officer:
            return ConcernCategory.OFFICER_CONDUCT if raiser.is_member else ConcernCategory.WORKING_RELATIONSHIP
        return ConcernCategory.COUNCILLOR_CONDUCT

    def _about(self, concern: Concern) -> str:
        return concern.about or concern.about_other or "someone or something else"

    def _named(self, name: str) -> str:
        person = self.council.person(name)
        return f"{name} ({person.post})" if person else name

    def _cards(self, concern: Concern) -> tuple[ClauseCard, ...]:
        clause = self.pack.get(concern.clause_id) if concern.clause_id else None
        return (ClauseCard(clause.id, clause.heading, clause.text, self.council.name),) if clause else ()

    def _unavailable(self) -> Reply:
        return Reply.to_asker("The bot's database is not available just now, so nothing was sent or changed. "
                              "Please try again in a few minutes.")

    def _gone(self) -> Reply:
        return Reply.to_asker("That button no longer works: type /protocol review concerns to see yours.")


_KIND_WORDS = {MessageKind.REPLY: "", MessageKind.QUESTION: " asked", MessageKind.STATUS: " changed the status",
               MessageKind.NOTE: " noted"}
