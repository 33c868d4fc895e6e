"""The importer on the document shapes in tests/fixtures/protocols/ and on small inline documents.

Each fixture is described in tests/fixtures/protocols/README.md. The expectations here were
checked against the documents by hand: ids, the first words of each clause, sub-items, heading
paths, metadata, and the debris (contents, footers, running headers, signatures) that must not
reach any clause.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protocol.importer import import_file, import_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "protocols"
FIXTURE_NAMES = ("roman.txt", "parts.md", "unnumbered.txt", "wrapped.txt")
_PAGE_N_OF_M = re.compile(r"\bPage \d+ of \d+\b", re.IGNORECASE)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


@pytest.fixture(scope="module")
def packs():
    return {name: import_file(FIXTURES / name) for name in FIXTURE_NAMES}


# --- properties every fixture must have ---------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_ids_unique_and_no_empty_clause(packs, name):
    pack = packs[name]
    ids = [c.id for c in pack]
    assert len(ids) == len(set(ids))
    assert all(c.id and c.text.strip() for c in pack)
    assert all(pack.get(c.id) is c for c in pack)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_reimport_is_stable(packs, name):
    again = import_file(FIXTURES / name)
    assert again.clauses == packs[name].clauses
    assert (again.council, again.title, again.adopted, again.reviewed) == (
        packs[name].council,
        packs[name].title,
        packs[name].adopted,
        packs[name].reviewed,
    )


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_no_page_footer_or_markup_in_any_clause(packs, name):
    for c in packs[name]:
        for part in (c.text, *c.path, *c.items):
            assert not _PAGE_N_OF_M.search(part), (c.id, part)
            assert "**" not in part and "\f" not in part, c.id
        assert not re.search(r"^#", c.text, re.MULTILINE), c.id


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_items_are_part_of_their_clause_text(packs, name):
    for c in packs[name]:
        lines = c.text.split("\n")
        for item in c.items:
            assert item in lines, (c.id, item)


# --- roman.txt -------------------------------------------------------------------------------------

ROMAN_SECTIONS = [
    ("I", "INTRODUCTION", "1"),
    ("II", "WHO DOES WHAT", "3"),
    ("III", "RESPECT AND DIGNITY AT WORK", "7"),
    ("IV", "INFORMATION AND DOCUMENTS", "10"),
    ("V", "CONFIDENTIALITY", "15"),
    ("VI", "LETTERS, E-MAILS AND OTHER CORRESPONDENCE", "18"),
    ("VII", "THE PRESS, MEDIA AND SOCIAL MEDIA", "22"),
    ("VIII", "POLITICAL GROUPS AND CAMPAIGNING", "25"),
    ("IX", "COUNCIL PROPERTY, EQUIPMENT AND PREMISES", "27"),
    ("X", "STAFFING AND APPOINTMENTS", "29"),
    ("XI", "RAISING CONCERNS", "31"),
]


def test_roman_clauses_1_to_34_in_order_with_their_text(packs):
    pack = packs["roman.txt"]
    body = [c for c in pack if not c.is_heading_only]
    assert [c.id for c in body] == [str(n) for n in range(1, 35)]
    source = (FIXTURES / "roman.txt").read_text(encoding="utf-8")
    numbered = re.findall(r"^(\d{1,2})\. (.+)$", source, re.MULTILINE)
    assert len(numbered) == 34
    for number, first_line in numbered:
        assert pack.get(number).text.startswith(_first_words(first_line)), number
    assert pack.get("1").text.startswith("This protocol explains how the councillors and the staff")
    assert pack.get("34").text == "This protocol will be reviewed every two years, or sooner if the law changes."
    assert pack.get("9").text.endswith("Concerns of that kind are to be raised in private, as set out in Section XI.")


def test_roman_section_numerals_are_headings_not_body_clauses(packs):
    pack = packs["roman.txt"]
    headings = [c for c in pack if c.is_heading_only]
    assert [(c.id, c.heading) for c in headings] == [(num, title) for num, title, _ in ROMAN_SECTIONS]
    # Each section heading comes immediately before the first clause of its section.
    ids = [c.id for c in pack]
    for num, _, first in ROMAN_SECTIONS:
        assert ids[ids.index(num) + 1] == first


def test_roman_heading_paths(packs):
    pack = packs["roman.txt"]
    bounds = [int(first) for _, _, first in ROMAN_SECTIONS] + [35]
    for (_, title, _), start, end in zip(ROMAN_SECTIONS, bounds, bounds[1:]):
        for n in range(start, end):
            c = pack.get(str(n))
            assert c.path == (title,), n
            assert c.heading == title
    # Clauses are numbered continuously: 10 is not restarted as 1 under IV.
    assert pack.get("10").text.startswith("A councillor may ask the Clerk for any information")


def test_roman_metadata(packs):
    pack = packs["roman.txt"]
    assert pack.council == "Kettlewell Parish Council"
    assert pack.title is not None
    assert pack.title.lower() == "protocol on working relations between councillors and staff"
    assert pack.adopted == "9 September 2024"
    assert pack.reviewed is None  # "reviewed every two years" names no date
    assert not any("Minute 24/117" in c.text or "KETTLEWELL PARISH COUNCIL" in c.text for c in pack)


def test_roman_lettered_items_stay_inside_their_clause(packs):
    pack = packs["roman.txt"]
    five = pack.get("5")
    assert five.text.startswith("Councillors must not:\n(a) give orders to any member of staff")
    assert [i[:3] for i in five.items] == ["(a)", "(b)", "(c)", "(d)"]
    assert five.items[3] == "(d) commit the Council to any expenditure or contract."
    assert pack.get("6").items == ()
    assert pack.get("6").text.startswith("The Chairman of the Council and the chairs of committees")
    # Items never become clauses of their own.
    assert not any(re.match(r"^\(?[a-z]{1,3}\)", c.id) for c in pack)


def test_roman_items_after_and_or_are_separate_items(packs):
    pack = packs["roman.txt"]
    assert [i.split()[0] for i in pack.get("11").items] == ["(a)", "(b)", "(i)", "(ii)"]
    assert pack.get("11").items[1] == "(b) the papers do not contain:"
    assert [i[:3] for i in pack.get("23").items] == ["(a)", "(b)", "(c)"]
    assert [i[:3] for i in pack.get("24").items] == ["(a)", "(b)", "(c)"]
    assert [i[:3] for i in pack.get("29").items] == ["(a)", "(b)", "(c)"]


def test_roman_nested_roman_items_are_kept_in_clause_11(packs):
    c = packs["roman.txt"].get("11")
    assert c.text.startswith("A councillor who sits on a committee is entitled to see the papers")
    flat = _squash(c.text)
    assert "(i) information which is exempt or confidential under the Local Government Act 1972" in flat
    assert "(ii) personal data which the councillor has no lawful basis to see." in flat
    assert "(b) the papers do not contain:" in flat
    assert packs["roman.txt"].get("12").text.startswith("Wanting to know out of interest is not enough.")


# --- parts.md ---------------------------------------------------------------------------------------

PARTS = {
    "A": ("Purpose and Principles", 3),
    "B": ("Roles", 5),
    "C": ("Respect and Dignity", 4),
    "D": ("Information and Confidentiality", 7),
    "E": ("Correspondence", 4),
    "F": ("Media and Social Media", 4),
    "G": ("Political Groups, Resources and Premises", 3),
    "H": ("Employment Matters and Complaints", 6),
}


def test_parts_ids_in_order_with_their_text(packs):
    pack = packs["parts.md"]
    expected = [f"{letter}{n}" for letter, (_, count) in PARTS.items() for n in range(1, count + 1)]
    assert [c.id for c in pack] == expected
    source = (FIXTURES / "parts.md").read_text(encoding="utf-8")
    for cid, first_line in re.findall(r"^([A-H]\d)\. (.+)$", source, re.MULTILINE):
        assert pack.get(cid).text.startswith(_first_words(first_line)), cid
    assert pack.get("A1").text.startswith("This protocol describes what the members and the employees")
    assert pack.get("H6").text == "Any question about the meaning of this protocol should be referred to the Clerk."
    assert '("cc", never "bcc")' in pack.get("E3").text


def test_parts_heading_paths(packs):
    pack = packs["parts.md"]
    for c in pack:
        name, _ = PARTS[c.id[0]]
        assert c.path == (f"Part {c.id[0]} – {name}",), c.id
        assert c.heading == f"Part {c.id[0]} – {name}"
        assert not c.is_heading_only


def test_parts_bullets_are_items_of_the_clause_before_them(packs):
    pack = packs["parts.md"]
    b5 = pack.get("B5")
    assert b5.items == (
        "• the member's private affairs or business interests;",
        "• party political or campaigning work;",
        "• the business of any other organisation to which the member belongs.",
    )
    assert b5.text.startswith("A request by a member for an employee's help must concern Council business.")
    assert len(pack.get("C2").items) == 4
    assert pack.get("C2").items[-1] == "• spreading gossip or rumours about someone."
    assert len(pack.get("F4").items) == 4
    assert pack.get("F4").items[0].startswith("• remember that the Code of Conduct applies")
    assert [c.id for c in pack if c.items] == ["B5", "C2", "F4"]
    assert not any(re.search(r"^\*", c.text, re.MULTILINE) for c in pack)


def test_parts_metadata(packs):
    pack = packs["parts.md"]
    assert pack.council == "Ashcombe Magna Parish Council"
    assert pack.title == "Protocol for Members and Employees"
    assert pack.adopted == "4 June 2024"
    assert pack.reviewed == "June 2027"
    assert not any("Minute 2024/061" in c.text or "Next review" in c.text for c in pack)


# --- unnumbered.txt --------------------------------------------------------------------------------

UNNUMBERED_IDS = [
    "introduction.1", "introduction.2",
    "role-members.1", "role-members.2",
    "role-officers.1", "role-officers.2",
    "respect-courtesy.1", "respect-courtesy.2", "respect-courtesy.3",
    "access-information.1", "access-information.2", "access-information.3",
    "confidentiality.1",
    "correspondence.1", "correspondence.2",
    "press-social-media.1", "press-social-media.2", "press-social-media.3",
    "party-politics.1",
    "council-resources-premises.1", "council-resources-premises.2",
    "staff-appointments.1",
    "when-things-go.1", "when-things-go.2", "when-things-go.3",
]  # fmt: skip

UNNUMBERED_HEADINGS = {
    "introduction": "INTRODUCTION",
    "role-members": "The Role of Members",
    "role-officers": "The Role of Officers",
    "respect-courtesy": "RESPECT AND COURTESY",
    "access-information": "ACCESS TO INFORMATION",
    "confidentiality": "CONFIDENTIALITY",
    "correspondence": "Correspondence",
    "press-social-media": "The Press and Social Media",
    "party-politics": "Party Politics",
    "council-resources-premises": "COUNCIL RESOURCES AND PREMISES",
    "staff-appointments": "Staff Appointments",
    "when-things-go": "WHEN THINGS GO WRONG",
}


def test_unnumbered_ids_from_headings_in_order(packs):
    pack = packs["unnumbered.txt"]
    assert [c.id for c in pack] == UNNUMBERED_IDS
    assert all(c.number is None and not c.is_heading_only for c in pack)


def test_unnumbered_paragraph_texts(packs):
    pack = packs["unnumbered.txt"]
    source = (FIXTURES / "unnumbered.txt").read_text(encoding="utf-8")
    body = source[source.index("Page 1 of 5") :]
    paragraphs = [
        p.strip()
        for p in body.split("\n\n")
        if len(p.split()) > 12 and not p.lstrip().startswith("-")
    ]
    assert len(paragraphs) == len(UNNUMBERED_IDS)
    for cid, paragraph in zip(UNNUMBERED_IDS, paragraphs):
        first = paragraph.split("\n")[0]
        assert pack.get(cid).text.startswith(first), cid
    assert pack.get("introduction.1").text.startswith(
        "Harrowden Vale Town Council employs a Town Clerk, a Deputy Town Clerk"
    )


def test_unnumbered_headings(packs):
    pack = packs["unnumbered.txt"]
    for c in pack:
        stem = c.id.rsplit(".", 1)[0]
        assert c.heading == UNNUMBERED_HEADINGS[stem], c.id
        assert c.path[-1] == c.heading
    # Upper-case headings start a new top-level section.
    for cid in ("introduction.1", "respect-courtesy.1", "access-information.1", "confidentiality.1",
                "council-resources-premises.1", "when-things-go.1"):
        assert pack.get(cid).path == (pack.get(cid).heading,), cid


def test_unnumbered_no_contents_page(packs):
    pack = packs["unnumbered.txt"]
    for c in pack:
        for part in (c.text, *c.path):
            assert not re.search(r"\.{3,}", part), c.id
            assert not re.search(r"\s\d{1,2}$", part), (c.id, part)
            assert "CONTENTS" not in part.upper().split()
    # Contents entries did not become clauses or headings of their own.
    assert pack.clauses[0].id == "introduction.1"
    assert len([c for c in pack if c.heading == "The Role of Members"]) == 2


def test_unnumbered_footer_between_paragraphs_does_not_split_or_join_them(packs):
    pack = packs["unnumbered.txt"]
    first = pack.get("respect-courtesy.1")
    assert first.text.endswith("whether face to face, on the telephone, in writing or online.")
    second = pack.get("respect-courtesy.2")
    assert second.text.startswith("The Council will not tolerate bullying, harassment or intimidation of any kind.")
    assert second.items == (
        "• shouting at or belittling a colleague;",
        "• making unreasonable or excessive demands on an Officer's time;",
        "• persistent criticism or fault-finding;",
        "• contacting Officers at home or outside working hours without good reason.",
    )
    assert pack.get("respect-courtesy.3").text.startswith("A Member must not find fault with an Officer's work")
    assert pack.get("correspondence.1").heading == "Correspondence"  # footer came right before this heading


def test_unnumbered_no_signature_block_or_metadata_lines(packs):
    pack = packs["unnumbered.txt"]
    for c in pack:
        assert not re.search(r"^(?:Signed|Date)\b", c.text, re.MULTILINE), c.id
        assert "Adopted:" not in c.text and "Review date" not in c.text
        assert "……" not in c.text
    assert pack.clauses[-1].id == "when-things-go.3"
    assert pack.clauses[-1].text.endswith("Only that office can deal with them.")


def test_unnumbered_metadata(packs):
    pack = packs["unnumbered.txt"]
    assert pack.council == "Harrowden Vale Town Council"
    assert pack.title == "Protocol on Relations between Members and Officers"
    assert pack.adopted == "12 March 2024"
    assert pack.reviewed == "March 2026"


# --- wrapped.txt ------------------------------------------------------------------------------------

WRAPPED_SECTIONS = [
    ("1", "Purpose", 2),
    ("2", "Roles", 4),
    ("3", "Working Together", 4),
    ("4", "Access to Information", 5),
    ("5", "Confidentiality", 2),
    ("6", "Correspondence", 2),
    ("7", "The Media and Social Media", 3),
    ("8", "Political Groups", 1),
    ("9", "Resources and Premises", 2),
    ("10", "Employment and Appointments", 2),
    ("11", "Concerns and Complaints", 3),
]
_WRAPPED_HEADER = "Oakhurst Parish Council – Member/Officer Protocol"


def test_wrapped_ids_in_order_with_their_text(packs):
    pack = packs["wrapped.txt"]
    expected = []
    for num, _, count in WRAPPED_SECTIONS:
        expected += [num] + [f"{num}.{k}" for k in range(1, count + 1)]
    assert [c.id for c in pack] == expected
    source = (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")
    for cid, first_line in re.findall(r"^(\d{1,2}\.\d)\. (.+)$", source, re.MULTILINE):
        assert pack.get(cid).text.startswith(_first_words(first_line)), cid
    for num, title, _ in WRAPPED_SECTIONS:
        c = pack.get(num)
        assert c.is_heading_only and c.heading == title and c.text == title


def test_wrapped_lines_are_unwrapped_across_page_breaks(packs):
    pack = packs["wrapped.txt"]
    assert not any("\n" in c.text for c in pack)
    assert pack.get("2.2").text == (
        "The Clerk is the Council’s Proper Officer and Responsible Financial Officer and manages the other "
        "employees. Employees work for the Council as a corporate body and take their instructions from the Clerk."
    )
    assert pack.get("5.1").text == (
        "Councillors and employees must not disclose confidential information, including business taken after "
        "the exclusion of the press and public, except with proper authority or where the law requires it."
    )
    assert pack.get("1.1").text.endswith(
        "the Council’s Standing Orders and Financial Regulations, and the employees’ contracts."
    )


def test_wrapped_hyphenated_word_rejoined(packs):
    text = packs["wrapped.txt"].get("11.2").text
    assert "through conciliation if appropriate" in text
    assert "conc-" not in text and "conc iliation" not in text
    assert not any(re.search(r"\b[a-z]+- [a-z]", c.text) for c in packs["wrapped.txt"])


def test_wrapped_no_running_header(packs):
    for c in packs["wrapped.txt"]:
        for part in (c.text, *c.path):
            assert _WRAPPED_HEADER not in part, c.id
            assert "Member/Officer Protocol" not in part, c.id


def test_wrapped_heading_paths_even_when_a_page_break_follows_the_heading(packs):
    pack = packs["wrapped.txt"]
    for num, title, count in WRAPPED_SECTIONS:
        for k in range(1, count + 1):
            c = pack.get(f"{num}.{k}")
            assert c.path == (title,), c.id
            assert c.heading == title and not c.is_heading_only
    assert pack.get("10.1").text.startswith("The Council, through its Personnel Committee, is responsible for the")


def test_wrapped_metadata(packs):
    pack = packs["wrapped.txt"]
    assert pack.council == "Oakhurst Parish Council"
    assert pack.title == "Member/Officer Protocol"
    assert pack.adopted == "21 November 2023"
    assert pack.reviewed is None


# --- small inline documents --------------------------------------------------------------------------


def test_parenthesised_numbers_are_items():
    pack = import_text(
        "Lowbridge Parish Council\nMember and Officer Protocol\n\n"
        "1. Introduction\n\n"
        "1.1 Councillors and officers must respect each other.\n\n"
        "1.2 A councillor may ask the Clerk for information where:\n"
        "(1) the councillor needs it for their role;\n"
        "(2) it does not contain personal data.\n\n"
        "1.3 Officers will answer within ten working days.\n",
        "lowbridge.txt",
    )
    assert [c.id for c in pack] == ["1", "1.1", "1.2", "1.3"]
    c = pack.get("1.2")
    assert c.items == ("(1) the councillor needs it for their role;", "(2) it does not contain personal data.")
    assert c.text == (
        "A councillor may ask the Clerk for information where:\n"
        "(1) the councillor needs it for their role;\n"
        "(2) it does not contain personal data."
    )
    assert c.path == ("Introduction",)
    assert pack.get("1.3").text == "Officers will answer within ten working days."
    assert pack.get("1").is_heading_only


_SECTION_HEADING = re.compile(r"^Section (\d) ?[:–-] ?(\w+)$")


def test_section_dash_headings_with_unnumbered_paragraphs():
    pack = import_text(
        "Millbrook Town Council\nProtocol on Member/Officer Relations\n\n"
        "Section 1 – Introduction\n\nCouncillors and officers work together for the town.\n\n"
        "Section 2 – Roles\n\nThe Clerk manages all other staff. Councillors set policy.\n\n"
        "Section 3 – Access\n\nA councillor may ask the Clerk for documents needed for council duties.\n\n"
        "Officers will give reasons for a refusal.\n",
        "millbrook.txt",
    )
    assert len(pack) == 4
    sections = [(_SECTION_HEADING.match(c.heading).groups(), c.text) for c in pack]
    assert sections == [
        (("1", "Introduction"), "Councillors and officers work together for the town."),
        (("2", "Roles"), "The Clerk manages all other staff. Councillors set policy."),
        (("3", "Access"), "A councillor may ask the Clerk for documents needed for council duties."),
        (("3", "Access"), "Officers will give reasons for a refusal."),
    ]
    # Ids come from the heading and paragraph order, and are unique.
    ids = [c.id for c in pack]
    assert len(set(ids)) == 4
    assert ids[2].endswith(".1") and ids[3].endswith(".2") and ids[2][:-2] == ids[3][:-2]
    assert "access" in ids[2]
    assert all(len(c.path) == 1 and c.path[0] == c.heading for c in pack)


def test_section_dash_headings_over_numbered_clauses():
    pack = import_text(
        "Millbrook Town Council\nProtocol on Member/Officer Relations\n\n"
        "Section 1 – Introduction\n\n1.1 Councillors and officers work together for the town.\n\n"
        "Section 2 – Roles\n\n2.1 The Clerk manages all other staff.\n\n2.2 Councillors set policy.\n\n"
        "Section 3 – Access\n\n3.1 A councillor may ask the Clerk for documents needed for council duties.\n\n"
        "3.2 Officers will give reasons for a refusal.\n",
        "millbrook.txt",
    )
    assert [c.id for c in pack] == ["1.1", "2.1", "2.2", "3.1", "3.2"]
    assert pack.get("3.2").text == "Officers will give reasons for a refusal."
    assert _SECTION_HEADING.match(pack.get("3.1").heading).groups() == ("3", "Access")
    assert _SECTION_HEADING.match(pack.get("2.2").heading).groups() == ("2", "Roles")
    assert pack.get("3.1").path == (pack.get("3.1").heading,)


def test_single_level_numbered_document():
    pack = import_text(
        "Fenwick Parish Council\n\n"
        "1. Councillors and officers must treat each other with respect.\n\n"
        "2. The Clerk is the Proper Officer and manages the other staff.\n\n"
        "3. A councillor may ask the Clerk for the information needed for their role. Requests\n"
        "should be made in writing.\n\n"
        "4. Councillors must not criticise officers in public.\n",
        "fenwick.txt",
    )
    assert pack.council == "Fenwick Parish Council"
    assert [c.id for c in pack] == ["1", "2", "3", "4"]
    assert [c.text for c in pack] == [
        "Councillors and officers must treat each other with respect.",
        "The Clerk is the Proper Officer and manages the other staff.",
        "A councillor may ask the Clerk for the information needed for their role. Requests should be made in writing.",
        "Councillors must not criticise officers in public.",
    ]
    assert not any(c.is_heading_only or c.items for c in pack)
    assert [c.number for c in pack] == ["1", "2", "3", "4"]


def test_markdown_numbered_headings_and_star_bullets():
    pack = import_text(
        "# Greystone Town Council\n\n## Member/Officer Protocol\n\n"
        "## 1. Introduction\n\nCouncillors and officers must respect each other.\n\n"
        "## 4. Press\n\nThe Clerk deals with the press. Councillors speaking to reporters must:\n\n"
        "* say whether they speak for the Council;\n* tell the Clerk afterwards.\n\n"
        "Officers give facts only.\n",
        "greystone.md",
    )
    assert pack.council == "Greystone Town Council"
    assert pack.title == "Member/Officer Protocol"
    assert [c.id for c in pack] == ["1", "4"]
    press = pack.get("4")
    assert press.heading == "Press" and press.title == "Press" and press.path == ("Press",)
    assert press.items == ("• say whether they speak for the Council;", "• tell the Clerk afterwards.")
    assert press.text == (
        "Press\nThe Clerk deals with the press. Councillors speaking to reporters must:\n"
        "• say whether they speak for the Council;\n• tell the Clerk afterwards.\nOfficers give facts only."
    )
    assert pack.get("1").heading == "Introduction"
    assert "Councillors and officers must respect each other." in pack.get("1").text
    assert not any("#" in c.text or "*" in c.text for c in pack)


def test_duplicate_number_gets_a_suffixed_id():
    text = (
        "Ridgeway Parish Council\nMember/Officer Protocol\n\n"
        "1. Roles\n\n1.1 Councillors set policy.\n\n1.2 Officers carry it out.\n\n"
        "1.2 The Clerk manages the other officers.\n\n1.3 Councillors may not instruct staff.\n"
    )
    pack = import_text(text, "ridgeway.txt")
    assert [c.id for c in pack] == ["1", "1.1", "1.2", "1.2-2", "1.3"]
    assert pack.get("1.2").text == "Officers carry it out."
    assert pack.get("1.2-2").text == "The Clerk manages the other officers."
    assert pack.get("1.2-2").number == "1.2"
    assert pack.get("1.2-2").path == ("Roles",)
    assert [c.id for c in import_text(text, "ridgeway.txt")] == [c.id for c in pack]


@pytest.mark.parametrize(
    "items",
    [
        ["(a) instruct officers;", "(b) ask officers for private favours; and", "(c) criticise officers in public."],
        ["a. they sit on the committee; or", "b. they show a need to know."],
    ],
    ids=["paren-and", "dot-or"],
)
def test_items_after_and_or_stay_separate(items):
    text = (
        "Lowbridge Parish Council\nMember and Officer Protocol\n\n"
        "1. Councillors must not do the following things:\n" + "\n".join(items) + "\n\n"
        "2. The Clerk manages the other staff.\n"
    )
    pack = import_text(text, "lowbridge.txt")
    assert pack.get("1").items == tuple(items)


def test_repeated_short_clause_lines_are_not_dropped_as_running_headers():
    pack = import_text(
        "Lowbridge Parish Council\nMember and Officer Protocol\n\n"
        "1. Meetings\n1.1 Councillors and officers meet as equals.\n"
        "1.2 Councillors must not:\n(a) instruct officers;\n(b) criticise officers.\n\n"
        "2. The office\n2.1 Councillors must not:\n(a) give orders to staff;\n(b) take staff away from their work.\n\n"
        "3. Online\n3.1 Councillors must not:\n(a) name officers in posts;\n(b) share confidential papers.\n",
        "lowbridge.txt",
    )
    assert [c.id for c in pack] == ["1", "1.1", "1.2", "2", "2.1", "3", "3.1"]
    assert pack.get("1.1").text == "Councillors and officers meet as equals."
    assert pack.get("1.2").text == "Councillors must not:\n(a) instruct officers;\n(b) criticise officers."
    assert pack.get("2").is_heading_only and pack.get("2").heading == "The office"
