"""Who handles a private concern, as the council's protocol says, and the clause to cite.

A concern is routed by who raised it, whom it is about and its category:

1. a formal code-of-conduct complaint about a councillor: the principal council's
   Monitoring Officer, in writing and not anonymously (no one at the council handles it);
2. a member of staff's concern about their own employment: a grievance, for the chair of
   the personnel committee (the Chair of the Council if there is none);
3. anything about the Clerk: the Chair (the Vice-Chair if the Chair raised it), never the Clerk;
4. an officer's political neutrality: the Clerk;
5. a councillor about an officer: the Clerk (some councils, such as Bracknell, say the Chair);
6. an officer about a councillor: the Clerk; the personnel chair, or else the Chair, if the
   Clerk raised it; the personnel chair, or else the Vice-Chair, if it is about the Chair;
7. a councillor about a councillor: the Chair (the Vice-Chair if it involves the Chair);
8. an officer about an officer: the Clerk (the Chair if the Clerk raised it);
9. anything else: the Clerk (the Chair if the Clerk raised it).

The council's :class:`~protocol.concerns.RoutingPolicy` sets each rule's usual target. Whatever
the rule, a concern never goes to the person it is about nor to the one who raised it: when
the target is either, or is not on the roster, it falls back along the Clerk, the Chair, the
Vice-Chair and the personnel chair. The clause for each rule is found by searching the
council's own protocol (see :mod:`protocol.clause_finder`), never by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from protocol.clause_finder import Finder, find_clauses, rx
from protocol.concerns import ROUTE_TARGETS, ConcernCategory, RoutingPolicy
from protocol.model import ProtocolPack
from protocol.search import ClauseIndex

OFFICER_ROLES = frozenset({"clerk", "deputy_clerk", "rfo", "officer"})
MEMBER_ROLES = frozenset({"chair", "vice_chair", "councillor"})
CHAIN = ("clerk", "chair", "vice_chair", "personnel_chair")  # the fallback order, after the rule's own targets

RULES = (
    "code_of_conduct",
    "grievance",
    "about_clerk",
    "political_neutrality",
    "councillor_about_officer",
    "officer_about_councillor",
    "councillor_about_councillor",
    "officer_about_officer",
    "other",
)


class Party(Protocol):
    """Someone on the roster: anything with a name and a role (``clerk`` … ``councillor``)."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


class RoutingError(ValueError):
    """The concern cannot be routed; the message says, in a sentence, what to do instead."""


@dataclass(frozen=True)
class Route:
    """Where a concern goes, why, and the council's clause for it."""

    rule: str  # one of RULES
    handlers: tuple[str, ...]  # roster names; empty for the Monitoring Officer route
    monitoring_officer: bool  # a formal code-of-conduct complaint: in writing to the principal council's MO
    anonymous_ok: bool  # False for the Monitoring Officer and for grievances
    explanation: str  # one or two plain-English sentences for the raiser, naming the handler and post
    clause_id: str | None  # the council's clause this rests on, if its protocol has one


# ---------------------------------------------------------------------------
# Finding the council's clauses
# ---------------------------------------------------------------------------

_STAFF = r"(?:officers?|employees?|staff|(?:town |parish )?clerk|proper officer)"
_HANDLER = r"(?:(?:town |parish )?clerk|chair\w*|mayor|proper officer|line manager|personnel|staffing)"
_UNEASY = r"(?:concern(?:ed|s)?|unhappy|dissatisfied|complain\w*|believes?|feels?|felt|considers?|worried|aggrieved)"
_NOT_A_MEMBER = r"(?:(?!councillor|mayor|\bmembers?\b(?! of staff))[^.])"

