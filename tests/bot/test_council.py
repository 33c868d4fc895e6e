"""The council file loader: dataclasses out, every problem reported with its key and line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.council import Council, CouncilFileError, Person, Role, load_council, read_council

REPO = Path(__file__).parents[2]

GOOD = """\
name: Testford Parish Council
protocol: protocol.txt
people:
  - name: Nadia Kowalski
    role: clerk
    title: Town Clerk
    aliases: [Nads]
    slack_id: U01
    discord_id: "8001"
  - name: Priya Nair
    role: councillor
    committees: [planning]
    slack_id: U02
    discord_id: 8002
  - name: Colin Marsh
    role: vice_chair
committees:
  - id: planning
    name: Planning Committee
"""


def write(tmp_path: Path, text: str, *, protocol: bool = True) -> Path:
    if protocol:
        (tmp_path / "protocol.txt").write_text("Councillors and officers work together.\n", encoding="utf-8")
    path = tmp_path / "council.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(CouncilFileError) as caught:
        load_council(path)
    return [str(p) for p in caught.value.problems]


# ---------------------------------------------------------------- a good file


def test_good_file_loads_into_dataclasses(tmp_path: Path) -> None:
    council = load_council(write(tmp_path, GOOD))
    assert isinstance(council, Council)
    assert council.name == "Testford Parish Council"
    assert council.protocol_path == (tmp_path / "protocol.txt").resolve()
    assert [p.name for p in council.people] == ["Nadia Kowalski", "Priya Nair", "Colin Marsh"]
    nadia = council.people[0]
    assert nadia == Person("Nadia Kowalski", Role.CLERK, "Town Clerk", ("Nads",), (), "U01", "8001")
    assert council.people[1].discord_id == "8002"  # an unquoted number is read as the id text
    assert council.committee("planning") is not None
    assert council.committee("planning").name == "Planning Committee"


def test_protocol_path_is_relative_to_the_council_file(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.txt").write_text("x", encoding="utf-8")
    sub = tmp_path / "councils"
    sub.mkdir()
    path = sub / "c.yaml"
    path.write_text(GOOD.replace("protocol: protocol.txt", "protocol: ../docs/p.txt"), encoding="utf-8")
    assert load_council(path).protocol_path == (tmp_path / "docs" / "p.txt").resolve()


def test_the_example_council_loads() -> None:
    council = load_council(REPO / "examples" / "brookfield.yaml")
    assert council.name == "Brookfield Town Council"
    assert council.clerk.name == "Nadia Kowalski"
    assert council.protocol_path.exists()


def test_unknown_keys_are_warnings_not_errors(tmp_path: Path) -> None:
    text = GOOD.replace("    role: vice_chair\n", "    role: vice_chair\n    comittees: [planning]\n")
    loaded = read_council(write(tmp_path, text))
    assert [str(w) for w in loaded.warnings] == ["line 17, people[2].comittees: unknown key, ignored"]


def test_roles_are_forgiving_about_case_and_spaces(tmp_path: Path) -> None:
    council = load_council(write(tmp_path, GOOD.replace("role: vice_chair", "role: Vice Chair")))
    assert council.people[2].role is Role.VICE_CHAIR


# ---------------------------------------------------------------- roster helpers


def test_find_person_by_name_alias_or_unique_first_name(tmp_path: Path) -> None:
    council = load_council(write(tmp_path, GOOD))
    assert council.find_person("nadia kowalski").name == "Nadia Kowalski"
    assert council.find_person("NADS").name == "Nadia Kowalski"
    assert council.find_person("@Priya Nair").name == "Priya Nair"
    assert council.find_person("colin").name == "Colin Marsh"
    assert council.find_person("Nobody") is None
    assert council.find_person("") is None


def test_first_councillor_people_by_role_and_platform_ids(tmp_path: Path) -> None:
    council = load_council(write(tmp_path, GOOD))
    assert council.first_councillor().name == "Priya Nair"
    assert [p.name for p in council.people_with_role(Role.CLERK, "vice_chair")] == ["Nadia Kowalski", "Colin Marsh"]
    assert council.clerk.name == "Nadia Kowalski"
    assert council.person_by_platform_id("slack", "U02").name == "Priya Nair"
    assert council.person_by_platform_id("discord", "8001").name == "Nadia Kowalski"
    assert council.person_by_platform_id("slack", "nope") is None
    assert council.people[0].is_officer and council.people[1].is_member


# ---------------------------------------------------------------- problems, each with key and line


def test_unknown_role_names_the_key_the_line_and_the_roles(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("role: councillor", "role: councilor")))
    assert problems == [
        "line 11, people[1].role: 'councilor' is not a role; use one of clerk, deputy_clerk, rfo, officer, "
        "chair, vice_chair, councillor (did you mean councillor?)"
    ]


def test_missing_keys(tmp_path: Path) -> None:
    text = GOOD.replace("name: Testford Parish Council\n", "").replace("    role: vice_chair\n", "")
    problems = problems_of(write(tmp_path, text))
    assert "line 1, name: this key is missing; add it" in problems
    assert "line 14, people[2].role: this key is missing; add it" in problems


def test_committee_id_not_defined(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("committees: [planning]", "committees: [planning, finanse]")))
    assert problems == ["line 12, people[1].committees[1]: 'finanse' is not a committee id; "
                        "define it under committees: (ids: planning)"]


def test_no_clerk(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("role: clerk", "role: deputy_clerk")))
    assert problems == ["line 3, people: no one has role clerk; add the Clerk, who receives requests and concerns"]


def test_two_clerks(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("role: vice_chair", "role: clerk")))
    assert problems == ["line 16, people[2].role: Nadia Kowalski is already the clerk; only one person can be, "
                        "use deputy_clerk"]


def test_duplicate_platform_ids(tmp_path: Path) -> None:
    text = GOOD.replace("slack_id: U02", "slack_id: U01").replace("discord_id: 8002", 'discord_id: "8001"')
    problems = problems_of(write(tmp_path, text))
    assert problems == [
        "line 13, people[1].slack_id: U01 is also Nadia Kowalski's slack_id (line 8); each person needs their own",
        "line 14, people[1].discord_id: 8001 is also Nadia Kowalski's discord_id (line 9); "
        "each person needs their own",
    ]


def test_duplicate_names_and_aliases(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("name: Colin Marsh", "name: nads")))
    assert problems == ["line 15, people[2].name: 'nads' also names Nadia Kowalski; names and aliases must be unique"]


def test_missing_protocol_file(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD, protocol=False))
    assert len(problems) == 1
    assert problems[0].startswith("line 2, protocol: there is no file at ")
    assert "protocol.txt" in problems[0]


def test_unsupported_protocol_format(tmp_path: Path) -> None:
    (tmp_path / "protocol.rtf").write_text("x", encoding="utf-8")
    problems = problems_of(write(tmp_path, GOOD.replace("protocol.txt", "protocol.rtf")))
    assert problems[0].startswith("line 2, protocol: 'protocol.rtf' is not a format the bot reads")


def test_bad_yaml_gives_the_line(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("aliases: [Nads]", "aliases: [Nads")))
    assert len(problems) == 1
    assert problems[0].startswith("line ")
    assert "this is not valid YAML" in problems[0]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = GOOD.replace("    title: Town Clerk\n", "    title: Town Clerk\n    title: Clerk\n")
    problems = problems_of(write(tmp_path, text))
    assert problems == ["line 7, people[0].title: this key appears twice (also on line 6); keep one"]


def test_wrong_types(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, GOOD.replace("name: Priya Nair", "name: [Priya, Nair]")))
    assert problems == ["line 10, people[1].name: should be text"]


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    text = (GOOD.replace("role: clerk", "role: clark")
            .replace("slack_id: U02", "slack_id: U01")
            .replace("committees: [planning]", "committees: [plannning]"))
    path = write(tmp_path, text, protocol=False)
    with pytest.raises(CouncilFileError) as caught:
        load_council(path)
    message = str(caught.value)
    assert message.startswith(f"{path} has 5 problems; fix them and try again:")
    lines = [line for line in message.splitlines()[1:]]
    assert [line.split(",")[0].strip() for line in lines] == ["line 2", "line 3", "line 5", "line 12", "line 13"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("- just\n- a list\n", "line 1: the file must be a mapping of keys"),
        ("name: X\nprotocol: protocol.txt\npeople: []\n", "line 3, people: the roster is empty"),
    ],
)
def test_files_of_the_wrong_shape(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in str(problems_of(write(tmp_path, text)))


def test_missing_council_file(tmp_path: Path) -> None:
    with pytest.raises(CouncilFileError, match="there is no such file"):
        load_council(tmp_path / "nope.yaml")


# ---------------------------------------------------------------- settings for requests and routing

SETTINGS = GOOD + """\
  - id: finance
    name: Finance Committee
