"""Need-to-know advice: the council's own clauses found in each seed, and verdicts on realistic requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protocol.model import Clause, ProtocolPack
from protocol.need_to_know import (
    CURIOSITY_CUES,
    POINT_KEYS,
    PRIVATE_CUES,
    ROLE_CUES,
    WEAK_ROLE_CUES,
    Assessment,
    NeedToKnowAdvisor,
    Point,
    RequestFacts,
    Verdict,
    personal_data_hint,
    read_purpose,
    wide_request,
)
from protocol.packfile import load_protocol
from protocol.search import ClauseIndex
from protocol.vocabulary import stem

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="tests/fixtures/seeds is missing")

WARE = "000_962a3c9936faa1d4"
ASHBOURNE = "001_d2b4da69d10df9bb"
BRACKNELL = "002_8001939cabd30e81"
WONDERLAND = "003_816d57c5047fc2be"
NORTHANTS = "004_ca0937dbfc46058b"
ACCESS = "councillors-access-information"

# The clause a clerk would cite for each point, read from each document (None: the document is silent).
# - Ware and Ashbourne have no access-to-information section; their Expectations clause 3.1 promises
#   councillors "information ... relevant to their needs, having regard to any individual
#   responsibilities", the nearest they come to need to know. Neither mentions FOI or data protection.
# - Bracknell's "Councillors' access to information" section: .1 requests (incl. for a constituent),
#   .4 the need to know must be shown, no roving commission, curiosity not sufficient, the proper
#   officer decides; .5 presumption for committee members, personal information about third parties
#   needs specific justification, use only for the purpose; .6 Freedom of Information Act 2000.
#   Correspondence .1: correspondence is not copied to other councillors.
# - Wonderland (ACSeS model) section 10: 10.1 requests, third parties and the Data Protection Act;
#   10.2 committee members' right; 10.3 the need to know principle; 10.4 the Town Clerk decides;
#   10.5 Data Protection Act advice; 10.6 use only for the purpose; 10.8 kept confidential from other
#   members. No FOI clause; no curiosity clause, so curiosity cites the need-to-know clause.
# - Northamptonshire: 6.1(f) information relevant to their needs; 7.9 confidential information never
#   to be disclosed or used for personal advantage. 7.7 names "FOISA" only as an officer's duty to
#   disclose, not the councillor's route, so no FOI clause is cited.
EXPECTED: dict[str, dict[str, str | None]] = {
    WARE: {"need_to_know": "3.1", "foi": None, "presumed": None, "curiosity": "3.1", "personal_data": None,
           "constituent": None, "confidential": None, "use": None, "decides": None},
    ASHBOURNE: {"need_to_know": "3.1", "foi": None, "presumed": None, "curiosity": "3.1", "personal_data": None,
                "constituent": None, "confidential": None, "use": None, "decides": None},
    BRACKNELL: {"need_to_know": f"{ACCESS}.4", "foi": f"{ACCESS}.6", "presumed": f"{ACCESS}.5",
                "curiosity": f"{ACCESS}.4", "personal_data": f"{ACCESS}.5", "constituent": f"{ACCESS}.1",
                "confidential": "correspondence.1", "use": f"{ACCESS}.5", "decides": f"{ACCESS}.4"},
    WONDERLAND: {"need_to_know": "10.3", "foi": None, "presumed": "10.2", "curiosity": "10.3",
                 "personal_data": "10.5", "constituent": "10.1", "confidential": "10.8", "use": "10.6",
                 "decides": "10.4"},
    NORTHANTS: {"need_to_know": "6.1", "foi": None, "presumed": None, "curiosity": "6.1", "personal_data": None,
                "constituent": None, "confidential": None, "use": "7.9", "decides": None},
}


@pytest.fixture(scope="module")
def advisors() -> dict[str, NeedToKnowAdvisor]:
    if not SEEDS.is_dir():
        pytest.skip("tests/fixtures/seeds is missing")
    return {name: NeedToKnowAdvisor(load_protocol(SEEDS / f"{name}.txt")) for name in EXPECTED}


# --- the council's clauses -------------------------------------------------------


@needs_seeds
@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_clauses_found_in_each_seed(advisors: dict[str, NeedToKnowAdvisor], seed: str) -> None:
    advisor = advisors[seed]
    found = {key: advisor.clause_for(key) for key in EXPECTED[seed]}
    assert found == EXPECTED[seed]


@needs_seeds
@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_cited_clauses_say_what_the_point_says(advisors: dict[str, NeedToKnowAdvisor], seed: str) -> None:
    advisor = advisors[seed]
    checks = {
        "need_to_know": ("need", "information"),
        "foi": ("freedom of information",),
        "personal_data": ("data protection", "personal information"),
        "constituent": ("constituent",),
        "confidential": ("other",),
        "decides": ("determined by",),
    }
    for key, words in checks.items():
        clause_id = advisor.clause_for(key)
        if clause_id is None:
            continue
        text = advisor.pack.get(clause_id).text.lower()
        assert any(w in text for w in words), (key, clause_id)


def test_clause_for_unknown_key_is_none() -> None:
    advisor = NeedToKnowAdvisor(_tiny_pack())
    assert advisor.clause_for("no-such-point") is None


def test_an_index_given_is_used() -> None:
    pack = _tiny_pack()
    index = ClauseIndex(pack)
    assert NeedToKnowAdvisor(pack, index).index is index


def _tiny_pack() -> ProtocolPack:
    return ProtocolPack(
        clauses=(
            Clause("1.1", "Councillors should park only in the marked bays.", ("Parking",)),
            Clause("1.2", "The car park is locked at 6pm.", ("Parking",)),
        ),
        council="Little Snoring Parish Council",
    )


def test_a_protocol_with_no_such_clauses_still_gives_every_point() -> None:
    advisor = NeedToKnowAdvisor(_tiny_pack())
    assert all(advisor.clause_for(key) is None for key in POINT_KEYS)
    facts = RequestFacts(
        "Tenants' addresses", "A resident in my ward has complained about a neighbouring plot holder's bonfires "
        "and I need the tenancy terms",
        constituent=True, personal_data=True, confidential=True,
    )
    result = advisor.assess(facts)
    keys = [p.key for p in result.points]
    for key in ("need_to_know", "personal_data", "constituent", "confidential", "use", "foi", "decides"):
        assert key in keys
    assert result.clause_ids == ()
    assert all(p.clause_id is None for p in result.points)


# --- verdicts --------------------------------------------------------------------

P, S, U, N = Verdict.PRESUMED, Verdict.NEED_SHOWN, Verdict.NEED_UNCLEAR, Verdict.NO_NEED

CASES: list[tuple[str, RequestFacts, Verdict]] = [
    ("member, own papers", RequestFacts(
        "Papers for the next planning committee meeting", "For the meeting", committee="planning",
        committee_name="Planning Committee", on_committee=True), P),
    ("member, own papers, terse", RequestFacts(
        "The draft budget report", "I sit on finance", committee="finance", on_committee=True), P),
    ("member, own papers, no reason needed", RequestFacts(
        "Agenda papers for finance", "", committee="finance", on_committee=True), P),
    ("member, personal data with specific reason", RequestFacts(
        "The clerk's personnel file", "I sit on the staffing committee and we are hearing her grievance "
        "appeal on 4 May", committee="staffing", on_committee=True, personal_data=True), P),
    ("member, personal data without reason", RequestFacts(
        "The clerk's personnel file", "for staffing", committee="staffing", on_committee=True,
        personal_data=True), U),
    ("member, private purpose", RequestFacts(
        "Objections to application 24/0456", "I want to see who objected to my own planning application",
        committee="planning", on_committee=True), N),
    ("non-member, ward casework", RequestFacts(
        "Tree survey for Mill Lane", "Residents in my ward have asked me why the trees on Mill Lane are "
        "being felled and I want to answer them", committee="planning", on_committee=False), S),
    ("non-member, not on committee but ward", RequestFacts(
        "Planning committee report on the car park", "I'm not on the planning committee, but residents in "
        "my ward keep asking me about the car park plans", committee="planning"), S),
    ("scrutiny before a vote", RequestFacts(
        "The grounds maintenance contract", "I want to scrutinise the grounds maintenance contract before "
        "the council votes on renewing it next month"), S),
    ("budget debate", RequestFacts(
        "Budget working papers", "To prepare questions for the budget debate at full council on 12 February"), S),
    ("outside body", RequestFacts(
        "The youth club grant application", "I represent the council on the youth club's management "
        "committee as a trustee and need it for their meeting"), S),
    ("audit working group", RequestFacts(
        "The 2024-25 accounts", "I am on the audit working group reviewing the year-end accounts before the "
        "external auditor visits"), S),
    ("wide but bounded by subject", RequestFacts(
        "All documents relating to the cemetery extension", "The cemetery extension decision is on the full "
        "council agenda and I need the background to vote"), S),
    ("negated curiosity", RequestFacts(
        "The pavilion lease", "Not just curiosity: the lease is on the agenda for the assets committee next "
        "week and I need to understand the break clause"), S),
    ("constituent with a reason", RequestFacts(
        "How the car park charges were set", "A constituent asked me how the car park charges were set and "
        "why they went up", constituent=True), S),
    ("personal data with justification", RequestFacts(
        "Allotment tenancy agreement for plot 12", "A resident in my ward has complained about a neighbouring "
        "plot holder's bonfires and I need the tenancy terms to help resolve the complaint at the allotments "
        "committee", personal_data=True), S),
    ("just curious", RequestFacts("Minutes of the staffing committee", "Just curious"), N),
    ("curious, negated role", RequestFacts("The pavilion lease", "It's not for a meeting, I'm just interested"), N),
    ("out of interest", RequestFacts(
        "The hall hire records", "Out of interest really, I am not on any committee that deals with it"), N),
    ("keep an eye", RequestFacts("The clerk's diary", "I want to keep an eye on what the clerk does all day"), N),
    ("because I can", RequestFacts("The town centre survey results", "because I can"), N),
    ("see everything", RequestFacts("Everything about the play area", "I'd like to see everything"), N),
    ("all emails about the clerk", RequestFacts(
        "I'd like to see all emails about the clerk", "I want to know what's going on"), N),
    ("any emails", RequestFacts("any emails", "interested"), N),
    ("all emails about the clerk, for a meeting", RequestFacts(
        "All emails about the clerk", "For the staffing committee meeting on 3 March where her appraisal is "
        "discussed"), U),
    ("member asks for everything", RequestFacts(
        "Every file the council holds", "I sit on the finance committee and want to review how we work",
        committee="finance", on_committee=True), U),
    ("election leaflet", RequestFacts("Spending on the mayor's car", "For my election leaflet about council waste"), N),
    ("personal data, no justification", RequestFacts(
        "Allotment tenants' names and addresses", "I want to contact them", personal_data=True), U),
    ("personal data, general reason only", RequestFacts(
        "Details of the complaint made by Mrs Smith", "for council business as a councillor", personal_data=True), U),
    ("personal data, role but too general", RequestFacts(
        "Allotment tenants' names and addresses", "For the allotments committee", personal_data=True), U),
    ("constituent, too brief", RequestFacts("Info on the bus shelter repairs", "for a resident", constituent=True), U),
    ("empty purpose", RequestFacts("Papers", ""), U),
    ("punctuation only", RequestFacts("Cemetery records", "?"), U),
    ("need it", RequestFacts("The pavilion lease", "need it"), U),
    ("no role cue", RequestFacts(
        "The pavilion lease", "I would like a copy of the lease please, thank you very much"), U),
    ("short ward cue", RequestFacts("CCTV footage from the park", "Vandalism in my ward"), U),
]


@needs_seeds
@pytest.mark.parametrize(("name", "facts", "verdict"), CASES, ids=[c[0] for c in CASES])
def test_verdicts(advisors: dict[str, NeedToKnowAdvisor], name: str, facts: RequestFacts, verdict: Verdict) -> None:
    for seed, advisor in advisors.items():
        result = advisor.assess(facts)
        assert result.verdict is verdict, (seed, result.cues, result.summary)


@needs_seeds
@pytest.mark.parametrize(("name", "facts", "verdict"), CASES, ids=[c[0] for c in CASES])
def test_every_assessment_mentions_foi_and_that_the_officer_decides(
    advisors: dict[str, NeedToKnowAdvisor], name: str, facts: RequestFacts, verdict: Verdict
) -> None:
    for advisor in advisors.values():
        result = advisor.assess(facts)
        foi = result.point("foi")
        assert foi is not None and "Freedom of Information Act 2000" in foi.text
        assert foi.clause_id == advisor.clause_for("foi")
        assert result.points[-1].key == "decides"
        assert "advice" in result.points[-1].text and "decides" in result.points[-1].text
        assert result.summary and len(result.summary) < 400
        assert all(advisor.pack.get(cid) is not None for cid in result.clause_ids)


# --- points ------------------------------------------------------------------------


def _bracknell(advisors: dict[str, NeedToKnowAdvisor]) -> NeedToKnowAdvisor:
    return advisors[BRACKNELL]


@needs_seeds
def test_presumed_cites_the_presumption(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    result = _bracknell(advisors).assess(CASES[0][1])
    assert result.verdict.label == "Presumed need to know (committee member)"
    assert "Planning Committee" in result.summary
    assert result.points[0].key == "presumed"
    assert result.points[0].clause_id == f"{ACCESS}.5"
    assert result.clause_ids == (f"{ACCESS}.5", f"{ACCESS}.6", f"{ACCESS}.4")


@needs_seeds
def test_curiosity_is_not_a_need_and_foi_is_suggested(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    result = _bracknell(advisors).assess(RequestFacts("Minutes of the staffing committee", "Just curious"))
    assert result.verdict is Verdict.NO_NEED
    assert result.points[0].key == "curiosity"
    assert result.points[0].clause_id == f"{ACCESS}.4"
    assert "roving commission" in result.points[0].text
    assert "Freedom of Information" in result.summary
    assert "route to suggest" in result.point("foi").text
    assert "curiosity: curious" in result.cues


@needs_seeds
def test_roving_request_is_flagged(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    facts = RequestFacts("I'd like to see all emails about the clerk", "I want to know what's going on")
    result = _bracknell(advisors).assess(facts)
    scope = result.point("scope")
    assert scope is not None and "all emails" in scope.text
    assert "wide: all emails" in result.cues
    personal = result.point("personal_data")
    assert personal is not None and "may hold personal data" in personal.text


@needs_seeds
def test_personal_data_needs_specific_reason_and_a_check(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    advisor = advisors[WONDERLAND]
    vague = advisor.assess(RequestFacts("Allotment tenants' names and addresses", "I want to contact them",
                                        personal_data=True))
    point = vague.point("personal_data")
    assert point.clause_id == "10.5"
    assert "data protection" in point.text and "does not yet give that specific reason" in point.text
    justified = advisor.assess(CASES[15][1])
    assert justified.verdict is Verdict.NEED_SHOWN
    assert "does not yet give" not in justified.point("personal_data").text
    assert justified.point("use").clause_id == "10.6"


@needs_seeds
def test_constituent_point(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    result = _bracknell(advisors).assess(CASES[14][1])
    point = result.point("constituent")
    assert point.clause_id == f"{ACCESS}.1"
    assert "lawfully" in point.text and "may not pass on confidential information" in point.text


@needs_seeds
def test_confidential_request(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    facts = RequestFacts(
        "Correspondence with the insurer about the flood",
        "The council decision on the flood repairs is due next week and I want to check the insurer's position",
        confidential=True,
    )
    for seed, advisor in advisors.items():
        result = advisor.assess(facts)
        point = result.point("confidential")
        assert "only to the councillor, the officer handling it and the Clerk" in point.text
        assert point.clause_id == EXPECTED[seed]["confidential"]
        use = result.point("use")
        assert "kept confidential" in use.text and use.clause_id == EXPECTED[seed]["use"]
    plain = advisors[WONDERLAND].assess(RequestFacts("Budget papers", "For the budget debate at full council"))
    assert plain.point("confidential") is None


@needs_seeds
def test_private_purpose(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    result = advisors[NORTHANTS].assess(
        RequestFacts("Spending on the mayor's car", "For my election leaflet about council waste"))
    assert result.points[0].key == "private_purpose"
    assert result.points[0].clause_id == "7.9"
    assert result.point("use") is None  # the private-purpose point already says it


@needs_seeds
def test_assessment_round_trips_as_json(advisors: dict[str, NeedToKnowAdvisor]) -> None:
    for _, facts, _ in CASES:
        result = advisors[WONDERLAND].assess(facts)
        data = json.loads(json.dumps(result.to_dict()))
        assert data["label"] == result.verdict.label
        assert Assessment.from_dict(data) == result


def test_clause_ids_are_unique_and_in_order() -> None:
    result = Assessment(Verdict.NEED_SHOWN, "s", (
        Point("a", "x", "10.3"), Point("b", "y", None), Point("c", "z", "10.6"), Point("d", "w", "10.3"),
    ))
    assert result.clause_ids == ("10.3", "10.6")


def test_verdict_labels_are_plain_words() -> None:
    assert {v.value for v in Verdict} == {"presumed", "need_shown", "need_unclear", "no_need"}
    for verdict in Verdict:
        assert verdict.label and "_" not in verdict.label


# --- reading the purpose and the documents ---------------------------------------------


def test_read_purpose_negation_is_scoped_to_its_clause() -> None:
    reading = read_purpose("It's not for a meeting, but residents in my ward want answers")
    assert "meeting" in reading.negated
    assert {"residents", "ward"} <= set(reading.role)
    assert read_purpose("I don't sit on the committee").role == ()
    assert read_purpose("not curious at all").curiosity == ()
    assert read_purpose("for my own interest rather than a meeting").negated == ("meeting",)
    assert read_purpose("I would rather see it before the meeting").role == ("meeting",)


def test_read_purpose_private_phrase_is_not_a_role_cue() -> None:
    reading = read_purpose("about my own planning application")
    assert reading.private == ("my own planning application",)
    assert reading.role == ()


def test_read_purpose_counts_meaningful_words() -> None:
    assert read_purpose("").words == 0
    assert read_purpose("for the meeting").too_short
    assert not read_purpose("for the budget debate at full council").too_short


def test_cue_lists_do_not_overlap() -> None:
    def stems(cues: tuple[str, ...]) -> set[tuple[str, ...]]:
        return {tuple(stem(w) for w in c.lower().replace("'", " ").split()) for c in cues}

    lists = [stems(ROLE_CUES), stems(WEAK_ROLE_CUES), stems(CURIOSITY_CUES), stems(PRIVATE_CUES)]
    for i, a in enumerate(lists):
        for b in lists[i + 1 :]:
            assert not a & b, a & b


@pytest.mark.parametrize(
    ("documents", "wide"),
    [
        ("all emails about the clerk", "all emails"),
        ("any emails", "any emails"),
        ("Everything about the play area", "everything"),
        ("every file you hold", "every file"),
        ("all the correspondence", "all the correspondence"),
        ("all documents about the Mayor", "all documents"),
        ("all papers for the planning committee on 5 May", None),
        ("all documents relating to the cemetery extension", None),
        ("all emails between the clerk and the contractor since January 2025", None),
        ("the minutes of the last finance meeting", None),
        ("all emails you may have", "all emails"),
        ("all emails about me", "all emails"),
        ("all emails sent in May 2025", None),
        ("", None),
    ],
)
def test_wide_request(documents: str, wide: str | None) -> None:
    assert wide_request(documents) == wide


@pytest.mark.parametrize(
    ("documents", "hint"),
    [
        ("The clerk's personnel file", "personnel file"),
        ("names and addresses of allotment tenants", "addresses"),
        ("the CCTV footage from the park", "cctv"),
        ("all emails about the clerk", "about the clerk"),
        ("the pavilion lease", None),
        ("spending on the mayor's car", None),
        ("all emails about me", None),
    ],
)
def test_personal_data_hint(documents: str, hint: str | None) -> None:
    assert personal_data_hint(documents) == hint
