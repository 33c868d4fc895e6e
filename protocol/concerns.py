"""Private concerns as plain records: what was raised, about whom, who handles it, and what was said.

The text of a concern (its summary, the hoped-for outcome, every message and the
outcome note) is personal data: ``storage/`` encrypts it at rest and these records
hold it in plain text only in memory. People are named by their roster name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class ConcernCategory(StrEnum):
    """What a concern is about (the categories of the intake form)."""

    OFFICER_CONDUCT = "officer_conduct"
    COUNCILLOR_CONDUCT = "councillor_conduct"
    CODE_OF_CONDUCT = "code_of_conduct"
    POLITICAL_NEUTRALITY = "political_neutrality"
    CONFIDENTIALITY = "confidentiality"
    BULLYING = "bullying"
    WORKING_RELATIONSHIP = "working_relationship"
    OWN_EMPLOYMENT = "own_employment"
    OTHER = "other"

    @property
    def label(self) -> str:
        """How the category reads in a list."""
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    ConcernCategory.OFFICER_CONDUCT: "an officer's conduct or capability",
    ConcernCategory.COUNCILLOR_CONDUCT: "a councillor's conduct",
    ConcernCategory.CODE_OF_CONDUCT: "a formal code-of-conduct complaint about a councillor",
    ConcernCategory.POLITICAL_NEUTRALITY: "political neutrality",
    ConcernCategory.CONFIDENTIALITY: "confidentiality",
    ConcernCategory.BULLYING: "bullying or harassment",
    ConcernCategory.WORKING_RELATIONSHIP: "the working relationship",
    ConcernCategory.OWN_EMPLOYMENT: "my own employment (a grievance)",
    ConcernCategory.OTHER: "something else",
}


class ConcernStatus(StrEnum):
    """Where a concern stands."""

    NEW = "new"  # recorded and routed, not yet acknowledged
    ACKNOWLEDGED = "acknowledged"
    IN_DISCUSSION = "in_discussion"
    RESOLVED_INFORMALLY = "resolved_informally"
    REFERRED = "referred"  # to a formal procedure
    CLOSED = "closed"
    ADVICE_GIVEN = "advice_given"  # a formal complaint: the bot gave the Monitoring Officer's contact

    @property
    def label(self) -> str:
        """How the status reads in a sentence."""
        return _STATUS_LABELS[self]

    @property
    def is_closed(self) -> bool:
        """True once nothing more is expected (resolved, referred, closed, or advice given)."""
        return self in CLOSED_CONCERN_STATUSES


_STATUS_LABELS = {
    ConcernStatus.NEW: "new",
    ConcernStatus.ACKNOWLEDGED: "acknowledged",
    ConcernStatus.IN_DISCUSSION: "in discussion",
    ConcernStatus.RESOLVED_INFORMALLY: "resolved informally",
    ConcernStatus.REFERRED: "referred to a formal procedure",
    ConcernStatus.CLOSED: "closed",
    ConcernStatus.ADVICE_GIVEN: "advice given (Monitoring Officer)",
}
CLOSED_CONCERN_STATUSES = frozenset(
    {ConcernStatus.RESOLVED_INFORMALLY, ConcernStatus.REFERRED, ConcernStatus.CLOSED, ConcernStatus.ADVICE_GIVEN}
)
# Statuses a handler may set; each closing one needs an outcome note.
HANDLER_STATUSES = (
    ConcernStatus.ACKNOWLEDGED, ConcernStatus.IN_DISCUSSION, ConcernStatus.RESOLVED_INFORMALLY,
    ConcernStatus.REFERRED, ConcernStatus.CLOSED,
)


class MessageKind(StrEnum):
    """One entry in the conversation about a concern."""

    REPLY = "reply"  # from the handler or the raiser
    QUESTION = "question"  # the handler asks the raiser something
    STATUS = "status"  # the handler changed the status (the body is the note, if any)
    NOTE = "note"  # the bot's own record, e.g. the advice it gave


@dataclass(frozen=True)
class Concern:
    """A concern, as stored. ``ref`` (``C-4``) is what people quote; ``id`` is the database key."""

    council: str
    raiser: str
    category: ConcernCategory
    summary: str  # what happened (personal data: encrypted at rest)
    handlers: tuple[str, ...]  # roster names of those who handle it; empty for advice-only routes
    route: str  # the routing rule applied (protocol.concern_routing), e.g. "about_clerk"
    created_at: datetime
    about: str | None = None  # a roster name, or None for "other"
    about_other: str | None = None  # who or what, when not on the roster (encrypted at rest)
    hoped_outcome: str = ""  # (encrypted at rest)
    clause_id: str | None = None  # the council's clause the route rests on
    status: ConcernStatus = ConcernStatus.NEW
    outcome: str | None = None  # the closing note (encrypted at rest)
    note_for_clerk: bool = False  # a formal complaint: the person asked for a note to the Clerk too
    closed_at: datetime | None = None
    purged_at: datetime | None = None  # the text was deleted under the retention rule; a stub remains
    updated_at: datetime | None = None
    id: int | None = None
    number: int | None = None
    version: int = 0

    @property
    def ref(self) -> str:
        """The reference people quote, ``C-4``."""
        return f"C-{self.number}" if self.number is not None else "C-?"

    def readable_by(self, name: str) -> bool:
        """Only the raiser and the handlers may read a concern."""
        return name == self.raiser or name in self.handlers

    def evolve(self, **changes: Any) -> Concern:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)


@dataclass(frozen=True)
class ConcernMessage:
    """One message about a concern: a reply, a question, a status change or a note."""

    kind: MessageKind
    at: datetime
    author: str  # a roster name, or "protocol-bot"
    body: str = ""  # (encrypted at rest)
    status: ConcernStatus | None = None  # for STATUS: the new status
    concern_id: int | None = None
    id: int | None = None


ROUTE_TARGETS = ("clerk", "chair", "vice_chair", "personnel_chair")


@dataclass(frozen=True)
class RoutingPolicy:
    """Who handles which concerns: a council's choices, with the usual defaults.

    Each value is a post (``clerk``, ``chair``, ``vice_chair``, ``personnel_chair``)
    or a roster name. A concern is never routed to the person it is about, nor to
    the one who raised it: the rules fall back along the chain of posts.
    """

    councillor_about_officer: str = "clerk"  # Bracknell: "chair"
    councillor_about_councillor: str = "chair"
    officer_about_councillor: str = "clerk"
    officer_about_officer: str = "clerk"
    about_clerk: str = "chair"
    grievance: str = "personnel_chair"  # an employee's complaint about their own employment
    other: str = "clerk"
    personnel_chair: str | None = None  # roster name of the chair of the personnel (staffing) committee