FINDERS: tuple[Finder, ...] = (
    Finder(
        "councillor_about_officer",
        ("councillor complaint about an officer raise with the clerk",
         "councillor dissatisfied with the conduct behaviour or performance of an employee",
         "never criticise officers in public, raise concerns privately",
         "member unhappy about the conduct of an officer take up the concern"),
        (rx(rf"(?:(?:dissatisfied|unhappy)\s+(?:about|with|over|regarding)|"
            rf"(?:concerns?|concerned|complaints?|criticism)\s+(?:about|over|regarding|relating to|of))"
            rf"\b{_NOT_A_MEMBER}{{0,60}}?\b(?:officers?|employees?|staff|(?:town |parish )?clerk)\b"),
         rx(rf"\b(?:rais\w*|take up|taken up|report\w*|refer\w*|tell|direct\w*)\b[^.]{{0,50}}?\b(?:with|to)\b"
            rf"[^.]{{0,30}}?\b{_HANDLER}")),
        prefer=rx(r"(?:with|to) the (?:town |parish )?(?:clerk|chair(?:man)?|mayor|proper officer)\b"),
    ),
    Finder(
        "about_clerk",
        ("complaint about the clerk raised with the chair", "concern about the Clerk should be raised with the Chair",
         "dissatisfied with the conduct of the clerk report to the chairman"),
        (rx(r"\b(?:concerns?|concerned|complaints?|dissatisfied|unhappy|grievances?)\b"),
         rx(r"\b(?:about|relates? to|relating to|concerning|involving|against|of)\s+(?:the\s+)?(?:town\s+|parish\s+)?"
            r"(?:clerk|officer)\b[^.]{0,100}?\b(?:with|to)\s+the\s+(?:chair(?:man)?|mayor|vice[- ]chair(?:man)?|"
            r"(?:personnel|staffing|hr) committee)\b")),
    ),
    Finder(
        "code_of_conduct",
        ("code of conduct complaint monitoring officer",
         "allegation that a councillor has breached the code of conduct",
         "formal written complaint breach of the code of conduct referred to the monitoring officer"),
        (rx(r"monitoring officer"), rx(r"code of conduct"), rx(r"complain|alleg|breach")),
    ),
    Finder(
        "officer_about_councillor",
        ("officer concerns about a councillor's conduct raise with the clerk",
         "employee concerned about how a councillor has treated them",
         "relationship between councillors and officers breaks down procedure for officers"),
        (rx(rf"\b{_STAFF}\b[^.]{{0,60}}?\b{_UNEASY}\b"
            r"(?:(?!\b(?:officers?|employees?)\b)[^.]){0,60}?\b(?:councillors?|members?(?! of staff)|mayor)\b|"
            r"relationship between (?:the )?(?:councillors|members) and (?:the )?(?:town |parish )?"
            r"(?:clerk|officers?|employees|staff)[^.]{0,60}?break down"),),
        prefer=rx(r"(?:with|to|tell) the (?:town |parish )?(?:clerk|chair(?:man)?|mayor)\b"),
    ),
    Finder(
        "political_neutrality",
        ("political neutrality officers serve the council as a whole",
         "concerns about the political neutrality of an officer",
         "officers politically impartial not influenced by political views"),
        (rx(r"\b(?:officers?|officer's|officers'|employees?|staff|clerk)\b[^.]{0,80}?(?:neutral\w*|impartial\w*|"
            r"not influenced by political|political (?:views|opinions|group)|party politic\w*)|"
            r"(?:neutrality|impartiality) of (?:the )?(?:officers?|employees|staff|clerk)"),),
        prefer=rx(r"neutral|not influenced by political|duty to be impartial"),
        reject=rx(r"^\W*(?:members?|councillors?)\b[^.]{0,40}\b(?:must|should) not"),
    ),
    Finder(
        "grievance",
        ("grievance procedure", "employees raise concerns or complaints about their employment",
         "formal grievance procedure for staff"),
        (rx(r"grievance"),),
        prefer=rx(r"(?:employees?|staff)\b[^.]{0,40}\b(?:raise|use)|about their employment"),
    ),
    Finder(
        "councillor_about_councillor",
        ("councillor concern about another councillor's conduct", "disagreements between councillors",
         "resolve concerns informally before a formal complaint"),
        (rx(r"(?:councillors?|members?)\b[^.]{0,60}?\b(?:concern\w*|complain\w*|unhappy|dissatisfied|allegation)\b"
            r"[^.]{0,60}?\b(?:another|other|fellow) (?:councillor|member)|"
            r"(?:disagreements?|disputes?|conflicts?) between (?:councillors|members)\b"
            r"(?! and (?:the )?(?:officers|employees|staff|clerk))|"
            r"resolve[^.]{0,60}?informally[^.]{0,80}?formal (?:written )?(?:allegation|complaint)"),),
    ),
    Finder(
        "officer_about_officer",
        ("the clerk is the line manager of all other staff", "clerk manages the council's employees",
         "officers led by the clerk management of employees"),
        (rx(r"\b(?:clerk|proper officer)\b[^.]{0,120}?(?:line[- ]manag\w*|lead officer|"
            r"manag(?:es|er of) (?:all )?(?:the )?(?:other )?(?:staff|employees))|"
            r"led by the (?:town |parish )?clerk[^.]{0,120}\.[^.]{0,80}management of (?:employees|staff)"),),
        prefer=rx(r"line[- ]manag"),
        fallback="grievance",
    ),
    Finder(
        "bullying",
        ("officers not to be bullied", "bullying and harassment by councillors",
         "not to be bullied or put under undue pressure"),
        (rx(r"\bbull(?:y|ied|ying)\b"),),
    ),
)


