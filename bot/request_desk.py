"""The information-request use cases: intake, assessment, routing, and every action on a request.

A councillor fills in the intake form; the request is assessed against the council's
own protocol (``protocol.need_to_know``), routed to the Clerk or the officer the
Clerk delegated the matter to, stored, and only then confirmed. The officer acts on
it with buttons; actions that need words open a form. Everyone involved is told of
every step by DM. Only the councillor, the officer handling it and the Clerk can see
a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from protocol.need_to_know import Assessment, NeedToKnowAdvisor, RequestFacts
from protocol.request_deadlines import first_deadlines, resumed_due
from protocol.requests import (
    Action,
    EventKind,
    InformationRequest,
    RequestEvent,
    RequestStatus,
    allowed_actions,
)
from protocol.model import ProtocolPack
from protocol.working_days import WorkingCalendar
from storage.errors import ConflictError, StorageUnavailable

from bot.clock import Clock, show_date, uk_date
from bot.council import Council, Delegation, Person
from bot.forms import FormError, check_answers, parse_inline
from bot.replies import Button, ClauseCard, Form, Reply
from bot.request_forms import NEW, extend_form, intake_form, note_form, reassign_form
from bot.request_text import details, history_line, sentence, status_sentence, timing

PREFIX = "request."
MAX_CARDS = 2
SHOW = "request.show"  # value: the request number


class RequestStore(Protocol):
    """What the desk needs of storage (``storage.request_repository.RequestRepository``)."""

    def add(self, request: InformationRequest, event: RequestEvent) -> InformationRequest: ...

    def update(self, request: InformationRequest, *events: RequestEvent) -> InformationRequest: ...

    def get(self, council: str, number: int) -> InformationRequest | None: ...

    def history(self, council: str, number: int) -> list[RequestEvent]: ...


# Button labels, and which actions need a form first.
LABELS = {
    Action.ACKNOWLEDGE: "Acknowledge", Action.CLARIFY: "Ask for clarification", Action.ANSWER: "Answer",
    Action.GRANT: "Grant", Action.GRANT_PART: "Grant in part", Action.REFUSE: "Refuse",
    Action.EXTEND: "Extend deadline", Action.REASSIGN: "Reassign", Action.WITHDRAW: "Withdraw",
}
COUNCILLOR_ACTIONS = frozenset({Action.ANSWER, Action.WITHDRAW})
NOT_RECORDED = ("Your request was NOT recorded: the bot's database is not available just now. "
                "Nothing was sent. Please try again in a few minutes, or email the Clerk. What you typed:")


@dataclass
class RequestDesk:
    """Information requests for one council."""

    council: Council
    pack: ProtocolPack
    store: RequestStore
    advisor: NeedToKnowAdvisor
    calendar: WorkingCalendar
    clock: Clock

    # ------------------------------------------------------------ intake

    def form(self, who: Person) -> list[Reply]:
        """The intake form (a modal on Slack and Discord)."""
        if not who.is_member:
            return [self._members_only()]
        return [Reply.to_asker("Fill in the information request form. Your request goes to the proper officer, "
                               "who decides on it; I add advice from the council's protocol.",
                               form=intake_form(self.council))]

    def new_inline(self, text: str, who: Person) -> list[Reply]:
        """``/protocol request documents="…" purpose="…" …``: submitted as it stands."""
        if "=" not in text:
            return [Reply.to_asker(
                "To ask for information, type /protocol request on its own to open the form, or fill it in "
                'inline: /protocol request documents="…" purpose="…" committee=ID. To look something up in '
                'the protocol instead, ask in other words, like /protocol can I see the papers?')]
        try:
            answers = parse_inline(text)
        except FormError as exc:
            return [Reply.to_asker(f"{exc} Nothing was recorded.")]
        return self.submit_new(answers, who)

    def submit_new(self, answers: dict[str, str], who: Person) -> list[Reply]:
        """Check, assess, route, store and confirm a new request; tell the officer."""
        if not who.is_member:
            return [self._members_only()]
        try:
            values = check_answers(intake_form(self.council), answers)
        except FormError as exc:
            return [Reply.to_asker(f"{exc} Nothing was recorded: change that and send it again.",
                                   form=intake_form(self.council, answers))]
        committee: str | None = values.get("committee")
        matter: str | None = values.get("matter")
        committee_of = self.council.committee(committee) if committee else None
        facts = RequestFacts(
            documents=values["documents"], purpose=values["purpose"], committee=committee or matter,
            committee_name=committee_of.name if committee_of else None,
            on_committee=bool(committee and committee in who.committees),
            constituent=values.get("constituent", False), personal_data=values.get("personal_data", False),
            confidential=values.get("confidential", False),
        )
        assessment = self.advisor.assess(facts)
        officer, delegation = self.council.officer_for(committee, f"{matter or ''} {facts.documents}")
        now = self.clock()
        ack_by, due = first_deadlines(uk_date(now), self.calendar, self.council.requests)
        request = InformationRequest(
            council=self.council.key, requester=who.name, officer=officer.name, documents=facts.documents,
            purpose=facts.purpose, created_at=now, acknowledge_by=ack_by, due=due, committee=committee,
            constituent=facts.constituent, personal_data=facts.personal_data, confidential=facts.confidential,
            verdict=assessment.verdict.value, assessment={**assessment.to_dict(), "matter": matter},
        )
        event = RequestEvent(EventKind.CREATED, now, who.name, self._routing_reason(officer, delegation),
                             {"officer": officer.name, "verdict": assessment.verdict.value})
        try:
            request = self.store.add(request, event)
        except StorageUnavailable:
            return [Reply.to_asker(f"{NOT_RECORDED}\n{details(request, self.council)}")]
        return [self._confirm_new(request, assessment, officer, delegation),
                self._notify_officer_new(request, assessment, officer)]

    # ------------------------------------------------------------ viewing

    def show(self, number: int, who: Person) -> list[Reply]:
        """A request with its history, for someone who may see it."""
        request = self._visible(number, who)
        if isinstance(request, Reply):
            return [request]
        try:
            events = self.store.history(self.council.key, number)
        except StorageUnavailable:
            return [self._unavailable()]
        today = uk_date(self.clock())
        text = "\n".join([
            f"{request.ref}{' [confidential]' if request.confidential else ''}: {request.status.label}, "
            f"with {request.officer}.",
            details(request, self.council),
            sentence(timing(request, today, self.calendar)) + ".",
            f"Advice: {Assessment.from_dict(request.assessment).verdict.label}.",
            *([f"Outcome: {request.outcome}"] if request.outcome else []),
            "History:", *(f"- {history_line(e)}" for e in events),
        ])
        return [Reply.to_asker(text, buttons=self._buttons(request, who))]

    # ------------------------------------------------------------ actions

    def press(self, action: str, value: str, who: Person) -> list[Reply]:
        """A request button: act at once, or open the form the action needs."""
        if action == SHOW:
            return self.show(int(value), who) if value.isdigit() else [self._gone()]
        target = self._target(action, value, who)
        if isinstance(target, Reply):
            return [target]
        act, request = target
        form = self._form_for(act, request)
        if form is None:
            return self._apply(request, act, who, {})
        return [Reply.to_asker(f"{LABELS[act]}: {request.ref}, {_clip(request.documents, 80)}", form=form)]

    def submit(self, action: str, value: str, answers: dict[str, str], who: Person) -> list[Reply]:
        """A filled-in form: the intake form, or an action's."""
        if action == NEW:
            return self.submit_new(answers, who)
        target = self._target(action, value, who)
        if isinstance(target, Reply):
            return [target]
        act, request = target
        form = self._form_for(act, request)
        try:
            values = check_answers(form, answers) if form is not None else {}
        except FormError as exc:
            return [Reply.to_asker(f"{exc} Nothing was changed.", form=form)]
        return self._apply(request, act, who, values)

    def _target(self, action: str, value: str, who: Person) -> tuple[Action, InformationRequest] | Reply:
        """The action and the request a button or form is about, if ``who`` may take it now."""
        try:
            act, number = Action(action.removeprefix(PREFIX)), int(value)
        except ValueError:
            return self._gone()
        request = self._actionable(number, act, who)
        return request if isinstance(request, Reply) else (act, request)

    def _form_for(self, act: Action, request: InformationRequest) -> Form | None:
        n, a = request.number or 0, PREFIX + act.value
        officer = self.council.person(request.officer) or self.council.clerk
        return {
            Action.CLARIFY: lambda: note_form(a, n, f"Clarification R-{n}", "question",
                                              "What do you need the councillor to clarify?", required=True,
                                              hint="your question to the councillor"),
            Action.ANSWER: lambda: note_form(a, n, f"Answer R-{n}", "answer", "Your answer to the officer's question",
                                             required=True, hint="your answer to the officer's question"),
            Action.GRANT: lambda: note_form(a, n, f"Grant R-{n}", "note", "What are you providing, or where is it?",
                                            required=False),
            Action.GRANT_PART: lambda: note_form(a, n, f"Grant in part R-{n}", "reason",
                                                 "What is withheld, and why?", required=True,
                                                 hint="what is withheld and why; shown to the councillor"),
            Action.REFUSE: lambda: note_form(a, n, f"Refuse R-{n}", "reason", "Why is the request refused?",
                                             required=True, hint="the reason, shown to the councillor"),
            Action.EXTEND: lambda: extend_form(a, n),
            Action.REASSIGN: lambda: reassign_form(a, n, self.council, officer),
            Action.WITHDRAW: lambda: note_form(a, n, f"Withdraw R-{n}", "reason", "Why? (optional)",
                                               required=False),
        }.get(act, lambda: None)()

    def _apply(self, request: InformationRequest, act: Action, who: Person, values: dict[str, Any]) -> list[Reply]:
        now = self.clock()
        today = uk_date(now)
        change = _Change(request, now)
        problem = getattr(self, f"_do_{act.value}")(change, who, values, today)
        if problem:
            return [Reply.to_asker(problem)]
        try:
            stored = self.store.update(change.request, *change.events(who.name))
        except ConflictError:
            return [Reply.to_asker(f"{request.ref} changed while you were acting on it; nothing was done. "
                                   "Here is where it stands now:"), *self.show(request.number or 0, who)]
        except StorageUnavailable:
            return [self._unavailable()]
        return self._tell_everyone(stored, request, change, who)

    # One method per action: change the request, or return why not (a sentence).

    def _do_acknowledge(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        c.set(EventKind.ACKNOWLEDGED, "", status=RequestStatus.ACKNOWLEDGED)
        return None

    def _do_clarify(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        c.set(EventKind.CLARIFICATION_ASKED, v["question"], status=RequestStatus.AWAITING_CLARIFICATION,
              paused_at=c.now)
        return None

    def _do_answer(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        r = c.request
        paused_on = uk_date(r.paused_at) if r.paused_at else today
        due = resumed_due(r.due, paused_on, today, self.calendar)
        c.set(EventKind.CLARIFIED, v["answer"], {"due": due.isoformat()}, status=RequestStatus.ACKNOWLEDGED,
              paused_at=None, due=due)
        return None

    def _do_grant(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        note = v.get("note")
        c.set(EventKind.GRANTED, note or "", status=RequestStatus.GRANTED, decided_at=c.now, outcome=note,
              paused_at=None)
        return None

    def _do_grant_part(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        c.set(EventKind.PARTLY_GRANTED, v["reason"], status=RequestStatus.PARTLY_GRANTED, decided_at=c.now,
              outcome=v["reason"], paused_at=None)
        return None

    def _do_refuse(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        c.set(EventKind.REFUSED, v["reason"], status=RequestStatus.REFUSED, decided_at=c.now, outcome=v["reason"],
              paused_at=None)
        return None

    def _do_extend(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        new_due: date = v["due"]
        if new_due <= c.request.due or new_due < today:
            return (f"The new deadline must be after the current one ({show_date(c.request.due)}) and not in the "
                    "past: choose a later date. Nothing was changed.")
        if not self.calendar.is_working_day(new_due):
            why = self.calendar.holiday_name(new_due) or "not a working day"
            suggestion = show_date(self.calendar.next_working_day(new_due))
            return f"{show_date(new_due)} is {why}: choose a working day, such as {suggestion}. Nothing was changed."
        c.set(EventKind.EXTENDED, v["reason"], {"from": c.request.due.isoformat(), "to": new_due.isoformat()},
              due=new_due, extended=True, reminded=False, escalated=False)
        return None

    def _do_reassign(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        new = self.council.person(v["officer"])
        if new is None or not new.is_officer:
            return "Choose an officer from the list. Nothing was changed."
        c.set(EventKind.REASSIGNED, v.get("reason") or "", {"from": c.request.officer, "to": new.name},
              officer=new.name, ack_reminded=False, reminded=False, escalated=False)
        return None

    def _do_withdraw(self, c: _Change, who: Person, v: dict[str, Any], today: date) -> str | None:
        c.set(EventKind.WITHDRAWN, v.get("reason") or "", status=RequestStatus.WITHDRAWN, decided_at=c.now,
              paused_at=None)
        return None

    # ------------------------------------------------------------ telling people

    def _tell_everyone(self, new: InformationRequest, old: InformationRequest, change: _Change,
                       who: Person) -> list[Reply]:
        kind, detail = change.kind, change.detail
        assert kind is not None
        today = uk_date(change.now)
        requester = self.council.person(new.requester)
        officer = self.council.person(new.officer)
        ref = new.ref
        replies = [Reply.to_asker(f"Done: you {_DONE[kind]} ({ref}). {_who_was_told(new, old, who)}".rstrip())]
        why = f"\n{_WHY[kind]}: {detail}" if detail else ""
        cards = self._cards(new) if kind in (EventKind.REFUSED, EventKind.PARTLY_GRANTED) else ()
        if requester is not None and requester != who:
            text = f"{ref} ({_clip(new.documents, 60)}): {who.name} {_DONE[kind]}.{why}"
            if kind in (EventKind.REFUSED, EventKind.PARTLY_GRANTED):
                text += "\n" + self._foi_sentence(new)
            elif kind is EventKind.CLARIFICATION_ASKED:
                text += "\nThe clock is stopped until you answer."
            elif not new.status.is_closed:
                text += f"\n{sentence(timing(new, today, self.calendar))}."
            replies.append(Reply.dm(requester, text, cards=cards, buttons=self._buttons(new, requester)))
        if officer is not None and officer != who:
            if kind is EventKind.REASSIGNED:
                replies.append(self._notify_officer_new(new, Assessment.from_dict(new.assessment), officer,
                                                        reassigned_by=who))
            else:
                text = f"{ref}: {who.name} {_DONE[kind]}.{why}\n{sentence(timing(new, today, self.calendar))}."
                replies.append(Reply.dm(officer, text, buttons=self._buttons(new, officer)))
        previous = self.council.person(old.officer)
        if kind is EventKind.REASSIGNED and previous is not None and previous not in (who, officer):
            replies.append(Reply.dm(previous, f"{ref} has been reassigned to {new.officer} by {who.name}; "
                                              "you no longer handle it."))
        return replies

    def _confirm_new(self, request: InformationRequest, assessment: Assessment, officer: Person,
                     delegation: Delegation | None) -> Reply:
        routed = f"It has gone to {officer.name} ({officer.post})"
        if delegation is not None:
            routed += ", to whom the Clerk has delegated this matter"
        confidential = (" It is confidential: only you, the officer handling it and the Clerk can see it."
                        if request.confidential else "")
        text = "\n".join([
            f"Recorded as {request.ref}. {routed}.{confidential}",
            f"Acknowledgement due by {show_date(request.acknowledge_by)}; answer due by {show_date(request.due)} "
            f"({self.council.requests.answer_days} working days).",
            f"Advice from the protocol (the officer decides): {assessment.verdict.label}. {assessment.summary}",
            *(f"- {p.text}" + (f" (clause {p.clause_id})" if p.clause_id else "") for p in assessment.points),
        ])
        return Reply.to_asker(text, cards=self._cards(request),
                              buttons=(Button("Withdraw", PREFIX + Action.WITHDRAW.value, str(request.number)),))

    def _notify_officer_new(self, request: InformationRequest, assessment: Assessment, officer: Person,
                            reassigned_by: Person | None = None) -> Reply:
        today = uk_date(self.clock())
        how = f"reassigned to you by {reassigned_by.name}" if reassigned_by else "for you to decide"
        flag = " It is CONFIDENTIAL: do not share it with other members." if request.confidential else ""
        text = "\n".join([
            f"Information request {request.ref} from Cllr {request.requester}, {how}.{flag}",
            details(request, self.council),
            f"{sentence(timing(request, today, self.calendar))}; acknowledge by "
            f"{show_date(request.acknowledge_by)}.",
            f"Advice from the protocol (yours is the decision): {assessment.verdict.label}. {assessment.summary}",
            *(f"- {p.text}" + (f" (clause {p.clause_id})" if p.clause_id else "") for p in assessment.points),
        ])
        return Reply.dm(officer, text, cards=self._cards(request),
                        buttons=self._buttons(request, officer))

    def _foi_sentence(self, request: InformationRequest) -> str:
        point = next((p for p in Assessment.from_dict(request.assessment).points if p.key == "foi"), None)
        if point is not None:
            return point.text + (f" (clause {point.clause_id})" if point.clause_id else "")
        return ("You can still ask under the Freedom of Information Act 2000, as anyone can: "
                "write to the Clerk.")

    def _cards(self, request: InformationRequest) -> tuple[ClauseCard, ...]:
        """The first clauses the assessment cites, quoted (the rest are cited by id in the text)."""
        ids = Assessment.from_dict(request.assessment).clause_ids
        clauses = [c for c in (self.pack.get(i) for i in ids) if c is not None]
        return tuple(ClauseCard(c.id, c.heading, c.text, self.council.name) for c in clauses[:MAX_CARDS])

    # ------------------------------------------------------------ permissions

    def _buttons(self, request: InformationRequest, viewer: Person) -> tuple[Button, ...]:
        officer_side = viewer.name in (request.officer, self.council.clerk.name)
        buttons = []
        for act in allowed_actions(request.status):
            mine = viewer.name == request.requester if act in COUNCILLOR_ACTIONS else officer_side
            if mine:
                buttons.append(Button(LABELS[act], PREFIX + act.value, str(request.number)))
        return tuple(buttons)

    def _visible(self, number: int, who: Person) -> InformationRequest | Reply:
        try:
            request = self.store.get(self.council.key, number)
        except StorageUnavailable:
            return self._unavailable()
        if request is None or not request.visible_to(who.name, self.council.clerk.name):
            # The same answer whether it does not exist or is not theirs: nothing leaks.
            return Reply.to_asker(f"There is no request R-{number} that you can see. "
                                  "Type /protocol review requests to list yours.")
        return request

    def _actionable(self, number: int, act: Action, who: Person) -> InformationRequest | Reply:
        request = self._visible(number, who)
        if isinstance(request, Reply):
            return request
        if act in COUNCILLOR_ACTIONS and who.name != request.requester:
            return Reply.to_asker(f"Only Cllr {request.requester}, who made {request.ref}, can do that.")
        if act not in COUNCILLOR_ACTIONS and who.name not in (request.officer, self.council.clerk.name):
            return Reply.to_asker(f"Only {request.officer}, who handles {request.ref}, or the Clerk can do that.")
        if act not in allowed_actions(request.status):
            return Reply.to_asker(f"{status_sentence(request)} Nothing was changed."
                                  if act is not Action.ACKNOWLEDGE or request.status.is_closed
                                  else f"{request.ref} is already acknowledged. Nothing was changed.")
        return request

    def _routing_reason(self, officer: Person, delegation: Delegation | None) -> str:
        if delegation is None:
            return f"routed to the Proper Officer, {officer.name}"
        what = ", ".join([*delegation.committees, *delegation.matters])
        return f"routed to {officer.name}: the Clerk has delegated {what}"

    def _members_only(self) -> Reply:
        clerk = self.council.clerk
        return Reply.to_asker(f"Information requests are for councillors. As an officer, ask the Clerk, "
                              f"{clerk.name}, directly.")

    def _unavailable(self) -> Reply:
        return Reply.to_asker("The bot's database is not available just now, so nothing was changed. "
                              "Please try again in a few minutes.")

    def _gone(self) -> Reply:
        return Reply.to_asker("That button no longer works: type /protocol review requests to see your requests.")


class _Change:
    """The change an action makes: the new request and the one event that records it."""

    def __init__(self, request: InformationRequest, now: datetime) -> None:
        self.request = request
        self.now = now
        self.kind: EventKind | None = None
        self.detail = ""
        self.data: dict[str, Any] = {}

    def set(self, kind: EventKind, detail: str, data: dict[str, Any] | None = None, **changes: Any) -> None:
        self.kind, self.detail, self.data = kind, detail, data or {}
        self.request = self.request.evolve(**changes)

    def events(self, actor: str) -> list[RequestEvent]:
        assert self.kind is not None
        return [RequestEvent(self.kind, self.now, actor, self.detail, self.data, request_id=self.request.id)]


_DONE = {
    EventKind.ACKNOWLEDGED: "acknowledged the request",
    EventKind.CLARIFICATION_ASKED: "asked for clarification",
    EventKind.CLARIFIED: "answered the question; the clock has restarted",
    EventKind.GRANTED: "granted the request",
    EventKind.PARTLY_GRANTED: "granted the request in part",
    EventKind.REFUSED: "refused the request",
    EventKind.EXTENDED: "extended the deadline",
    EventKind.REASSIGNED: "reassigned the request",
    EventKind.WITHDRAWN: "withdrew the request",
}
_WHY = {
    EventKind.CLARIFICATION_ASKED: "Question", EventKind.CLARIFIED: "Answer", EventKind.GRANTED: "Note",
    EventKind.PARTLY_GRANTED: "Withheld, and why", EventKind.REFUSED: "Reason", EventKind.EXTENDED: "Reason",
    EventKind.REASSIGNED: "Reason", EventKind.WITHDRAWN: "Reason",
}


def _who_was_told(new: InformationRequest, old: InformationRequest, who: Person) -> str:
    told = [n for n in dict.fromkeys((new.requester, new.officer, old.officer)) if n != who.name]
    return f"{' and '.join(told)} {'has' if len(told) == 1 else 'have'} been told." if told else ""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
