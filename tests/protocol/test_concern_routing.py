"""Routing private concerns: the rules, the safety properties over every case, and each council's clause."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pytest

from protocol.clause_finder import Finder, find_clauses, rx
from protocol.concern_routing import RULES, ConcernRouter, Route, RoutingError
from protocol.concerns import ConcernCategory, RoutingPolicy
from protocol.model import Clause, ProtocolPack
from protocol.packfile import load_protocol
from protocol.search import ClauseIndex

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = FIXTURES / "seeds"
PROTOCOLS = FIXTURES / "protocols"

C = ConcernCategory


@dataclass(frozen=True)
class Person:
    """A roster entry as the router sees it."""

    name: str
    role: str
    title: str | None = None


NADIA = Person("Nadia Kowalski", "clerk", "Town Clerk")
OWEN = Person("Owen Price", "deputy_clerk")
FARAH = Person("Farah Siddiqui", "rfo")
ROBERT = Person("Robert Hale", "officer", "Estates Manager")
GRACE = Person("Grace Adeyemi", "chair")
COLIN = Person("Colin Marsh", "vice_chair")
PRIYA = Person("Priya Nair", "councillor")
DENNIS = Person("Dennis Wood", "councillor")

FULL = (NADIA, OWEN, FARAH, ROBERT, GRACE, COLIN, PRIYA, DENNIS)
NO_VICE = tuple(p for p in FULL if p is not COLIN)
OFFICERS = (NADIA, OWEN, FARAH, ROBERT)
MEMBERS = (GRACE, COLIN, PRIYA, DENNIS)

DEFAULT = RoutingPolicy()
PERSONNEL = RoutingPolicy(personnel_chair="Dennis Wood")
CHAIR_FIRST = RoutingPolicy(councillor_about_officer="chair")  # Bracknell: councillors go to the Chair


# A small invented protocol: the routing rules do not depend on what a protocol says.
TINY = ProtocolPack(
    clauses=(
        Clause("1", "Members and officers must treat one another with respect.", ("Principles",)),
        Clause("2", "Officers can expect from councillors not to be bullied or put under undue pressure.",
               ("Principles",)),
    ),
    council="Tiny Parish Council",
)


@pytest.fixture(scope="module")
def router() -> ConcernRouter:
    return ConcernRouter(TINY)


def route(router: ConcernRouter, raiser: Person, subject: Person | None, category: ConcernCategory,
          policy: RoutingPolicy = DEFAULT, people: tuple[Person, ...] = FULL) -> Route:
    return router.route(raiser, subject, category, policy, people)


# --- the rules ---------------------------------------------------------------------

# (raiser, subject, category, policy, roster) -> (rule, handler or None for the Monitoring Officer)
TABLE = [
    # 1. a formal code-of-conduct complaint: the Monitoring Officer, no handler here
    (PRIYA, DENNIS, C.CODE_OF_CONDUCT, DEFAULT, FULL, "code_of_conduct", None),
    (NADIA, GRACE, C.CODE_OF_CONDUCT, DEFAULT, FULL, "code_of_conduct", None),
    # 2. a grievance: the personnel chair, else the Chair
    (OWEN, None, C.OWN_EMPLOYMENT, DEFAULT, FULL, "grievance", GRACE),
    (OWEN, None, C.OWN_EMPLOYMENT, PERSONNEL, FULL, "grievance", DENNIS),
    (NADIA, None, C.OWN_EMPLOYMENT, DEFAULT, FULL, "grievance", GRACE),
    (ROBERT, GRACE, C.OWN_EMPLOYMENT, DEFAULT, FULL, "grievance", COLIN),  # about the Chair: not to the Chair
    (ROBERT, DENNIS, C.OWN_EMPLOYMENT, PERSONNEL, FULL, "grievance", GRACE),  # about the personnel chair
    (OWEN, NADIA, C.OWN_EMPLOYMENT, DEFAULT, FULL, "grievance", GRACE),
    # 3. about the Clerk: the Chair; the Vice-Chair if the Chair raised it; never the Clerk
    (PRIYA, NADIA, C.OFFICER_CONDUCT, DEFAULT, FULL, "about_clerk", GRACE),
    (OWEN, NADIA, C.BULLYING, DEFAULT, FULL, "about_clerk", GRACE),
    (PRIYA, NADIA, C.POLITICAL_NEUTRALITY, DEFAULT, FULL, "about_clerk", GRACE),
    (GRACE, NADIA, C.OFFICER_CONDUCT, DEFAULT, FULL, "about_clerk", COLIN),
    (GRACE, NADIA, C.OFFICER_CONDUCT, DEFAULT, NO_VICE, "about_clerk", None),  # no one left: an error
    (GRACE, NADIA, C.OFFICER_CONDUCT, PERSONNEL, NO_VICE, "about_clerk", DENNIS),
    (PRIYA, NADIA, C.OFFICER_CONDUCT, RoutingPolicy(about_clerk="personnel_chair", personnel_chair="Dennis Wood"),
     FULL, "about_clerk", DENNIS),
    (DENNIS, NADIA, C.OFFICER_CONDUCT, RoutingPolicy(about_clerk="personnel_chair", personnel_chair="Dennis Wood"),
     FULL, "about_clerk", GRACE),  # the personnel chair raised it: the chain's next post, never the Clerk
    # 4. an officer's political neutrality: the Clerk
    (PRIYA, ROBERT, C.POLITICAL_NEUTRALITY, DEFAULT, FULL, "political_neutrality", NADIA),
    (PRIYA, ROBERT, C.POLITICAL_NEUTRALITY, CHAIR_FIRST, FULL, "political_neutrality", NADIA),
    (OWEN, FARAH, C.POLITICAL_NEUTRALITY, DEFAULT, FULL, "political_neutrality", NADIA),
    # 5. a councillor about an officer: the Clerk, or the Chair where the council says so
    (PRIYA, ROBERT, C.OFFICER_CONDUCT, DEFAULT, FULL, "councillor_about_officer", NADIA),
    (GRACE, OWEN, C.WORKING_RELATIONSHIP, DEFAULT, FULL, "councillor_about_officer", NADIA),
    (PRIYA, ROBERT, C.OFFICER_CONDUCT, CHAIR_FIRST, FULL, "councillor_about_officer", GRACE),
    (GRACE, ROBERT, C.OFFICER_CONDUCT, CHAIR_FIRST, FULL, "councillor_about_officer", NADIA),
    (PRIYA, ROBERT, C.OFFICER_CONDUCT, RoutingPolicy(councillor_about_officer="Colin Marsh"), FULL,
     "councillor_about_officer", COLIN),  # a roster name as the target
    # 6. an officer about a councillor: the Clerk; if the Clerk raised it, the personnel chair or the Chair;
    #    if it is about the Chair, the personnel chair or the Vice-Chair
    (ROBERT, PRIYA, C.BULLYING, DEFAULT, FULL, "officer_about_councillor", NADIA),
    (OWEN, COLIN, C.COUNCILLOR_CONDUCT, DEFAULT, FULL, "officer_about_councillor", NADIA),
    (NADIA, PRIYA, C.BULLYING, DEFAULT, FULL, "officer_about_councillor", GRACE),
    (NADIA, PRIYA, C.BULLYING, PERSONNEL, FULL, "officer_about_councillor", DENNIS),
    (ROBERT, GRACE, C.COUNCILLOR_CONDUCT, DEFAULT, FULL, "officer_about_councillor", COLIN),
    (ROBERT, GRACE, C.COUNCILLOR_CONDUCT, PERSONNEL, FULL, "officer_about_councillor", DENNIS),
    (NADIA, GRACE, C.BULLYING, DEFAULT, FULL, "officer_about_councillor", COLIN),
    (ROBERT, GRACE, C.COUNCILLOR_CONDUCT, DEFAULT, NO_VICE, "officer_about_councillor", NADIA),  # the chain
    (NADIA, DENNIS, C.BULLYING, PERSONNEL, FULL, "officer_about_councillor", GRACE),  # about the personnel chair
    (ROBERT, PRIYA, C.POLITICAL_NEUTRALITY, DEFAULT, FULL, "officer_about_councillor", NADIA),
    # 7. a councillor about a councillor: the Chair; the Vice-Chair if it involves the Chair
    (PRIYA, DENNIS, C.COUNCILLOR_CONDUCT, DEFAULT, FULL, "councillor_about_councillor", GRACE),
    (PRIYA, GRACE, C.COUNCILLOR_CONDUCT, DEFAULT, FULL, "councillor_about_councillor", COLIN),
    (GRACE, DENNIS, C.CONFIDENTIALITY, DEFAULT, FULL, "councillor_about_councillor", COLIN),
    (GRACE, COLIN, C.COUNCILLOR_CONDUCT, DEFAULT, FULL, "councillor_about_councillor", NADIA),  # the chain
    (PRIYA, GRACE, C.COUNCILLOR_CONDUCT, DEFAULT, NO_VICE, "councillor_about_councillor", NADIA),
    (PRIYA, GRACE, C.COUNCILLOR_CONDUCT, PERSONNEL, NO_VICE, "councillor_about_councillor", DENNIS),
    # 8. an officer about an officer: the Clerk; the Chair if the Clerk raised it
    (OWEN, ROBERT, C.WORKING_RELATIONSHIP, DEFAULT, FULL, "officer_about_officer", NADIA),
    (NADIA, OWEN, C.OFFICER_CONDUCT, DEFAULT, FULL, "officer_about_officer", GRACE),
    # 9. anything else: the Clerk; the Chair if the Clerk raised it
    (PRIYA, None, C.OTHER, DEFAULT, FULL, "other", NADIA),
    (ROBERT, None, C.CONFIDENTIALITY, DEFAULT, FULL, "other", NADIA),
    (NADIA, None, C.OTHER, DEFAULT, FULL, "other", GRACE),
    (NADIA, None, C.OTHER, RoutingPolicy(other="vice_chair"), FULL, "other", COLIN),
]


def _case_id(case: tuple) -> str:
    raiser, subject, category, _policy, people, rule, _handler = case
    about = subject.name.split()[0] if subject else "other"
    roster = "novice" if people is NO_VICE else "full"
    return f"{rule}-{raiser.name.split()[0]}-{about}-{category.value}-{roster}"


@pytest.mark.parametrize("case", TABLE, ids=[_case_id(c) for c in TABLE])
def test_rule_table(router: ConcernRouter, case: tuple) -> None:
    raiser, subject, category, policy, people, rule, handler = case
    if handler is None and rule != "code_of_conduct":
        with pytest.raises(RoutingError):
            route(router, raiser, subject, category, policy, people)
        return
    result = route(router, raiser, subject, category, policy, people)
    assert result.rule == rule
    if rule == "code_of_conduct":
        assert result.handlers == ()
        assert result.monitoring_officer and not result.anonymous_ok
        return
    assert result.handlers == (handler.name,)
    assert not result.monitoring_officer
    assert result.anonymous_ok is (rule != "grievance")


def test_every_rule_is_in_the_table() -> None:
    assert {case[5] for case in TABLE} == set(RULES)


# --- safety, over every case --------------------------------------------------------

POLICIES = {
    "default": DEFAULT,
    "personnel": PERSONNEL,
    "chair_first": CHAIR_FIRST,
    "all_chair": RoutingPolicy(
        councillor_about_officer="chair", councillor_about_councillor="chair", officer_about_councillor="chair",
        officer_about_officer="chair", about_clerk="chair", grievance="chair", other="chair",
    ),
    "all_clerk": RoutingPolicy(
        councillor_about_officer="clerk", councillor_about_councillor="clerk", officer_about_councillor="clerk",
        officer_about_officer="clerk", about_clerk="clerk", grievance="clerk", other="clerk",
    ),
    "names": RoutingPolicy(
        councillor_about_officer="Owen Price", councillor_about_councillor="Colin Marsh",
        officer_about_councillor="Priya Nair", officer_about_officer="Owen Price", about_clerk="Nadia Kowalski",
        grievance="Grace Adeyemi", other="Farah Siddiqui", personnel_chair="Priya Nair",
    ),
    "vice": RoutingPolicy(about_clerk="vice_chair", councillor_about_councillor="vice_chair", other="vice_chair"),
}
ROSTERS = {
    "full": FULL,
    "no_vice": NO_VICE,
    "clerk_chair_only": (NADIA, GRACE, PRIYA, ROBERT),
    "no_chair": tuple(p for p in FULL if p is not GRACE),
}
_EXPECTED_REFUSALS = re.compile(
    r"cannot be about the person raising it|code-of-conduct complaint is about a councillor|"
    r"Only members of staff can raise a grievance|No one on the council file"
)


def _all_cases():
    for (pname, policy), (rname, people) in itertools.product(POLICIES.items(), ROSTERS.items()):
        for raiser, subject, category in itertools.product(people, (*people, None), ConcernCategory):
            yield pname, policy, rname, people, raiser, subject, category


def _outcome(router: ConcernRouter, case: tuple) -> Route | RoutingError:
    _pname, policy, _rname, people, raiser, subject, category = case
    try:
        return router.route(raiser, subject, category, policy, people)
    except RoutingError as exc:
        return exc


def test_safety_over_every_case(router: ConcernRouter) -> None:
    """The handler is never the subject nor the raiser; the Clerk never handles a concern about the Clerk;
    the explanation names every handler; a refusal is one of the expected ones, in a sentence."""
    checked = 0
    for case in _all_cases():
        pname, _policy, rname, people, raiser, subject, category = case
        where = f"{pname}/{rname}: {raiser.name} about {subject.name if subject else 'other'} ({category.value})"
        result = _outcome(router, case)
        if isinstance(result, RoutingError):
            message = str(result)
            assert _EXPECTED_REFUSALS.search(message), where
            assert message.endswith("."), where
            continue
        checked += 1
        assert result.rule in RULES, where
        assert result.explanation and result.explanation.endswith("."), where
        assert result.explanation.count(". ") <= 2, where
        if result.monitoring_officer:
            assert result.handlers == () and not result.anonymous_ok, where
            assert "Monitoring Officer" in result.explanation, where
            continue
        assert len(result.handlers) == 1, where
        names = {p.name for p in people}
        for handler in result.handlers:
            assert handler in names, where
            assert handler != raiser.name, where
            assert subject is None or handler != subject.name, where
            assert handler in result.explanation, where
        if subject is not None and subject.role == "clerk":
            assert NADIA.name not in result.handlers, where
        if result.rule == "about_clerk":
            assert NADIA.name not in result.handlers, where
            assert "never shown" in result.explanation, where
    assert checked > 5000


def test_refusals_only_where_expected_on_a_full_roster(router: ConcernRouter) -> None:
    """With a Clerk, a Chair and a Vice-Chair, every concern that can be routed is routed."""
    for case in _all_cases():
        pname, _policy, rname, _people, raiser, subject, category = case
        if rname != "full":
            continue
        result = _outcome(router, case)
        self_concern = subject is not None and subject.name == raiser.name
        bad_conduct = category is C.CODE_OF_CONDUCT and (subject is None or subject.role not in
                                                          ("chair", "vice_chair", "councillor"))
        bad_grievance = category is C.OWN_EMPLOYMENT and raiser.role not in ("clerk", "deputy_clerk", "rfo", "officer")
        assert isinstance(result, RoutingError) == (self_concern or bad_conduct or bad_grievance), (pname, case[4:])


# --- refusals and explanations ---------------------------------------------------------


def test_a_concern_about_yourself_is_refused(router: ConcernRouter) -> None:
    with pytest.raises(RoutingError, match="cannot be about the person raising it"):
        route(router, PRIYA, PRIYA, C.COUNCILLOR_CONDUCT)
    with pytest.raises(RoutingError, match="cannot be about the person raising it"):
        route(router, Person("priya  nair", "councillor"), PRIYA, C.OTHER)  # same name, other spelling


@pytest.mark.parametrize("subject", [ROBERT, NADIA, None])
def test_code_of_conduct_complaints_are_about_councillors(router: ConcernRouter, subject: Person | None) -> None:
    with pytest.raises(RoutingError, match="about a councillor's conduct.*choose"):
        route(router, PRIYA, subject, C.CODE_OF_CONDUCT)


def test_only_staff_raise_grievances(router: ConcernRouter) -> None:
    with pytest.raises(RoutingError, match="Only members of staff"):
        route(router, PRIYA, None, C.OWN_EMPLOYMENT)


def test_no_one_left_says_to_add_a_chair(router: ConcernRouter) -> None:
    with pytest.raises(RoutingError, match=r"add a Chair .*to the council file") as exc:
        route(router, GRACE, NADIA, C.OFFICER_CONDUCT, DEFAULT, (NADIA, GRACE, PRIYA))
    assert "Ask the council" in str(exc.value)  # not the Clerk: the concern is about the Clerk
    with pytest.raises(RoutingError, match="As the Clerk, add a Chair"):
        route(router, NADIA, None, C.OTHER, DEFAULT, (NADIA, PRIYA))
    with pytest.raises(RoutingError, match="Ask the Clerk to add a Chair"):
        route(router, ROBERT, NADIA, C.OWN_EMPLOYMENT, DEFAULT, (NADIA, ROBERT, PRIYA))


def test_unknown_roles_are_refused_clearly(router: ConcernRouter) -> None:
    with pytest.raises(RoutingError, match="role on the council file"):
        route(router, Person("Sam Smith", "volunteer"), ROBERT, C.OFFICER_CONDUCT)


def test_about_clerk_explanation_names_the_chair_and_says_never_shown(router: ConcernRouter) -> None:
    result = route(router, PRIYA, NADIA, C.OFFICER_CONDUCT)
    assert result.explanation == (
        "Concerns about the Town Clerk, Nadia Kowalski, go to the Chair of the Council, Grace Adeyemi, "
        "and are never shown to Nadia Kowalski."
    )


def test_explanations_name_the_post_and_why_the_usual_one_is_passed_over(router: ConcernRouter) -> None:
    chair_raised = route(router, GRACE, NADIA, C.OFFICER_CONDUCT).explanation
    assert "the Vice-Chair of the Council, Colin Marsh" in chair_raised
    assert "rather than to you as the Chair of the Council" in chair_raised
    clerk_raised = route(router, NADIA, PRIYA, C.BULLYING).explanation
    assert "the Chair of the Council, Grace Adeyemi" in clerk_raised and "as the Town Clerk" in clerk_raised
    about_chair = route(router, ROBERT, GRACE, C.COUNCILLOR_CONDUCT).explanation
    assert "as it concerns the Chair of the Council" in about_chair
    grievance = route(router, OWEN, None, C.OWN_EMPLOYMENT).explanation
    assert "grievance" in grievance and "names no chair of the personnel committee" in grievance
    personnel = route(router, OWEN, None, C.OWN_EMPLOYMENT, PERSONNEL).explanation
    assert "the chair of the personnel committee, Dennis Wood" in personnel
    plain = route(router, PRIYA, ROBERT, C.OFFICER_CONDUCT).explanation
    assert plain == ("A councillor's concern about an officer (Robert Hale) goes to the Town Clerk, Nadia Kowalski, "
                     "to be dealt with privately.")
    named = route(router, PRIYA, ROBERT, C.OFFICER_CONDUCT, RoutingPolicy(councillor_about_officer="Colin Marsh"))
    assert "the Vice-Chair of the Council, Colin Marsh" in named.explanation


def test_code_of_conduct_route_says_monitoring_officer_and_not_anonymous(router: ConcernRouter) -> None:
    result = route(router, NADIA, DENNIS, C.CODE_OF_CONDUCT)
    assert result.monitoring_officer and result.handlers == () and not result.anonymous_ok
    assert "Monitoring Officer" in result.explanation and "anonymous" in result.explanation


def test_roles_and_categories_in_other_forms(router: ConcernRouter) -> None:
    class Role(StrEnum):
        CLERK = "clerk"
        CHAIR = "chair"
        VICE_CHAIR = "vice_chair"
        COUNCILLOR = "councillor"

    clerk, chair = Person("A Clerk", Role.CLERK), Person("B Chair", Role.CHAIR)
    vice, member = Person("C Vice", "Vice Chair"), Person("D Member", Role.COUNCILLOR)
    people = (clerk, chair, vice, member)
    assert router.route(member, clerk, "officer_conduct", DEFAULT, people).handlers == ("B Chair",)
    assert router.route(chair, clerk, C.OFFICER_CONDUCT, DEFAULT, people).handlers == ("C Vice",)


def test_a_personnel_chair_missing_from_the_roster_is_passed_over(router: ConcernRouter) -> None:
    policy = RoutingPolicy(personnel_chair="Nobody Here")
    assert route(router, OWEN, None, C.OWN_EMPLOYMENT, policy).handlers == (GRACE.name,)


# --- clauses ----------------------------------------------------------------------------


def test_a_protocol_silent_on_concerns_cites_nothing(router: ConcernRouter) -> None:
    for rule in RULES:
        assert router.clause_for(rule) is None
    assert route(router, PRIYA, ROBERT, C.OFFICER_CONDUCT).clause_id is None


def test_bullying_clause_stands_in_when_the_rule_has_none(router: ConcernRouter) -> None:
    assert router.clause_for("bullying") == "2"
    assert route(router, ROBERT, PRIYA, C.BULLYING).clause_id == "2"
    assert route(router, ROBERT, PRIYA, C.COUNCILLOR_CONDUCT).clause_id is None
    assert route(router, PRIYA, DENNIS, C.BULLYING).clause_id is None  # that clause is about staff


def test_clause_finder_fallback_and_reject() -> None:
    pack = ProtocolPack(clauses=(
        Clause("1", "Members must not compromise the impartiality of officers.", ("Officers",)),
        Clause("2", "Officers must be politically impartial and serve the council as a whole.", ("Officers",)),
    ))
    index = ClauseIndex(pack)
    found = find_clauses(index, (
        Finder("impartial", ("officers impartial",), (rx(r"impartial"),), reject=rx(r"^members must not")),
        Finder("missing", ("grievance procedure",), (rx(r"grievance"),), fallback="impartial"),
        Finder("none", ("grievance procedure",), (rx(r"grievance"),)),
    ))
    assert found == {"impartial": "2", "missing": "2", "none": None}


WARE = "000_962a3c9936faa1d4"
ASHBOURNE = "001_d2b4da69d10df9bb"
BRACKNELL = "002_8001939cabd30e81"
WONDERLAND = "003_816d57c5047fc2be"
NORTHANTS = "004_ca0937dbfc46058b"
PROC_OFF = "procedure-officers"

# The clause a clerk would point to for each rule, read from each seed (None: the document is silent).
# - Ware and Ashbourne ("If things go wrong"/"When things go wrong"): 5.4 a councillor dissatisfied with the Clerk
#   or another employee raises it with the Clerk (so it is NOT cited for concerns about the Clerk, which go to the
#   Chair); 5.1 the relationship between councillors and staff may break down (procedure for officers); 5.3 the
#   grievance procedure lets employees raise concerns about their employment. 3.1: officers' commitment to the
#   council as a whole and advice not influenced by political views (Ashbourne: "political neutrality").
#   5.2 names the district council's Monitoring Officer only for mediation, so no code-of-conduct clause.
#   No clause on staff line management, so officer-about-officer cites the grievance clause.
# - Bracknell: procedure-councillors.1 a councillor dissatisfied with "the officer" (its single officer, the
#   Clerk) or another employee reports it to the Chair: cited both for concerns about officers and about the
#   Clerk. procedure-officers.1 relationship breaks down; .3 grievance procedure; .4 a formal written code-of-
#   conduct complaint goes to the principal council's monitoring officer, and concerns may first be resolved
#   informally (also cited for councillor-about-councillor). expectations.1 officers' commitment to the council
#   as a whole, impartial advice; some-general-principles.3 the Proper Officer line-manages all other staff.
# - Wonderland (ACSeS model): 15.2 a member unhappy with an officer takes it up privately, never in public;
#   15.5 an officer with a concern about a member raises it with the Town Clerk; 3.4 officers' duty to be
#   impartial; 3.2 officers, led by the Town Clerk, manage employees. Nothing on concerns about the Town Clerk,
#   grievances, or the Monitoring Officer and code-of-conduct complaints (15.5 mentions the code but no route).
# - Northamptonshire: 9.3 a councillor dissatisfied with the Town Clerk or another employee raises it with the
#   Town Clerk; 9.1 procedure for officers and the formal grievance policy; 7.11 members raise concerns about an
#   officer's political neutrality with the Town Clerk. 9.2 Monitoring Officer for mediation only.
SEED_CLAUSES: dict[str, dict[str, str | None]] = {
    WARE: {"councillor_about_officer": "5.4", "about_clerk": None, "code_of_conduct": None,
           "officer_about_councillor": "5.1", "political_neutrality": "3.1", "grievance": "5.3",
           "councillor_about_councillor": None, "officer_about_officer": "5.3", "other": None, "bullying": "3.2"},
    ASHBOURNE: {"councillor_about_officer": "5.4", "about_clerk": None, "code_of_conduct": None,
                "officer_about_councillor": "5.1", "political_neutrality": "3.1", "grievance": "5.3",
                "councillor_about_councillor": None, "officer_about_officer": "5.3", "other": None,
                "bullying": "3.2"},
    BRACKNELL: {"councillor_about_officer": "procedure-councillors.1", "about_clerk": "procedure-councillors.1",
                "code_of_conduct": f"{PROC_OFF}.4", "officer_about_councillor": f"{PROC_OFF}.1",
                "political_neutrality": "expectations.1", "grievance": f"{PROC_OFF}.3",
                "councillor_about_councillor": f"{PROC_OFF}.4", "officer_about_officer": "some-general-principles.3",
                "other": None, "bullying": "councillors.4"},
    WONDERLAND: {"councillor_about_officer": "15.2", "about_clerk": None, "code_of_conduct": None,
                 "officer_about_councillor": "15.5", "political_neutrality": "3.4", "grievance": None,
                 "councillor_about_councillor": None, "officer_about_officer": "3.2", "other": None,
                 "bullying": None},
    NORTHANTS: {"councillor_about_officer": "9.3", "about_clerk": None, "code_of_conduct": None,
                "officer_about_councillor": "9.1", "political_neutrality": "7.11", "grievance": "9.1",
                "councillor_about_councillor": None, "officer_about_officer": "9.1", "other": None,
                "bullying": "6.2"},
}

# The invented protocols of tests/fixtures/protocols, which spell the routes out.
FIXTURE_CLAUSES: dict[str, dict[str, str | None]] = {
    "parts.md": {"councillor_about_officer": "H3", "about_clerk": "H3", "code_of_conduct": "H5",
                 "officer_about_councillor": "H4", "political_neutrality": "B3", "grievance": "H4",
                 "officer_about_officer": "B2"},
    "roman.txt": {"councillor_about_officer": "31", "about_clerk": "31", "code_of_conduct": "33",
                  "officer_about_councillor": "32", "political_neutrality": "25", "grievance": "32",
                  "officer_about_officer": "4"},
    "unnumbered.txt": {"councillor_about_officer": "when-things-go.1", "about_clerk": "when-things-go.1",
                       "code_of_conduct": "when-things-go.3", "officer_about_councillor": "when-things-go.2",
                       "political_neutrality": "role-officers.2", "grievance": "when-things-go.2",
                       "officer_about_officer": "role-officers.1"},
    "wrapped.txt": {"councillor_about_officer": "11.1", "about_clerk": "11.1", "code_of_conduct": "11.3",
                    "officer_about_councillor": "11.2", "political_neutrality": "8.1", "grievance": "11.2",
                    "officer_about_officer": "2.2"},
}


@pytest.fixture(scope="module")
def seed_routers() -> dict[str, ConcernRouter]:
    if not SEEDS.is_dir():
        pytest.skip("tests/fixtures/seeds is missing")
    return {name: ConcernRouter(load_protocol(SEEDS / f"{name}.txt")) for name in SEED_CLAUSES}


@pytest.mark.parametrize("seed", list(SEED_CLAUSES))
def test_seed_clauses(seed_routers: dict[str, ConcernRouter], seed: str) -> None:
    router = seed_routers[seed]
    assert {rule: router.clause_for(rule) for rule in SEED_CLAUSES[seed]} == SEED_CLAUSES[seed]


@pytest.mark.parametrize("name", list(FIXTURE_CLAUSES))
def test_fixture_protocol_clauses(name: str) -> None:
    router = ConcernRouter(load_protocol(PROTOCOLS / name))
    assert {rule: router.clause_for(rule) for rule in FIXTURE_CLAUSES[name]} == FIXTURE_CLAUSES[name]


# What each cited clause must say, whichever council's it is.
SAYS = {
    "councillor_about_officer": r"(?:dissatisfied|unhappy|concern)[\s\S]*(?:officer|employee|staff|clerk)",
    "about_clerk": r"(?:clerk|the officer)[\s\S]*\b(?:chair|chairman|mayor)\b",
    "code_of_conduct": r"monitoring officer",
    "officer_about_councillor": r"(?:councillor|member)",
    "grievance": r"grievance",
}


@pytest.mark.parametrize("seed", list(SEED_CLAUSES))
def test_cited_seed_clauses_really_say_it(seed_routers: dict[str, ConcernRouter], seed: str) -> None:
    router = seed_routers[seed]
    for rule, pattern in SAYS.items():
        cid = router.clause_for(rule)
        if cid is not None:
            assert re.search(pattern, router.pack.get(cid).text, re.IGNORECASE), (seed, rule, cid)


def test_routes_carry_the_seed_clause(seed_routers: dict[str, ConcernRouter]) -> None:
    bracknell = seed_routers[BRACKNELL]
    assert route(bracknell, PRIYA, NADIA, C.OFFICER_CONDUCT).clause_id == "procedure-councillors.1"
    assert route(bracknell, PRIYA, ROBERT, C.OFFICER_CONDUCT, CHAIR_FIRST).clause_id == "procedure-councillors.1"
    assert route(bracknell, PRIYA, DENNIS, C.CODE_OF_CONDUCT).clause_id == f"{PROC_OFF}.4"
    northants = seed_routers[NORTHANTS]
    assert route(northants, PRIYA, ROBERT, C.POLITICAL_NEUTRALITY).clause_id == "7.11"
    assert route(northants, ROBERT, PRIYA, C.BULLYING).clause_id == "9.1"
    wonderland = seed_routers[WONDERLAND]
    assert route(wonderland, PRIYA, NADIA, C.OFFICER_CONDUCT).clause_id is None
    assert route(wonderland, OWEN, None, C.OWN_EMPLOYMENT).clause_id is None
    assert route(wonderland, ROBERT, GRACE, C.COUNCILLOR_CONDUCT).clause_id == "15.5"