# ---------------------------------------------------------------------------
# Posts and people
# ---------------------------------------------------------------------------

_POST_LABELS = {
    "clerk": "the Clerk",
    "chair": "the Chair of the Council",
    "vice_chair": "the Vice-Chair of the Council",
    "personnel_chair": "the chair of the personnel committee",
}
_ROLE_LABELS = {
    "clerk": "the Clerk",
    "deputy_clerk": "the Deputy Clerk",
    "rfo": "the Responsible Financial Officer",
    "officer": "an officer",
    "chair": "the Chair of the Council",
    "vice_chair": "the Vice-Chair of the Council",
    "councillor": "a councillor",
}


def role_of(party: Party) -> str:
    """The party's role as a plain lower-case key (``vice_chair``), whatever form it came in."""
    role = getattr(party.role, "value", party.role)
    return str(role).strip().lower().replace("-", "_").replace(" ", "_")


def is_officer(party: Party) -> bool:
    """True for staff: the clerk, a deputy clerk, the RFO or another officer."""
    return role_of(party) in OFFICER_ROLES


def is_member(party: Party) -> bool:
    """True for elected members: the chair, the vice-chair or a councillor."""
    return role_of(party) in MEMBER_ROLES


def _key(name: str) -> str:
    """A name folded for comparison: case and spacing ignored."""
    return " ".join(name.split()).casefold()


def _same(a: str, b: str) -> bool:
    """True if two names are the same, ignoring case and spacing."""
    return _key(a) == _key(b)


def _title(party: Party) -> str | None:
    """The person's title as it reads in a sentence (``the Town Clerk``), or None."""
    title = getattr(party, "title", None)
    if not isinstance(title, str) or not title.strip():
        return None
    title = title.strip()
    return title if title.lower().startswith("the ") else f"the {title}"


def _post_of(party: Party) -> str:
    """How to name a person's post: their title, or their role."""
    return _title(party) or _ROLE_LABELS.get(role_of(party), "a member of the council")


def _described(party: Party, post: str | None) -> str:
    """``the Chair of the Council, Grace Adeyemi``: the post the person fills here, then their name."""
    if post == "personnel_chair":
        label = _POST_LABELS[post]
    elif post in _POST_LABELS:
        label = _title(party) or _POST_LABELS[post]
    else:
        label = _post_of(party)
    if label == "a councillor":
        return f"Councillor {party.name}"
    if label == "an officer":
        return f"{party.name}, an officer of the council"
    return f"{label}, {party.name}"


@dataclass(frozen=True)
class _Roster:
    """The people a concern may go to, found by post or by name."""

    people: tuple[Party, ...]
    personnel_chair: str | None

    def holder(self, target: str) -> Party | None:
        """Who fills a target: a post (``chair``) or a roster name; None if no one does."""
        if target == "personnel_chair":
            return self.named(self.personnel_chair) if self.personnel_chair else None
        if target in ROUTE_TARGETS:
            return next((p for p in self.people if role_of(p) == target), None)
        return self.named(target)

    def named(self, name: str) -> Party | None:
        """The person of this name (any case), or None."""
        return next((p for p in self.people if _same(p.name, name)), None)


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """A rule applied: the targets to try, in order, before the fallback chain."""

    rule: str
    targets: tuple[str, ...]
    never_clerk: bool = False
    usual: str | None = None  # the rule's usual target, when a special case passes it over (else targets[0])
    because: str = ""  # why the special case applies, for the explanation

    @property
    def usual_target(self) -> str:
        """The target the rule would normally use."""
        return self.usual or self.targets[0]