id: testford
nation: Scotland
slack_team_id: T123
discord_guild_id: 9001
requests:
  acknowledge_days: 2
  answer_days: 15
delegations:
  - officer: Farah Siddiqui
    committees: [finance]
    matters: [budget, invoice]
monitoring_officer:
  organisation: Shire District Council
  email: mo@shire.example
office_closures: [2026-12-29, 2026-12-30]
"""


def with_rfo(text: str) -> str:
    return text.replace("committees:\n  - id: planning",
                        "  - name: Farah Siddiqui\n    role: rfo\ncommittees:\n  - id: planning", 1)


def test_settings_for_requests_and_routing(tmp_path: Path) -> None:
    council = load_council(write(tmp_path, with_rfo(SETTINGS)))
    assert council.key == "testford"
    assert council.nation == "scotland"
    assert (council.slack_team_id, council.discord_guild_id) == ("T123", "9001")
    assert (council.requests.acknowledge_days, council.requests.answer_days) == (2, 15)
    assert council.requests.remind_days_before == 2  # the default
    assert council.monitoring_officer.contact_lines == ("Shire District Council", "mo@shire.example")
    assert [str(d) for d in council.office_closures] == ["2026-12-29", "2026-12-30"]
    officer, delegation = council.officer_for("finance", "the bank reconciliation")
    assert officer.name == "Farah Siddiqui" and delegation is not None
    assert council.officer_for(None, "Invoices paid in March")[0].name == "Farah Siddiqui"
    assert council.officer_for("planning", "the tree survey")[0].name == "Nadia Kowalski"


def test_defaults_when_settings_are_absent(tmp_path: Path) -> None:
    council = load_council(write(tmp_path, GOOD))
    assert council.key == "testford-parish-council"
    assert council.nation == "england"
    assert council.requests.answer_days == 10 and council.requests.acknowledge_days == 1
    assert council.delegations == () and council.monitoring_officer.contact_lines == ()


def test_bad_settings_are_all_reported_with_keys(tmp_path: Path) -> None:
    text = (GOOD + "nation: Atlantis\nid: Not A Slug\nrequests:\n  answer_days: none\n"
            "delegations:\n  - officer: Priya Nair\n    committees: [parks]\n  - officer: Nobody\n"
            "office_closures: [soon]\n")
    found = problems_of(write(tmp_path, text))
    joined = "\n".join(found)
    assert "nation: 'Atlantis' is not a nation the bot knows" in joined
    assert "id: should be short lower-case letters" in joined
    assert "requests.answer_days: should be a whole number" in joined
    assert "delegations[0].officer: Priya Nair is not an officer" in joined
    assert "delegations[0].committees[0]: 'parks' is not a committee id" in joined
    assert "delegations[1].officer: 'Nobody' is not on the roster" in joined
    assert "delegations[1]: say what is delegated" in joined
    assert "office_closures[0]: should be a date" in joined
    assert all(line.startswith("line ") for line in found)
