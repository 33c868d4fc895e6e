"""The council file: who is who, which committees exist, where the protocol is.

``load_council(path)`` reads one YAML file (format in SPEC.md, "The council file")
into plain dataclasses. The file is checked in three steps, and every problem found
is reported at once, each naming its key and line:

1. YAML syntax and duplicate keys (on the composed node tree, which keeps lines);
2. the shape of each entry, by the pydantic models ``_CouncilEntry`` and friends;
3. rules across entries (``_cross_checks``): committee ids defined, exactly one
   clerk, no two people sharing a platform id or a name, the protocol file exists.

To add a key: add a field to the pydantic entry model, a field to the dataclass,
and pass it on in ``_build``. Keys the models do not know are ignored with a
warning (``read_council(...).warnings``), so a file written for a newer version of
the bot still loads.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Iterable

import yaml
from protocol.concerns import ROUTE_TARGETS, RoutingPolicy
from protocol.conduct import Sensitivity
from protocol.requests import ResponseTargets
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

PROTOCOL_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".yaml", ".yml")


class Role(StrEnum):
    """A person's role on the council, as written in the council file."""

    CLERK = "clerk"
    DEPUTY_CLERK = "deputy_clerk"
    RFO = "rfo"
    OFFICER = "officer"
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    COUNCILLOR = "councillor"

    @property
    def label(self) -> str:
        """How the role reads in a sentence ("Deputy Clerk", "councillor")."""
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.CLERK: "Clerk",
    Role.DEPUTY_CLERK: "Deputy Clerk",
    Role.RFO: "Responsible Financial Officer",
    Role.OFFICER: "officer",
    Role.CHAIR: "Chair",
    Role.VICE_CHAIR: "Vice-Chair",
    Role.COUNCILLOR: "councillor",
}
OFFICER_ROLES = frozenset({Role.CLERK, Role.DEPUTY_CLERK, Role.RFO, Role.OFFICER})
MEMBER_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.COUNCILLOR})


# ---------------------------------------------------------------- the dataclasses


@dataclass(frozen=True)
class Person:
    """Someone on the council's roster: a councillor or an officer."""

    name: str
    role: Role
    title: str | None = None
    aliases: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    slack_id: str | None = None
    discord_id: str | None = None

    @property
    def is_officer(self) -> bool:
        """True for staff (clerk, deputy clerk, RFO, officer)."""
        return self.role in OFFICER_ROLES

    @property
    def is_member(self) -> bool:
        """True for elected members (chair, vice-chair, councillor)."""
        return self.role in MEMBER_ROLES

    @property
    def post(self) -> str:
        """The post as people refer to it: the title, or the role's label."""
        return self.title or self.role.label

    def answers_to(self, name: str) -> bool:
        """True if ``name`` is this person's name or one of their aliases (any case)."""
        wanted = _fold(name)
        return wanted == _fold(self.name) or any(wanted == _fold(a) for a in self.aliases)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Committee:
    """A committee of the council, referred to by ``id`` in the council file."""

    id: str
    name: str


NATIONS = ("england", "wales", "scotland", "northern_ireland")


@dataclass(frozen=True)
class Delegation:
    """Matters the Clerk has delegated to another officer: by committee, or by words in the request."""

    officer: str  # roster name
    committees: tuple[str, ...] = ()
    matters: tuple[str, ...] = ()

    def covers(self, committee: str | None, text: str) -> bool:
        """True if a request about ``committee`` with this ``text`` falls under this delegation."""
        if committee and committee in self.committees:
            return True
        words = _fold(f"{committee or ''} {text}")
        return any(re.search(rf"\b{re.escape(_fold(m))}", words) for m in self.matters)


@dataclass(frozen=True)
class MonitoringOfficer:
    """The principal council's Monitoring Officer: where code-of-conduct complaints go."""

    name: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None

    @property
    def contact_lines(self) -> tuple[str, ...]:
        """The configured contact details, one per line."""
        parts = (self.name, self.organisation, self.address, self.email, self.phone, self.url)
        return tuple(p for p in parts if p)