def _plan(raiser: Party, subject: Party | None, category: ConcernCategory, policy: RoutingPolicy,
          roster: _Roster) -> _Plan:
    """Which rule applies, and whom it tries first (rules 2 to 9; rule 1 is handled before)."""
    personnel = ("personnel_chair",) if roster.holder("personnel_chair") else ()
    raised_by_clerk = role_of(raiser) == "clerk"
    if category is ConcernCategory.OWN_EMPLOYMENT:
        return _Plan("grievance", (policy.grievance, "chair", "vice_chair"))
    if subject is not None and role_of(subject) == "clerk":
        return _Plan("about_clerk", (policy.about_clerk, "chair", "vice_chair"), never_clerk=True)
    if subject is None:
        return _Plan("other", (policy.other, "chair"))
    if category is ConcernCategory.POLITICAL_NEUTRALITY and is_officer(subject):
        return _Plan("political_neutrality", ("clerk", "chair"))
    if is_member(raiser) and is_officer(subject):
        return _Plan("councillor_about_officer", (policy.councillor_about_officer, "clerk"))
    if is_officer(raiser) and is_member(subject):
        usual = policy.officer_about_councillor
        if role_of(subject) == "chair":
            return _Plan("officer_about_councillor", (*personnel, "vice_chair"), usual=usual,
                         because="as it concerns the Chair of the Council")
        if raised_by_clerk:
            return _Plan("officer_about_councillor", (*personnel, "chair"), usual=usual,
                         because="as you are the Clerk")
        return _Plan("officer_about_councillor", (usual,))
    if is_member(raiser) and is_member(subject):
        if role_of(subject) == "chair":
            return _Plan("councillor_about_councillor", ("vice_chair", *personnel),
                         usual=policy.councillor_about_councillor, because="as it concerns the Chair of the Council")
        return _Plan("councillor_about_councillor", (policy.councillor_about_councillor, "vice_chair"))
    return _Plan("officer_about_officer", (policy.officer_about_officer, "chair"))


_SENTENCES = {
    "grievance": "A concern about your own employment is a grievance: it goes to {handler}, under the council's "
                 "grievance procedure, and it cannot be anonymous.",
    "about_clerk": "Concerns about {subject}, go to {handler}, and are never shown to {subject_name}.",
    "political_neutrality": "Concerns about the political neutrality of an officer ({subject_name}) go to {handler}.",
    "councillor_about_officer": "A councillor's concern about an officer ({subject_name}) goes to {handler}, "
                                "to be dealt with privately.",
    "officer_about_councillor": "A concern from a member of staff about a councillor ({subject_name}) goes to "
                                "{handler}.",
    "councillor_about_councillor": "A concern about a fellow councillor ({subject_name}) goes to {handler}, to be "
                                   "resolved informally; a formal code-of-conduct complaint goes to the Monitoring "
                                   "Officer instead.",
    "officer_about_officer": "A concern about a colleague ({subject_name}) goes to {handler}.",
    "other": "This concern goes to {handler}.",
}


def _why_not(plan: _Plan, raiser: Party, subject: Party | None, roster: _Roster, chosen: Party) -> str:
    """Why the rule's usual target was passed over, as a short sentence ('' if it was not)."""
    usual = plan.usual_target
    holder = roster.holder(usual)
    if holder is None and usual not in ROUTE_TARGETS:
        return f"{usual} is not on the council file, so it goes to {chosen.name}."
    if holder is None:
        return f"The council file names no {_POST_LABELS[usual].removeprefix('the ')}, so it goes to {chosen.name}."
    if _same(holder.name, chosen.name):
        return ""
    label = _described(holder, usual if usual in ROUTE_TARGETS else None).rsplit(", ", 1)[0]
    if _same(holder.name, raiser.name):
        return f"It goes to {chosen.name} rather than to you as {label}."
    if subject is not None and _same(holder.name, subject.name):
        return f"It goes to {chosen.name} rather than {label}, as the concern is about them."
    if plan.because:
        return f"It goes to {chosen.name} rather than {label}, {plan.because}."
    return ""