@dataclass(frozen=True)
class ModerationSettings:
    """The council's tuning of nudges on public criticism of officers (``moderation:`` in the file)."""

    sensitivity: Sensitivity = Sensitivity.NORMAL
    exempt_channels: tuple[str, ...] = ()  # channel names, without ``#``, lower case: never nudged there
    extra_words: tuple[str, ...] = ()  # more criticism words or phrases for the detector
    ignore_words: tuple[str, ...] = ()  # words the detector never takes as criticism here
    notify_reviewer: bool = False  # DM the reviewer at once; otherwise flags wait in the review
    burst_minutes: int = 10  # one nudge per author per this many minutes, however many messages
    retention_months: int = 12  # flags keep their excerpt this long, then only a stub (``protocol-bot purge``)

    def is_exempt(self, channel: str | None) -> bool:
        """True for a channel listed in ``exempt_channels`` (any case, with or without ``#``)."""
        return channel is not None and channel.lstrip("#").casefold() in self.exempt_channels


@dataclass(frozen=True)
class Council:
    """One council: its name, its protocol document, its roster and its settings."""

    name: str
    protocol_path: Path
    people: tuple[Person, ...]
    committees: tuple[Committee, ...] = ()
    source: Path | None = None
    key: str = ""  # the council's id in the database; from ``id:``, else made from the name
    nation: str = "england"  # whose bank holidays count: england, wales, scotland, northern_ireland
    slack_team_id: str | None = None
    discord_guild_id: str | None = None
    requests: ResponseTargets = ResponseTargets()
    delegations: tuple[Delegation, ...] = ()
    monitoring_officer: MonitoringOfficer = MonitoringOfficer()
    office_closures: tuple[date, ...] = ()
    concern_routing: RoutingPolicy = RoutingPolicy()
    concern_retention_years: int = 6  # closed concerns keep their text this long, then only a stub
    concern_acknowledge_days: int = 2  # a new concern not acknowledged in this many working days is overdue
    moderation: ModerationSettings = ModerationSettings()

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", council_key(self.name))

    @property
    def clerk(self) -> Person:
        """The Clerk (the Proper Officer). A loaded council always has exactly one."""
        clerks = self.people_with_role(Role.CLERK)
        if not clerks:
            raise LookupError(f"{self.name} has no clerk on its roster")
        return clerks[0]

    def people_with_role(self, *roles: Role | str) -> tuple[Person, ...]:
        """Everyone with one of these roles, in roster order."""
        wanted = {Role(r) for r in roles}
        return tuple(p for p in self.people if p.role in wanted)

    def first_councillor(self) -> Person | None:
        """The first person with the role ``councillor``, if any."""
        found = self.people_with_role(Role.COUNCILLOR)
        return found[0] if found else None

    def find_person(self, name: str) -> Person | None:
        """The person with this name or alias (any case, a leading ``@`` ignored).

        Falls back to a first name when exactly one person has it, so ``Priya``
        finds Priya Nair.
        """
        wanted = name.strip().lstrip("@").strip()
        if not wanted:
            return None
        for person in self.people:
            if person.answers_to(wanted):
                return person
        by_first = [p for p in self.people if _fold(p.name.split()[0]) == _fold(wanted)]
        return by_first[0] if len(by_first) == 1 else None

    def person_by_platform_id(self, platform: str, user_id: str) -> Person | None:
        """The person whose ``slack_id`` or ``discord_id`` (``platform``) is ``user_id``."""
        attr = {"slack": "slack_id", "discord": "discord_id"}.get(platform)
        if attr is None:
            return None
        return next((p for p in self.people if getattr(p, attr) == user_id), None)

    def committee(self, committee_id: str) -> Committee | None:
        """The committee with this id, or None."""
        return next((c for c in self.committees if c.id == committee_id), None)

    def person(self, name: str) -> Person | None:
        """The person with exactly this roster name (as stored with requests and concerns)."""
        return next((p for p in self.people if p.name == name), None)

    def officer_for(self, committee: str | None, text: str) -> tuple[Person, Delegation | None]:
        """Who handles a request: the officer the Clerk delegated the matter to, else the Clerk."""
        for delegation in self.delegations:
            officer = self.person(delegation.officer)
            if officer is not None and delegation.covers(committee, text):
                return officer, delegation
        return self.clerk, None

    @property
    def chair(self) -> Person | None:
        """The Chair of the council, if on the roster."""
        found = self.people_with_role(Role.CHAIR)
        return found[0] if found else None

    @property
    def vice_chair(self) -> Person | None:
        """The Vice-Chair, if on the roster."""
        found = self.people_with_role(Role.VICE_CHAIR)
        return found[0] if found else None


# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    """One problem in a council file, at a key and (where known) a line."""

    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = ", ".join(part for part in (f"line {self.line}" if self.line else "", self.key) if part)
        return f"{where}: {self.message}" if where else self.message


class CouncilFileError(Exception):
    """The council file cannot be used; ``problems`` lists every reason found."""

    def __init__(self, path: str | Path, problems: Iterable[Problem]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return f"{self.path}: {self.problems[0]}"
        lines = [f"{self.path} has {len(self.problems)} problems; fix them and try again:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class LoadedCouncil:
    """A council read from its file, with warnings about keys that were ignored."""

    council: Council
    warnings: tuple[Problem, ...] = ()


# ---------------------------------------------------------------- loading


def load_council(path: str | Path) -> Council:
    """Read and check a council file; raise CouncilFileError listing every problem."""
    return read_council(path).council


def read_council(path: str | Path) -> LoadedCouncil:
    """Like :func:`load_council`, also returning warnings (unknown keys)."""
    p = Path(path)
    if not p.exists():
        raise CouncilFileError(p, [Problem("", "there is no such file; check the path to the council file")])
    if p.is_dir():
        raise CouncilFileError(p, [Problem("", "this is a folder; give the path of the council's .yaml file")])
    try:
        text = p.read_text(encoding="utf-8")
    except PermissionError:
        raise CouncilFileError(p, [Problem("", "permission denied; make the file readable for this user")]) from None
    except UnicodeDecodeError:
        raise CouncilFileError(p, [Problem("", "the file is not UTF-8 text; save it as UTF-8 YAML")]) from None
    return parse_council(text, base_dir=p.parent, source=p)


def parse_council(text: str, *, base_dir: Path, source: str | Path = "<council file>") -> LoadedCouncil:
    """Check council-file ``text``; relative paths are taken from ``base_dir``."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CouncilFileError(source, [Problem("", f"this is not valid YAML ({reason})", line)]) from None
    if root is None or data is None:
        raise CouncilFileError(source, [Problem("", "the file is empty; see SPEC.md for the keys it needs")])
    if not isinstance(data, dict):
        raise CouncilFileError(source, [Problem(
            "", "the file must be a mapping of keys (name, protocol, people, committees)", root.start_mark.line + 1
        )])

    lines: dict[tuple[Any, ...], int] = {}
    problems = _walk_nodes(root, (), root.start_mark.line + 1, lines)
    where = _LineFinder(lines)

    entry: _CouncilEntry | None = None
    try:
        entry = _CouncilEntry.model_validate(data)
    except ValidationError as exc:
        problems += [_from_pydantic(err, where) for err in exc.errors()]
    problems += _cross_checks(data, base_dir, where)
    if problems:
        raise CouncilFileError(source, _unique_sorted(problems))
    assert entry is not None
    return LoadedCouncil(_build(entry, base_dir, source), tuple(_unknown_keys(entry, where)))


# ---------------------------------------------------------------- step 1: YAML nodes


def _walk_nodes(node: yaml.Node, path: tuple[Any, ...], line: int, lines: dict[tuple[Any, ...], int]) -> list[Problem]:
    """Record the line of every key and list item; report duplicate keys."""
    lines[path] = line
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            key_line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(_key_name(path + (key,)),
                                        f"this key appears twice (also on line {seen[key]}); keep one", key_line))
            seen.setdefault(key, key_line)
            problems += _walk_nodes(value_node, path + (key,), key_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _walk_nodes(item, path + (i,), item.start_mark.line + 1, lines)
    return problems


class _LineFinder:
    """The line of a key path, or of its nearest enclosing key when it is missing."""

    def __init__(self, lines: dict[tuple[Any, ...], int]) -> None:
        self._lines = lines

    def __call__(self, path: tuple[Any, ...]) -> int | None:
        for end in range(len(path), -1, -1):
            if path[:end] in self._lines:
                return self._lines[path[:end]]
        return None


def _key_name(path: Iterable[Any]) -> str:
    """``("people", 3, "role")`` as ``people[3].role``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# ---------------------------------------------------------------- step 2: entry shapes


def _as_list(value: Any) -> Any:
    """Let a single value stand for a one-item list; ``null`` for an empty one."""
    if value is None:
        return []
    return [value] if isinstance(value, (str, int)) else value


class _Entry(BaseModel):
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True, str_strip_whitespace=True)


class _PersonEntry(_Entry):
    name: str = Field(min_length=1)
    role: Role
    title: str | None = None
    aliases: list[str] = []
    committees: list[str] = []
    slack_id: str | None = None
    discord_id: str | None = None

    @field_validator("role", mode="before")
    @classmethod
    def known_role(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        role = value.strip().lower().replace(" ", "_").replace("-", "_")
        if role not in Role.__members__.values():
            close = difflib.get_close_matches(role, list(Role), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise PydanticCustomError(
                "unknown_role", "'{value}' is not a role; use one of {roles}{hint}",
                {"value": value, "hint": hint, "roles": ", ".join(Role)},
            )
        return role

    @field_validator("aliases", "committees", mode="before")
    @classmethod
    def list_or_single(cls, value: Any) -> Any:
        return _as_list(value)


class _CommitteeEntry(_Entry):
    id: str = Field(min_length=1)
    name: str | None = None


class _RequestsEntry(_Entry):
    acknowledge_days: int = Field(default=1, ge=0, le=30)
    answer_days: int = Field(default=10, ge=1, le=60)
    remind_days_before: int = Field(default=2, ge=0, le=30)


class _DelegationEntry(_Entry):
    officer: str = Field(min_length=1)
    committees: list[str] = []
    matters: list[str] = []

    @field_validator("committees", "matters", mode="before")
    @classmethod
    def list_or_single(cls, value: Any) -> Any:
        return _as_list(value)


class _MonitoringOfficerEntry(_Entry):
    name: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None


class _RoutesEntry(_Entry):
    councillor_about_officer: str = "clerk"
    councillor_about_councillor: str = "chair"
    officer_about_councillor: str = "clerk"
    officer_about_officer: str = "clerk"
    about_clerk: str = "chair"
    grievance: str = "personnel_chair"
    other: str = "clerk"


class _ConcernsEntry(_Entry):
    retention_years: int = Field(default=6, ge=1, le=100)
    acknowledge_days: int = Field(default=2, ge=0, le=30)
    personnel_chair: str | None = None
    routes: _RoutesEntry = _RoutesEntry()


class _ModerationEntry(_Entry):
    sensitivity: str = "normal"
    exempt_channels: list[str] = []
    extra_words: list[str] = []
    ignore_words: list[str] = []
    notify_reviewer: bool = False
    burst_minutes: int = Field(default=10, ge=0, le=1440)
    retention_months: int = Field(default=12, ge=1, le=1200)

    @field_validator("exempt_channels", "extra_words", "ignore_words", mode="before")
    @classmethod
    def list_or_single(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("sensitivity", mode="before")
    @classmethod
    def known_sensitivity(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        level = value.strip().lower()
        if level not in Sensitivity.__members__.values():
            raise PydanticCustomError(
                "unknown_sensitivity", "'{value}' is not a sensitivity; use one of {levels}",
                {"value": value, "levels": ", ".join(Sensitivity)},
            )
        return level


class _CouncilEntry(_Entry):
    name: str = Field(min_length=1)
    protocol: str = Field(min_length=1)
    people: list[_PersonEntry] = Field(min_length=1)
    committees: list[_CommitteeEntry] = []
    id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")
    nation: str = "england"
    slack_team_id: str | None = None
    discord_guild_id: str | None = None
    requests: _RequestsEntry = _RequestsEntry()
    delegations: list[_DelegationEntry] = []
    monitoring_officer: _MonitoringOfficerEntry = _MonitoringOfficerEntry()
    office_closures: list[date] = []
    concerns: _ConcernsEntry = _ConcernsEntry()
    moderation: _ModerationEntry = _ModerationEntry()

    @field_validator("committees", "delegations", "office_closures", mode="before")
    @classmethod
    def list_or_single(cls, value: Any) -> Any:
        return _as_list(value)

    @field_validator("nation", mode="before")
    @classmethod
    def known_nation(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        nation = value.strip().lower().replace(" ", "_").replace("-", "_")
        if nation not in NATIONS:
            raise PydanticCustomError(
                "unknown_nation", "'{value}' is not a nation the bot knows; use one of {nations}",
                {"value": value, "nations": ", ".join(NATIONS)},
            )
        return nation


_PYDANTIC_WORDING = {
    "missing": "this key is missing; add it",
    "string_type": "should be text",
    "list_type": "should be a list, like [a, b]",
    "model_type": "should be a mapping of keys",
    "dict_type": "should be a mapping of keys",
    "string_too_short": "should not be empty",
    "too_short": "should not be empty",
    "int_parsing": "should be a whole number",
    "int_type": "should be a whole number",
    "greater_than_equal": "is too small",
    "less_than_equal": "is too large",
    "date_from_datetime_parsing": "should be a date, like 2026-12-29",
    "date_parsing": "should be a date, like 2026-12-29",
    "date_type": "should be a date, like 2026-12-29",
    "string_pattern_mismatch": "should be short lower-case letters, digits, - or _ (like brookfield-tc)",
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
}


def _from_pydantic(err: Any, where: _LineFinder) -> Problem:
    loc = tuple(err["loc"])
    if err["type"] in ("unknown_role", "unknown_nation", "unknown_sensitivity"):
        message = err["msg"]
    elif err["type"] == "too_short" and loc == ("people",):
        message = "the roster is empty; list at least the clerk"
    else:
        message = _PYDANTIC_WORDING.get(err["type"], err["msg"])
    return Problem(_key_name(loc), message, where(loc))


# ---------------------------------------------------------------- step 3: cross checks


def _cross_checks(data: dict[str, Any], base_dir: Path, where: _LineFinder) -> list[Problem]:
    """Rules that span entries; run on the raw data so that they report alongside step 2."""
    problems: list[Problem] = []

    def add(path: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(_key_name(path), message, where(path)))

    protocol = data.get("protocol")
    if isinstance(protocol, str) and protocol.strip():
        target = base_dir / protocol.strip()
        if not target.exists():
            add(("protocol",), f"there is no file at {target}; give its path relative to the council file")
        elif target.is_dir():
            add(("protocol",), f"{target} is a folder; give the path of the protocol document or pack")
        elif target.suffix.lower() not in PROTOCOL_SUFFIXES:
            add(("protocol",), f"'{target.name}' is not a format the bot reads; use a .txt, .md, .pdf or "
                               ".docx document, or a .yaml pack made by 'protocol-bot import'")

    committees = data.get("committees")
    committee_ids: list[str] = []
    if isinstance(committees, list):
        first_line: dict[str, int | None] = {}
        for i, c in enumerate(committees):
            if isinstance(c, dict) and isinstance(c.get("id"), (str, int)):
                cid = str(c["id"]).strip()
                if cid in first_line:
                    add(("committees", i, "id"), f"committee id '{cid}' is already used on line {first_line[cid]}")
                first_line.setdefault(cid, where(("committees", i, "id")))
                if cid not in committee_ids:
                    committee_ids.append(cid)

    people = data.get("people")
    if not isinstance(people, list):
        return problems
    entries = [(i, p) for i, p in enumerate(people) if isinstance(p, dict)]
    clerks = [i for i, p in entries if _role_of(p) == Role.CLERK]
    if people and not clerks:
        add(("people",), "no one has role clerk; add the Clerk, who receives requests and concerns")
    for i in clerks[1:]:
        first = people[clerks[0]].get("name", "someone")
        add(("people", i, "role"), f"{first} is already the clerk; only one person can be, use deputy_clerk")

    for i, p in entries:
        for j, cid in enumerate(_as_list(p.get("committees"))):
            if isinstance(cid, (str, int)) and str(cid).strip() not in committee_ids:
                known = ", ".join(committee_ids) or "none defined yet"
                add(("people", i, "committees", j),
                    f"'{cid}' is not a committee id; define it under committees: (ids: {known})")

    for key in ("slack_id", "discord_id"):
        owner: dict[str, int] = {}
        for i, p in entries:
            value = p.get(key)
            if value is None or value == "":
                continue
            value = str(value).strip()
            if value in owner:
                other = people[owner[value]].get("name", f"people[{owner[value]}]")
                seen_on = where(("people", owner[value], key))
                add(("people", i, key), f"{value} is also {other}'s {key} (line {seen_on}); "
                                        "each person needs their own")
            owner.setdefault(value, i)

    roles = {str(p.get("name", "")).strip(): _role_of(p) for _, p in entries}
    officer_roles = {r.value for r in OFFICER_ROLES}
    delegations = data.get("delegations")
    for i, d in enumerate(_as_list(delegations) if isinstance(delegations, (list, dict)) else []):
        if not isinstance(d, dict):
            continue
        officer = d.get("officer")
        if isinstance(officer, str) and officer.strip():
            if officer.strip() not in roles:
                add(("delegations", i, "officer"), f"'{officer}' is not on the roster; use a name from people:")
            elif roles[officer.strip()] not in officer_roles:
                add(("delegations", i, "officer"), f"{officer} is not an officer; matters can only be "
                                                   "delegated to staff")
        for j, cid in enumerate(_as_list(d.get("committees"))):
            if isinstance(cid, (str, int)) and str(cid).strip() not in committee_ids:
                add(("delegations", i, "committees", j), f"'{cid}' is not a committee id; define it under "
                                                         "committees:")
        if not _as_list(d.get("committees")) and not _as_list(d.get("matters")):
            add(("delegations", i), "say what is delegated: add committees: [ids] or matters: [words]")

    concerns = data.get("concerns")
    if isinstance(concerns, dict):
        chair_name = concerns.get("personnel_chair")
        if isinstance(chair_name, str) and chair_name.strip():
            if chair_name.strip() not in roles:
                add(("concerns", "personnel_chair"), f"'{chair_name}' is not on the roster; use a name from people:")
            elif roles[chair_name.strip()] in officer_roles:
                add(("concerns", "personnel_chair"), f"{chair_name} is an officer; the personnel committee's chair "
                                                     "is a councillor")
        routes = concerns.get("routes")
        for rule, target in (routes.items() if isinstance(routes, dict) else []):
            if isinstance(target, str) and target.strip() not in ROUTE_TARGETS and target.strip() not in roles:
                add(("concerns", "routes", rule), f"'{target}' is neither a post ({', '.join(ROUTE_TARGETS)}) "
                                                  "nor a name on the roster")

    problems += _moderation_checks(data.get("moderation"), where)

    for key in ("slack_team_id", "discord_guild_id"):
        if key in data and isinstance(data[key], (dict, list)):
            add((key,), "should be one id")

    names: dict[str, int] = {}
    for i, p in entries:
        for key, value in [("name", p.get("name"))] + [("aliases", a) for a in _as_list(p.get("aliases"))]:
            if not isinstance(value, str) or not value.strip():
                continue
            folded = _fold(value)
            if folded in names and names[folded] != i:
                other = people[names[folded]].get("name", f"people[{names[folded]}]")
                add(("people", i, key), f"'{value.strip()}' also names {other}; names and aliases must be unique")
            names.setdefault(folded, i)
    return problems


def _moderation_checks(moderation: Any, where: _LineFinder) -> list[Problem]:
    """Empty words or channels, and a word that is both an extra and an ignored one."""
    if not isinstance(moderation, dict):
        return []
    problems: list[Problem] = []
    lists: dict[str, list[Any]] = {}
    for key in ("exempt_channels", "extra_words", "ignore_words"):
        value = moderation.get(key)
        lists[key] = _as_list(value) if isinstance(value, (list, str, int)) or value is None else []
        for i, item in enumerate(lists[key]):
            if isinstance(item, (str, int)) and not str(item).strip().lstrip("#").strip():
                path = ("moderation", key, i)
                problems.append(Problem(_key_name(path), "should not be empty; remove it or fill it in", where(path)))
    extra = {_fold(str(w)) for w in lists["extra_words"] if isinstance(w, (str, int))}
    for i, word in enumerate(lists["ignore_words"]):
        if isinstance(word, (str, int)) and str(word).strip() and _fold(str(word)) in extra:
            path = ("moderation", "ignore_words", i)
            problems.append(Problem(_key_name(path), f"'{str(word).strip()}' is also in extra_words; "
                                                     "keep it in one list", where(path)))
    return problems


def _role_of(person: dict[str, Any]) -> str | None:
    role = person.get("role")
    return role.strip().lower() if isinstance(role, str) else None


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.key, p.message) not in seen:
            seen.add((p.key, p.message))
            out.append(p)
    return sorted(out, key=lambda p: p.line or 0)


def _unknown_keys(entry: _CouncilEntry, where: _LineFinder) -> list[Problem]:
    found: list[Problem] = []

    def note(path: tuple[Any, ...], model: BaseModel) -> None:
        for key in model.model_extra or {}:
            found.append(Problem(_key_name(path + (key,)), "unknown key, ignored", where(path + (key,))))

    note((), entry)
    for i, person in enumerate(entry.people):
        note(("people", i), person)
    for i, committee in enumerate(entry.committees):
        note(("committees", i), committee)
    for i, delegation in enumerate(entry.delegations):
        note(("delegations", i), delegation)
    note(("requests",), entry.requests)
    note(("concerns",), entry.concerns)
    note(("concerns", "routes"), entry.concerns.routes)
    note(("monitoring_officer",), entry.monitoring_officer)
    note(("moderation",), entry.moderation)
    return found


# ---------------------------------------------------------------- building


def _build(entry: _CouncilEntry, base_dir: Path, source: str | Path) -> Council:
    return Council(
        name=entry.name,
        protocol_path=(base_dir / entry.protocol).resolve(),
        people=tuple(
            Person(
                name=p.name,
                role=p.role,
                title=p.title or None,
                aliases=tuple(a for a in p.aliases if a),
                committees=tuple(p.committees),
                slack_id=p.slack_id or None,
                discord_id=p.discord_id or None,
            )
            for p in entry.people
        ),
        committees=tuple(Committee(c.id, c.name or c.id) for c in entry.committees),
        source=Path(source) if not isinstance(source, Path) else source,
        key=entry.id or council_key(entry.name),
        nation=entry.nation,
        slack_team_id=entry.slack_team_id or None,
        discord_guild_id=entry.discord_guild_id or None,
        requests=ResponseTargets(**entry.requests.model_dump(exclude=set(entry.requests.model_extra or {}))),
        delegations=tuple(
            Delegation(d.officer, tuple(d.committees), tuple(m for m in d.matters if m)) for d in entry.delegations
        ),
        monitoring_officer=MonitoringOfficer(
            **entry.monitoring_officer.model_dump(exclude=set(entry.monitoring_officer.model_extra or {}))
        ),
        office_closures=tuple(sorted(set(entry.office_closures))),
        concern_routing=RoutingPolicy(
            **entry.concerns.routes.model_dump(exclude=set(entry.concerns.routes.model_extra or {})),
            personnel_chair=entry.concerns.personnel_chair or None,
        ),
        concern_retention_years=entry.concerns.retention_years,
        concern_acknowledge_days=entry.concerns.acknowledge_days,
        moderation=_moderation(entry.moderation),
    )


def _moderation(entry: _ModerationEntry) -> ModerationSettings:
    def words(items: list[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(" ".join(w.split()) for w in items if w.strip()))

    return ModerationSettings(
        sensitivity=Sensitivity(entry.sensitivity),
        exempt_channels=tuple(dict.fromkeys(c.strip().lstrip("#").strip().casefold()
                                            for c in entry.exempt_channels if c.strip().lstrip("#").strip())),
        extra_words=words(entry.extra_words),
        ignore_words=words(entry.ignore_words),
        notify_reviewer=entry.notify_reviewer,
        burst_minutes=entry.burst_minutes,
        retention_months=entry.retention_months,
    )


def council_key(name: str) -> str:
    """A council's database key made from its name: ``Brookfield Town Council`` -> ``brookfield-town-council``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return slug[:63] or "council"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


__all__ = [
    "Committee",
    "Council",
    "Delegation",
    "MonitoringOfficer",
    "ResponseTargets",
    "council_key",
    "CouncilFileError",
    "LoadedCouncil",
    "MEMBER_ROLES",
    "ModerationSettings",
    "OFFICER_ROLES",
    "Person",
    "Problem",
    "Role",
    "load_council",
    "parse_council",
    "read_council",
]