class ConcernRouter:
    """Routes concerns for one council, citing its protocol. The clauses are found once, when it is made."""

    def __init__(self, pack: ProtocolPack, index: ClauseIndex | None = None) -> None:
        self.pack = pack
        self.index = index or ClauseIndex(pack)
        self._clauses: dict[str, str | None] = find_clauses(self.index, FINDERS)
        self._clauses.setdefault("other", None)

    def clause_for(self, rule: str) -> str | None:
        """The id of the council's clause for a rule (``about_clerk`` …, or ``bullying``), or None."""
        return self._clauses.get(rule)

    def route(self, raiser: Party, subject: Party | None, category: ConcernCategory | str,
              policy: RoutingPolicy, people: Sequence[Party]) -> Route:
        """Who handles this concern and why; raises :class:`RoutingError` if no one properly can."""
        category = ConcernCategory(category)
        _check(raiser, subject, category)
        if category is ConcernCategory.CODE_OF_CONDUCT:
            return self._monitoring_officer(subject)
        roster = _Roster(tuple(people), policy.personnel_chair)
        plan = _plan(raiser, subject, category, policy, roster)
        post, handler = _choose(plan, raiser, subject, roster)
        return Route(
            rule=plan.rule,
            handlers=(handler.name,),
            monitoring_officer=False,
            anonymous_ok=plan.rule != "grievance",
            explanation=_explain(plan, raiser, subject, roster, post, handler),
            clause_id=self._clause(plan.rule, raiser, subject, category),
        )

    def _monitoring_officer(self, subject: Party | None) -> Route:
        name = subject.name if subject is not None else "a councillor"
        return Route(
            rule="code_of_conduct",
            handlers=(),
            monitoring_officer=True,
            anonymous_ok=False,
            explanation=(f"A formal complaint that {name} has broken the Code of Conduct is not decided by this "
                         "council: it goes in writing to the Monitoring Officer of the principal council, who does "
                         "not accept anonymous complaints."),
            clause_id=self.clause_for("code_of_conduct"),
        )

    def _clause(self, rule: str, raiser: Party, subject: Party | None, category: ConcernCategory) -> str | None:
        """The rule's clause; for bullying of staff by a councillor, the bullying clause if the rule has none."""
        clause = self.clause_for(rule)
        if (clause is None and category is ConcernCategory.BULLYING and rule == "officer_about_councillor"
                and subject is not None and is_member(subject) and is_officer(raiser)):
            return self.clause_for("bullying")
        return clause


def _check(raiser: Party, subject: Party | None, category: ConcernCategory) -> None:
    """Refuse what cannot be a concern: one about oneself, an unknown role, a category that does not fit."""
    for party in (raiser, subject):
        if party is not None and not (is_officer(party) or is_member(party)):
            raise RoutingError(
                f"{party.name}'s role on the council file ('{role_of(party)}') is not one the bot knows: ask the Clerk "
                "to set it to clerk, deputy_clerk, rfo, officer, chair, vice_chair or councillor."
            )
    if subject is not None and _same(subject.name, raiser.name):
        raise RoutingError(
            "A concern cannot be about the person raising it. For a concern about your own employment, choose the "
            "category \"my own employment (a grievance)\" and say it is about something else."
        )
    if category is ConcernCategory.CODE_OF_CONDUCT and (subject is None or not is_member(subject)):
        who = f"{subject.name} is not a councillor" if subject is not None else "it must name the councillor"
        raise RoutingError(
            f"A code-of-conduct complaint is about a councillor's conduct, and {who}: choose the councillor it is "
            "about, or another category, such as \"an officer's conduct or capability\"."
        )
    if category is ConcernCategory.OWN_EMPLOYMENT and not is_officer(raiser):
        raise RoutingError(
            "Only members of staff can raise a grievance about their own employment: choose another category, "
            "such as \"the working relationship\" or \"something else\"."
        )


def _choose(plan: _Plan, raiser: Party, subject: Party | None, roster: _Roster) -> tuple[str, Party]:
    """The first target, then the first post of the chain, that someone fills who may handle it."""
    excluded = {_key(raiser.name)} | ({_key(subject.name)} if subject is not None else set())
    for target in (*plan.targets, *CHAIN):
        person = roster.holder(target)
        if person is None or _key(person.name) in excluded:
            continue
        if plan.never_clerk and role_of(person) == "clerk":
            continue
        return target, person
    raise RoutingError(_nobody(plan, raiser, roster))


def _nobody(plan: _Plan, raiser: Party, roster: _Roster) -> str:
    """Why no one can handle it, and what to do."""
    posts = "a Chair or Vice-Chair of the Council" if plan.never_clerk else "a Clerk, Chair or Vice-Chair"
    clerk = roster.holder("clerk")
    if clerk is not None and _same(clerk.name, raiser.name):
        ask = "As the Clerk, add"
    elif clerk is not None and not plan.never_clerk:
        ask = "Ask the Clerk to add"
    else:
        ask = "Ask the council to add"
    return (f"No one on the council file can handle this concern: it needs {posts} who is not involved in it. "
            f"{ask} a Chair (and a Vice-Chair) to the council file, then raise it again.")


def _explain(plan: _Plan, raiser: Party, subject: Party | None, roster: _Roster, post: str, handler: Party) -> str:
    """One or two sentences for the raiser, naming the handler and their post."""
    sentence = _SENTENCES[plan.rule].format(
        handler=_described(handler, post if post in ROUTE_TARGETS else None),
        subject=f"{_post_of(subject)}, {subject.name}" if subject is not None else "",
        subject_name=subject.name if subject is not None else "",
    )
    why = _why_not(plan, raiser, subject, roster, handler)
    return f"{sentence} {why}".strip()
